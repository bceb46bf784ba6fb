// How the admin words what the assistant records about a chat (its stored reasons and tiers are
// internal keys): "asked for a person", "answered by the built-in assistant".

/** Why a chat was handed to staff, in words. */
export function flagReasonText(reason: string | null | undefined): string {
  if (!reason) return "not recorded";
  const frustration = /^frustration [\d.]+(?: \((.*)\))?$/.exec(reason);
  if (frustration) {
    const why = frustration[1] && frustration[1] !== "rolling" ? frustration[1] : null;
    return `the customer seemed frustrated${why ? ` (${why})` : ""}`;
  }
  if (reason.startsWith("model: ")) return reason.slice("model: ".length);
  return reason;
}

const TIERS: Record<string, string> = {
  local: "the built-in assistant",
  small: "the AI model (small)",
  medium: "the AI model (medium)",
  strong: "the AI model (strong)",
};

/** " · answered by the built-in assistant, reusing an earlier answer" (or nothing). */
export function answeredBy(tier: string | null | undefined, cache: string | null | undefined) {
  if (!tier) return "";
  return ` · answered by ${TIERS[tier] ?? "the assistant"}${cache === "hit" ? ", reusing an earlier answer" : ""}`;
}
