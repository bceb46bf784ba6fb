// The suggestion step (issue 16): pure and deterministic. Given the menu, the rules, what the
// party chose and its dietary profile, it returns at most two suggestions, each the WHOLE
// selection after accepting it, a one-line reason and the change in the total computed by the
// real quote engine (pricing/quote.ts), never a price written here.
//
// Safety is not a ranking signal but a gate: every menu item a suggested selection names (its
// proteins, its extras, and the menu items its package includes) must pass `safeForProfile`, or
// the suggestion is dropped. An unknown slug is never assumed safe. A suggestion that switches
// the package also needs the target package's own dishes (its rice, sauces, noodles:
// `Package.allergens` / `contains`, finding R1-2) safe; the package the party already chose is
// its own choice (the chef can leave the fried rice out), so it doesn't block other suggestions.
import {
  formatCents,
  includedInPackage,
  maxExtraUnits,
  packageDietFacts,
  safeForProfile,
  type DietaryProfile,
  type MenuDietFacts,
} from "@myhibachi/shared";
import {
  computeQuote,
  type QuoteItem,
  type QuotePackage,
  type QuoteSelection,
  type QuoteSettings,
} from "../pricing/quote";
import type { Rule, RuleConditions, RuleTarget, Season } from "./rules";

export interface EngineItem extends QuoteItem {
  allergens: readonly string[];
  dietaryTags: readonly string[];
  /** Ingredient slugs (added by the dietary-profile migration; absent before it). */
  contains?: readonly string[];
  seasonalTags?: readonly string[];
  sortOrder?: number;
}

export interface EngineCatalog {
  packages: readonly (QuotePackage & {
    includes?: string[];
    /** What the package's own dishes contain (R1-2; absent in catalogs from before it). */
    allergens?: readonly string[];
    contains?: readonly string[];
  })[];
  items: readonly EngineItem[];
  settings: QuoteSettings;
}

export interface Suggestion {
  rule: string;
  title: string;
  reason: string;
  selection: Pick<QuoteSelection, "packageSlug" | "proteins" | "extras">;
  revenueDeltaCents: number;
}

export interface SuggestInput {
  catalog: EngineCatalog;
  rules: readonly Rule[];
  selection: QuoteSelection;
  profile: DietaryProfile;
  /** The event's date "YYYY-MM-DD" (local to the business): seasonal rules read its month. */
  date: string;
  /** Rules declined in this session: never suggested again in it. */
  declined?: ReadonlySet<string>;
  /** At most this many (2: the brief's limit). */
  max?: number;
}

export const MAX_SUGGESTIONS = 2;
const NO_TRAVEL = { name: "", feeCents: 0 };

export function seasonOfMonth(month: number): Season {
  if (month === 12 || month <= 2) return "winter";
  if (month <= 5) return "spring";
  if (month <= 8) return "summer";
  return "fall";
}

const monthOf = (date: string) => Number(date.slice(5, 7));

/** "Jumbo tiger shrimp" -> "jumbo tiger shrimp"; "NY strip steak" stays. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const sumValues = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

const clean = (m: Record<string, number>) =>
  Object.fromEntries(Object.entries(m).filter(([, n]) => n > 0));

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const x = clean(a);
  const y = clean(b);
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
}

/** The paid choices on top of the package: upgrade proteins and extras it doesn't include. */
function paidChoices(sel: QuoteSelection, cat: EngineCatalog): number {
  const pkg = cat.packages.find((p) => p.slug === sel.packageSlug);
  let n = 0;
  for (const [slug, count] of Object.entries(sel.proteins)) {
    const item = cat.items.find((i) => i.slug === slug);
    if (count > 0 && item && item.priceCents > 0) n++;
  }
  for (const [slug, count] of Object.entries(sel.extras)) {
    const item = cat.items.find((i) => i.slug === slug);
    if (count > 0 && item && item.priceCents > 0 && !includedInPackage(pkg, item)) n++;
  }
  return n;
}

/** Whether the rule's conditions hold for this party on this date. */
export function conditionsHold(
  c: RuleConditions,
  sel: QuoteSelection,
  cat: EngineCatalog,
  date: string,
): boolean {
  const guests = sel.adults + sel.children;
  if (c.minGuests !== undefined && guests < c.minGuests) return false;
  if (c.maxGuests !== undefined && guests > c.maxGuests) return false;
  if (c.packageSlugs && !c.packageSlugs.includes(sel.packageSlug)) return false;
  if (c.proteinShare) {
    const total = sumValues(sel.proteins);
    if (total === 0 || (sel.proteins[c.proteinShare.slug] ?? 0) / total < c.proteinShare.atLeast)
      return false;
  }
  const month = monthOf(date);
  if (c.months && !c.months.includes(month)) return false;
  if (c.seasons && !c.seasons.includes(seasonOfMonth(month))) return false;
  if (c.minUpgrades !== undefined && paidChoices(sel, cat) < c.minUpgrades) return false;
  if (c.noneOfKinds) {
    const chosen = [...Object.entries(sel.proteins), ...Object.entries(sel.extras)]
      .filter(([, n]) => n > 0)
      .map(([slug]) => cat.items.find((i) => i.slug === slug)?.kind);
    if (chosen.some((k) => k && (c.noneOfKinds as readonly string[]).includes(k))) return false;
  }
  return true;
}

/**
 * Every menu item a selection names, and those its package includes, each safe for the profile.
 * An unknown or inactive slug, or an unknown package, fails (never assumed safe). With `base`
 * (what the party chose itself), only what the suggestion brings is judged: items it adds or
 * serves more of, and a package it switches to. The party's own choices are theirs (one
 * vegetarian guest among twelve doesn't make the steak they ordered a suggestion of ours), and a
 * suggestion never adds to them anything a guest can't eat.
 */
export function selectionSafe(
  sel: Pick<QuoteSelection, "packageSlug" | "proteins" | "extras">,
  cat: EngineCatalog,
  profile: DietaryProfile,
  base?: Pick<QuoteSelection, "packageSlug" | "proteins" | "extras">,
): boolean {
  const pkg = cat.packages.find((p) => p.slug === sel.packageSlug && p.active);
  if (!pkg) return false;
  // Another package (a switch) must be safe in its own dishes too.
  if (pkg.slug !== base?.packageSlug && !safeForProfile(packageDietFacts(pkg), profile))
    return false;
  const had = (slug: string) => (base?.proteins[slug] ?? 0) + (base?.extras[slug] ?? 0);
  const named = [...Object.entries(sel.proteins), ...Object.entries(sel.extras)]
    .filter(([slug, n]) => n > 0 && (!base || n > had(slug)))
    .map(([slug]) => slug);
  for (const slug of named) {
    const item = cat.items.find((i) => i.slug === slug);
    if (!item || !item.active || !safeForProfile(dietFacts(item), profile)) return false;
  }
  if (base && base.packageSlug === sel.packageSlug) return true;
  for (const item of cat.items)
    if (item.active && includedInPackage(pkg, item) && !safeForProfile(dietFacts(item), profile))
      return false;
  return true;
}

const dietFacts = (i: EngineItem): MenuDietFacts => ({
  allergens: i.allergens,
  dietaryTags: i.dietaryTags,
  contains: i.contains ?? [],
});

interface Candidate {
  title: string;
  /** What {item} and {price} say in the reason. */
  item: string;
  priceCents: number | null;
  selection: QuoteSelection;
}

const isStandardProtein = (i: EngineItem | undefined) => !!i && i.kind === "PROTEIN" && i.active;

/** The selection the target makes of this one, or null when it doesn't apply. */
function applyTarget(
  t: RuleTarget,
  sel: QuoteSelection,
  cat: EngineCatalog,
  profile: DietaryProfile,
  season: Season,
): Candidate | null {
  const guests = sel.adults + sel.children;
  const itemOf = (slug: string) => cat.items.find((i) => i.slug === slug && i.active);
  const safe = (i: EngineItem) => safeForProfile(dietFacts(i), profile);
  switch (t.type) {
    case "upgrade": {
      const item = itemOf(t.item);
      if (!item || item.kind !== "UPGRADE" || (sel.proteins[item.slug] ?? 0) > 0) return null;
      const from =
        t.from ??
        Object.entries(sel.proteins)
          .filter(([s, n]) => n > 0 && isStandardProtein(itemOf(s)))
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
      const have = from ? (sel.proteins[from] ?? 0) : 0;
      const n = Math.min(have, guests * t.perGuest);
      if (!from || n <= 0) return null;
      return {
        title: `Add ${lowerFirst(item.name)}`,
        item: lowerFirst(item.name),
        priceCents: item.priceCents,
        selection: {
          ...sel,
          proteins: clean({ ...sel.proteins, [from]: have - n, [item.slug]: n }),
        },
      };
    }
    case "add-extra": {
      const item = itemOf(t.item);
      if (!item || !["APPETIZER", "ADDON", "SIDE"].includes(item.kind)) return null;
      if ((sel.extras[item.slug] ?? 0) > 0) return null;
      const pkg = cat.packages.find((p) => p.slug === sel.packageSlug);
      if (includedInPackage(pkg, item)) return null;
      return {
        title: `Add ${lowerFirst(item.name)}`,
        item: lowerFirst(item.name),
        priceCents: item.priceCents,
        selection: { ...sel, extras: { ...sel.extras, [item.slug]: maxExtraUnits(item, guests) } },
      };
    }
    case "best-of-kind": {
      const pkg = cat.packages.find((p) => p.slug === sel.packageSlug);
      const around = t.aroundCents ?? 0;
      const best = cat.items
        .filter(
          (i) =>
            i.active &&
            i.kind === t.kind &&
            (sel.extras[i.slug] ?? 0) === 0 &&
            !includedInPackage(pkg, i) &&
            safe(i),
        )
        .sort(
          (a, b) =>
            Number((b.seasonalTags ?? []).includes(season)) -
              Number((a.seasonalTags ?? []).includes(season)) ||
            Number(b.pricing === "PER_PERSON") - Number(a.pricing === "PER_PERSON") ||
            Math.abs(a.priceCents - around) - Math.abs(b.priceCents - around) ||
            (a.sortOrder ?? 0) - (b.sortOrder ?? 0) ||
            a.slug.localeCompare(b.slug),
        )[0];
      if (!best) return null;
      return {
        title: `Add ${lowerFirst(best.name)}`,
        item: lowerFirst(best.name),
        priceCents: best.priceCents,
        selection: { ...sel, extras: { ...sel.extras, [best.slug]: maxExtraUnits(best, guests) } },
      };
    }
    case "swap-proteins": {
      const targets = t.proteins.map(itemOf);
      if (targets.some((i) => !isStandardProtein(i))) return null;
      const standard = Object.entries(sel.proteins).filter(
        ([s, n]) => n > 0 && isStandardProtein(itemOf(s)),
      );
      const total = standard.reduce((s, [, n]) => s + n, 0);
      if (total < targets.length) return null;
      const proteins: Record<string, number> = Object.fromEntries(
        Object.entries(sel.proteins).filter(([s]) => !isStandardProtein(itemOf(s))),
      );
      t.proteins.forEach((slug, k) => {
        proteins[slug] =
          (proteins[slug] ?? 0) +
          Math.floor(total / t.proteins.length) +
          (k < total % t.proteins.length ? 1 : 0);
      });
      const extras = { ...sel.extras };
      const added: string[] = [];
      for (const slug of t.addExtras) {
        const item = itemOf(slug);
        if (!item || (extras[slug] ?? 0) > 0) continue;
        extras[slug] = maxExtraUnits(item, guests);
        added.push(lowerFirst(item.name));
      }
      if (sameCounts(proteins, sel.proteins) && !added.length) return null;
      const names = targets.map((i) => lowerFirst(i!.name));
      return {
        title: `Try ${[...names, ...added].join(", ").replace(/, ([^,]*)$/, " and $1")}`,
        item: names.join(" and "),
        priceCents: null,
        selection: { ...sel, proteins: clean(proteins), extras },
      };
    }
    case "switch-package": {
      const from = cat.packages.find((p) => p.slug === sel.packageSlug && p.active);
      const to = cat.packages.find((p) => p.slug === t.packageSlug && p.active);
      if (!from || !to || from.slug === to.slug) return null;
      const proteins = { ...sel.proteins };
      let change = guests * (to.proteinsPerGuest - from.proteinsPerGuest);
      const byCount = () =>
        Object.entries(proteins)
          .filter(([s, n]) => n > 0 && isStandardProtein(itemOf(s)))
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (change > 0) {
        // More portions: of the protein the party chose most (it chose it, so it is its taste);
        // a party that chose only upgrades gets the menu's first included protein, as the
        // wizard's default split does (the brief's "Classic with many upgrades").
        const top =
          byCount()[0]?.[0] ??
          cat.items
            .filter((i) => isStandardProtein(i) && i.priceCents === 0)
            .sort(
              (a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.slug.localeCompare(b.slug),
            )[0]?.slug;
        if (!top) return null;
        proteins[top] = (proteins[top] ?? 0) + change;
      }
      while (change < 0) {
        const top = byCount()[0];
        if (!top) return null;
        const take = Math.min(top[1], -change);
        proteins[top[0]] = top[1] - take;
        change += take;
      }
      const extras = { ...sel.extras };
      if (to.proteinsPerGuest > from.proteinsPerGuest)
        for (const slug of t.replaceExtras) delete extras[slug];
      return {
        title: `Switch to ${to.name}`,
        item: to.name,
        priceCents: to.adultPriceCents,
        selection: { ...sel, packageSlug: to.slug, proteins: clean(proteins), extras },
      };
    }
  }
}

/**
 * The reason with its placeholders filled: REASON_PLACEHOLDERS in @myhibachi/shared (rule-reason.ts)
 * is this list, and says which each kind of suggestion may use (the owner's edits are checked
 * against it).
 */
function fillReason(text: string, c: Candidate, deltaCents: number): string {
  return text
    .replaceAll("{item}", c.item)
    .replaceAll("{price}", c.priceCents === null ? "" : formatCents(c.priceCents))
    .replaceAll("{delta}", `${deltaCents < 0 ? "-" : "+"}${formatCents(Math.abs(deltaCents))}`)
    .replaceAll("{saving}", formatCents(Math.max(0, -deltaCents)))
    .replace(/\s+/g, " ")
    .trim();
}

function totalOf(cat: EngineCatalog, sel: QuoteSelection): number | null {
  try {
    return computeQuote(cat, NO_TRAVEL, sel).totalCents;
  } catch {
    // Beyond a limit (guests, servings per party), an inactive item, portions that don't add up.
    return null;
  }
}

/**
 * At most `max` (2) suggestions for the party, highest priority (lowest number) first. A
 * selection the quote engine refuses (portions not yet adding up) gets none.
 */
export function suggest(input: SuggestInput): Suggestion[] {
  const { catalog: cat, selection: sel, profile } = input;
  const max = Math.min(input.max ?? MAX_SUGGESTIONS, MAX_SUGGESTIONS);
  const before = totalOf(cat, sel);
  if (before === null) return [];
  const season = seasonOfMonth(monthOf(input.date));
  const rules = [...input.rules]
    .filter((r) => r.active && !input.declined?.has(r.slug))
    .sort((a, b) => a.priority - b.priority || a.slug.localeCompare(b.slug));
  const out: Suggestion[] = [];
  for (const rule of rules) {
    if (out.length >= max) break;
    if (!conditionsHold(rule.conditions, sel, cat, input.date)) continue;
    const c = applyTarget(rule.target, sel, cat, profile, season);
    if (!c) continue;
    if (!selectionSafe(c.selection, cat, profile, sel)) continue;
    const after = totalOf(cat, c.selection);
    if (after === null) continue;
    const delta = after - before;
    if (rule.target.type === "switch-package" && rule.target.onlyIfCheaper && delta >= 0) continue;
    const selection = {
      packageSlug: c.selection.packageSlug,
      proteins: clean(c.selection.proteins),
      extras: clean(c.selection.extras),
    };
    if (out.some((s) => JSON.stringify(s.selection) === JSON.stringify(selection))) continue;
    out.push({
      rule: rule.slug,
      title: c.title,
      reason: fillReason(rule.reason, c, delta),
      selection,
      revenueDeltaCents: delta,
    });
  }
  return out;
}
