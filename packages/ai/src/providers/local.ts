// The built-in local tier: no network, no model. It answers the common intents from the
// business's own data (the same tools a model would call) and says so plainly when it doesn't
// know, instead of inventing anything.
//
// An answer is a function of the recognition (intent, further intents and slots: the topic, the
// dishes and package named, the language...), the conversation's known facts and the catalog,
// never of the message text: that is what lets the response cache serve it to every question
// recognised the same way. Menu items are found by what the message named or by their kind and
// pricing, never by a slug or name written here. Every sentence comes from the phrasebook in the
// customer's language.
import {
  cityPostalCodes,
  cityTravelFees,
  postalCodeForCity,
  type CatalogItem,
  type CatalogPackage,
  type NoSlotReason,
} from "@myhibachi/core";
import {
  addDays,
  allergensContained,
  allergiesTakenBack,
  EMPTY_PROFILE,
  extractDietaryProfile,
  isIncludedProtein,
  itemSuitsDiet,
  mergeProfiles,
  safeForProfile,
  type DietaryProfile,
  type DietParty,
  dietaryMatch,
  describePhoneHours,
  dietOnRequest,
  formatCents,
  formatMinutes,
  readPhoneHours,
  weekdayOf,
  zonedParts,
  zonedTimeToUtc,
} from "@myhibachi/shared";
import { distanceMiles } from "@myhibachi/core";
import { topicsOf, type Intent, type Topic } from "../intents";
import { ZERO_USAGE } from "../prices";
import { runTool, type ToolExtras, type ToolResult } from "../tools";
import { differsFromHold, holdFrame, partyOf } from "../frame";
import { weekdaysAsked } from "../understand/when";
import { phrasesFor, type Phrasebook, type Unit } from "./phrases";
import type {
  ChatProvider,
  HeldFrame,
  Memory,
  ToolCallRecord,
  TurnRequest,
  TurnResult,
} from "./types";

export const LOCAL_MODEL = "local-rules";

interface Composer {
  req: TurnRequest;
  toolCalls: ToolCallRecord[];
  extras: ToolExtras;
  wrote: boolean;
  personal: boolean;
  unknown: boolean;
  memory: Memory;
  /** The phrasebook of the customer's language. */
  t: Phrasebook;
  /** Menu items already described in this reply (a message asking two things names them once). */
  said: Set<string>;
  tool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
}

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 ? 2 : 0)}%`;
const sentence = (s: string) => (/[.!?)]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);
const hours = (minutes: number) => Math.round(minutes / 6) / 10;

function contactLine(c: Composer): string {
  const s = c.req.tools.catalog.settings;
  return c.t.contact(s.phone, s.email);
}

const topics = (c: Composer): Topic[] => topicsOf(c.req.recognition.slots);
const activeItems = (c: Composer) => c.req.tools.catalog.items.filter((i) => i.active);
const activePackages = (c: Composer) => c.req.tools.catalog.packages.filter((p) => p.active);

/** Menu items whose name or description speaks of one of `words` (drinks, rentals...). */
const itemsAbout = (c: Composer, words: RegExp) =>
  activeItems(c).filter((i) => words.test(`${i.name} ${i.description}`));
// Generic words, not menu names: what a drinks or a rentals item would say about itself.
const DRINK_WORDS =
  /\b(drinks?|beverages?|alcohol\w*|bar|beers?|wines?|cocktails?|sodas?|juices?|bartend\w*)\b/i;
const DESSERT_WORDS = /\bdesserts?\b/i;
const RENTAL_WORDS = /\b(tables?|chairs?|linens?|tents?|heaters?|rentals?)\b/i;

/**
 * The package the customer named in this message or, for the answers that price the party
 * (pricing, kids: their cache key holds the frame's package), earlier in the conversation.
 */
function packageAsked(c: Composer, orFrame = false): CatalogPackage | undefined {
  const slug =
    c.req.recognition.slots.packageSlug ?? (orFrame ? c.req.known.packageSlug : undefined);
  return slug ? activePackages(c).find((p) => p.slug === slug) : undefined;
}

/** Menu items this message names (or asks a count of), as on the live menu. */
function itemsNamed(c: Composer): CatalogItem[] {
  const s = c.req.recognition.slots;
  const slugs = [...new Set([...(s.named ?? []), ...Object.keys(s.items ?? {})])];
  return slugs
    .map((slug) => activeItems(c).find((i) => i.slug === slug))
    .filter((i) => i !== undefined);
}

function unitOf(item: CatalogItem): Unit {
  if (item.kind === "UPGRADE") return "portion";
  return item.pricing === "PER_PERSON" ? "person" : "order";
}

/**
 * One menu item as a customer needs it: its price with the unit, what it is, its allergens and
 * dietary tags ("" when this reply already described it).
 */
function itemFacts(c: Composer, item: CatalogItem, count?: number): string {
  if (c.said.has(item.slug)) return "";
  c.said.add(item.slug);
  const { t } = c;
  const price = formatCents(item.priceCents);
  const parts = [
    item.priceCents === 0
      ? item.kind === "PROTEIN" || item.kind === "UPGRADE"
        ? t.includedProtein(item.name)
        : t.includedItem(item.name)
      : item.kind === "UPGRADE"
        ? t.upgradePrice(item.name, price)
        : t.itemPrice(item.name, price, unitOf(item)),
  ];
  if (count && count > 1 && item.priceCents > 0)
    parts.push(t.countTimes(count, price, formatCents(count * item.priceCents)));
  if (item.description) parts.push(sentence(item.description));
  // Items with no allergen or dietary data (rentals, a service) are not food to vouch for.
  const allergens = allergensContained(item);
  if (allergens.length || item.dietaryTags.length) {
    parts.push(allergens.length ? t.contains(allergens) : t.noAllergens);
    if (item.dietaryTags.length) parts.push(t.tags(item.dietaryTags));
  }
  if (item.seasonalTags.length) parts.push(t.seasonal(item.seasonalTags));
  return parts.join(" ");
}

function packageFacts(c: Composer, p: CatalogPackage): string {
  return c.t.packageFacts(
    p.name,
    formatCents(p.adultPriceCents),
    formatCents(p.childPriceCents),
    p.proteinsPerGuest,
    c.t.list(p.includes.map((x) => x.toLowerCase())),
  );
}

/** The package and the dishes the message names, each described once. */
function namedFacts(c: Composer): string {
  const pkg = packageAsked(c);
  const counts = c.req.recognition.slots.items ?? {};
  return [
    ...(pkg ? [packageFacts(c, pkg)] : []),
    ...itemsNamed(c).map((i) => itemFacts(c, i, counts[i.slug])),
  ]
    .filter(Boolean)
    .join(" ");
}

/** A ZIP in the city the customer named (no ZIP given yet), to price or check from. */
function cityZip(c: Composer): { city: string; zip: string } | undefined {
  const k = c.req.known;
  const city = k.postalCode ? undefined : (c.req.recognition.slots.city ?? k.city);
  const zip = city ? postalCodeForCity(c.req.tools.catalog, city) : undefined;
  return city && zip ? { city, zip } : undefined;
}

/**
 * A served city whose ZIPs pay different travel fees ("Fremont": none near us, $50 farther): each
 * fee with its ZIPs, to say and ask which; null when the city's fee is one (its ZIP's fee is it).
 */
function cityFeesVary(c: Composer, city: string): string | null {
  const fees = cityTravelFees(c.req.tools.catalog, city);
  if (fees.length < 2) return null;
  const named = servedCityName(c, city);
  return c.t.cityFees(
    named,
    fees.map((f) => ({
      fee: f.feeCents ? formatCents(f.feeCents) : null,
      zips: c.t.list(f.postalCodes),
    })),
  );
}

/** The city as our ZIP list writes it ("fremont" -> "Fremont"). */
function servedCityName(c: Composer, city: string): string {
  const lower = city.toLowerCase();
  return (
    Object.values(c.req.tools.catalog.postalCodes).find((p) => p.city.toLowerCase() === lower)
      ?.city ?? city
  );
}

/** A tool's refusal as said to the customer (a ZIP outside the service area in their language). */
/** The field a tool's refusal names ("offerCode", "startMinute"), if any. */
function refusedField(r: ToolResult): string | undefined {
  return (r.data as { details?: { field?: string } | null } | undefined)?.details?.field;
}

function refusal(c: Composer, r: ToolResult, zip: string | undefined): string {
  const err = r.data as { error: string; details?: { outsideServiceArea?: boolean } | null };
  if (!err.details?.outsideServiceArea || !zip) return err.error;
  const { catalog } = c.req.tools;
  const far = Math.max(0, ...catalog.zones.map((z) => z.maxMiles));
  // On our list, beyond the last zone: how far, not "isn't on it".
  const listed = catalog.postalCodes[zip];
  if (listed) {
    const base = { lat: catalog.settings.baseLat, lng: catalog.settings.baseLng };
    const miles = Math.round(distanceMiles(base, listed));
    return c.t.tooFar(zip, listed.city, miles, far, contactLine(c));
  }
  return c.t.outsideArea(zip, far, catalog.settings.baseAddress, contactLine(c));
}

/** A party bigger than one booking takes: say so, and what to do instead. */
function tooLarge(c: Composer, guests: number | undefined): string | null {
  const s = c.req.tools.catalog.settings;
  if (guests === undefined || guests <= s.maxGuests) return null;
  return c.t.tooLarge(s.maxGuests, guests, contactLine(c));
}

function pricingGeneral(c: Composer): string {
  const { catalog } = c.req.tools;
  const { t } = c;
  const s = catalog.settings;
  const pkgs = activePackages(c).map((p) =>
    t.packagePrice(p.name, formatCents(p.adultPriceCents), formatCents(p.childPriceCents)),
  );
  const zones = [...catalog.zones]
    .sort((a, b) => a.maxMiles - b.maxMiles)
    .map((z) => t.zoneFee(z.feeCents ? formatCents(z.feeCents) : null, z.maxMiles));
  return `${t.priceList({
    packages: t.list(pkgs),
    minimum: formatCents(s.partyMinimumCents),
    base: s.baseAddress,
    zones: t.list(zones),
    tax: pct(s.taxRateBps),
    deposit: formatCents(s.depositCents),
    gratuity: pct(s.suggestedGratuityBps),
  })} ${t.askGuestsAndZip}`;
}

/** "Lobster tail upgrade: 4 portions × $10.00 = $40.00" for each item of the party's selection. */
function selectionLines(c: Composer, items: Record<string, number>): string[] {
  return Object.entries(items)
    .map(([slug, n]) => {
      const item = activeItems(c).find((i) => i.slug === slug);
      if (!item) return "";
      const price = formatCents(item.priceCents);
      return c.t.selectionLine(
        item.name,
        item.kind === "UPGRADE",
        n,
        unitOf(item),
        price,
        formatCents(n * item.priceCents),
      );
    })
    .filter(Boolean);
}

async function pricing(c: Composer): Promise<string> {
  const k = c.req.known;
  const { t } = c;
  const s = c.req.tools.catalog.settings;
  const asked = topics(c);
  // "what's the minimum" alone; with "and per person?" the price list says both.
  if (asked.includes("minimum") && !asked.includes("per_person"))
    return `${t.minimum(formatCents(s.partyMinimumCents))} ${t.askGuestsAndZip}`;
  if (asked.includes("tax") && !k.guests) return t.tax(pct(s.taxRateBps));
  const big = tooLarge(c, k.guests);
  if (big) return big;
  const items = k.items ?? {};
  const codeSaid = c.req.recognition.slots.offerCode;
  // A code given after "hold it": the hold moves to it (priced with it), never a second one.
  if (codeSaid && k.hold && differsFromHold(k)) return bookingRequest(c);
  if (codeSaid && !k.guests) return t.offerNoted(codeSaid);
  if (!k.guests) {
    // The dishes and package named ("" when the other question of this message described them).
    if (itemsNamed(c).length || c.req.recognition.slots.packageSlug) return namedFacts(c);
    const lines = selectionLines(c, items);
    if (lines.length) return t.selectionBeforeTax(lines.join("; "));
    return pricingGeneral(c);
  }
  const pkg = packageAsked(c, true);
  // No ZIP yet but a city we serve ("a quote for 25 in fremont"): priced from a ZIP there; a
  // city whose ZIPs pay different fees is priced for its cheapest, said to depend on the ZIP,
  // and the fees asked about (never "no travel fee" for all of Fremont).
  const fromCity = k.postalCode ? undefined : cityZip(c);
  const zip = k.postalCode ?? fromCity?.zip;
  const varies = fromCity ? cityFeesVary(c, fromCity.city) : null;
  const args = {
    adults: k.adults ?? k.guests,
    children: k.children ?? 0,
    ...(zip ? { postalCode: zip } : {}),
    ...(pkg ? { packageSlug: pkg.slug } : {}),
    ...(Object.keys(items).length ? { items } : {}),
  };
  let r = await c.tool("get_quote", {
    ...args,
    ...(k.offerCode ? { offerCode: k.offerCode } : {}),
  });
  // A code we can't take (unknown, used, expired): why, in the server's words, then the price
  // without it; the frame forgets it.
  let codeRefused = "";
  if (!r.ok && k.offerCode && refusedField(r) === "offerCode") {
    codeRefused = t.offerRefused((r.data as { error: string }).error);
    delete c.memory.offerCode;
    r = await c.tool("get_quote", args);
  }
  if (!r.ok) return refusal(c, r, zip);
  const q = r.data as {
    package: string;
    guests: number;
    subtotal: string;
    travelFee: string;
    tax: string;
    total: string;
    deposit: string;
    suggestedGratuity: string;
    zone: string;
    offer: { label: string; amount: string } | null;
  };
  const lines = selectionLines(c, items);
  for (const slug of Object.keys(items)) c.said.add(slug);
  const upgrades = activeItems(c)
    .filter((i) => i.kind === "UPGRADE")
    .map((i) => i.name.toLowerCase());
  const others = itemsNamed(c)
    .map((i) => itemFacts(c, i))
    .filter(Boolean);
  return [
    codeRefused,
    t.quote({
      guests: q.guests,
      children: c.req.known.children ?? 0,
      pkg: q.package,
      items: lines.join("; "),
      food: q.subtotal,
      travel: q.travelFee,
      zone: varies
        ? t.zoneForCity(servedCityName(c, fromCity!.city), zip!)
        : zip
          ? q.zone
          : t.zoneUnknown,
      tax: q.tax,
      total: q.total,
      deposit: q.deposit,
      tip: q.suggestedGratuity,
    }),
    q.offer ? t.offerApplied(q.offer.label, q.offer.amount) : "",
    varies ?? "",
    lines.length ? t.confirmExtras : upgrades.length ? t.upgradesCostExtra(t.list(upgrades)) : "",
    ...others,
    // A price asked of another party while one is held: the hold is unchanged until asked.
    k.hold && differsFromHold(k) ? t.holdUnchangedAsk(k.hold.code) : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function menuGeneral(c: Composer): string {
  const { t } = c;
  const active = activeItems(c);
  const ofKind = (kind: string) => active.filter((i) => i.kind === kind);
  const pkgs = activePackages(c).map((p) =>
    t.menuPackage(
      p.name,
      formatCents(p.adultPriceCents),
      p.proteinsPerGuest,
      p.includes.join(", ").toLowerCase(),
    ),
  );
  return t.menu({
    packages: t.list(pkgs),
    proteins: t.list(ofKind("PROTEIN").map((i) => i.name.toLowerCase())),
    upgrades: t.list(
      ofKind("UPGRADE").map((i) => t.upgradeShort(i.name, formatCents(i.priceCents))),
    ),
    others: t.list([...ofKind("APPETIZER"), ...ofKind("SIDE")].map((i) => i.name.toLowerCase())),
  });
}

/** Which proteins one can choose: the included ones per package, and the upgrades. */
function proteinChoices(c: Composer): string {
  const { t } = c;
  const proteins = activeItems(c).filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  const included = proteins.filter((i) => i.priceCents === 0);
  const extra = proteins.filter((i) => i.priceCents > 0);
  const pkg = packageAsked(c);
  return t.proteins({
    perPackage: t.list(
      (pkg ? [pkg] : activePackages(c)).map((p) =>
        t.proteinsPerPackage(p.name, p.proteinsPerGuest),
      ),
    ),
    proteins: t.list(included.map((i) => i.name.toLowerCase())),
    upgrades: t.list(extra.map((i) => t.upgradeShort(i.name, formatCents(i.priceCents)))),
  });
}

/**
 * The menu items that say they are a drink, a rental, a dessert..., described (those this reply
 * already described left out); `none` when the menu has none.
 */
function offered(c: Composer, words: RegExp, say: (items: string) => string, none: string): string {
  const found = itemsAbout(c, words);
  if (!found.length) return none;
  const facts = found.map((i) => itemFacts(c, i)).filter(Boolean);
  return facts.length ? say(facts.join(" ")) : "";
}

const drinks = (c: Composer) => offered(c, DRINK_WORDS, c.t.drinksOffered, c.t.noDrinks);
const desserts = (c: Composer) => offered(c, DESSERT_WORDS, c.t.dessertsOffered, "");
const rentals = (c: Composer) => offered(c, RENTAL_WORDS, c.t.rentalsOffered, c.t.noRentals);

function menu(c: Composer): string {
  const asked = topics(c);
  const parts = [
    asked.includes("proteins") ? proteinChoices(c) : "",
    asked.includes("drinks") ? drinks(c) : "",
    asked.includes("desserts") ? desserts(c) : "",
    // "which proteins" names no dish even when a dish's name has the word "protein" in it.
    asked.includes("proteins") ? "" : namedFacts(c),
  ].filter(Boolean);
  if (parts.length) return parts.join(" ");
  // Everything asked was already described by the other intent of this message.
  if (asked.includes("drinks") || itemsNamed(c).length) return "";
  return menuGeneral(c);
}

/** "Is the gyoza gluten free?": what the named dishes contain, against the diet or allergy. */
function dishAnswer(c: Composer, slugs: string[], diets: string[]): string {
  const { t } = c;
  const parts = slugs
    .map((slug) => activeItems(c).find((i) => i.slug === slug))
    .filter((i) => i !== undefined)
    .map((item) => {
      const allergens = allergensContained(item);
      const contains = allergens.length
        ? t
            .contains(allergens)
            .replace(/\.$/, "")
            .replace(/^./, (x) => x.toLowerCase())
        : t.dishListsNone;
      const verdicts = diets.map((d) => {
        const ok = dietaryMatch(item, d);
        const label = t.dietLabel(d);
        if (["vegetarian", "vegan", "pescatarian", "halal", "gluten"].includes(d))
          return ok ? t.dishIs(label, dietOnRequest(item, d)) : t.dishIsNot(label);
        return ok ? t.dishFreeOf(label) : t.dishNotSafe(label);
      });
      return t.dishContains(item.name, contains, verdicts);
    });
  return `${parts.join(" ")} ${t.seriousAllergy(contactLine(c))}`;
}

/**
 * The held menu with the diets said so far served: guests who keep a diet get an included
 * protein that suits it and every allergy said (crispy tofu for vegetarians), first in menu
 * order, their portions as the package gives each guest; those already chosen count. Null when
 * nothing needs to change.
 */
function dietItems(
  c: Composer,
  profile: DietaryProfile,
  guests: number,
  packageSlug: string | undefined,
  current: Record<string, number> | undefined,
): Record<string, number> | null {
  const { catalog } = c.req.tools;
  const pkg =
    catalog.packages.find((p) => p.active && p.slug === packageSlug) ??
    catalog.packages.find((p) => p.active);
  if (!pkg) return null;
  const items = { ...(current ?? {}) };
  const avoid: DietaryProfile = { avoid: profile.avoid, diets: [], likes: [] };
  let changed = false;
  for (const d of profile.diets) {
    const n = Math.min(guests, d.guests ?? guests);
    const want = n * pkg.proteinsPerGuest;
    const fits = catalog.items.filter(
      (i) => isIncludedProtein(i) && itemSuitsDiet(i, d.value) && safeForProfile(i, avoid),
    );
    if (!fits.length) continue;
    const have = fits.reduce((a, i) => a + (items[i.slug] ?? 0), 0);
    if (have >= want) continue;
    items[fits[0]!.slug] = (items[fits[0]!.slug] ?? 0) + want - have;
    changed = true;
  }
  return changed ? items : null;
}

/** Marks a turn whose diet note is said already (dietOnHold), not again with the hold. */
const DIET_NOTED = "diet:noted";

const ALLERGIC =
  /\b(?:allerg\w*|al[eé]rgic\w*|intoleran\w*|can'?t (?:eat|have)|cannot (?:eat|have)|avoids?)\b/i;

/** The diets and allergies said, as a note ("1 guest avoids shellfish and 2 guests are vegetarian"). */
function dietNotes(c: Composer, said: DietaryProfile): string {
  const { t } = c;
  return t.list([
    ...said.avoid.map((a) => t.dietAvoidNote(a.guests, t.dietLabel(a.value))),
    ...said.diets.map((d) => t.dietKeepNote(d.guests, t.dietLabel(d.value))),
  ]);
}

/** What this message says of the party's diets and allergies, if it says any (not a question). */
function dietSaid(c: Composer, party: DietParty): DietaryProfile | null {
  if (/\?/.test(c.req.text)) return null;
  // A dish named is a question about it ("the fried rice, is it ok for him"), unless an allergy
  // to it is said ("my son is allergic to shrimp").
  if (c.req.recognition.slots.named?.length && !ALLERGIC.test(c.req.text)) return null;
  const said = extractDietaryProfile(c.req.text, party);
  return said.avoid.length + said.diets.length ? said : null;
}

/**
 * An allergy or diet said while this conversation holds a party ("one of our guests has a
 * shellfish allergy", "and two are vegetarian"), or in the message that made the hold: noted on
 * the hold (suggestion.ts writes the profile onto it; staff and the chef see it), and guests who
 * keep a diet get a protein that suits it in the held menu, the hold updated like any change.
 * A question ("is the fried rice safe for him?") is answered as one; null then.
 */
async function dietOnHold(c: Composer): Promise<string | null> {
  const k = c.req.known;
  const { t } = c;
  const hold = c.memory.hold ?? k.hold;
  if (!hold) return null;
  // "Never mind, no one has an allergy": taken off the hold (suggestion.ts writes the profile).
  if (allergiesTakenBack(c.req.text) && (k.dietProfile?.avoid.length ?? 0) > 0)
    return t.allergiesTakenOff(hold.code);
  const said = dietSaid(c, partyOf({ ...k, hold }));
  if (!said) return null;
  // Held just now, the diet served and noted in the hold's own reply (bookingRequest).
  if (c.memory.hold !== k.hold) return "";
  const profile = mergeProfiles(k.dietProfile ?? EMPTY_PROFILE, said);
  const noted = t.dietNoted(hold.code, dietNotes(c, said));
  const items = dietItems(c, profile, hold.guests, hold.packageSlug, hold.items);
  if (!items) return `${noted} ${t.dietChefSees}`;
  k.items = items;
  c.memory.items = items;
  c.said.add(DIET_NOTED);
  return `${noted} ${await bookingRequest(c)}`;
}

async function dietary(c: Composer): Promise<string> {
  const onHold = await dietOnHold(c);
  if (onHold !== null) return onHold;
  const { t } = c;
  const named = c.req.recognition.slots.named;
  if (named?.length)
    return dishAnswer(c, named, c.req.recognition.slots.diet ?? c.req.known.diet ?? []);
  const diets = c.req.recognition.slots.diet ?? [];
  const active = activeItems(c);
  const isProtein = (i: CatalogItem) => i.kind === "PROTEIN" || i.kind === "UPGRADE";
  const proteins = active.filter(isProtein);
  // Items with no allergen or dietary data (tables, a drinks service, "any protein") are not
  // food we can vouch for either way: never list them as safe.
  const others = active.filter(
    (i) =>
      !isProtein(i) &&
      // (`contains ?? []`: a catalog cached before ingredients existed has none.)
      (i.allergens.length > 0 || (i.contains ?? []).length > 0 || i.dietaryTags.length > 0),
  );
  if (!diets.length) {
    const tags = [...new Set(active.flatMap((i) => i.dietaryTags))].sort();
    return t.dietTags(t.list(tags.map((x) => t.dietLabel(x))));
  }
  const parts: string[] = [];
  for (const d of diets) {
    if (d === "kosher") {
      parts.push(t.kosher(contactLine(c)));
      continue;
    }
    const okProteins = proteins.filter((i) => dietaryMatch(i, d));
    const okOthers = others.filter((i) => dietaryMatch(i, d)).map((i) => i.name.toLowerCase());
    const names = okProteins.map((i) => i.name.toLowerCase());
    const label = t.dietLabel(d);
    if (["vegetarian", "vegan", "pescatarian", "halal", "gluten"].includes(d)) {
      if (!okProteins.length && !okOthers.length) {
        parts.push(t.noneMarked(label, contactLine(c)));
        continue;
      }
      parts.push(t.weCater(label, d === "gluten" || d === "halal"));
      if (names.length) parts.push(t.dietProteins(t.list(names)));
      if (okOthers.length) parts.push(t.dietAlso(label, t.list(okOthers)));
      // How the chef cooks for them (a separate surface...), as the dishes themselves say.
      if (d === "vegetarian" || d === "vegan")
        parts.push(
          ...okProteins
            .filter((i) => i.kind === "PROTEIN")
            .map((i) => sentence(`${i.name}: ${i.description}`)),
        );
    } else {
      const containing = active.filter((i) => !dietaryMatch(i, d)).map((i) => i.name.toLowerCase());
      parts.push(
        containing.length
          ? t.containing(label, t.list(containing), t.list(names), t.list(okOthers))
          : t.noneContain(label),
      );
      // The packages' own dishes (fried rice, sauces, noodles) carry allergens too (R1-2).
      const pkgs = activePackages(c).filter(
        (p) =>
          !dietaryMatch(
            { allergens: p.allergens ?? [], contains: p.contains ?? [], dietaryTags: [] },
            d,
          ),
      );
      if (pkgs.length) parts.push(t.packagesContain(label, t.list(pkgs.map((p) => p.name))));
      parts.push(t.seriousAllergy(contactLine(c)));
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

async function serviceArea(c: Composer): Promise<string> {
  const { catalog } = c.req.tools;
  const { t } = c;
  const s = catalog.settings;
  const zip = c.req.recognition.slots.postalCode;
  const zones = [...catalog.zones].sort((a, b) => a.maxMiles - b.maxMiles);
  const far = zones[zones.length - 1]?.maxMiles ?? 0;
  const named = c.req.recognition.slots.city;
  // "What's the travel fee?" with the party's ZIP known (the hold's): that ZIP's fee, the quote
  // engine's (issue 17 round 5, L5), not the zone table and "tell me your ZIP".
  const known = c.req.known.postalCode;
  if (!zip && !named && known && topics(c).includes("travel")) {
    const r = await c.tool("get_quote", { adults: 10, postalCode: known });
    if (r.ok) {
      const fee = (r.data as { travelFee: string }).travelFee;
      return t.travelFeeFor(known, /^\$0(?:\.00)?$/.test(fee) ? null : fee);
    }
  }
  if (zip) {
    const r = await c.tool("get_quote", { adults: 10, postalCode: zip });
    if (!r.ok) return refusal(c, r, zip);
    const zone = r.data as { zone: string; travelFee: string };
    c.memory.postalCode = zip;
    return t.weComeTo(zip, zone.zone, zone.travelFee);
  }
  const cityZip = named ? postalCodeForCity(catalog, named) : undefined;
  const varies = named && cityZip ? cityFeesVary(c, named) : null;
  if (varies) return varies;
  if (named && cityZip) {
    const r = await c.tool("get_quote", { adults: 10, postalCode: cityZip });
    if (r.ok) {
      const zone = r.data as { zone: string; travelFee: string };
      return t.weServeCity(named, zone.zone.split(": ")[1] ?? zone.zone, zone.travelFee);
    }
  }
  return t.serviceArea(
    s.baseAddress,
    far,
    t.list(zones.map((z) => `${z.name} ${z.feeCents ? formatCents(z.feeCents) : t.free}`)),
  );
}

/** The date or range under discussion, in the customer's language. */
function whenSaid(c: Composer, k: Memory): string {
  const { t } = c;
  if (k.date) return t.on(k.date);
  if (k.from && k.to) return t.dayRange(t.day(k.from), t.day(k.to));
  return t.nextTwoWeeks;
}

/** Slots grouped by day as `slotsText` says them, days in order of first mention. */
function byDayOrder<T extends { date: string }>(slots: T[]): T[] {
  const days = [...new Set(slots.map((s) => s.date))];
  return days.flatMap((d) => slots.filter((s) => s.date === d));
}

/** The free times just offered, in the order said: a pick by place ("the first one") reads them. */
function offer(c: Composer, slots: { date: string; startMinute: number }[]): void {
  if (slots.length >= 2) {
    c.memory.options = slots.map(({ date, startMinute }) => ({ date, startMinute }));
    c.extras.offered = c.memory.options as { date: string; startMinute: number }[];
  } else {
    delete c.memory.options;
    delete c.extras.offered;
  }
}

function slotsText(
  c: Composer,
  slots: { date: string; label: string; dayLabel: string }[],
  multiDay: boolean,
): string {
  if (!multiDay) return c.t.list(slots.map((s) => s.label));
  const byDay = new Map<string, string[]>();
  for (const s of slots) {
    const day = c.t.day(s.date);
    byDay.set(day, [...(byDay.get(day) ?? []), s.label]);
  }
  return [...byDay].map(([d, times]) => `${d}: ${times.join(", ")}`).join("; ");
}

/** A day as said, with its year when that isn't this year's (a date far ahead). */
function dayOfYear(c: Composer, date: string, today: string): string {
  return date.slice(0, 4) === today.slice(0, 4) ? c.t.day(date) : c.t.dayInYear(date);
}

/** A date or party we can't take: say why instead of calling it "fully booked". */
function outsideWindow(c: Composer): string | null {
  const k = c.req.known;
  const s = c.req.tools.catalog.settings;
  const big = tooLarge(c, k.guests);
  if (big) return big;
  const today = zonedParts(c.req.tools.now, s.timeZone).date;
  // A date this message named that has passed is forgotten by the frame; it is still what the
  // customer asked for, and the answer is that it passed (not "I just need the date").
  const said = c.req.recognition.slots.date;
  const passed = !k.date && said && said < today ? said : undefined;
  const asked = k.date ?? k.from ?? passed;
  if (!asked) return null;
  if (passed) return c.t.alreadyPassed(c.t.day(passed));
  const last = addDays(today, s.bookingWindowDays);
  if (asked > last)
    return c.t.notOpenYet(
      s.bookingWindowDays,
      k.date ? c.t.dayInYear(k.date) : whenSaid(c, k),
      dayOfYear(c, addDays(asked, -s.bookingWindowDays), today),
      contactLine(c),
    );
  if (asked < today) return c.t.alreadyPassed(whenSaid(c, k));
  // Every start time that day is inside the notice window: too soon, not "fully booked".
  const lastStart = Math.max(...s.slotStartMinutes);
  const earliest = c.req.tools.now.getTime() + s.minNoticeHours * 3600_000;
  const lastDay = k.to && !k.date ? k.to : asked;
  if (
    Number.isFinite(lastStart) &&
    zonedTimeToUtc(lastDay, lastStart, s.timeZone).getTime() < earliest
  ) {
    // The first day with a start time at least the notice away (not the day the notice ends
    // on, when its last start time is already too soon).
    let first = zonedParts(new Date(earliest), s.timeZone).date;
    for (let i = 0; i < 3; i++) {
      if (
        s.slotStartMinutes.some((m) => zonedTimeToUtc(first, m, s.timeZone).getTime() >= earliest)
      )
        break;
      first = addDays(first, 1);
    }
    return c.t.tooSoon(s.minNoticeHours, whenSaid(c, k), c.t.day(first), contactLine(c));
  }
  return null;
}

/**
 * Why a date or time has no free time, as the booking core decided it (`whyNoSlot`: settings,
 * working hours, time off, bookings), in the customer's language. Null for "fully booked" (the
 * caller says that with the nearest free times) or no reason. `contact`: the sentence already
 * says whom to call.
 */
function reasonText(
  c: Composer,
  why: NoSlotReason | null | undefined,
  date: string | undefined,
  minute: number | undefined,
  guests: number,
): { text: string; contact: boolean } | null {
  if (!why) return null;
  const { t } = c;
  const time = minute !== undefined ? formatMinutes(minute) : undefined;
  const on = date ? t.on(date) : whenSaid(c, c.req.known);
  const at = date && minute !== undefined ? t.at(date, minute) : on;
  switch (why.kind) {
    case "closed_day":
      return { text: t.closedDay(t.weekdays(why.weekday), on, why.otherAreas), contact: false };
    case "closed_hours":
      return { text: t.closedHours(on, time), contact: false };
    case "time_off":
      return { text: t.daysOff(on, time), contact: false };
    case "too_few_chefs":
      return { text: t.tooFewChefs(guests, why.chefsNeeded, at, contactLine(c)), contact: true };
    case "too_soon":
      return {
        text: t.tooSoon(why.minNoticeHours, at, t.day(why.firstDate), contactLine(c)),
        contact: true,
      };
    case "beyond_window":
      return {
        text: t.notOpenYet(
          why.bookingWindowDays,
          date ? t.dayInYear(date) : on,
          dayOfYear(
            c,
            addDays(date ?? why.lastDate, -why.bookingWindowDays),
            zonedParts(c.req.tools.now, c.req.tools.catalog.settings.timeZone).date,
          ),
          contactLine(c),
        ),
        contact: true,
      };
    case "past":
      return { text: t.alreadyPassed(on), contact: false };
    case "not_a_start_time":
      return time ? { text: t.notAStartTime(time), contact: false } : null;
    case "fully_booked": {
      // Times inside the notice are never "fully booked": only the later ones are.
      if (why.tooSoonBefore)
        return {
          text: t.bookedAfterNotice(c.req.tools.catalog.settings.minNoticeHours, on),
          contact: false,
        };
      // A party that needs several chefs: the time may be free for a smaller one (round 6, L6).
      const perChef = c.req.tools.catalog.settings.maxGuestsPerChef;
      const needed = perChef ? Math.ceil(guests / perChef) : 1;
      return needed > 1 && time
        ? { text: t.notEnoughChefsFree(guests, needed, time), contact: false }
        : null;
    }
  }
}

/** The times a party may start at and how long it lasts. */
function startTimes(c: Composer): string {
  const s = c.req.tools.catalog.settings;
  return c.t.startTimes(
    c.t.list([...s.slotStartMinutes].sort((a, b) => a - b).map(formatMinutes)),
    hours(s.eventDurationMinutes),
  );
}

/**
 * Whether parties are cooked on that weekday at all: the calendar's own reason for its next one
 * (a weekday no chef works is "closed"; a full one is still a day we cook), and the start times.
 */
async function openOnWeekdays(c: Composer, weekdays: number[]): Promise<string> {
  const { t } = c;
  const s = c.req.tools.catalog.settings;
  const today = zonedParts(c.req.tools.now, s.timeZone).date;
  c.memory.lastIntent = "availability";
  // Each day's first date past the notice period, so "too soon" is not the answer.
  const closed: number[] = [];
  for (const weekday of weekdays) {
    let date = addDays(today, Math.ceil(s.minNoticeHours / 24) + 1);
    while (weekdayOf(date) !== weekday) date = addDays(date, 1);
    const r = await c.tool("check_availability", { guests: s.minGuests, date });
    const why = r.ok ? (r.data as { unavailable: NoSlotReason | null }).unavailable : null;
    if (why?.kind === "closed_day" && !why.otherAreas) closed.push(weekday);
  }
  const open = weekdays.filter((d) => !closed.includes(d));
  const names = (days: number[]) => t.list(days.map((d) => t.weekdays(d)));
  const times = t.list([...s.slotStartMinutes].sort((a, b) => a - b).map(formatMinutes));
  if (!open.length) return t.closedOnWeekday(names(closed));
  if (weekdays.length === 7)
    return closed.length ? t.openExcept(names(closed), times) : t.openEveryDay(times);
  if (!closed.length) return t.openOnWeekday(names(open), times);
  return t.openNotOn(names(open), names(closed), times);
}

/**
 * When the phone is answered (the owner's phone hours); "what are your hours" may also mean when
 * a party can start, and then that follows.
 */
function phoneHours(c: Composer): string {
  const s = c.req.tools.catalog.settings;
  const said = c.t.phoneHours(
    s.businessName,
    describePhoneHours(readPhoneHours(s.phoneHours)).replace(/^Every day/, "every day"),
    s.phone,
  );
  return topics(c).includes("start_times") ? `${said} ${startTimes(c)}` : said;
}

async function availability(c: Composer): Promise<string> {
  const k = c.req.known;
  const { t } = c;
  const closed = outsideWindow(c);
  if (closed) return closed;
  const s = c.req.tools.catalog.settings;
  if (topics(c).includes("start_times") && !k.guests && !k.date && !k.from) return startTimes(c);
  const weekdays = k.date || k.from ? undefined : weekdaysAsked(c.req.text);
  if (weekdays && !k.guests) return openOnWeekdays(c, weekdays);
  if (!k.guests) {
    c.memory.lastIntent = "availability";
    return t.askGuests(whenSaid(c, k));
  }
  // No ZIP yet but a city we serve ("...in palo alto"): check from a ZIP in that city.
  const fromCity = cityZip(c);
  const zip = k.postalCode ?? fromCity?.zip;
  // A time asked for on that day: the answer says why when it is not free.
  const asked = k.date && k.startMinute !== undefined ? k.startMinute : undefined;
  const r = await c.tool("check_availability", {
    guests: k.guests,
    ...(k.date ? { date: k.date } : k.from && k.to ? { from: k.from, to: k.to } : {}),
    ...(asked !== undefined ? { startMinute: asked } : {}),
    ...(zip ? { postalCode: zip } : {}),
  });
  if (!r.ok) return refusal(c, r, zip);
  const d = r.data as {
    nothingOnRequestedDate: boolean;
    zone: string;
    assumedArea: string | null;
    unavailable: NoSlotReason | null;
  };
  // The caller's own hold is theirs, never "taken": its time joins that day's free times.
  const own =
    k.hold && k.date === k.hold.date && (!k.from || k.from === k.date) ? k.hold : undefined;
  const found = r.extras?.slots ?? [];
  const withOwn =
    own && !found.some((x) => x.date === own.date && x.startMinute === own.startMinute)
      ? [
          ...found,
          {
            date: own.date,
            startMinute: own.startMinute,
            label: formatMinutes(own.startMinute),
            dayLabel: found.find((x) => x.date === own.date)?.dayLabel ?? c.t.day(own.date),
          },
        ].sort((a, b) => a.date.localeCompare(b.date) || a.startMinute - b.startMinute)
      : found;
  // A time asked for and free is said first (a spoken list keeps only the first few).
  const slots = [
    ...withOwn.filter((x) => x.date === k.date && x.startMinute === asked),
    ...withOwn.filter((x) => !(x.date === k.date && x.startMinute === asked)),
  ];
  if (own && d.nothingOnRequestedDate && slots.some((x) => x.date === own.date))
    d.nothingOnRequestedDate = false;
  const area = fromCity
    ? t.checkedForCity(fromCity.city)
    : d.assumedArea
      ? t.checkedForArea(s.baseAddress)
      : "";
  const when = whenSaid(c, k);
  // The real reason (closed that day or hour, chefs off, too soon...): "fully booked" only when
  // the chefs who work then are booked.
  const why = reasonText(c, d.unavailable, k.date, asked, k.guests);
  if (!slots.length)
    return why
      ? `${why.text}${why.contact ? "" : t.tryAnotherDate(contactLine(c))}`
      : t.fullyBooked(k.guests, when, area, contactLine(c));
  const multiDay = new Set(slots.map((s) => s.date)).size > 1;
  const head = d.nothingOnRequestedDate
    ? why
      ? `${why.text}${t.freeSoonAfter(area)}`
      : t.bookedButSoonAfter(when, k.guests, area)
    : t.freeOn(k.guests, multiDay ? t.theseDays : when, area);
  c.memory.lastIntent = "availability";
  // The times in the order said ("the first one", "the last one" picks from them).
  offer(c, multiDay || d.nothingOnRequestedDate ? byDayOrder(slots) : slots);
  // A time asked for on that day and not among the free ones: say why before the free times.
  const notFree =
    asked !== undefined && !d.nothingOnRequestedDate && !slots.some((x) => x.startMinute === asked)
      ? why
        ? `${why.text} `
        : s.slotStartMinutes.includes(asked)
          ? `${t.timeNotFree(formatMinutes(asked))} `
          : `${t.notAStartTime(formatMinutes(asked))} `
      : "";
  return `${notFree}${head}${slotsText(c, slots, multiDay || d.nothingOnRequestedDate)}. ${t.pickATime}`;
}

/** "Saturday, December 12 at 5:00 PM for 12 guests (10 adults, 2 children), Premium, ZIP 95014". */
function heldText(c: Composer, h: HeldFrame): string {
  const { catalog } = c.req.tools;
  const pkg = catalog.packages.find(
    (p) => p.slug === (h.packageSlug ?? catalog.packages.find((x) => x.active)?.slug),
  );
  const items = Object.entries(h.items ?? {})
    .map(([slug, n]) => {
      const item = catalog.items.find((i) => i.slug === slug);
      return item ? `${n} × ${item.name}` : "";
    })
    .filter(Boolean);
  return c.t.heldWhat(
    c.t.at(h.date, h.startMinute),
    h.guests,
    h.children,
    pkg?.name,
    c.t.list(items),
    h.postalCode,
  );
}

/** Holds exactly what the frame says, or moves the hold this chat already made (never two). */
async function bookingRequest(c: Composer): Promise<string> {
  const k = c.req.known;
  const closed = outsideWindow(c);
  if (closed) {
    // Still a booking: the next message that names another date ("then May 22, same time")
    // holds it, as after any other missing detail.
    c.memory.pendingBooking = true;
    return closed;
  }
  const missing: string[] = [];
  if (!k.date) missing.push(c.t.needDate);
  if (!k.guests) missing.push(c.t.needGuests);
  if (k.date && k.guests && k.startMinute === undefined) {
    c.memory.pendingBooking = true;
    return availability(c);
  }
  if (!k.postalCode && k.city) {
    // "we're in Saratoga": a city we serve at one ZIP only is that ZIP (the reply names it and
    // the address comes with the finishing form); a city with several ZIPs asks which.
    const zips = cityPostalCodes(c.req.tools.catalog, k.city);
    if (zips.length === 1) k.postalCode = c.memory.postalCode = zips[0];
  }
  if (!k.postalCode) missing.push(c.t.needZip);
  if (missing.length) {
    c.memory.pendingBooking = true;
    return c.t.bookingNeeds(missing);
  }
  // "Book 10 on May 14 at 6, two of them are vegetarian": held with their protein already
  // (dietOnHold then only notes it).
  const diet = k.guests && !c.said.has(DIET_NOTED) ? dietSaid(c, partyOf(k)) : null;
  if (diet) {
    const profile = mergeProfiles(k.dietProfile ?? EMPTY_PROFILE, diet);
    const items = dietItems(c, profile, k.guests!, k.packageSlug, k.items);
    if (items) k.items = c.memory.items = items;
  }
  // "hold it" again for what is already held: the same hold, kept longer, with its link again.
  const again = !!k.hold && !differsFromHold(k);
  let { result: r, held } = await holdFrame(k, c.tool);
  // A code we can't take: why, then the hold without it (the frame forgets the code).
  let codeRefused = "";
  if (!r.ok && k.offerCode && refusedField(r) === "offerCode") {
    codeRefused = `${c.t.offerRefused((r.data as { error: string }).error)} `;
    delete c.memory.offerCode;
    delete k.offerCode;
    ({ result: r, held } = await holdFrame(k, c.tool));
  }
  if (!r.ok) {
    const err = r.data as {
      error: string;
      details?: {
        alternatives?: { date: string; startMinute: number; label: string }[];
        field?: string;
        reason?: NoSlotReason;
      } | null;
    };
    // The time asked for is not free (taken meanwhile, or never offered): say why (the core's
    // reason: closed that day or hour, chefs off, booked), offer the nearest free times, and let
    // the next time said continue the booking.
    const alternatives = err.details?.alternatives ?? [];
    const conflict = (r.data as { code?: string }).code === "CONFLICT";
    const why = conflict
      ? reasonText(c, err.details?.reason, k.date, k.startMinute, k.guests!)
      : null;
    if (!k.hold && conflict) {
      c.memory.wantedMinute = k.startMinute;
      c.memory.startMinute = undefined;
      c.memory.pendingBooking = true;
      const said = why?.text ?? c.t.timeNotFree(formatMinutes(k.startMinute!));
      // The nearest free times by day, the day asked for first ("Friday, December 11: 5:00 PM,
      // 6:00 PM; Thursday, December 10: 6:00 PM"), in the order a pick by place reads them.
      const near = [...alternatives].sort(
        (a, b) =>
          Number(a.date !== k.date) - Number(b.date !== k.date) ||
          a.date.localeCompare(b.date) ||
          a.startMinute - b.startMinute,
      );
      offer(c, near);
      const times = near.map((a) => ({ ...a, label: formatMinutes(a.startMinute), dayLabel: "" }));
      return near.length
        ? `${said} ${c.t.stillFree(slotsText(c, times, true))}`
        : why
          ? `${why.text}${why.contact ? "" : c.t.tryAnotherDate(contactLine(c))}`
          : err.error;
    }
    if (err.details?.field === "startMinute") {
      c.memory.startMinute = undefined;
      const avail = await availability(c);
      // The free times already say when the time asked is not a start time: once is enough.
      const notStart = c.t.notAStartTime(formatMinutes(k.startMinute!));
      return avail.includes(notStart) ? avail : `${notStart} ${avail}`;
    }
    const said = why?.text ?? refusal(c, r, k.postalCode);
    return k.hold
      ? c.t.holdUnchanged(said, k.hold.code, c.t.at(k.hold.date, k.hold.startMinute))
      : said;
  }
  const h = r.data as {
    id: string;
    code: string;
    moved: boolean;
    when: string;
    total: string;
    deposit: string;
    holdMinutes: number;
  };
  c.memory.hold = held;
  c.memory.pendingBooking = false;
  delete c.memory.options;
  const what = heldText(c, held!);
  // A diet or allergy said in the booking message is noted in the hold's reply (dietOnHold).
  const noted = diet ? `${c.t.dietNotedHere(dietNotes(c, diet))} ` : "";
  const total = `${noted}${c.t.holdTotal(h.total, h.deposit)}`;
  const withCode = held?.offerCode ? ` ${c.t.offerHeld(held.offerCode)}` : "";
  if (again && h.id === k.hold!.id)
    return `${codeRefused}${noted}${c.t.alreadyHeld(what, h.code, h.holdMinutes)}${withCode}`;
  return `${codeRefused}${
    h.moved
      ? c.t.holdMoved(
          h.code,
          what,
          total,
          h.holdMinutes,
          !k.hold || k.hold.date !== k.date || k.hold.startMinute !== k.startMinute,
        )
      : c.t.holdDone(what, h.holdMinutes, h.code, total)
  }${withCode}`;
}

async function bookingStatus(c: Composer): Promise<string> {
  const { t } = c;
  const code = c.req.recognition.slots.bookingCode;
  // A change to a booking named by its reference (not this conversation's hold: understanding.ts
  // gives that to the hold): where to change it, nothing looked up.
  if (code && topics(c).includes("change")) return t.changeByLink(contactLine(c));
  const r = await c.tool("get_my_bookings", code ? { code } : {});
  const d = r.data as {
    signedIn: boolean;
    needsEmailConfirmation?: boolean;
    bookings: { code: string; status: string; when: string; guests: number; total: string }[];
  };
  if (!d.signedIn) return t.signInForBookings;
  if (d.needsEmailConfirmation) return t.confirmEmailForBookings;
  if (!d.bookings.length) return code ? t.noSuchBooking(code) : t.noBookings;
  return t.bookingsList(
    d.bookings.map((b) => t.bookingRow(b.code, b.when, b.guests, b.status, b.total)).join("; "),
  );
}

/** The program's tiers, and for a signed-in customer their own tier and progress. */
async function loyalty(c: Composer): Promise<string> {
  const { t } = c;
  const mine = (await c.tool("get_my_loyalty", {})).data as {
    signedIn: boolean;
    needsEmailConfirmation?: boolean;
    notACustomer?: boolean;
    tier?: { name: string; discountBps: number } | null;
    completedBookings?: number;
    points?: number;
    nextTier?: string | null;
    bookingsToNext?: number | null;
  };
  if (mine.signedIn && mine.tier)
    return t.yourTier(
      mine.tier.name,
      pct(mine.tier.discountBps),
      mine.completedBookings ?? 0,
      mine.points ?? 0,
      mine.nextTier && mine.bookingsToNext
        ? { name: mine.nextTier, bookings: mine.bookingsToNext }
        : null,
    );
  const program = (await c.tool("get_loyalty_program", {})).data as {
    tiers: { name: string; minCompletedBookings: number; discountBps: number; perks: string[] }[];
  };
  const ladder = t.loyaltyProgram(
    t.list(
      program.tiers.map((x) =>
        t.loyaltyTier(x.name, x.minCompletedBookings, pct(x.discountBps), x.perks),
      ),
    ),
  );
  const why = !mine.signedIn
    ? t.signInForLoyalty
    : mine.notACustomer
      ? t.noLoyaltyForStaff
      : t.confirmEmailForLoyalty;
  return `${ladder} ${why}`;
}

/** A signed-in customer's own referral code and its percent; for anyone else the program. */
async function referral(c: Composer): Promise<string> {
  const { t } = c;
  const mine = (await c.tool("get_my_referral_code", {})).data as {
    signedIn: boolean;
    needsEmailConfirmation?: boolean;
    notACustomer?: boolean;
    code?: string | null;
    percentOff?: number | null;
  };
  if (mine.signedIn && mine.code && mine.percentOff != null)
    return t.yourReferralCode(mine.code, pct(mine.percentOff * 100));
  const why = !mine.signedIn
    ? t.signInForReferral
    : mine.notACustomer
      ? t.noReferralForStaff
      : mine.needsEmailConfirmation
        ? t.confirmEmailForReferral
        : t.referralAfterFirstBooking;
  return `${t.referralProgram} ${why}`;
}

function policy(c: Composer, intent: Intent): string {
  const { t } = c;
  const s = c.req.tools.catalog.settings;
  const asked = topics(c);
  const pkg = packageAsked(c);
  switch (intent) {
    case "policy_cancel":
      return asked.includes("reschedule")
        ? t.reschedule(s.freeCancellationHours, s.rescheduleCutoffHours)
        : t.cancellation(s.freeCancellationHours, s.rescheduleCutoffHours);
    case "policy_deposit":
      return t.deposit(formatCents(s.depositCents), s.freeCancellationHours);
    case "policy_gratuity":
      return t.gratuity(pct(s.suggestedGratuityBps));
    case "included":
      // "What packages do you have?": each with its prices and what it includes.
      if (asked.includes("packages") && !pkg)
        return activePackages(c)
          .map((p) => packageFacts(c, p))
          .join(" ");
      return (pkg && !asked.includes("compare") ? [pkg] : activePackages(c))
        .map((p) => t.includes(p.name, t.list(p.includes.map((x) => x.toLowerCase()))))
        .join(" ");
    case "duration":
      return t.duration(hours(s.eventDurationMinutes), s.extraMinutesPer10Guests);
    case "kids": {
      const priced = packageAsked(c, true);
      const packages = priced ? [priced] : activePackages(c);
      // "Do kids under three eat free?": the business sets no free age, and the quote charges
      // every child the child price: said so, never implied either way.
      if (topics(c).includes("free_age"))
        return t.kidsNoFreeAge(
          t.list(
            packages.map(
              (p) => `${p.name} ${p.childPriceCents ? formatCents(p.childPriceCents) : t.free}`,
            ),
          ),
          contactLine(c),
        );
      return packages
        .map((p) => t.kids(p.name, formatCents(p.childPriceCents), formatCents(p.adultPriceCents)))
        .join(" ");
    }
    case "notice":
      if (asked.includes("hold")) return t.hold(s.holdMinutes, s.confirmHoldMinutes);
      return t.notice(s.minNoticeHours, s.bookingWindowDays, contactLine(c));
    case "capacity": {
      if (asked.includes("min_guests"))
        return t.partySize(s.minGuests, s.maxGuests, formatCents(s.partyMinimumCents));
      const guests = c.req.known.guests;
      const over = guests !== undefined && guests > s.maxGuests;
      return `${t.capacity(s.maxGuestsPerChef, s.maxGuests)} ${over ? t.capacityTooMany(guests, contactLine(c)) : t.capacityNext}`;
    }
    case "setup": {
      if (asked.includes("arrival"))
        return t.arrival(
          s.travelBufferMinutes,
          s.cleanupBufferMinutes,
          hours(s.eventDurationMinutes),
        );
      if (asked.includes("rentals")) return rentals(c);
      const rental = itemsAbout(c, RENTAL_WORDS)[0];
      return t.setup(
        rental
          ? t.setupRental(
              rental.name.toLowerCase(),
              formatCents(rental.priceCents),
              rental.description.toLowerCase().replace(/\.$/, ""),
            )
          : "",
        contactLine(c),
      );
    }
    default:
      return "";
  }
}

async function answerIntent(c: Composer, intent: Intent): Promise<string> {
  const s = c.req.tools.catalog.settings;
  switch (intent) {
    case "greeting":
      return c.t.greeting(s.businessName);
    case "thanks":
      return c.t.thanks;
    case "contact":
      // "what time do you open?", "when can I call you": the phone hours as the owner set them.
      return topics(c).includes("phone_hours")
        ? phoneHours(c)
        : c.t.contactUs(s.businessName, s.phone, s.email);
    case "pricing":
      return pricing(c);
    case "menu":
      return menu(c);
    case "dietary":
      return dietary(c);
    case "service_area":
      return serviceArea(c);
    case "availability":
      return availability(c);
    case "booking_request":
      return bookingRequest(c);
    case "booking_status":
      return bookingStatus(c);
    case "loyalty":
      return loyalty(c);
    case "referral":
      return referral(c);
    case "human": {
      // "...never showed up, I want a manager": the complaint's answer says it all, once.
      const answered = [c.req.recognition.intent, ...c.req.recognition.also].slice(0, 3);
      if (answered.includes("complaint")) return "";
      return c.t.handedOff(contactLine(c));
    }
    case "complaint":
      return c.t.complaint(contactLine(c));
    case "unknown":
      c.unknown = true;
      return c.t.notSure(contactLine(c));
    default:
      return policy(c, intent);
  }
}

export class LocalProvider implements ChatProvider {
  readonly name = "local";
  readonly model = LOCAL_MODEL;

  async answer(req: TurnRequest): Promise<TurnResult> {
    const started = Date.now();
    const lang = req.recognition.slots.language ?? req.known.language ?? "en";
    const c: Composer = {
      req,
      toolCalls: [],
      extras: {},
      wrote: false,
      personal: false,
      unknown: false,
      memory: { ...req.known, language: lang },
      t: phrasesFor(lang, !!req.tools.payOnline),
      said: new Set(),
      async tool(name, args) {
        const r = await runTool(req.tools, name, args);
        c.toolCalls.push({ name, args, ok: r.ok });
        if (r.extras) {
          if (r.extras.slots) c.extras.slots = r.extras.slots;
          if (r.extras.links) {
            // A hold's link in the reply's language ("Terminar la reserva HB-...").
            const code = name === "create_booking_hold" ? (r.data as { code?: string }).code : null;
            const links = code
              ? r.extras.links.map((l) => ({ ...l, label: c.t.finishLink(code) }))
              : r.extras.links;
            c.extras.links = [...(c.extras.links ?? []), ...links];
          }
          if (r.extras.guests) c.extras.guests = r.extras.guests;
          if (r.extras.postalCode) c.extras.postalCode = r.extras.postalCode;
        }
        if (r.wrote) c.wrote = true;
        if (r.personal) c.personal = true;
        return r;
      },
    };
    // Up to three questions in one message are answered, each from the data.
    // A hold made is said first (a phone reply keeps its first sentences).
    const asked = [req.recognition.intent, ...req.recognition.also].slice(0, 3);
    const intents = asked.includes("booking_request")
      ? ["booking_request" as const, ...asked.filter((i) => i !== "booking_request")]
      : asked;
    const parts: string[] = [];
    for (const i of intents) parts.push(await answerIntent(c, i));
    if (lang !== "en") c.extras.language = lang;
    return {
      content: [...new Set(parts.filter(Boolean))].join("\n\n"),
      toolCalls: c.toolCalls,
      extras: c.extras,
      calls: [
        {
          provider: this.name,
          model: this.model,
          usage: ZERO_USAGE,
          latencyMs: Date.now() - started,
        },
      ],
      wrote: c.wrote,
      personal: c.personal,
      unknown: c.unknown,
      memory: c.memory,
    };
  }
}
