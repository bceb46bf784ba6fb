// The kitchen order: what the chef cooks and must know, built from a party's selection (proteins
// and extras keyed by menu slug) and the menu's names. The wizard's review step (in the browser,
// from the catalog it already has), the booking pages, the emails, the admin booking, the prep
// sheet and the run sheet all show this one shape, so they can never disagree.
import type { DietaryProfile } from "./diet-profile";
import { profileWords } from "./profile-words";
import { pluralCount } from "./plural";

export interface KitchenOrderMenuItem {
  slug: string;
  name: string;
  kind: "PROTEIN" | "UPGRADE" | "APPETIZER" | "ADDON" | "SIDE";
  pricing: "PER_PERSON" | "FLAT";
}

export interface KitchenOrderSelection {
  adults: number;
  children: number;
  proteins: Record<string, number>;
  extras?: Record<string, number>;
}

export interface KitchenOrderLine {
  slug: string;
  name: string;
  count: number;
}

export interface KitchenOrder {
  packageName: string;
  adults: number;
  children: number;
  /** Portions per protein, most first; `upgrade` marks the paid upgrades (filet, lobster, ...). */
  proteins: (KitchenOrderLine & { upgrade: boolean })[];
  /** Appetizers, sides and add-ons: servings for per-person items, orders for flat ones. */
  extras: (KitchenOrderLine & { unit: "serving" | "order" })[];
  /** What the customer said about allergies and diets (verbatim), or null. */
  allergies: string | null;
  /**
   * The party's dietary profile as one line ("2 guests avoid shellfish · 1 vegetarian · Likes
   * spicy": profileWords), or null when none was given (issue 16).
   */
  dietaryNeeds: string | null;
  /**
   * One "⚠ ..." line per ordered dish the party's own profile rules out for some guests ("⚠
   * Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish"): the order stands,
   * staff must see it (finding R1-10). Computed by `kitchenWarnings` (kitchen-warnings.ts, with
   * the ingredient table) where the menu's facts are, and passed in as data.
   */
  warnings: string[];
  notes: string | null;
}

function nameFor(slug: string, items: Map<string, KitchenOrderMenuItem>): string {
  // A dish renamed or retired since booking still shows up, by its slug made readable.
  return items.get(slug)?.name ?? slug.replace(/[-_]+/g, " ");
}

export function kitchenOrder(
  input: {
    packageName: string;
    selection: KitchenOrderSelection;
    allergies?: string | null;
    /** The party's dietary profile (who avoids what, diets, likes), if any. */
    dietaryProfile?: DietaryProfile | null;
    /** `kitchenWarnings(...)` for this order (none when not given). */
    warnings?: readonly string[] | null;
    notes?: string | null;
  },
  menu: readonly KitchenOrderMenuItem[],
): KitchenOrder {
  const items = new Map(menu.map((i) => [i.slug, i]));
  const byCount = <T extends KitchenOrderLine>(a: T, b: T) =>
    b.count - a.count || a.name.localeCompare(b.name);
  const proteins = Object.entries(input.selection.proteins ?? {})
    .filter(([, n]) => n > 0)
    .map(([slug, count]) => ({
      slug,
      name: nameFor(slug, items),
      count,
      upgrade: items.get(slug)?.kind === "UPGRADE",
    }))
    .sort(byCount);
  const extras = Object.entries(input.selection.extras ?? {})
    .filter(([, n]) => n > 0)
    .map(([slug, count]) => ({
      slug,
      name: nameFor(slug, items),
      count,
      unit: items.get(slug)?.pricing === "FLAT" ? ("order" as const) : ("serving" as const),
    }))
    .sort(byCount);
  return {
    packageName: input.packageName,
    adults: input.selection.adults,
    children: input.selection.children,
    proteins,
    extras,
    allergies: input.allergies?.trim() || null,
    dietaryNeeds: (input.dietaryProfile && profileWords(input.dietaryProfile)) || null,
    warnings: [...(input.warnings ?? [])],
    notes: input.notes?.trim() || null,
  };
}

/** "15 Chicken, 14 NY Strip Steak, 1 Filet Mignon (upgrade)": one line for lists and texts. */
export function proteinSummary(order: Pick<KitchenOrder, "proteins">): string {
  return order.proteins
    .map((p) => `${p.count} ${p.name}${p.upgrade ? " (upgrade)" : ""}`)
    .join(", ");
}

/** The kitchen order as plain text lines (emails' text part, printed sheets' fallbacks). */
export function kitchenOrderText(order: KitchenOrder): string[] {
  const guests =
    order.children > 0
      ? `${pluralCount(order.adults, "adult")} and ${pluralCount(order.children, "child")}`
      : pluralCount(order.adults, "adult");
  const lines = [`${order.packageName} for ${guests}`];
  lines.push(`Proteins: ${proteinSummary(order) || "none chosen"}`);
  if (order.extras.length)
    lines.push(`Extras: ${order.extras.map((e) => extraWords(e)).join(", ")}`);
  // "None given" only when nothing was said: not above the dietary needs ticked (finding L4).
  if (order.allergies || !order.dietaryNeeds)
    lines.push(`Allergies and diets: ${order.allergies ?? "none given"}`);
  if (order.dietaryNeeds) lines.push(`Dietary needs: ${order.dietaryNeeds}`);
  for (const w of order.warnings ?? []) lines.push(w);
  if (order.notes) lines.push(`Notes: ${order.notes}`);
  return lines;
}

export interface KitchenTotals {
  events: number;
  adults: number;
  children: number;
  /** Portions per protein over all the orders, most first (the day's shopping list). */
  proteins: (KitchenOrderLine & { upgrade: boolean })[];
  extras: (KitchenOrderLine & { unit: "serving" | "order" })[];
}

/** The sum of several kitchen orders (a chef's day, the whole day): what to buy and prep. */
export function kitchenTotals(orders: readonly KitchenOrder[]): KitchenTotals {
  const proteins = new Map<string, KitchenTotals["proteins"][number]>();
  const extras = new Map<string, KitchenTotals["extras"][number]>();
  for (const o of orders) {
    for (const p of o.proteins) {
      const t = proteins.get(p.slug);
      if (t) t.count += p.count;
      else proteins.set(p.slug, { ...p });
    }
    for (const e of o.extras) {
      const t = extras.get(e.slug);
      if (t) t.count += e.count;
      else extras.set(e.slug, { ...e });
    }
  }
  const byCount = <T extends KitchenOrderLine>(a: T, b: T) =>
    b.count - a.count || a.name.localeCompare(b.name);
  return {
    events: orders.length,
    adults: orders.reduce((n, o) => n + o.adults, 0),
    children: orders.reduce((n, o) => n + o.children, 0),
    proteins: [...proteins.values()].sort(byCount),
    extras: [...extras.values()].sort(byCount),
  };
}

/**
 * "15 servings of Pork gyoza", "1 order of Tables and chairs": an extra as people say it, the
 * count before its unit (attack H11: "1 Pork gyoza (servings)" read as a typo). `count` is given
 * apart for markup that sets the number in bold.
 */
export function extraWords(
  e: { count: number; unit: "serving" | "order"; name: string },
  count: string = String(e.count),
): string {
  return `${count} ${e.unit}${e.count === 1 ? "" : "s"} of ${e.name}`;
}
