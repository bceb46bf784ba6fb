// Recommendation rules as data (issue 16): when a rule applies (conditions) and what it suggests
// (target). Rows of RecommendationRule hold them as JSON; these schemas are the one validation,
// used when the owner edits a rule and when the engine reads the rows (a row that no longer
// parses is skipped, never trusted). Prices are never here: they come from the menu rows.
import { z } from "zod";

export const SEASONS = ["winter", "spring", "summer", "fall"] as const;
export type Season = (typeof SEASONS)[number];

const slug = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9-]+$/, "A menu slug is lowercase letters, digits and dashes.");

export const ruleConditionsSchema = z
  .object({
    /** The party has at least / at most this many guests (adults + children). */
    minGuests: z.number().int().min(1).max(1000).optional(),
    maxGuests: z.number().int().min(1).max(1000).optional(),
    /** The party chose one of these packages. */
    packageSlugs: z.array(slug).min(1).max(20).optional(),
    /** At least this share (0-1) of the protein portions is this protein ("chicken-heavy"). */
    proteinShare: z.object({ slug, atLeast: z.number().min(0).max(1) }).optional(),
    /** The event's month (1-12) in the business's time zone. */
    months: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
    /** The event's season (northern hemisphere: winter = Dec-Feb, summer = Jun-Aug). */
    seasons: z.array(z.enum(SEASONS)).min(1).max(4).optional(),
    /** At least this many paid choices on top of the package (upgrade proteins and extras). */
    minUpgrades: z.number().int().min(1).max(50).optional(),
    /** The party has chosen nothing of these kinds yet ("no appetizer yet"). */
    noneOfKinds: z
      .array(z.enum(["APPETIZER", "ADDON", "SIDE", "UPGRADE"]))
      .min(1)
      .optional(),
  })
  .strict();
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

export const ruleTargetSchema = z.discriminatedUnion("type", [
  /** Replace up to `perGuest` portions per guest (of `from`, else the most chosen protein) by an upgrade. */
  z
    .object({
      type: z.literal("upgrade"),
      item: slug,
      from: slug.optional(),
      perGuest: z.number().int().min(1).max(3).default(1),
    })
    .strict(),
  /** Add one serving per guest of a per-person extra (or enough orders of a flat one). */
  z.object({ type: z.literal("add-extra"), item: slug }).strict(),
  /** The best safe item of a kind, one serving per guest: nearest `aroundCents` a guest first. */
  z
    .object({
      type: z.literal("best-of-kind"),
      kind: z.enum(["APPETIZER", "ADDON", "SIDE"]),
      aroundCents: z.number().int().min(0).max(100_000).optional(),
    })
    .strict(),
  /** Split the standard protein portions among these proteins (upgrades stay); add extras too. */
  z
    .object({
      type: z.literal("swap-proteins"),
      proteins: z.array(slug).min(1).max(4),
      addExtras: z.array(slug).max(4).default([]),
    })
    .strict(),
  /**
   * Switch to another package (protein portions added to the most chosen protein, or taken off);
   * `replaceExtras`: extras the new package's extra portions replace (an "extra protein" add-on).
   * `onlyIfCheaper`: only when the new total is lower ("Premium would be cheaper").
   */
  z
    .object({
      type: z.literal("switch-package"),
      packageSlug: slug,
      replaceExtras: z.array(slug).max(10).default([]),
      onlyIfCheaper: z.boolean().default(true),
    })
    .strict(),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

export const RULE_KINDS = ["upsell", "seasonal", "switch-package"] as const;

/** A rule as the engine reads it. */
export interface Rule {
  slug: string;
  name: string;
  kind: string;
  active: boolean;
  priority: number;
  conditions: RuleConditions;
  target: RuleTarget;
  /**
   * The one line the customer reads. Placeholders: {item} (the suggested item or package),
   * {price} (its price per guest, from the menu; not for a protein swap), {delta} (the change in
   * the total), {saving} (a package shown only when cheaper). Which kind takes which:
   * `reasonPlaceholders` (@myhibachi/shared rule-reason.ts), checked when the owner edits it.
   */
  reason: string;
}

/** A rule row as stored (JSON columns), parsed; null when it no longer parses (skipped). */
export function parseRule(row: {
  slug: string;
  name: string;
  kind: string;
  active: boolean;
  priority: number;
  conditions: unknown;
  target: unknown;
  reason: string;
}): Rule | null {
  const c = ruleConditionsSchema.safeParse(row.conditions ?? {});
  const t = ruleTargetSchema.safeParse(row.target);
  if (!c.success || !t.success) return null;
  return { ...row, conditions: c.data, target: t.data };
}

/**
 * The brief's examples, the seed's default rules (packages/seed writes them; the owner edits them
 * on /recommendations). No price here: "$3/person" in the brief is the menu row's price.
 */
export const DEFAULT_RULES: Rule[] = [
  {
    slug: "shrimp-upgrade-big-chicken-party",
    name: "Jumbo shrimp for big chicken parties",
    kind: "upsell",
    active: true,
    priority: 10,
    conditions: { minGuests: 10, proteinShare: { slug: "chicken", atLeast: 0.5 } },
    target: { type: "upgrade", item: "jumbo-shrimp", from: "chicken", perGuest: 1 },
    reason:
      "Parties of 10+ who pick mostly chicken often swap one portion for {item} ({price} a guest).",
  },
  {
    slug: "premium-cheaper-than-classic",
    name: "Premium when it costs less than Classic with extras",
    kind: "switch-package",
    active: true,
    priority: 5,
    conditions: { packageSlugs: ["classic"], minUpgrades: 3 },
    target: {
      type: "switch-package",
      packageSlug: "premium",
      replaceExtras: ["extra-protein"],
      onlyIfCheaper: true,
    },
    reason: "{item} would cost {saving} less with what you picked, and adds a third protein.",
  },
  {
    slug: "appetizer-for-classic",
    name: "An appetizer for the basic package",
    kind: "upsell",
    active: true,
    priority: 20,
    conditions: { packageSlugs: ["classic"], noneOfKinds: ["APPETIZER"] },
    target: { type: "best-of-kind", kind: "APPETIZER", aroundCents: 500 },
    reason: "Classic has no starter: {item} is {price} a guest while the grill heats up.",
  },
  {
    slug: "summer-light-teriyaki",
    name: "Summer: light teriyaki chicken and fresh vegetables",
    kind: "seasonal",
    active: true,
    priority: 30,
    conditions: { seasons: ["summer"] },
    target: { type: "swap-proteins", proteins: ["chicken", "vegetable"], addExtras: [] },
    reason: "A summer favourite: light teriyaki chicken with fresh grilled vegetables.",
  },
  {
    slug: "winter-steak-seafood",
    name: "Winter: steak and seafood with fried rice",
    kind: "seasonal",
    active: true,
    priority: 30,
    conditions: { seasons: ["winter"] },
    target: {
      type: "swap-proteins",
      proteins: ["steak", "shrimp"],
      addExtras: ["extra-fried-rice"],
    },
    reason: "A winter favourite: the steak and seafood combo with a second helping of fried rice.",
  },
];
