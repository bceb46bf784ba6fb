// Every sentence the built-in local tier says, in English and Spanish: the answers are written
// once (local.ts) and speak the customer's language through this phrasebook. Figures arrive
// formatted ($1,234.56 in both languages); names and descriptions are the business's own data.
import { formatLocalDate, formatMinutes, WEEKDAYS_PLURAL } from "@myhibachi/shared";
import { spanishDayLabel, type Language } from "../language";

const joinWith = (xs: string[], and: string) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} ${and} ${xs[xs.length - 1]}`;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentenceEnd = (s: string) => (/[.!?)]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/** A zone's fee as said: "$50.00" or "free". */
type Fee = string | null;

export interface Phrasebook {
  list(xs: string[]): string;
  /** A date alone: "Saturday, December 12" / "sábado 12 de diciembre". */
  day(date: string): string;
  /** A date as the object of a sentence: "Saturday, December 12" / "el sábado 12 de diciembre". */
  on(date: string): string;
  /** A day with its year ("Thursday, June 1, 2028"): a date past the booking window. */
  dayInYear(date: string): string;
  contact(phone: string, email: string): string;
  /** A zone with no travel fee. */
  free: string;

  // greetings and the unknown
  greeting(business: string): string;
  thanks: string;
  notSure(contact: string): string;

  // prices
  packagePrice(name: string, adult: string, child: string): string;
  zoneFee(fee: Fee, maxMiles: number): string;
  priceList(p: {
    packages: string;
    minimum: string;
    base: string;
    zones: string;
    tax: string;
    deposit: string;
    gratuity: string;
  }): string;
  askGuestsAndZip: string;
  /** An offer code given before the party: it will be on the quote and the hold. */
  offerNoted(code: string): string;
  /** The offer code's line in the price just given: "Code SAVE-...: 5 % off food (-$32.50)". */
  offerApplied(label: string, amount: string): string;
  /** A code refused (the server's words), then the price or hold without it. */
  offerRefused(why: string): string;
  /** The hold took the code. */
  offerHeld(code: string): string;
  minimum(amount: string): string;
  tax(rate: string): string;
  quote(q: {
    guests: number;
    children: number;
    pkg: string;
    items: string;
    food: string;
    travel: string;
    zone: string;
    tax: string;
    total: string;
    deposit: string;
    tip: string;
  }): string;
  zoneUnknown: string;
  /** A quote priced for a city's cheapest ZIP when its ZIPs pay different fees. */
  zoneForCity(city: string, zip: string): string;
  confirmExtras: string;
  upgradesCostExtra(names: string): string;
  selectionLine(
    name: string,
    upgrade: boolean,
    n: number,
    unit: Unit,
    price: string,
    total: string,
  ): string;
  selectionBeforeTax(lines: string): string;
  tooLarge(max: number, asked: number, contact: string): string;

  // one dish or package
  includedProtein(name: string): string;
  includedItem(name: string): string;
  upgradePrice(name: string, price: string): string;
  itemPrice(name: string, price: string, unit: Unit): string;
  countTimes(n: number, price: string, total: string): string;
  contains(allergens: string[]): string;
  noAllergens: string;
  tags(tags: string[]): string;
  seasonal(tags: string[]): string;
  packageFacts(
    name: string,
    adult: string,
    child: string,
    proteins: number,
    includes: string,
  ): string;

  // the menu
  menu(p: { packages: string; proteins: string; upgrades: string; others: string }): string;
  menuPackage(name: string, adult: string, proteins: number, includes: string): string;
  upgradeShort(name: string, price: string): string;
  proteins(p: { perPackage: string; proteins: string; upgrades: string }): string;
  proteinsPerPackage(name: string, n: number): string;
  drinksOffered(items: string): string;
  noDrinks: string;
  dessertsOffered(items: string): string;
  rentalsOffered(items: string): string;
  noRentals: string;

  // dietary needs
  dietLabel(need: string): string;
  dishContains(name: string, contains: string, verdicts: string[]): string;
  dishListsNone: string;
  dishIs(label: string, onRequest: boolean): string;
  dishIsNot(label: string): string;
  dishFreeOf(label: string): string;
  dishNotSafe(label: string): string;
  seriousAllergy(contact: string): string;
  dietTags(tags: string): string;
  kosher(contact: string): string;
  noneMarked(label: string, contact: string): string;
  weCater(label: string, onRequest: boolean): string;
  dietProteins(list: string): string;
  dietAlso(label: string, list: string): string;
  containing(label: string, items: string, free: string, others: string): string;
  noneContain(label: string): string;
  /** The packages whose own included dishes (rice, sauces, noodles) contain the allergen (R1-2). */
  packagesContain(label: string, packages: string): string;

  // service area
  weComeTo(zip: string, zone: string, fee: string): string;
  weServeCity(city: string, zone: string, fee: string): string;
  /** The travel fee to the ZIP already known (the hold's): `fee` null when there is none. */
  travelFeeFor(zip: string, fee: string | null): string;
  /** A city whose ZIPs pay different fees: each fee with its ZIPs (fee null: none), and which? */
  cityFees(city: string, fees: { fee: string | null; zips: string }[]): string;
  outsideArea(zip: string, far: number, base: string, contact: string): string;
  /** A ZIP on our list but farther than the last travel zone reaches. */
  tooFar(zip: string, city: string, miles: number, far: number, contact: string): string;
  serviceArea(base: string, far: number, zones: string): string;

  // availability and booking
  nextTwoWeeks: string;
  startTimes(times: string, hours: number): string;
  dayRange(from: string, to: string): string;
  askGuests(when: string): string;
  checkedForCity(city: string): string;
  checkedForArea(area: string): string;
  fullyBooked(guests: number, when: string, area: string, contact: string): string;
  bookedButSoonAfter(when: string, guests: number, area: string): string;
  freeOn(guests: number, when: string, area: string): string;
  theseDays: string;
  pickATime: string;
  bookingNeeds(missing: string[]): string;
  needDate: string;
  needGuests: string;
  needZip: string;
  notAStartTime(time: string): string;
  /** The time asked for is taken (or too soon) on a day with other free times. */
  timeNotFree(time: string): string;
  /** "Mondays" / "los lunes" (0 = Sunday). */
  weekdays(weekday: number): string;
  /** "are you open on Sundays?": yes, with the start times, or no. */
  openOnWeekday(weekdays: string, times: string): string;
  closedOnWeekday(weekdays: string): string;
  /** "what days are you open?": every day, or every day but some. */
  openEveryDay(times: string): string;
  openExcept(closed: string, times: string): string;
  /** "do you work on weekends?": open on some of the days asked, not the others. */
  openNotOn(open: string, closed: string, times: string): string;
  /**
   * No chef works that weekday in the customer's area: we don't cook then, not "booked".
   * `inArea`: chefs of other areas do work that weekday, so say it is their area.
   */
  closedDay(weekdays: string, when: string, inArea: boolean): string;
  /** Chefs work that day but none at that time (or at any of our start times). */
  closedHours(when: string, time?: string): string;
  /** The chefs who work then are off (a holiday, a vacation). */
  daysOff(when: string, time?: string): string;
  /** The party needs more chefs than work then: what to do instead. */
  tooFewChefs(guests: number, needed: number, when: string, contact: string): string;
  /** A party needing `needed` chefs at a time when fewer are free (others are booked). */
  notEnoughChefsFree(guests: number, needed: number, time: string): string;
  /** A day whose earlier times are inside the notice and the later ones booked. */
  bookedAfterNotice(hours: number, when: string): string;
  /** After a reason: the nearest free times follow. */
  freeSoonAfter(area: string): string;
  /** After a reason with no free time nearby. */
  tryAnotherDate(contact: string): string;
  /** Other free times near the one asked for (labels as the calendar writes them). */
  stillFree(times: string): string;
  /** A date and start time: "Saturday, December 12 at 6 pm" / "el sábado 12 de diciembre a las 6 pm". */
  at(date: string, startMinute: number): string;
  /** What a hold is: when, the party, the package and extras, the ZIP. */
  heldWhat(
    when: string,
    guests: number,
    children: number,
    pkg: string | undefined,
    items: string,
    zip: string,
  ): string;
  holdTotal(total: string, deposit: string): string;
  holdDone(what: string, minutes: number, code: string, total: string): string;
  /** `released`: the date or time changed, so the earlier time is free again. */
  holdMoved(code: string, what: string, total: string, minutes: number, released: boolean): string;
  /** The button under a hold that opens its finish page. */
  finishLink(code: string): string;
  alreadyHeld(what: string, code: string, minutes: number): string;
  /** An allergy or diet said during a hold, noted on it: "1 guest avoids shellfish". */
  dietNoted(code: string, notes: string): string;
  /** The same note inside the reply that made the hold. */
  dietNotedHere(notes: string): string;
  /** "Never mind, no one has an allergy": the allergies taken off the hold. */
  allergiesTakenOff(code: string): string;
  /** After the price of another party than the one held: the hold stays until asked. */
  holdUnchangedAsk(code: string): string;
  dietAvoidNote(guests: number | null, label: string): string;
  dietKeepNote(guests: number | null, label: string): string;
  dietChefSees: string;
  holdUnchanged(error: string, code: string, at: string): string;
  notOpenYet(days: number, when: string, from: string, contact: string): string;
  alreadyPassed(when: string): string;
  tooSoon(hours: number, when: string, first: string, contact: string): string;

  // the customer's bookings
  signInForBookings: string;
  confirmEmailForBookings: string;
  noSuchBooking(code: string): string;
  /**
   * A change asked to a booking named by its reference that isn't this conversation's hold: it
   * is neither looked up nor changed here (it may be anyone's), and nothing new is booked.
   */
  changeByLink(contact: string): string;
  noBookings: string;
  bookingsList(rows: string): string;
  bookingRow(code: string, when: string, guests: number, status: string, total: string): string;

  // loyalty
  /** One tier of the program: "Silver: 10% off from 4 completed bookings (free appetizer for every guest)". */
  loyaltyTier(name: string, from: number, off: string, perks: string[]): string;
  loyaltyProgram(tiers: string): string;
  signInForLoyalty: string;
  confirmEmailForLoyalty: string;
  /** Staff and owner accounts have no tier. */
  noLoyaltyForStaff: string;
  /** "You're Silver: 10% off ... 5 completed bookings, 1,240 points. 5 bookings away from Gold." */
  yourTier(
    name: string,
    off: string,
    completed: number,
    points: number,
    next: { name: string; bookings: number } | null,
  ): string;

  // referrals
  /** The program in one sentence (no percent: a visitor has no code to read it from). */
  referralProgram: string;
  /** "Your referral code is REF-7K2QXA: a friend ... gets 10% off, and you get 10% off ..." */
  yourReferralCode(code: string, off: string): string;
  signInForReferral: string;
  confirmEmailForReferral: string;
  /** A confirmed account with no customer record yet (no booking). */
  referralAfterFirstBooking: string;
  /** Staff and owner accounts have no referral code. */
  noReferralForStaff: string;

  // policies
  cancellation(freeHours: number, rescheduleHours: number): string;
  reschedule(freeHours: number, rescheduleHours: number): string;
  deposit(amount: string, freeHours: number): string;
  gratuity(rate: string): string;
  includes(name: string, list: string): string;
  duration(hours: number, perTen: number): string;
  kids(name: string, child: string, adult: string): string;
  /**
   * "Do kids under three eat free?": no age is free, the child price is every child's (the quote
   * prices each child at it). `prices`: each package's child price.
   */
  kidsNoFreeAge(prices: string, contact: string): string;
  notice(hours: number, days: number, contact: string): string;
  capacity(perChef: number, max: number): string;
  capacityTooMany(asked: number, contact: string): string;
  capacityNext: string;
  partySize(min: number, max: number, minimum: string): string;
  arrival(travel: number, cleanup: number, hours: number): string;
  setup(rental: string, contact: string): string;
  setupRental(name: string, price: string, description: string): string;

  contactUs(business: string, phone: string, email: string): string;
  /** When the phone is answered (BusinessSettings.phoneHours, described). */
  phoneHours(business: string, hours: string, phone: string): string;
  hold(chatMinutes: number, onlineMinutes: number): string;

  // hand-off (answers owned by the hand-off work; phrases here so they speak Spanish too)
  handedOff(contact: string): string;
  complaint(contact: string): string;
}

export type Unit = "portion" | "person" | "order";

const en: Phrasebook = {
  list: (xs) => joinWith(xs, "and"),
  day: (date) => formatLocalDate(date, "weekdayDate"),
  on: (date) => formatLocalDate(date, "weekdayDate"),
  dayInYear: (date) => formatLocalDate(date, "fullDate"),
  contact: (phone, email) => `call us at ${phone} or email ${email}`,
  free: "free",

  greeting: (b) =>
    `Hi! I'm the ${b} assistant. I can answer questions about our menu and prices, check free dates, and hold a time for your party. What are you planning?`,
  thanks: "You're welcome! Anything else I can help with?",
  notSure: (contact) =>
    `I'm not sure about that, and I'd rather not guess. Our team can help: ${contact}, or I can pass this conversation to a person. I can also answer questions about the menu, prices, our service area, and free dates.`,

  packagePrice: (name, adult, child) =>
    `${name} is ${adult} per adult and ${child} per child (12 and under)`,
  zoneFee: (fee, miles) => `${fee ?? "free"} up to ${miles} mi`,
  priceList: (p) =>
    `${p.packages}. There's a food minimum of ${p.minimum} per party. Travel from ${p.base}: ${p.zones}. Tax is ${p.tax}, a ${p.deposit} deposit holds your date, and gratuity (${p.gratuity} suggested) is up to you.`,
  askGuestsAndZip: "Tell me how many guests and your ZIP and I'll work out the exact total.",
  offerNoted: (code) =>
    `Got it: I'll use code ${code} on your quote and your booking. How many guests, and what's the party's ZIP code?`,
  offerApplied: (label, amount) => `That price includes your code: ${label} (${amount} off).`,
  offerRefused: (why) => `${sentenceEnd(why)} Without the code:`,
  offerHeld: (code) => `Code ${code} is applied to this booking: the total includes it.`,
  minimum: (amount) =>
    `Every party is at least ${amount} in food before travel and tax: if your guests' meals add up to less, the difference shows as a "party minimum" line on the quote.`,
  tax: (rate) =>
    `Sales tax is ${rate}, charged on the food total (after the party minimum); the travel fee and gratuity are not taxed.`,
  quote: (q) =>
    `For ${q.guests} guests${q.children ? ` (${q.guests - q.children} adults, ${q.children} children)` : ""} with our ${q.pkg}${q.items ? `, including ${q.items}` : ""}: food ${q.food}, travel ${q.travel} (${q.zone}), tax ${q.tax}, total ${q.total}. A ${q.deposit} deposit holds the date; a tip of about ${q.tip} is customary but up to you.`,
  zoneUnknown: "travel fee depends on the ZIP code; shown for our local zone",
  zoneForCity: (city, zip) => `travel fee depends on the ZIP code in ${city}; shown for ${zip}`,
  confirmExtras: "You'll confirm the upgrades and extras when you finish the booking.",
  upgradesCostExtra: (names) => `Upgrades like ${names} cost extra.`,
  selectionLine: (name, upgrade, n, unit, price, total) =>
    `${name}${upgrade ? " upgrade" : ""}: ${n} ${unit === "person" ? "serving" : unit}${n === 1 ? "" : "s"} × ${price} = ${total}`,
  selectionBeforeTax: (lines) =>
    `${lines} (before tax). Tell me how many guests and your ZIP and I'll work out the full total.`,
  tooLarge: (max, asked, contact) =>
    `We can cook for up to ${max} guests in one booking, so ${asked} is more than we can book online. For a party that size we plan it with you (more chefs, a longer service): ${contact}.`,

  includedProtein: (name) =>
    `${name} is one of the proteins included in every package, at no extra charge.`,
  includedItem: (name) => `${name} is included at no extra charge.`,
  upgradePrice: (name, price) =>
    `${name} is an upgrade: ${price} per portion on top of the package price, replacing one of the included protein portions.`,
  itemPrice: (name, price, unit) =>
    unit === "order"
      ? `${name}: ${price} per order (a flat price, not per guest).`
      : `${name}: ${price} per ${unit}.`,
  countTimes: (n, price, total) => `${n} × ${price} = ${total}.`,
  contains: (a) => `Contains ${joinWith(a, "and")}.`,
  noAllergens: "No allergens listed.",
  tags: (t) => capitalize(`${t.map((w) => w.replace(/-on-request$/, " on request")).join(", ")}.`),
  seasonal: (t) => `Seasonal (${t.join(", ")}).`,
  packageFacts: (name, adult, child, n, includes) =>
    `${name}: ${adult} per adult and ${child} per child (12 and under), ${n} proteins per guest; includes ${includes}.`,

  menu: (p) =>
    `Packages: ${p.packages}. Proteins to choose from: ${p.proteins}. ` +
    (p.upgrades ? `Upgrades: ${p.upgrades} per portion. ` : "") +
    (p.others ? `Also available: ${p.others}. ` : "") +
    `The full menu with allergens is on our Menu page.`,
  menuPackage: (name, adult, n, includes) =>
    `${name} (${adult}/adult, ${n} proteins per guest: ${includes})`,
  upgradeShort: (name, price) => `${name} +${price}`,
  proteins: (p) =>
    `Each guest chooses ${p.perPackage} from: ${p.proteins}, all included in the package price.` +
    (p.upgrades
      ? ` Upgrades replace one of those portions for an extra charge per portion: ${p.upgrades}.`
      : ""),
  proteinsPerPackage: (name, n) => `${n} proteins with ${name}`,
  drinksOffered: (items) => `For drinks we offer: ${items}`,
  noDrinks: "We don't offer drinks service; you're welcome to provide your own drinks.",
  dessertsOffered: (items) => `For dessert: ${items}`,
  rentalsOffered: (items) => `Yes, we can bring them: ${items}`,
  noRentals:
    "We don't rent tables or chairs; the chef brings the hibachi grill and everything needed to cook.",

  dietLabel: (need) => ({ gluten: "gluten-free", milk: "dairy" })[need] ?? need,
  dishContains: (name, contains, verdicts) =>
    `${name} ${contains}${verdicts.length ? `: ${joinWith(verdicts, "and")}` : ""}.`,
  dishListsNone: "lists no allergens",
  dishIs: (label, onRequest) =>
    `it is ${label}${onRequest ? " on request (tell us when you book)" : ""}`,
  dishIsNot: (label) => `it is not ${label}`,
  dishFreeOf: (label) => `no ${label} in its ingredients`,
  dishNotSafe: (label) => `it is not safe with a ${label} allergy`,
  seriousAllergy: (contact) =>
    `For a serious allergy, tell us when you book so the chef can plan; with questions, ${contact}.`,
  dietTags: (tags) =>
    `Each menu item lists its allergens and dietary tags (${tags}). Tell me the dietary need or allergy and I'll tell you exactly what fits, or see the Menu page.`,
  kosher: (contact) =>
    `I'm not sure we can do kosher: our menu doesn't list kosher options, so please ${contact} before booking.`,
  noneMarked: (label, contact) =>
    `None of our menu items is marked ${label}; please ${contact} and we'll see what the chef can do.`,
  weCater: (label, onRequest) =>
    `Yes, we cater for ${label} guests${onRequest ? " (some on request: tell us when you book so the chef uses the right sauces)" : ""}.`,
  dietProteins: (list) => `Proteins: ${list}.`,
  dietAlso: (label, list) => `Also ${label}: ${list}.`,
  containing: (label, items, free, others) =>
    `These items contain ${label}: ${items}. Free of ${label}: ${free} among the proteins${others ? `, and ${others}` : ""}.`,
  noneContain: (label) => `None of our menu items lists ${label} among its allergens.`,
  packagesContain: (label, packages) =>
    `The dishes included with ${packages} contain ${label} too: ask the chef to leave them out for those guests.`,

  weComeTo: (zip, zone, fee) => `Yes, we come to ${zip}: ${zone}, travel fee ${fee}.`,
  weServeCity: (city, zone, fee) =>
    `Yes, we serve ${city} (${zone}), travel fee ${fee}. Tell me your ZIP to be exact.`,
  travelFeeFor: (zip, fee) =>
    fee ? `The travel fee to ZIP ${zip} is ${fee}.` : `There's no travel fee to ZIP ${zip}.`,
  cityFees: (city, fees) =>
    `The travel fee in ${city} depends on the ZIP code (${fees
      .map((f) => (f.fee ? `${f.fee} in ${f.zips}` : `none in ${f.zips}`))
      .join("; ")}): which ZIP code is the party in?`,
  outsideArea: (zip, far, base, contact) =>
    `Sorry, ZIP ${zip} is outside our service area (we cover a list of ZIP codes around ${base}, none farther than ${far} miles, and ${zip} isn't on it). Please ${contact} and we'll see what we can do.`,
  tooFar: (zip, city, miles, far, contact) =>
    `Sorry, ${city} (ZIP ${zip}) is outside our service area: it is about ${miles} miles from us, farther than we travel (${far} miles). Please ${contact} and we'll see what we can do.`,
  serviceArea: (base, far, zones) =>
    `We're based in ${base} and travel up to ${far} miles: ${zones}. Tell me your ZIP code and I'll check it.`,

  nextTwoWeeks: "the next two weeks",
  startTimes: (times, hours) =>
    `Parties can start at ${times}; the show and dinner take about ${hours} hours. Tell me the date and how many guests and I'll check which of those times are free.`,
  dayRange: (from, to) => `${from} to ${to}`,
  askGuests: (when) =>
    `Happy to check ${when}! How many guests will there be (and your ZIP code, if you have it)?`,
  checkedForCity: (city) => ` (checked for ${city}; tell me your ZIP to confirm)`,
  checkedForArea: (area) => ` (checked for the ${area} area; tell me your ZIP to confirm)`,
  fullyBooked: (guests, when, area, contact) =>
    `Sorry, we're fully booked for ${guests} guests around ${when}${area}. Try another date, or ${contact}.`,
  bookedButSoonAfter: (when, guests, area) =>
    `${when} is fully booked for ${guests} guests, but these times are free soon after${area}: `,
  freeOn: (guests, when, area) => `Free for ${guests} guests on ${when}${area}: `,
  theseDays: "these days",
  pickATime: "Pick a time and I'll hold it for you.",
  bookingNeeds: (missing) => `Let's get you booked! I just need ${joinWith(missing, "and")}.`,
  needDate: "the date",
  needGuests: "how many guests",
  needZip: "the ZIP code of the party address",
  notAStartTime: (time) => `${time} isn't one of our start times.`,
  timeNotFree: (time) => `Sorry, ${time} is already taken that day.`,
  weekdays: (d) => WEEKDAYS_PLURAL[d] ?? "",
  openOnWeekday: (weekdays, times) =>
    `Yes, we cook on ${weekdays}: parties start at ${times}. Which date, and how many guests?`,
  closedOnWeekday: (weekdays) =>
    `Sorry, we don't cook on ${weekdays}. Would another day work? Tell me the date and how many guests.`,
  openEveryDay: (times) =>
    `We cook every day of the week: parties start at ${times}. Which date, and how many guests?`,
  openExcept: (closed, times) =>
    `We cook every day except ${closed}: parties start at ${times}. Which date, and how many guests?`,
  openNotOn: (open, closed, times) =>
    `We cook on ${open}, but not on ${closed}: parties start at ${times}. Which date, and how many guests?`,
  closedDay: (weekdays, when, inArea) =>
    `Sorry, we don't cook ${inArea ? "in your area " : ""}on ${weekdays}, so we can't come on ${when}.`,
  closedHours: (when, time) =>
    time
      ? `Sorry, we don't cook at ${time} on ${when}: no chef works then.`
      : `Sorry, we don't cook at our party times on ${when}: no chef works then.`,
  daysOff: (when, time) =>
    `Sorry, we're closed ${time ? `at ${time} ` : ""}on ${when}: our chefs are off ${time ? "then" : "that day"}.`,
  notEnoughChefsFree: (guests, needed, time) =>
    `Sorry, a party of ${guests} needs ${needed} chefs, and at ${time} that day fewer than ${needed} are free.`,
  tooFewChefs: (guests, needed, when, contact) =>
    `A party of ${guests} needs ${needed} chefs, and we don't have ${needed} chefs working on ${when}. For a big event, ${contact}.`,
  bookedAfterNotice: (hours, when) =>
    `Sorry, on ${when} the earlier times are too soon (we need ${hours} hours' notice) and the later ones are already booked.`,
  freeSoonAfter: (area) => ` These times are free soon after${area}: `,
  tryAnotherDate: (contact) => ` Try another date, or ${contact}.`,
  stillFree: (times) => `These times are still free: ${times}. Which one would you like?`,
  at: (date, startMinute) =>
    `${formatLocalDate(date, "weekdayDate")} at ${formatMinutes(startMinute)}`,
  heldWhat: (when, guests, children, pkg, items, zip) =>
    `${when} for ${children ? `${guests} guests (${guests - children} adults, ${children} children)` : `${guests} guests`}, ${pkg ?? "our"} package${items ? ` with ${items}` : ""}, ZIP ${zip}`,
  holdTotal: (total, deposit) =>
    `Total ${total} before gratuity (a ${deposit} deposit holds the date).`,
  finishLink: (code) => `Finish booking ${code}`,
  holdDone: (what, minutes, code, total) =>
    `Done! I'm holding ${what} for ${minutes} minutes, reference ${code}. ${total} Use the link below to choose your menu and add your address and contact details to finish the booking.`,
  holdMoved: (code, what, total, minutes, released) =>
    `Done, I've ${released ? "moved" : "updated"} your hold ${code}: now ${what}.${released ? " The time you had before is free again." : ""} ${total} It's yours for ${minutes} minutes: use the link below to finish the booking.`,
  alreadyHeld: (what, code, minutes) =>
    `You already have ${what} on hold, reference ${code}: I've kept it for you for another ${minutes} minutes. Use the link below to finish the booking.`,
  holdUnchanged: (error, code, at) => `${error} Your hold ${code} for ${at} is unchanged.`,
  dietNoted: (code, notes) => `I've noted that on your booking ${code}: ${notes}.`,
  dietNotedHere: (notes) => `Noted: ${notes}.`,
  holdUnchangedAsk: (code) =>
    `Your hold ${code} is unchanged: say "change my hold" and I'll update it to this.`,
  allergiesTakenOff: (code) =>
    `Got it: I've taken the allergy off your booking ${code}, so the chef won't plan around it. Anything else I can help with?`,
  dietAvoidNote: (n, label) =>
    n === null
      ? `no ${label} for your party`
      : `${n} ${n === 1 ? "guest avoids" : "guests avoid"} ${label}`,
  dietKeepNote: (n, label) =>
    n === null ? `the party is ${label}` : `${n} ${n === 1 ? "guest is" : "guests are"} ${label}`,
  dietChefSees:
    "The chef sees it before the party and keeps it off their plates; you can add details on the finish page.",
  notOpenYet: (days, when, from, contact) =>
    `We take bookings up to ${days} days ahead, so ${when} isn't open yet: you can book it from ${from}. If you'd like us to note it now, ${contact}.`,
  alreadyPassed: (when) => `${when} has already passed. Which date did you have in mind?`,
  tooSoon: (hours, when, first, contact) =>
    `We need at least ${hours} hours' notice to plan a party, so ${when} is too soon. The earliest we can come is ${first}: shall I check that day? For something sooner, ${contact}.`,

  signInForBookings:
    "I can only show bookings to their owner: please sign in (My bookings) with the email you booked with, or use the link in your confirmation email.",
  confirmEmailForBookings:
    "For your security I can show bookings only after you confirm your email address: open My bookings and ask for a confirmation link (or sign in with an emailed link).",
  changeByLink: (contact) =>
    `I can't look up or change a booking by its reference here, so that every booking stays private to its owner. To change it (the guests, date, time or menu), use the link in the text or email we sent when it was booked, or ${contact}.`,
  noSuchBooking: (code) =>
    `I couldn't find a booking ${code} on your account. If it was booked with another email, use the link in its confirmation email.`,
  noBookings: "I don't see any bookings on your account yet. Want me to check a date for you?",
  bookingsList: (rows) => `Your bookings: ${rows}.`,
  bookingRow: (code, when, guests, status, total) =>
    `${code}: ${when}, ${guests} guests, ${status.toLowerCase()}, total ${total}`,

  loyaltyTier: (name, from, off, perks) =>
    `${name}: ${off} off ${from === 0 ? "from your first booking" : `from ${from} completed ${from === 1 ? "booking" : "bookings"}`}${
      perks.length
        ? ` (${joinWith(
            perks.map((p) => p.toLowerCase()),
            "and",
          )})`
        : ""
    }`,
  loyaltyProgram: (tiers) =>
    `Returning customers save on the food of every booking, more as they book with us again: ${tiers}.`,
  signInForLoyalty:
    "Sign in (My bookings) with the email you book with and ask me again: I'll tell you your tier and how close the next one is.",
  confirmEmailForLoyalty:
    "Your tier shows once you confirm your email address: open My bookings and ask for a confirmation link.",
  noLoyaltyForStaff: "Loyalty tiers are for customer accounts.",
  referralProgram:
    "Every customer gets a referral code to share: a friend who books their first party with it gets a discount off the food, and you get the same discount off your next party once theirs has taken place.",
  yourReferralCode: (code, off) =>
    `Your referral code is ${code}: a friend who books their first party with it gets ${off} off, and you get ${off} off your next party once theirs has taken place. It's also on My bookings.`,
  signInForReferral:
    "Sign in (My bookings) with the email you book with and ask me again: I'll tell you your code (it's on My bookings too).",
  confirmEmailForReferral:
    "Your referral code shows once you confirm your email address: open My bookings and ask for a confirmation link.",
  referralAfterFirstBooking: "You get your own code with your first booking.",
  noReferralForStaff: "Referral codes are for customer accounts.",
  yourTier: (name, off, completed, points, next) =>
    `You're ${name}: ${off} off the food of your next booking, with ${completed} completed ${completed === 1 ? "booking" : "bookings"} and ${points.toLocaleString("en-US")} points. ${next ? `You're ${next.bookings} ${next.bookings === 1 ? "booking" : "bookings"} away from ${next.name}.` : `${name} is our top tier: thank you!`}`,

  cancellation: (free, resched) =>
    `You can cancel online up to ${free} hours before the event for a full refund of the deposit; later cancellations keep the deposit. Rescheduling online is possible up to ${resched} hours before. Manage it from the link in your confirmation email or My bookings.`,
  reschedule: (free, resched) =>
    `You can reschedule online up to ${resched} hours before the event, from the link in your confirmation email or My bookings. Cancelling at least ${free} hours ahead refunds the deposit in full; later cancellations keep it.`,
  deposit: (amount, free) =>
    `A ${amount} deposit confirms your booking; the balance is due on the day of the event. The deposit is refunded in full if you cancel at least ${free} hours ahead.`,
  gratuity: (rate) =>
    `Gratuity isn't included or charged automatically: ${rate} is customary and entirely up to you.`,
  includes: (name, list) => `${name} includes ${list}.`,
  duration: (hours, perTen) =>
    `The chef's show and dinner take about ${hours} hours; for parties over 20 we add ${perTen} minutes per 10 extra guests.`,
  kids: (name, child, adult) => `${name}: ${child} per child (12 and under), ${adult} per adult.`,
  kidsNoFreeAge: (prices, contact) =>
    `We don't have a free age for little ones: every child 12 and under, toddlers and babies too, is charged the child price (${prices}). If you have a question about a very young guest, ${contact}.`,
  notice: (hours, days, contact) =>
    `Book at least ${hours} hours before your event so we can shop and prepare; you can book up to ${days} days ahead. Popular Friday and Saturday evenings go first, so earlier is better. For something sooner, ${contact}.`,
  capacity: (perChef, max) =>
    `One chef cooks for up to ${perChef} guests; for bigger parties we send more chefs, up to ${max} guests in one booking.`,
  capacityTooMany: (asked, contact) =>
    `For ${asked} guests, please ${contact} and we'll plan it with you.`,
  capacityNext:
    "Tell me the date, how many guests and your ZIP and I'll check which times are free.",
  partySize: (min, max, minimum) =>
    `We cook for parties of ${min} to ${max} guests in one booking; every party is at least ${minimum} in food (before travel and tax).`,
  arrival: (travel, cleanup, hours) =>
    `We plan ${travel} minutes before your start time for the chef's travel and setup, so expect your chef a little before the party starts, and ${cleanup} minutes after for packing up and cleaning the grill area. The show and dinner take about ${hours} hours.`,
  setup: (rental, contact) =>
    `The chef brings the hibachi grill and cooks on site.${rental} For questions about your space (indoors, covered patio, apartment rules), please ${contact}.`,
  setupRental: (name, price, description) =>
    ` We can also bring ${name} (${description}) for ${price}.`,

  contactUs: (business, phone, email) =>
    `You can reach ${business} at ${phone} or ${email}; I can also answer questions and check dates right here.`,
  phoneHours: (business, hours, phone) =>
    `${business} answers the phone ${hours}, at ${phone}. I can answer questions and check dates right here at any time.`,
  hold: (chat, online) =>
    `When I hold a time for you here, it's yours for ${chat} minutes while you finish the booking (menu, address and contact). A booking made online keeps its time for ${online} minutes until you confirm it from the link we email you.`,

  handedOff: (contact) =>
    `I've asked our team to pick up this conversation: a person will reply right here in this chat. If it's urgent, ${contact}.`,
  complaint: (contact) =>
    `I'm really sorry about this. I've flagged the conversation for our team so a person can make it right; they'll reply right here in this chat. If it's urgent, ${contact}.`,
};

const DIET_ES: Record<string, string> = {
  vegetarian: "vegetariano",
  vegan: "vegano",
  gluten: "sin gluten",
  "gluten-free": "sin gluten",
  "dairy-free": "sin lácteos",
  pescatarian: "pescetariano",
  halal: "halal",
  kosher: "kosher",
  milk: "lácteos",
  dairy: "lácteos",
  nuts: "nueces",
  shellfish: "mariscos",
  fish: "pescado",
  egg: "huevo",
  soy: "soya",
  sesame: "ajonjolí",
  wheat: "trigo",
  peanut: "cacahuate",
};
/** Allergen and diet words of the menu in Spanish (unknown words stay as the owner wrote them). */
const es_ = (w: string): string =>
  w.endsWith("-on-request")
    ? `${es_(w.slice(0, -"-on-request".length))} bajo pedido`
    : (DIET_ES[w] ?? w);
/** "Options for vegetarian guests": the diet said of the guests. */
const GUESTS_ES: Record<string, string> = {
  vegetariano: "vegetarianos",
  vegano: "veganos",
  pescetariano: "pescetarianos",
  "sin gluten": "que comen sin gluten",
  halal: "que comen halal",
};
const unitEs = { portion: "porción", person: "persona", order: "pedido" } as const;

const es: Phrasebook = {
  list: (xs) => joinWith(xs, "y"),
  day: spanishDayLabel,
  on: (date) => `el ${spanishDayLabel(date)}`,
  dayInYear: (date) => `el ${spanishDayLabel(date)} de ${date.slice(0, 4)}`,
  contact: (phone, email) => `llámenos al ${phone} o escríbanos a ${email}`,
  free: "gratis",

  greeting: (b) =>
    `¡Hola! Soy el asistente de ${b}. Puedo contestar preguntas sobre el menú y los precios, revisar fechas libres y apartar una hora para su fiesta. ¿Qué está planeando?`,
  thanks: "¡Con gusto! ¿Le ayudo con algo más?",
  notSure: (contact) =>
    `No estoy seguro de eso y prefiero no adivinar. Nuestro equipo le puede ayudar: ${contact}, o puedo pasar esta conversación a una persona. También puedo contestar sobre el menú, los precios, la zona de servicio y las fechas libres.`,

  packagePrice: (name, adult, child) =>
    `${name} cuesta ${adult} por adulto y ${child} por niño (12 años o menos)`,
  zoneFee: (fee, miles) => `${fee ?? "gratis"} hasta ${miles} millas`,
  priceList: (p) =>
    `${p.packages}. Hay un mínimo de ${p.minimum} en comida por fiesta. Costo de viaje desde ${p.base}: ${p.zones}. El impuesto es ${p.tax}, un depósito de ${p.deposit} aparta su fecha y la propina (se sugiere ${p.gratuity}) es opcional.`,
  askGuestsAndZip: "Dígame cuántos invitados y su código postal y le calculo el total exacto.",
  offerNoted: (code) =>
    `Entendido: usaré el código ${code} en su cotización y su reserva. ¿Cuántos invitados y cuál es el código postal de la fiesta?`,
  offerApplied: (label, amount) => `Ese precio incluye su código: ${label} (${amount} menos).`,
  offerRefused: (why) => `${sentenceEnd(why)} Sin el código:`,
  offerHeld: (code) => `El código ${code} está aplicado a esta reserva: el total ya lo incluye.`,
  minimum: (amount) =>
    `Cada fiesta tiene un mínimo de ${amount} en comida, antes del costo de viaje y los impuestos: si la comida de sus invitados suma menos, la diferencia aparece como "mínimo de fiesta" en la cotización.`,
  tax: (rate) =>
    `El impuesto sobre ventas es ${rate}, sobre el total de la comida (después del mínimo); el costo de viaje y la propina no pagan impuesto.`,
  quote: (q) =>
    `Para ${q.guests} invitados${q.children ? ` (${q.guests - q.children} adultos, ${q.children} niños)` : ""} con nuestro ${q.pkg}${q.items ? `, incluyendo ${q.items}` : ""}: comida ${q.food}, viaje ${q.travel} (${q.zone}), impuestos ${q.tax}, total ${q.total}. Un depósito de ${q.deposit} aparta la fecha; una propina de unos ${q.tip} es costumbre, pero es opcional.`,
  zoneUnknown: "el costo de viaje depende del código postal; calculado para nuestra zona local",
  zoneForCity: (city, zip) =>
    `el costo de viaje depende del código postal en ${city}; calculado para ${zip}`,
  confirmExtras: "Las mejoras y extras se confirman al terminar la reserva.",
  upgradesCostExtra: (names) => `Las mejoras como ${names} cuestan extra.`,
  selectionLine: (name, upgrade, n, unit, price, total) =>
    `${upgrade ? "Mejora " : ""}${name}: ${n} ${(unit === "order" ? ["pedido", "pedidos"] : ["porción", "porciones"])[n === 1 ? 0 : 1]} × ${price} = ${total}`,
  selectionBeforeTax: (lines) =>
    `${lines} (antes de impuestos). Dígame cuántos invitados y su código postal y le calculo el total.`,
  tooLarge: (max, asked, contact) =>
    `Cocinamos para hasta ${max} invitados por reserva, así que ${asked} son más de los que podemos reservar en línea. Una fiesta de ese tamaño la planeamos con usted (más chefs, un servicio más largo): ${contact}.`,

  includedProtein: (name) =>
    `${name} es una de las proteínas incluidas en todos los paquetes, sin costo extra.`,
  includedItem: (name) => `${name} está incluido sin costo extra.`,
  upgradePrice: (name, price) =>
    `${name} es una mejora: ${price} por porción además del precio del paquete, en lugar de una de las porciones de proteína incluidas.`,
  itemPrice: (name, price, unit) =>
    unit === "order"
      ? `${name}: ${price} por pedido (precio fijo, no por invitado).`
      : `${name}: ${price} por ${unitEs[unit]}.`,
  countTimes: (n, price, total) => `${n} × ${price} = ${total}.`,
  contains: (a) => `Contiene ${joinWith(a.map(es_), "y")}.`,
  noAllergens: "No tiene alérgenos registrados.",
  tags: (t) => capitalize(`${t.map(es_).join(", ")}.`),
  seasonal: (t) => `De temporada (${t.join(", ")}).`,
  packageFacts: (name, adult, child, n, includes) =>
    `${name}: ${adult} por adulto y ${child} por niño (12 años o menos), ${n} proteínas por invitado; incluye ${includes}.`,

  menu: (p) =>
    `Paquetes: ${p.packages}. Proteínas para escoger: ${p.proteins}. ` +
    (p.upgrades ? `Mejoras: ${p.upgrades} por porción. ` : "") +
    (p.others ? `También tenemos: ${p.others}. ` : "") +
    `El menú completo con alérgenos está en nuestra página de Menú.`,
  menuPackage: (name, adult, n, includes) =>
    `${name} (${adult}/adulto, ${n} proteínas por invitado: ${includes})`,
  upgradeShort: (name, price) => `${name} +${price}`,
  proteins: (p) =>
    `Cada invitado escoge ${p.perPackage} entre: ${p.proteins}, todas incluidas en el precio del paquete.` +
    (p.upgrades
      ? ` Las mejoras reemplazan una de esas porciones con un costo extra por porción: ${p.upgrades}.`
      : ""),
  proteinsPerPackage: (name, n) => `${n} proteínas con ${name}`,
  drinksOffered: (items) => `En bebidas ofrecemos: ${items}`,
  noDrinks: "No ofrecemos servicio de bebidas; ustedes pueden poner sus propias bebidas.",
  dessertsOffered: (items) => `De postre: ${items}`,
  rentalsOffered: (items) => `Sí, las podemos llevar: ${items}`,
  noRentals:
    "No rentamos mesas ni sillas; el chef lleva la parrilla hibachi y todo lo necesario para cocinar.",

  dietLabel: es_,
  dishContains: (name, contains, verdicts) =>
    `${name} ${contains}${verdicts.length ? `: ${joinWith(verdicts, "y")}` : ""}.`,
  dishListsNone: "no tiene alérgenos registrados",
  dishIs: (label, onRequest) =>
    `es ${label}${onRequest ? " bajo pedido (avísenos al reservar)" : ""}`,
  dishIsNot: (label) => `no es ${label}`,
  dishFreeOf: (label) => `no lleva ${label}`,
  dishNotSafe: (label) => `no es seguro con alergia a ${label}`,
  seriousAllergy: (contact) =>
    `Si hay una alergia seria, avísenos al reservar para que el chef lo planee; con preguntas, ${contact}.`,
  dietTags: (tags) =>
    `Cada platillo del menú indica sus alérgenos y etiquetas de dieta (${tags}). Dígame la dieta o alergia y le digo exactamente qué le conviene, o vea la página de Menú.`,
  kosher: (contact) =>
    `No estoy seguro de que podamos ofrecer kosher: nuestro menú no tiene opciones kosher, así que por favor ${contact} antes de reservar.`,
  noneMarked: (label, contact) =>
    `Ningún platillo de nuestro menú está marcado como ${label}; por favor ${contact} y vemos qué puede hacer el chef.`,
  weCater: (label, onRequest) =>
    `Sí, tenemos opciones para invitados ${GUESTS_ES[label] ?? label}${onRequest ? " (algunos platillos bajo pedido: avísenos al reservar para que el chef use las salsas correctas)" : ""}.`,
  dietProteins: (list) => `Proteínas: ${list}.`,
  dietAlso: (_label, list) => `También aptos: ${list}.`,
  containing: (label, items, free, others) =>
    `Estos platillos contienen ${label}: ${items}. Sin ${label}: ${free} entre las proteínas${others ? `, y ${others}` : ""}.`,
  noneContain: (label) => `Ningún platillo de nuestro menú lleva ${label} entre sus alérgenos.`,
  packagesContain: (label, packages) =>
    `Los platillos incluidos en ${packages} también contienen ${label}: pida al chef que no los sirva a esos invitados.`,

  weComeTo: (zip, zone, fee) => `Sí, vamos a ${zip}: ${zone}, costo de viaje ${fee}.`,
  weServeCity: (city, zone, fee) =>
    `Sí, vamos a ${city} (${zone}), costo de viaje ${fee}. Dígame su código postal para confirmarlo.`,
  travelFeeFor: (zip, fee) =>
    fee
      ? `El costo de viaje al código postal ${zip} es de ${fee}.`
      : `No hay costo de viaje al código postal ${zip}.`,
  cityFees: (city, fees) =>
    `El costo de viaje en ${city} depende del código postal (${fees
      .map((f) => (f.fee ? `${f.fee} en ${f.zips}` : `sin costo en ${f.zips}`))
      .join("; ")}): ¿en qué código postal es la fiesta?`,
  tooFar: (zip, city, miles, far, contact) =>
    `Lo siento, ${city} (código postal ${zip}) está fuera de nuestra zona de servicio: está a unas ${miles} millas, más lejos de lo que viajamos (${far} millas). Por favor ${contact} y vemos qué podemos hacer.`,
  outsideArea: (zip, far, base, contact) =>
    `Lo siento, el código postal ${zip} está fuera de nuestra zona de servicio (cubrimos una lista de códigos postales alrededor de ${base}, ninguno a más de ${far} millas, y el ${zip} no está en ella). Por favor ${contact} y vemos qué podemos hacer.`,
  serviceArea: (base, far, zones) =>
    `Estamos en ${base} y viajamos hasta ${far} millas: ${zones}. Dígame su código postal y lo reviso.`,

  nextTwoWeeks: "en las próximas dos semanas",
  startTimes: (times, hours) =>
    `Las fiestas pueden empezar a las ${times}; el show y la cena duran unas ${hours} horas. Dígame la fecha y cuántos invitados y le reviso cuáles de esas horas están libres.`,
  dayRange: (from, to) => `del ${from} al ${to}`,
  askGuests: (when) =>
    `¡Con gusto reviso ${when}! ¿Cuántos invitados serán (y su código postal, si lo tiene)?`,
  checkedForCity: (city) => ` (revisado para ${city}; dígame su código postal para confirmar)`,
  checkedForArea: (area) =>
    ` (revisado para la zona de ${area}; dígame su código postal para confirmar)`,
  fullyBooked: (guests, when, area, contact) =>
    `Lo siento, no tenemos lugar para ${guests} invitados ${when}${area}. Pruebe otra fecha, o ${contact}.`,
  bookedButSoonAfter: (when, guests, area) =>
    `${capitalize(when)} ya está ocupado para ${guests} invitados, pero estas horas están libres poco después${area}: `,
  freeOn: (guests, when, area) => `Libre para ${guests} invitados ${when}${area}: `,
  theseDays: "en estos días",
  pickATime: "Escoja una hora y se la aparto.",
  bookingNeeds: (missing) => `¡Vamos a reservar! Solo necesito ${joinWith(missing, "y")}.`,
  needDate: "la fecha",
  needGuests: "cuántos invitados serán",
  needZip: "el código postal de la dirección de la fiesta",
  notAStartTime: (time) => `${time} no es una de nuestras horas de inicio.`,
  timeNotFree: (time) => `Lo siento, a las ${time} ya no hay lugar ese día.`,
  weekdays: (d) =>
    [
      "los domingos",
      "los lunes",
      "los martes",
      "los miércoles",
      "los jueves",
      "los viernes",
      "los sábados",
    ][d] ?? "",
  openOnWeekday: (weekdays, times) =>
    `Sí, cocinamos ${weekdays}: las fiestas empiezan a las ${times}. ¿Qué fecha y cuántos invitados?`,
  closedOnWeekday: (weekdays) =>
    `Lo siento, no cocinamos ${weekdays}. ¿Le sirve otro día? Dígame la fecha y cuántos invitados.`,
  openEveryDay: (times) =>
    `Cocinamos todos los días de la semana: las fiestas empiezan a las ${times}. ¿Qué fecha y cuántos invitados?`,
  openExcept: (closed, times) =>
    `Cocinamos todos los días excepto ${closed}: las fiestas empiezan a las ${times}. ¿Qué fecha y cuántos invitados?`,
  openNotOn: (open, closed, times) =>
    `Cocinamos ${open}, pero no ${closed}: las fiestas empiezan a las ${times}. ¿Qué fecha y cuántos invitados?`,
  closedDay: (weekdays, when, inArea) =>
    `Lo siento, no cocinamos ${inArea ? "en su zona " : ""}${weekdays}, así que no podemos ir ${when}.`,
  closedHours: (when, time) =>
    time
      ? `Lo siento, no cocinamos a las ${time} ${when}: ningún chef trabaja a esa hora.`
      : `Lo siento, no cocinamos en nuestros horarios de fiesta ${when}: ningún chef trabaja entonces.`,
  daysOff: (when, time) =>
    `Lo siento, estamos cerrados ${time ? `a las ${time} ` : ""}${when}: nuestros chefs ${time ? "no trabajan a esa hora" : "tienen el día libre"}.`,
  notEnoughChefsFree: (guests, needed, time) =>
    `Lo siento, una fiesta de ${guests} necesita ${needed} chefs, y a las ${time} ese día hay menos de ${needed} libres.`,
  tooFewChefs: (guests, needed, when, contact) =>
    `Una fiesta de ${guests} necesita ${needed} chefs, y no tenemos ${needed} chefs trabajando ${when}. Para un evento grande, ${contact}.`,
  bookedAfterNotice: (hours, when) =>
    `Lo siento, ${when} las primeras horas son muy pronto (necesitamos ${hours} horas de anticipación) y las demás ya están reservadas.`,
  freeSoonAfter: (area) => ` Estas horas están libres poco después${area}: `,
  tryAnotherDate: (contact) => ` Pruebe otra fecha, o ${contact}.`,
  stillFree: (times) => `Estos horarios siguen libres: ${times}. ¿Cuál prefiere?`,
  at: (date, startMinute) => `el ${spanishDayLabel(date)} a las ${formatMinutes(startMinute)}`,
  heldWhat: (when, guests, children, pkg, items, zip) =>
    `${when} para ${children ? `${guests} invitados (${guests - children} adultos, ${children} niños)` : `${guests} invitados`}, ${pkg ? `paquete ${pkg}` : "nuestro paquete"}${items ? ` con ${items}` : ""}, código postal ${zip}`,
  holdTotal: (total, deposit) =>
    `Total ${total} antes de la propina (un depósito de ${deposit} aparta la fecha).`,
  finishLink: (code) => `Terminar la reserva ${code}`,
  holdDone: (what, minutes, code, total) =>
    `¡Listo! Le aparto ${what} por ${minutes} minutos, referencia ${code}. ${total} Use el enlace de abajo para escoger su menú y agregar su dirección y datos de contacto para terminar la reserva.`,
  holdMoved: (code, what, total, minutes, released) =>
    `Listo, cambié su reserva apartada ${code}: ahora ${what}.${released ? " La hora anterior quedó libre." : ""} ${total} Es suya por ${minutes} minutos: use el enlace de abajo para terminar la reserva.`,
  alreadyHeld: (what, code, minutes) =>
    `Ya tiene apartado ${what}, referencia ${code}: se lo guardo ${minutes} minutos más. Use el enlace de abajo para terminar la reserva.`,
  holdUnchanged: (error, code, at) =>
    `${error} Su reserva apartada ${code} para ${at} sigue igual.`,
  dietNoted: (code, notes) => `Lo anoté en su reserva ${code}: ${notes}.`,
  dietNotedHere: (notes) => `Anotado: ${notes}.`,
  holdUnchangedAsk: (code) =>
    `Su reserva apartada ${code} sigue igual: diga "cambie mi reserva" y la actualizo a esto.`,
  allergiesTakenOff: (code) =>
    `Entendido: quité la alergia de su reserva ${code}, así que el chef no la tendrá en cuenta. ¿Le ayudo con algo más?`,
  dietAvoidNote: (n, label) =>
    n === null
      ? `nada de ${label} para su grupo`
      : `${n} ${n === 1 ? "invitado evita" : "invitados evitan"} ${label}`,
  dietKeepNote: (n, label) =>
    n === null
      ? `el grupo es ${label}`
      : `${n} ${n === 1 ? "invitado es" : "invitados son"} ${label}`,
  dietChefSees:
    "El chef lo ve antes de la fiesta y lo deja fuera de sus platos; puede agregar detalles en la página para terminar.",
  notOpenYet: (days, when, from, contact) =>
    `Tomamos reservas con hasta ${days} días de anticipación, así que ${when} todavía no está abierto: puede reservarlo a partir del ${from}. Si quiere que lo anotemos ya, ${contact}.`,
  alreadyPassed: (when) => `${capitalize(when)} ya pasó. ¿Qué fecha tenía en mente?`,
  tooSoon: (hours, when, first, contact) =>
    `Necesitamos al menos ${hours} horas de anticipación para planear una fiesta, así que ${when} es muy pronto. Lo más pronto que podemos ir es el ${first}: ¿reviso ese día? Para algo antes, ${contact}.`,

  signInForBookings:
    "Solo puedo mostrar las reservas a su dueño: inicie sesión (Mis reservas) con el correo con que reservó, o use el enlace de su correo de confirmación.",
  confirmEmailForBookings:
    "Por su seguridad solo puedo mostrar reservas después de que confirme su correo: abra Mis reservas y pida un enlace de confirmación (o inicie sesión con un enlace por correo).",
  changeByLink: (contact) =>
    `No puedo buscar ni cambiar una reserva por su referencia aquí, para que cada reserva sea privada para su dueño. Para cambiarla (invitados, fecha, hora o menú), use el enlace del mensaje de texto o del correo que le enviamos al reservar, o ${contact}.`,
  noSuchBooking: (code) =>
    `No encontré una reserva ${code} en su cuenta. Si se hizo con otro correo, use el enlace de su correo de confirmación.`,
  noBookings: "Todavía no veo reservas en su cuenta. ¿Le reviso una fecha?",
  bookingsList: (rows) => `Sus reservas: ${rows}.`,
  bookingRow: (code, when, guests, status, total) =>
    `${code}: ${when}, ${guests} invitados, ${status.toLowerCase()}, total ${total}`,

  loyaltyTier: (name, from, off, perks) =>
    `${name}: ${off} de descuento ${from === 0 ? "desde su primera reserva" : `desde ${from} ${from === 1 ? "reserva completada" : "reservas completadas"}`}${
      perks.length
        ? ` (${joinWith(
            perks.map((p) => p.toLowerCase()),
            "y",
          )})`
        : ""
    }`,
  loyaltyProgram: (tiers) =>
    `Los clientes que regresan ahorran en la comida de cada reserva, más mientras más reservan con nosotros: ${tiers}.`,
  signInForLoyalty:
    "Inicie sesión (Mis reservas) con el correo con que reserva y vuelva a preguntarme: le diré su nivel y cuánto le falta para el siguiente.",
  confirmEmailForLoyalty:
    "Su nivel aparece cuando confirme su correo: abra Mis reservas y pida un enlace de confirmación.",
  noLoyaltyForStaff: "Los niveles de lealtad son para cuentas de clientes.",
  referralProgram:
    "Cada cliente tiene un código de referido para compartir: un amigo que reserve su primera fiesta con él obtiene un descuento en la comida, y usted obtiene el mismo descuento en su próxima fiesta cuando la de su amigo se haya realizado.",
  yourReferralCode: (code, off) =>
    `Su código de referido es ${code}: un amigo que reserve su primera fiesta con él obtiene ${off} de descuento, y usted obtiene ${off} de descuento en su próxima fiesta cuando la de su amigo se haya realizado. También aparece en Mis reservas.`,
  signInForReferral:
    "Inicie sesión (Mis reservas) con el correo con que reserva y vuelva a preguntarme: le diré su código (también aparece en Mis reservas).",
  confirmEmailForReferral:
    "Su código de referido aparece cuando confirme su correo: abra Mis reservas y pida un enlace de confirmación.",
  referralAfterFirstBooking: "Recibe su propio código con su primera reserva.",
  noReferralForStaff: "Los códigos de referido son para cuentas de clientes.",
  yourTier: (name, off, completed, points, next) =>
    `Usted es ${name}: ${off} de descuento en la comida de su próxima reserva, con ${completed} ${completed === 1 ? "reserva completada" : "reservas completadas"} y ${points.toLocaleString("en-US")} puntos. ${next ? `Le ${next.bookings === 1 ? "falta 1 reserva" : `faltan ${next.bookings} reservas`} para ${next.name}.` : `${name} es nuestro nivel más alto: ¡gracias!`}`,

  cancellation: (free, resched) =>
    `Puede cancelar en línea hasta ${free} horas antes del evento y se le devuelve todo el depósito; si cancela después, el depósito no se devuelve. Puede cambiar la fecha en línea hasta ${resched} horas antes. Hágalo desde el enlace de su correo de confirmación o en Mis reservas.`,
  reschedule: (free, resched) =>
    `Puede cambiar la fecha en línea hasta ${resched} horas antes del evento, desde el enlace de su correo de confirmación o en Mis reservas. Si cancela con al menos ${free} horas de anticipación se le devuelve todo el depósito; después, no.`,
  deposit: (amount, free) =>
    `Un depósito de ${amount} confirma su reserva; el resto se paga el día del evento. El depósito se devuelve completo si cancela con al menos ${free} horas de anticipación.`,
  gratuity: (rate) =>
    `La propina no está incluida ni se cobra automáticamente: se acostumbra ${rate} y es totalmente opcional.`,
  includes: (name, list) => `${name} incluye ${list}.`,
  duration: (hours, perTen) =>
    `El show del chef y la cena duran unas ${hours} horas; para fiestas de más de 20 agregamos ${perTen} minutos por cada 10 invitados más.`,
  kids: (name, child, adult) =>
    `${name}: ${child} por niño (12 años o menos), ${adult} por adulto.`,
  kidsNoFreeAge: (prices, contact) =>
    `No tenemos una edad en que los pequeños coman gratis: todo niño de 12 años o menos, también los bebés, paga el precio de niño (${prices}). Si tiene una pregunta sobre un invitado muy pequeño, ${contact}.`,
  notice: (hours, days, contact) =>
    `Reserve con al menos ${hours} horas de anticipación para que podamos comprar y preparar todo; puede reservar hasta con ${days} días de anticipación. Los viernes y sábados en la noche se llenan primero, así que mientras antes, mejor. Para algo más pronto, ${contact}.`,
  capacity: (perChef, max) =>
    `Un chef cocina para hasta ${perChef} invitados; para fiestas más grandes mandamos más chefs, hasta ${max} invitados en una reserva.`,
  capacityTooMany: (asked, contact) =>
    `Para ${asked} invitados, por favor ${contact} y la planeamos con usted.`,
  capacityNext:
    "Dígame la fecha, cuántos invitados y su código postal y le reviso qué horas están libres.",
  partySize: (min, max, minimum) =>
    `Cocinamos para fiestas de ${min} a ${max} invitados por reserva; cada fiesta tiene un mínimo de ${minimum} en comida (antes de viaje e impuestos).`,
  arrival: (travel, cleanup, hours) =>
    `Reservamos ${travel} minutos antes de su hora de inicio para el viaje y la instalación del chef, así que el chef llega un poco antes de que empiece la fiesta, y ${cleanup} minutos después para recoger y limpiar el área de la parrilla. El show y la cena duran unas ${hours} horas.`,
  setup: (rental, contact) =>
    `El chef lleva la parrilla hibachi y cocina en su casa.${rental} Para preguntas sobre su espacio (adentro, patio techado, reglas del edificio), por favor ${contact}.`,
  setupRental: (name, price, description) =>
    ` También podemos llevar ${name} (${description}) por ${price}.`,

  contactUs: (business, phone, email) =>
    `Puede comunicarse con ${business} al ${phone} o a ${email}; también puedo contestar preguntas y revisar fechas aquí mismo.`,
  phoneHours: (business, hours, phone) =>
    `${business} contesta el teléfono ${hours}, al ${phone}. Yo puedo contestar preguntas y revisar fechas aquí a cualquier hora.`,
  hold: (chat, online) =>
    `Cuando le aparto una hora aquí, es suya por ${chat} minutos mientras termina la reserva (menú, dirección y contacto). Una reserva hecha en línea guarda su hora por ${online} minutos hasta que la confirme con el enlace que le enviamos por correo.`,

  handedOff: (contact) =>
    `Le pedí a nuestro equipo que continúe esta conversación: una persona le responderá aquí mismo en este chat. Si es urgente, ${contact}.`,
  complaint: (contact) =>
    `Lo siento mucho. Marqué la conversación para nuestro equipo para que una persona lo resuelva; le responderá aquí mismo en este chat. Si es urgente, ${contact}.`,
};

const BOOKS: Record<Language, Phrasebook> = { en, es };

/**
 * Without online payments ("pay at the event": no Stripe keys) nothing is charged online, so no
 * answer may speak of a deposit that holds the date or of a refund: these replace the phrases
 * that do.
 */
const PAY_AT_EVENT: Record<
  Language,
  Pick<Phrasebook, "priceList" | "quote" | "holdTotal" | "cancellation" | "reschedule" | "deposit">
> = {
  en: {
    priceList: (p) =>
      `${p.packages}. There's a food minimum of ${p.minimum} per party. Travel from ${p.base}: ${p.zones}. Tax is ${p.tax}; no payment is taken online (you pay at the event), and gratuity (${p.gratuity} suggested) is up to you.`,
    quote: (q) =>
      `For ${q.guests} guests${q.children ? ` (${q.guests - q.children} adults, ${q.children} children)` : ""} with our ${q.pkg}${q.items ? `, including ${q.items}` : ""}: food ${q.food}, travel ${q.travel} (${q.zone}), tax ${q.tax}, total ${q.total}, paid at the event (no payment is taken online); a tip of about ${q.tip} is customary but up to you.`,
    holdTotal: (total) => `Total ${total} before gratuity, paid at the event.`,
    cancellation: (free, resched) =>
      `You can cancel online any time before the event (please at least ${free} hours before); nothing is charged online, so there is nothing to refund. Rescheduling online is possible up to ${resched} hours before. Manage it from the link in your confirmation email or My bookings.`,
    reschedule: (_free, resched) =>
      `You can reschedule online up to ${resched} hours before the event, from the link in your confirmation email or My bookings.`,
    deposit: (_amount, free) =>
      `No deposit or payment is taken online: you pay the total at the event. You can cancel online any time before it (please at least ${free} hours before).`,
  },
  es: {
    priceList: (p) =>
      `${p.packages}. Hay un mínimo de ${p.minimum} en comida por fiesta. Costo de viaje desde ${p.base}: ${p.zones}. El impuesto es ${p.tax}; no se cobra nada en línea (se paga en el evento) y la propina (se sugiere ${p.gratuity}) es opcional.`,
    quote: (q) =>
      `Para ${q.guests} invitados${q.children ? ` (${q.guests - q.children} adultos, ${q.children} niños)` : ""} con nuestro ${q.pkg}${q.items ? `, incluyendo ${q.items}` : ""}: comida ${q.food}, viaje ${q.travel} (${q.zone}), impuestos ${q.tax}, total ${q.total}, que se paga en el evento (no se cobra nada en línea); una propina de unos ${q.tip} es costumbre, pero es opcional.`,
    holdTotal: (total) => `Total ${total} antes de la propina, que se paga en el evento.`,
    cancellation: (free, resched) =>
      `Puede cancelar en línea en cualquier momento antes del evento (de preferencia al menos ${free} horas antes); no se cobra nada en línea, así que no hay nada que devolver. Puede cambiar la fecha en línea hasta ${resched} horas antes. Hágalo desde el enlace de su correo de confirmación o en Mis reservas.`,
    reschedule: (_free, resched) =>
      `Puede cambiar la fecha en línea hasta ${resched} horas antes del evento, desde el enlace de su correo de confirmación o en Mis reservas.`,
    deposit: (_amount, free) =>
      `No se cobra depósito ni pago en línea: el total se paga en el evento. Puede cancelar en línea en cualquier momento antes (de preferencia al menos ${free} horas antes).`,
  },
};

/**
 * The phrasebook of a language (English when none is known), for a business that takes the
 * deposit online (`payOnline`) or is paid at the event.
 */
export function phrasesFor(language: Language | undefined, payOnline = false): Phrasebook {
  const book = BOOKS[language ?? "en"];
  return payOnline ? book : { ...book, ...PAY_AT_EVENT[language ?? "en"] };
}
