// The limits of one party, shared by the quote engine (packages/core) and the booking pages'
// steppers and checks, so both say the same thing.

/**
 * The largest party any booking can be: the highest "maximum guests" the owner can set. A
 * business's own maximum (settings.maxGuests, lower) is what a customer hears about: guest counts
 * up to this reach that rule and its message ("We can cook for up to N guests...").
 */
export const MAX_PARTY_SIZE = 1000;

export type ExtraPricing = "PER_PERSON" | "FLAT";

/** What an extra is counted in: servings of a per-person item, orders of a flat-priced one. */
export function extraUnit(pricing: ExtraPricing, n: number): string {
  const one = pricing === "PER_PERSON" ? "serving" : "order";
  return n === 1 ? one : `${one}s`;
}

/** What `maxExtraUnits` needs to know of an item. */
export interface ExtraLimitItem {
  pricing: ExtraPricing;
  /**
   * Flat-priced items: how many guests one order is for (tables and chairs for up to 20: 20);
   * null: one order is for the whole party (a sake bar service). Per-person items ignore it.
   */
  servesGuests?: number | null;
}

/**
 * The most of one appetizer, side or add-on a party can have: one serving per guest (children
 * too) of a per-person item; of a flat-priced one, as many orders as it takes to cover the
 * party (tables and chairs for up to 20: 1 for 12 guests, 2 for 25) or a single order when one
 * is for the whole party.
 */
export function maxExtraUnits(item: ExtraLimitItem, guests: number): number {
  const n = Math.max(0, Math.floor(guests));
  if (n === 0 || item.pricing === "PER_PERSON") return n;
  const serves = item.servesGuests;
  return serves && serves > 0 ? Math.ceil(n / serves) : 1;
}

/**
 * The extras held to a (smaller) party's limits, as the proteins are rebalanced: "Everyone" gyoza
 * for 25 becomes 8 servings for 8, two sets of tables for 25 becomes one (attack R4-2, R4-3).
 * Items not on `items` are left as they are (the quote names them).
 */
export function fitExtras(
  extras: Record<string, number>,
  items: readonly (ExtraLimitItem & { slug: string })[],
  guests: number,
): Record<string, number> {
  let changed = false;
  const out: Record<string, number> = {};
  for (const [slug, n] of Object.entries(extras)) {
    const item = items.find((i) => i.slug === slug);
    const max = item ? maxExtraUnits(item, guests) : n;
    out[slug] = Math.min(n, max);
    if (out[slug] !== n) changed = true;
  }
  return changed ? out : extras;
}

/**
 * "Pork gyoza: at most 12 servings for a party of 12." · "Tables and chairs: at most 1 order
 * for a party of 12 (one order is for up to 20 guests)." · "Sake bar service: one order is for
 * the whole party."
 */
export function tooManyExtraMessage(
  item: ExtraLimitItem & { name: string },
  guests: number,
): string {
  if (item.pricing === "FLAT" && !(item.servesGuests && item.servesGuests > 0))
    return `${item.name}: one order is for the whole party.`;
  const max = maxExtraUnits(item, guests);
  const covers =
    item.pricing === "FLAT" && item.servesGuests && item.servesGuests > 1
      ? ` (one order is for up to ${item.servesGuests} guests)`
      : "";
  return `${item.name}: at most ${max} ${extraUnit(item.pricing, max)} for a party of ${guests}${covers}.`;
}

/**
 * A flat item's limit said under it: "One order for the whole party." · "Up to 2 orders for
 * your party of 25 (one is for up to 20 guests)." · "One order is for up to 20 guests." (no
 * party yet: the menu page).
 */
export function extraLimitWords(item: ExtraLimitItem, guests: number): string {
  const serves = item.servesGuests && item.servesGuests > 0 ? item.servesGuests : null;
  if (!serves) return "One order for the whole party.";
  const each = serves === 1 ? "one per guest" : `one is for up to ${serves} guests`;
  const n = Math.max(0, Math.floor(guests));
  if (n === 0)
    return serves === 1 ? "One order per guest." : `One order is for up to ${serves} guests.`;
  const max = maxExtraUnits(item, n);
  return `Up to ${max} ${max === 1 ? "order" : "orders"} for your party of ${n} (${each}).`;
}

export type MenuMapKind = "proteins" | "extras";

const WHAT: Record<MenuMapKind, { a: string; name: string }> = {
  proteins: { a: "A protein", name: "a protein" },
  extras: { a: "An appetizer, side or add-on", name: "an appetizer, side or add-on" },
};

/** `"lobster" is not a protein on our current menu.` */
export function notOnMenuMessage(kind: MenuMapKind, name: string): string {
  return `"${name}" is not ${WHAT[kind].name} on our current menu.`;
}

/** An entry of the proteins or extras with an empty name. */
export function unnamedMenuItemMessage(kind: MenuMapKind): string {
  return `${WHAT[kind].a} was sent without a name: name each one as the menu does.`;
}

/**
 * A package includes a menu item when one of its "includes" lines names the item exactly (case
 * and spaces aside): Premium's "Edamame" and "Yakisoba noodles". Such an item costs nothing with
 * that package (the quote prices it at zero) and the booking forms don't sell it.
 */
export function includedInPackage(
  pkg: { includes?: readonly string[] | undefined } | null | undefined,
  item: { name: string },
): boolean {
  const name = item.name.trim().toLowerCase().replace(/\s+/g, " ");
  return !!pkg?.includes?.some((line) => line.trim().toLowerCase().replace(/\s+/g, " ") === name);
}
