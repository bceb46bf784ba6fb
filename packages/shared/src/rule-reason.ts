// The placeholders a recommendation rule's reason may use (issue 16): the one list the engine
// fills (packages/core/src/recommendations/engine.ts, `fillReason`), the owner's rule editor
// checks (updateRecommendationRule) and the admin form's hint says, per kind of suggestion. A
// placeholder the engine doesn't fill would be shown to customers as it is ("{secret}"), and one
// it fills with nothing for this kind would read wrong ({saving} on an add-on: "$0.00").

/** The kinds of suggestion (a rule target's `type`) and what decides their placeholders. */
export interface ReasonTarget {
  type: "upgrade" | "add-extra" | "best-of-kind" | "swap-proteins" | "switch-package";
  /** switch-package: shown only when the new total is lower (else there may be no saving). */
  onlyIfCheaper?: boolean;
}

export const REASON_PLACEHOLDERS = ["{item}", "{price}", "{delta}", "{saving}"] as const;
export type ReasonPlaceholder = (typeof REASON_PLACEHOLDERS)[number];

/** The placeholders a reason of this kind of suggestion may use, in the order the hint says them. */
export function reasonPlaceholders(t: ReasonTarget): ReasonPlaceholder[] {
  switch (t.type) {
    case "swap-proteins":
      // No one price: the swap is of several proteins.
      return ["{item}", "{delta}"];
    case "switch-package":
      return t.onlyIfCheaper === false
        ? ["{item}", "{price}", "{delta}"]
        : ["{item}", "{price}", "{delta}", "{saving}"];
    default:
      return ["{item}", "{price}", "{delta}"];
  }
}

/** What each placeholder says, for this kind of suggestion. */
function placeholderWords(p: ReasonPlaceholder, t: ReasonTarget): string {
  switch (p) {
    case "{item}":
      return t.type === "switch-package"
        ? "{item} is the package's name"
        : t.type === "swap-proteins"
          ? "{item} the proteins suggested"
          : "{item} is the dish";
    case "{price}":
      return t.type === "switch-package"
        ? "{price} its price for an adult"
        : "{price} its price a guest (from the menu)";
    case "{delta}":
      return "{delta} the change in the party's total";
    case "{saving}":
      return "{saving} how much less the party pays";
  }
}

const list = (words: readonly string[]) =>
  words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

/** The form's hint: "{item} is the dish, {price} its price a guest (from the menu) and ...". */
export function reasonHint(t: ReasonTarget): string {
  return `Filled in when shown: ${list(reasonPlaceholders(t).map((p) => placeholderWords(p, t)))}.`;
}

/**
 * Why this reason can't be shown for this kind of suggestion, in words the owner can act on, or
 * null when every placeholder in it is one the engine fills for it.
 */
export function reasonPlaceholderProblem(reason: string, t: ReasonTarget): string | null {
  const allowed = reasonPlaceholders(t);
  const said = list(allowed);
  for (const [token] of reason.matchAll(/\{[^{}]*\}/g)) {
    if (allowed.includes(token as ReasonPlaceholder)) continue;
    if (token === "{saving}")
      return t.type === "switch-package"
        ? `{saving} is only for a rule that shows the package when it makes the total lower (tick "Only when it makes their total lower"): otherwise there may be no saving to say. Take it out, or tick that box; this reason can use ${said}.`
        : `{saving} is only for a rule that suggests a cheaper package: here it would always say $0.00. Take it out; this reason can use ${said}.`;
    if (token === "{price}")
      return `{price} has no one price for a swap of proteins: it would be left blank. Take it out; this reason can use ${said}.`;
    return `"${token}" isn't filled in: customers would read it as it is. This reason can use ${said}.`;
  }
  return null;
}
