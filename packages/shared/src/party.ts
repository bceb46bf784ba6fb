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

/**
 * The most of one appetizer, side or add-on a party can have: at most one serving per guest
 * (children too) of a per-person item, and never more orders of a flat-priced one (a platter,
 * tables and chairs for up to 20) than there are guests.
 */
export function maxExtraUnits(guests: number): number {
  return Math.max(0, Math.floor(guests));
}

/** "Pork gyoza: at most 12 servings for a party of 12." */
export function tooManyExtraMessage(
  item: { name: string; pricing: ExtraPricing },
  guests: number,
): string {
  const max = maxExtraUnits(guests);
  return `${item.name}: at most ${max} ${extraUnit(item.pricing, max)} for a party of ${guests}.`;
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
