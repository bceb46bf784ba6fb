// The quote engine: pure, integer cents, every line explained. All prices come from the catalog
// passed in (menu rows and business settings from the database), never from code.
import {
  extraUnit,
  formatCents,
  includedInPackage,
  maxExtraUnits,
  notOnMenuMessage,
  tooManyExtraMessage,
} from "@myhibachi/shared";
import { AppError } from "../errors";
import {
  FREE_APPETIZER,
  FREE_DESSERT,
  perkLabel,
  type LoyaltyPerk,
  type QuoteLoyalty,
} from "../loyalty/tiers";

export type ItemKind = "PROTEIN" | "UPGRADE" | "APPETIZER" | "ADDON" | "SIDE";
export type Pricing = "PER_PERSON" | "FLAT";

export interface QuoteItem {
  id: string;
  slug: string;
  name: string;
  kind: ItemKind;
  pricing: Pricing;
  priceCents: number;
  /** FLAT items: how many guests one order is for; null: one order is for the whole party. */
  servesGuests: number | null;
  active: boolean;
}

export interface QuotePackage {
  id: string;
  slug: string;
  name: string;
  adultPriceCents: number;
  childPriceCents: number;
  proteinsPerGuest: number;
  active: boolean;
  /** What the package comes with; a line naming a menu item makes that item free with it. */
  includes?: string[];
}

export interface QuoteSettings {
  partyMinimumCents: number;
  depositCents: number;
  taxRateBps: number;
  suggestedGratuityBps: number;
  minGuests: number;
  maxGuests: number;
}

export interface QuoteZone {
  name: string;
  feeCents: number;
}

/** What the customer chose. Maps are keyed by menu item slug. */
export interface QuoteSelection {
  packageSlug: string;
  adults: number;
  children: number;
  /** Protein portions per item (PROTEIN or UPGRADE kind); must add up to guests × proteinsPerGuest. */
  proteins: Record<string, number>;
  /** Appetizers, add-ons and sides: servings for per-person items, units for flat ones. */
  extras: Record<string, number>;
}

export type QuoteLineCode =
  | "ADULTS"
  | "CHILDREN"
  | "PROTEIN"
  | "UPGRADE"
  | "APPETIZER"
  | "ADDON"
  | "SIDE"
  | "MINIMUM"
  | "LOYALTY"
  | "PERK"
  | "OFFER"
  | "POINTS"
  | "TRAVEL"
  | "TAX";

/** A single-use offer code's terms (percent off the food). */
export interface QuoteOffer {
  code: string;
  percentOff: number;
  /**
   * Who the code is for, said on the line when the quote couldn't check it (a visitor's quote
   * without a contact email: "only for the person it was sent to"); the booking checks it.
   */
  onlyFor?: string;
}

/**
 * Loyalty points used on this booking (core/loyalty/points.ts: 100 points = $1, in steps of 100),
 * already checked against the customer's balance. `capToFood`: a change of party of a booking
 * that used them (the points stay used; the line is never more than the food).
 */
export interface QuoteRedeem {
  points: number;
  capToFood?: boolean;
}

/** What a number of points takes off: 100 points = $1, so a point is a cent. */
export const POINT_CENTS = 1;
/** Points are used in steps of this many (a whole dollar). */
export const POINTS_STEP = 100;

/** The most points a food amount (after the other discounts) can take: whole dollars of it. */
export const maxPointsFor = (foodCents: number, balance: number) =>
  Math.max(
    0,
    Math.min(
      Math.floor(balance / POINTS_STEP) * POINTS_STEP,
      Math.floor(foodCents / (POINTS_STEP * POINT_CENTS)) * POINTS_STEP,
    ),
  );

export interface QuoteLine {
  code: QuoteLineCode;
  label: string;
  detail: string;
  quantity: number;
  unitCents: number;
  totalCents: number;
}

export interface Quote {
  lines: QuoteLine[];
  /**
   * Food and extras, after the party minimum, the tier's free dishes, its discount, any offer
   * code and points: what tax is on.
   */
  subtotalCents: number;
  travelFeeCents: number;
  taxCents: number;
  totalCents: number;
  depositCents: number;
  balanceCents: number;
  /** Suggested, not included in the total. */
  suggestedGratuityCents: number;
  guests: number;
  proteinPortions: number;
}

/** Rounds a basis-point share of an amount half up, in integer arithmetic. */
export function bpsOf(amountCents: number, bps: number): number {
  return Math.floor((amountCents * bps + 5000) / 10000);
}

/** 1000 -> "10 %", 1250 -> "12.5 %". */
function formatBps(bps: number): string {
  return `${Number((bps / 100).toFixed(2))} %`;
}

function bad(message: string, field?: string): AppError {
  return new AppError("BAD_REQUEST", message, field ? { field } : undefined);
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

export function computeQuote(
  catalog: {
    packages: readonly QuotePackage[];
    items: readonly QuoteItem[];
    /** `bookingWindowDays`: a priority-booking perk line says how far ahead the tier books. */
    settings: QuoteSettings & { bookingWindowDays?: number };
  },
  zone: QuoteZone,
  sel: QuoteSelection,
  /** The signed-in customer's tier (its discount and perks); null/absent: no discount. */
  loyalty?: QuoteLoyalty | null,
  /** A campaign's offer code (core/campaigns/offers.ts), already checked; null/absent: none. */
  offer?: QuoteOffer | null,
  /** Loyalty points used (their balance already checked); null/absent: none. */
  redeem?: QuoteRedeem | null,
): Quote {
  const { settings } = catalog;
  const pkg = catalog.packages.find((p) => p.slug === sel.packageSlug && p.active);
  if (!pkg)
    throw bad(
      `We don't offer a package called "${sel.packageSlug}". Please choose one from the menu.`,
      "packageSlug",
    );
  if (!isCount(sel.adults) || !isCount(sel.children))
    throw bad("Guest counts must be whole numbers, 0 or more.", "adults");
  const guests = sel.adults + sel.children;
  if (sel.adults < 1) throw bad("At least one adult must be at the party.", "adults");
  if (guests < settings.minGuests)
    throw bad(`We cook for at least ${settings.minGuests} guests.`, "adults");
  if (guests > settings.maxGuests)
    throw bad(
      `We can cook for up to ${settings.maxGuests} guests in one booking. For a bigger party, please contact us.`,
      "adults",
    );

  const bySlug = new Map(catalog.items.map((i) => [i.slug, i]));
  const lines: QuoteLine[] = [];

  lines.push({
    code: "ADULTS",
    label: `${pkg.name} — adults`,
    detail: `${sel.adults} × ${formatCents(pkg.adultPriceCents)}`,
    quantity: sel.adults,
    unitCents: pkg.adultPriceCents,
    totalCents: sel.adults * pkg.adultPriceCents,
  });
  if (sel.children > 0) {
    lines.push({
      code: "CHILDREN",
      label: `${pkg.name} — children (12 and under)`,
      detail: `${sel.children} × ${formatCents(pkg.childPriceCents)}`,
      quantity: sel.children,
      unitCents: pkg.childPriceCents,
      totalCents: sel.children * pkg.childPriceCents,
    });
  }

  // Proteins: every guest picks `proteinsPerGuest` portions; upgrades replace a portion at a price.
  const portionsNeeded = guests * pkg.proteinsPerGuest;
  let portions = 0;
  for (const [slug, count] of Object.entries(sel.proteins ?? {})) {
    if (!isCount(count))
      throw bad(`The number of ${slug} portions must be a whole number, 0 or more.`, "proteins");
    if (count === 0) continue;
    const item = bySlug.get(slug);
    if (!item || !item.active || (item.kind !== "PROTEIN" && item.kind !== "UPGRADE"))
      throw bad(notOnMenuMessage("proteins", slug), "proteins");
    portions += count;
    if (item.priceCents > 0) {
      lines.push({
        code: item.kind === "UPGRADE" ? "UPGRADE" : "PROTEIN",
        label: item.kind === "UPGRADE" ? `${item.name} upgrade` : `${item.name} surcharge`,
        detail: `${count} portion${count === 1 ? "" : "s"} × ${formatCents(item.priceCents)}`,
        quantity: count,
        unitCents: item.priceCents,
        totalCents: count * item.priceCents,
      });
    }
  }
  if (portions !== portionsNeeded) {
    throw bad(
      `Please choose ${portionsNeeded} protein portions in total (${pkg.proteinsPerGuest} for each of ${guests} guests); you chose ${portions}.`,
      "proteins",
    );
  }

  // Extras charged per guest: what a food perk can make free.
  const perGuestExtras: { item: QuoteItem; qty: number }[] = [];
  for (const [slug, qty] of Object.entries(sel.extras ?? {})) {
    if (!isCount(qty))
      throw bad(`The quantity of ${slug} must be a whole number, 0 or more.`, "extras");
    if (qty === 0) continue;
    const item = bySlug.get(slug);
    if (
      !item ||
      !item.active ||
      !(item.kind === "APPETIZER" || item.kind === "ADDON" || item.kind === "SIDE")
    )
      throw bad(notOnMenuMessage("extras", slug), "extras");
    // One serving per guest of a per-person item; of a flat one, enough orders for the party.
    if (qty > maxExtraUnits(item, guests)) throw bad(tooManyExtraMessage(item, guests), "extras");
    // Part of the package ("Everything in Classic plus edamame"): listed, never charged again.
    const included = includedInPackage(pkg, item);
    if (!included && item.pricing === "PER_PERSON" && item.priceCents > 0)
      perGuestExtras.push({ item, qty });
    lines.push({
      code: item.kind,
      label: item.name,
      detail: included
        ? `${qty} ${extraUnit(item.pricing, qty)}, included in ${pkg.name}`
        : `${qty} ${extraUnit(item.pricing, qty)} × ${formatCents(item.priceCents)}`,
      quantity: qty,
      unitCents: included ? 0 : item.priceCents,
      totalCents: included ? 0 : qty * item.priceCents,
    });
  }

  const foodCents = lines.reduce((s, l) => s + l.totalCents, 0);
  if (foodCents < settings.partyMinimumCents) {
    const diff = settings.partyMinimumCents - foodCents;
    lines.push({
      code: "MINIMUM",
      label: "Party minimum",
      detail: `Every event is at least ${formatCents(settings.partyMinimumCents)} before travel and tax`,
      quantity: 1,
      unitCents: diff,
      totalCents: diff,
    });
  }
  const beforeDiscountCents = Math.max(foodCents, settings.partyMinimumCents);
  // The tier's food perks first: one serving per guest of a dish ordered, taken off the food
  // (after the party minimum), so the percentages below never discount it again.
  const perkLines = loyalty ? foodPerkLines(loyalty, catalog.items, perGuestExtras, guests) : [];
  lines.push(...perkLines.filter((l) => l.totalCents !== 0));
  let discountCents = -perkLines.reduce((s, l) => s + l.totalCents, 0);
  // Then the tier's discount off the food left (before travel and tax), then its other perks in
  // the quote, each a line at zero (a food perk with nothing to free says how to use it).
  if (loyalty && loyalty.discountBps > 0) {
    const base = beforeDiscountCents - discountCents;
    const loyaltyCents = bpsOf(base, loyalty.discountBps);
    if (loyaltyCents > 0) {
      lines.push({
        code: "LOYALTY",
        label: `${loyalty.tierName} member: ${formatBps(loyalty.discountBps)} off food`,
        detail: `${formatBps(loyalty.discountBps)} of ${formatCents(base)}`,
        quantity: 1,
        unitCents: -loyaltyCents,
        totalCents: -loyaltyCents,
      });
      discountCents += loyaltyCents;
    }
  }
  lines.push(...perkLines.filter((l) => l.totalCents === 0));
  for (const perk of loyalty?.perks ?? []) {
    if (!perk.inQuote || foodPerkOf(perk)) continue;
    lines.push({
      code: "PERK",
      // Priority booking says what it means: "Book up to 240 days ahead (60 more than our usual 180)".
      label: perkLabel(perk, loyalty!.extraWindowDays, settings.bookingWindowDays),
      detail: `Included for ${loyalty!.tierName} members`,
      quantity: 1,
      unitCents: 0,
      totalCents: 0,
    });
  }
  // An offer code: its percent off the food after the loyalty discount (they add up, one after
  // the other), before travel and tax.
  if (offer && offer.percentOff > 0) {
    const base = beforeDiscountCents - discountCents;
    const offerCents = bpsOf(base, offer.percentOff * 100);
    if (offerCents > 0) {
      lines.push({
        code: "OFFER",
        label: `Code ${offer.code}: ${offer.percentOff} % off food`,
        detail: `${offer.percentOff} % of ${formatCents(base)}${offer.onlyFor ? `, ${offer.onlyFor}` : ""}`,
        quantity: 1,
        unitCents: -offerCents,
        totalCents: -offerCents,
      });
      discountCents += offerCents;
    }
  }
  // Points: after every other discount, at most the food that is left, in whole dollars.
  if (redeem && redeem.points > 0) {
    const base = beforeDiscountCents - discountCents;
    if (!redeem.capToFood) {
      if (!Number.isSafeInteger(redeem.points) || redeem.points % POINTS_STEP !== 0)
        throw bad(
          `Points are used in steps of ${POINTS_STEP} (${POINTS_STEP} points = $1 off).`,
          "redeemPoints",
        );
      if (redeem.points * POINT_CENTS > base) {
        const most = maxPointsFor(base, Number.MAX_SAFE_INTEGER);
        throw bad(
          most > 0
            ? `You can use at most ${most.toLocaleString("en-US")} points on this booking: the food after discounts is ${formatCents(base)}.`
            : `There is no food left to pay with points on this booking (${formatCents(base)} after discounts).`,
          "redeemPoints",
        );
      }
    }
    const pointsCents = Math.min(redeem.points * POINT_CENTS, base);
    if (pointsCents > 0) {
      lines.push({
        code: "POINTS",
        label: `${redeem.points.toLocaleString("en-US")} points used: ${formatCents(pointsCents)} off`,
        detail:
          pointsCents < redeem.points * POINT_CENTS
            ? `Your points, up to the food of ${formatCents(base)}`
            : `${POINTS_STEP} points = $1 off the food`,
        quantity: 1,
        unitCents: -pointsCents,
        totalCents: -pointsCents,
      });
      discountCents += pointsCents;
    }
  }
  const subtotalCents = beforeDiscountCents - discountCents;

  const travelFeeCents = zone.feeCents;
  lines.push({
    code: "TRAVEL",
    label: "Travel fee",
    detail: travelFeeCents === 0 ? `${zone.name}: no travel fee` : `${zone.name}`,
    quantity: 1,
    unitCents: travelFeeCents,
    totalCents: travelFeeCents,
  });

  const taxCents = bpsOf(subtotalCents, settings.taxRateBps);
  if (settings.taxRateBps > 0) {
    lines.push({
      code: "TAX",
      label: "Sales tax",
      detail: `${(settings.taxRateBps / 100).toFixed(2)}% of ${formatCents(subtotalCents)}`,
      quantity: 1,
      unitCents: taxCents,
      totalCents: taxCents,
    });
  }

  const totalCents = lines.reduce((s, l) => s + l.totalCents, 0);
  const depositCents = Math.min(settings.depositCents, totalCents);
  return {
    lines,
    subtotalCents,
    travelFeeCents,
    taxCents,
    totalCents,
    depositCents,
    balanceCents: totalCents - depositCents,
    suggestedGratuityCents: bpsOf(subtotalCents, settings.suggestedGratuityBps),
    guests,
    proteinPortions: portions,
  };
}

/** What a food perk frees: its dish in words, and which menu items count. */
function foodPerkOf(
  perk: LoyaltyPerk,
): { dish: "appetizer" | "dessert"; counts: (i: QuoteItem) => boolean } | null {
  const listed = (i: QuoteItem) => perk.itemSlugs?.includes(i.slug) ?? false;
  if (perk.code === FREE_APPETIZER)
    return {
      dish: "appetizer",
      counts: (i) => i.kind === "APPETIZER" && (perk.itemSlugs === undefined || listed(i)),
    };
  // The menu has no dessert kind: the perk names the business's desserts (the seed: pumpkin mochi).
  if (perk.code === FREE_DESSERT) return { dish: "dessert", counts: listed };
  return null;
}

/**
 * The tier's food perks (in the quote), in their order: each frees one serving per guest (at most
 * the servings ordered) of the cheapest dish it counts that the party ordered per guest and
 * still pays for, as a PERK line naming it (negative). With none ordered, a PERK line at zero
 * saying how to use it, or that there is no such dish on the menu.
 */
function foodPerkLines(
  loyalty: QuoteLoyalty,
  menu: readonly QuoteItem[],
  ordered: readonly { item: QuoteItem; qty: number }[],
  guests: number,
): QuoteLine[] {
  const freed = new Map<string, number>();
  const out: QuoteLine[] = [];
  const member = `${loyalty.tierName} member`;
  for (const perk of loyalty.perks) {
    const food = perk.inQuote ? foodPerkOf(perk) : null;
    if (!food) continue;
    const choice = ordered
      .filter((o) => food.counts(o.item) && o.qty > (freed.get(o.item.slug) ?? 0))
      .sort(
        (a, b) =>
          a.item.priceCents - b.item.priceCents ||
          a.item.name.localeCompare(b.item.name) ||
          a.item.slug.localeCompare(b.item.slug),
      )[0];
    if (choice) {
      const { item } = choice;
      const n = Math.min(guests, choice.qty - (freed.get(item.slug) ?? 0));
      freed.set(item.slug, (freed.get(item.slug) ?? 0) + n);
      const servings = `${n} serving${n === 1 ? "" : "s"}`;
      out.push({
        code: "PERK",
        label: `${member}: ${item.name} free for ${n} guest${n === 1 ? "" : "s"}`,
        detail:
          n < guests
            ? `One serving per guest, the ${servings} ordered: ${n} × ${formatCents(item.priceCents)}`
            : `One serving per guest: ${servings} × ${formatCents(item.priceCents)}`,
        quantity: n,
        unitCents: -item.priceCents,
        totalCents: -n * item.priceCents,
      });
      continue;
    }
    const onMenu = menu.filter(
      (i) => i.active && i.pricing === "PER_PERSON" && i.priceCents > 0 && food.counts(i),
    );
    const names = onMenu.map((i) => i.name);
    out.push({
      code: "PERK",
      label: !onMenu.length
        ? `${member}: free ${food.dish}`
        : food.dish === "appetizer"
          ? `${member}: add an appetizer, one serving per guest is free`
          : `${member}: add ${names.join(" or ")}, one serving per guest is free`,
      detail: !onMenu.length
        ? `There is no ${food.dish} on our menu at the moment, so nothing is taken off`
        : food.dish === "appetizer"
          ? "The cheapest appetizer you order (served per guest): nothing is taken off until you add one"
          : "Nothing is taken off until you add it",
      quantity: 1,
      unitCents: 0,
      totalCents: 0,
    });
  }
  return out;
}

/** The money columns a booking stores from its quote. */
export function quoteColumns(q: Quote) {
  return {
    subtotalCents: q.subtotalCents,
    travelFeeCents: q.travelFeeCents,
    taxCents: q.taxCents,
    totalCents: q.totalCents,
    depositCents: q.depositCents,
    balanceCents: q.balanceCents,
  };
}

/** The quote's lines as booking line rows, in order. */
export function quoteLineRows(q: Quote) {
  return q.lines.map((l, position) => ({
    position,
    code: l.code,
    label: l.label,
    detail: l.detail,
    quantity: l.quantity,
    unitCents: l.unitCents,
    totalCents: l.totalCents,
  }));
}
