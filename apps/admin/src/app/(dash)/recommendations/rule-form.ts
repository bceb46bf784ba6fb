// The owner's rule form (/recommendations): a rule's settings as form fields and back. Only
// what a caterer tunes is a field (party size, packages, seasons, the "mostly one protein"
// share, the dish or package suggested); the other conditions are kept as they are. The server
// checks the dishes and packages against the menu (updateRecommendationRule).
import type { inferRouterOutputs } from "@trpc/server";
import type { AdminRouter } from "@myhibachi/api";
import { reasonPlaceholderProblem } from "@myhibachi/shared";

type ReportRule =
  inferRouterOutputs<AdminRouter>["owner"]["recommendations"]["report"]["rules"][number];
type RuleConditions = ReportRule["conditions"];
type RuleTarget = ReportRule["target"];

export const SEASON_WORDS = [
  ["winter", "Winter (Dec-Feb)"],
  ["spring", "Spring (Mar-May)"],
  ["summer", "Summer (Jun-Aug)"],
  ["fall", "Fall (Sep-Nov)"],
] as const;

export interface RuleForm {
  reason: string;
  priority: string;
  minGuests: string;
  maxGuests: string;
  packageSlugs: string[];
  seasons: string[];
  /** "mostly chicken": the protein and its share in % (blank: no such condition). */
  shareSlug: string;
  sharePercent: string;
  /** What it suggests (the target's own fields, as text). */
  item: string;
  from: string;
  kind: string;
  proteins: string[];
  packageSlug: string;
  onlyIfCheaper: boolean;
}

export interface RuleForForm {
  reason: string;
  priority: number;
  conditions: RuleConditions;
  target: RuleTarget;
}

export function ruleFormOf(r: RuleForForm): RuleForm {
  const c = r.conditions;
  const t = r.target;
  return {
    reason: r.reason,
    priority: String(r.priority),
    minGuests: c.minGuests === undefined ? "" : String(c.minGuests),
    maxGuests: c.maxGuests === undefined ? "" : String(c.maxGuests),
    packageSlugs: [...(c.packageSlugs ?? [])],
    seasons: [...(c.seasons ?? [])],
    shareSlug: c.proteinShare?.slug ?? "",
    sharePercent: c.proteinShare ? String(Math.round(c.proteinShare.atLeast * 100)) : "",
    item: t.type === "upgrade" || t.type === "add-extra" ? t.item : "",
    from: t.type === "upgrade" ? (t.from ?? "") : "",
    kind: t.type === "best-of-kind" ? t.kind : "",
    proteins: t.type === "swap-proteins" ? [...t.proteins] : [],
    packageSlug: t.type === "switch-package" ? t.packageSlug : "",
    onlyIfCheaper: t.type === "switch-package" ? t.onlyIfCheaper : true,
  };
}

export type RuleEdit = {
  reason: string;
  priority: number;
  conditions: RuleConditions;
  target: RuleTarget;
};

/** A whole number from a field, or an error in words; blank is `undefined` ("any"). */
function whole(text: string, min: number, max: number): number | undefined | string {
  const t = text.trim();
  if (t === "") return undefined;
  if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max)
    return `Enter a whole number from ${min} to ${max}, or leave it empty for any.`;
  return Number(t);
}

/** The form as the operation's input, or the first problem (field id and words). */
export function ruleEditOf(
  f: RuleForm,
  r: RuleForForm,
): { edit: RuleEdit } | { field: string; error: string } {
  if (!/^\d+$/.test(f.priority.trim()) || Number(f.priority) > 1000)
    return {
      field: "priority",
      error: "Order shown: enter a whole number from 0 to 1000, like 10 (lower shows first).",
    };
  const min = whole(f.minGuests, 1, 1000);
  if (typeof min === "string") return { field: "minGuests", error: `Smallest party: ${min}` };
  const max = whole(f.maxGuests, 1, 1000);
  if (typeof max === "string") return { field: "maxGuests", error: `Largest party: ${max}` };
  if (min !== undefined && max !== undefined && min > max)
    return { field: "minGuests", error: "The smallest party can't be larger than the largest." };
  const share = whole(f.sharePercent, 1, 100);
  if (typeof share === "string")
    return { field: "sharePercent", error: `Share of the proteins: ${share}` };
  if (share !== undefined && !f.shareSlug)
    return { field: "shareSlug", error: "Choose the protein the party mostly chose." };
  const {
    minGuests: _a,
    maxGuests: _b,
    packageSlugs: _c,
    seasons: _d,
    proteinShare: _e,
    ...rest
  } = r.conditions;
  const conditions: RuleConditions = {
    ...rest,
    ...(min !== undefined ? { minGuests: min } : {}),
    ...(max !== undefined ? { maxGuests: max } : {}),
    ...(f.packageSlugs.length ? { packageSlugs: f.packageSlugs } : {}),
    ...(f.seasons.length ? { seasons: f.seasons as RuleConditions["seasons"] & string[] } : {}),
    ...(share !== undefined ? { proteinShare: { slug: f.shareSlug, atLeast: share / 100 } } : {}),
  };
  const t = r.target;
  let target: RuleTarget;
  switch (t.type) {
    case "upgrade": {
      const { from: _from, ...upgrade } = t;
      target = { ...upgrade, item: f.item, ...(f.from ? { from: f.from } : {}) };
      break;
    }
    case "add-extra":
      target = { ...t, item: f.item };
      break;
    case "best-of-kind":
      target = { ...t, kind: f.kind as typeof t.kind };
      break;
    case "swap-proteins":
      if (f.proteins.length === 0 || f.proteins.length > 4)
        return { field: "proteins", error: "Choose one to four proteins to suggest." };
      target = { ...t, proteins: f.proteins };
      break;
    case "switch-package":
      target = { ...t, packageSlug: f.packageSlug, onlyIfCheaper: f.onlyIfCheaper };
      break;
  }
  // The placeholders the suggestion fills (the server checks the same: rule-reason.ts).
  const problem = reasonPlaceholderProblem(f.reason, target);
  if (problem) return { field: "reason", error: problem };
  return { edit: { reason: f.reason, priority: Number(f.priority), conditions, target } };
}
