// Customers change their party (adults, children) and menu (package, proteins, extras,
// allergies) within the business's policy. One planner says what a change means (the quote
// engine's new price, what changes, the money, whether the chef still fits) for the preview the
// customer reads before confirming and for the change itself, which re-plans on the locked row.
//
// The policy, as a caterer runs it (numbers are owner settings):
// - Changes online close `partyChangeCutoffHours` (72) before the event: the chef shops and preps
//   from then on. Later, the customer calls.
// - The guest count is final `guestDecreaseCutoffHours` (168, a week) before: after that the party
//   can still grow (until the cutoff above) but not shrink; the customer pays for the count given.
// - Never below `minGuests` nor above `maxGuests`, and the party minimum applies (quote engine).
// - A change is priced at today's menu prices (the quote shown before confirming is what is
//   charged). The deposit and its cancellation terms stay as they were; the balance follows the
//   total. In Stripe mode what was paid above a lower total is refunded (payments/change.ts).
// - A bigger party may run longer or need more chefs: the chefs' blocks are re-checked and moved
//   in the same transaction and through the same exclusion constraint as a reschedule; when they
//   don't fit, the change is refused with the times that would fit.
// - Confirmed and pending bookings only (a held one is confirmed first).
import { storedQuoteLoyalty } from "../loyalty/tiers";
import { redeemedOfferOf } from "../campaigns/offers";
import { giveBackRedeemSurplus, pointsOfLines, redeemedPointsOf } from "../loyalty/points";
import {
  PG_EXCLUSION_VIOLATION,
  pgErrorCode,
  type Booking,
  type BookingStatus,
  type Db,
  type DbTx,
  type Payment,
  type Prisma,
  type Refund,
} from "@myhibachi/db";
import {
  formatCents,
  formatDay,
  formatInstant,
  HOUR,
  kitchenOrder,
  kitchenWarnings,
  proteinSummary,
  todayIn,
  zonedParts,
  type DietaryProfile,
  type KitchenOrder,
} from "@myhibachi/shared";
import {
  bookingProfile,
  profileColumn,
  readProfile,
  sameStoredProfile,
  saveCustomerProfile,
} from "./dietary-profile";
import { AppError } from "../errors";
import { canonicalJson } from "../canonical-json";
import {
  loadCatalogFromDb,
  resolveLocation,
  type Catalog,
  type CatalogSettings,
  type ResolvedLocation,
} from "../catalog/catalog";
import {
  computeQuote,
  quoteColumns,
  quoteLineRows,
  type Quote,
  type QuoteSelection,
} from "../pricing/quote";
import { chefsNeeded, eventTiming, type EventTiming } from "../availability/slots";
import {
  changeMoneySentence,
  changeMoneyTerms,
  decideChangeRefunds,
  type ChangeMoney,
} from "../payments/change";
import { closeOpenBalancePages } from "../payments/balance";
import { queueRefunds } from "../payments/deps";
import {
  alternativesNear,
  freeChefsInPlace,
  inBookingTx,
  nowOf,
  placeBooking,
  type BookingDeps,
} from "./shared";
import { actorLabel, lockBookingFor, storedSelection, type Actor } from "./manage-booking";
import { movedMeanwhile, partyChangedMeanwhile, partyVersion } from "./stale";
import { tellStaffAboutBooking } from "./staff-notice";

const CHANGEABLE: BookingStatus[] = ["PENDING", "CONFIRMED"];

/** What the customer wants the party to be. */
export interface PartyChange {
  selection: QuoteSelection;
  /** Allergies and dietary needs; absent keeps them, null or "" clears them. */
  allergies?: string | null;
  /** The party's dietary profile (issue 16); absent keeps it, null or an empty one clears it. */
  dietaryProfile?: DietaryProfile | null;
}

export type ChangeSettings = Pick<
  CatalogSettings,
  "partyChangeCutoffHours" | "guestDecreaseCutoffHours" | "minGuests" | "maxGuests" | "phone"
>;

export interface ChangeWindow {
  /** Changes can be made online now. */
  open: boolean;
  /** Why not, when they can't. */
  reason: string | null;
  /** The guest count may still go down. */
  canLowerGuests: boolean;
  /** Online changes close then. */
  closesAt: Date;
  /** The guest count is final then (it can still go up until `closesAt`). */
  finalCountAt: Date;
  /** The rules in words, with this booking's dates. */
  policy: string;
}

/** "72 hours", "7 days". */
function span(hours: number): string {
  return hours >= 96 && hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}

/** One start time a booking had: from `since` until `until` (null: still has it). */
export interface StartPeriod {
  startsAt: Date;
  since: Date;
  until: Date | null;
}

/**
 * The start times a booking has had, oldest first, from its "rescheduled" history events
 * (data.from, data.to, and when: data.at, else the event's time). A booking never moved has one period: its start.
 */
export async function startHistory(
  db: Db | DbTx,
  b: Pick<Booking, "id" | "startsAt">,
): Promise<StartPeriod[]> {
  const moves = await db.bookingEvent.findMany({
    where: { bookingId: b.id, type: "rescheduled" },
    orderBy: { createdAt: "asc" },
    select: { data: true, createdAt: true },
  });
  const periods: StartPeriod[] = [];
  // Its first start time, since it was booked (the exact moment doesn't change when the count
  // became final for it: that is `startsAt - cutoff` if it had that start time then).
  let since = new Date(0);
  for (const m of moves) {
    const d = (m.data ?? {}) as { from?: unknown; at?: unknown };
    const at = typeof d.at === "string" ? new Date(d.at) : m.createdAt;
    if (typeof d.from === "string") periods.push({ startsAt: new Date(d.from), since, until: at });
    since = at;
  }
  periods.push({ startsAt: b.startsAt, since, until: null });
  return periods;
}

/**
 * When the guest count became (or becomes) final. The rule (F3): the count is final from the
 * first moment it was final for the start time the booking had then, and moving the booking
 * never makes it open again. For each start time the booking has had, the count was final from
 * `startsAt - guestDecreaseCutoffHours` if the booking still had that start time then (or from
 * the move to it, if it was moved in already inside the window); the earliest such moment wins.
 * So moving away after the final-count date and back (or just away) doesn't reopen the decrease
 * window, while a move made well before the final-count date follows the new date as it should.
 */
export function finalCountAtOf(
  b: Pick<Booking, "startsAt">,
  s: Pick<ChangeSettings, "guestDecreaseCutoffHours">,
  history: StartPeriod[] = [],
): Date {
  const cutoff = s.guestDecreaseCutoffHours * HOUR;
  let final = b.startsAt.getTime() - cutoff;
  for (const p of history) {
    if (p.until === null) continue; // the current start time: `final` above
    const at = Math.max(p.since.getTime(), p.startsAt.getTime() - cutoff);
    if (at < p.until.getTime()) final = Math.min(final, at);
  }
  return new Date(final);
}

/**
 * The change policy for this booking at `now` (staff are not held to the windows). `history`
 * (see `startHistory`): the start times it has had, for the final-count date.
 */
export function changeWindow(
  b: Pick<Booking, "status" | "startsAt" | "timeZone" | "paymentMode">,
  s: ChangeSettings,
  now: Date,
  byStaff = false,
  history: StartPeriod[] = [],
): ChangeWindow {
  const closesAt = new Date(b.startsAt.getTime() - s.partyChangeCutoffHours * HOUR);
  const finalCountAt = finalCountAtOf(b, s, history);
  const at = (d: Date) => formatInstant(d, b.timeZone, "shortDayTime");
  const decreaseRule = finalCountAt.getTime() < closesAt.getTime();
  const policy = [
    `You can change the guest count and the menu here until ${at(closesAt)} (${span(s.partyChangeCutoffHours)} before the event); after that, please call us at ${s.phone}.`,
    decreaseRule
      ? `The guest count can go down until ${at(finalCountAt)} (${span(s.guestDecreaseCutoffHours)} before); after that it can only go up, and the party is charged for the count you gave us.`
      : "",
    `Parties are ${s.minGuests} to ${s.maxGuests} guests. Changes are priced at today's menu prices.`,
  ]
    .filter(Boolean)
    .join(" ");
  let reason: string | null = null;
  if (!CHANGEABLE.includes(b.status))
    reason =
      b.status === "HELD"
        ? b.paymentMode === "STRIPE"
          ? "Pay the deposit to confirm your booking first; then you can change it here."
          : "Confirm your booking first; then you can change it here."
        : `A ${b.status.toLowerCase()} booking can't be changed.`;
  else if (!byStaff && now.getTime() > closesAt.getTime())
    reason = `Online changes closed ${at(closesAt)} (${span(s.partyChangeCutoffHours)} before the event), when your chef started shopping and prepping. Please call us at ${s.phone} and we'll do what we can.`;
  return {
    open: reason === null,
    reason,
    canLowerGuests: byStaff || now.getTime() <= finalCountAt.getTime(),
    closesAt,
    finalCountAt,
    policy,
  };
}

/** One thing the change changes, in words: "Guests: 10 adults -> 12 adults and 2 children". */
export interface ChangeLine {
  what: string;
  from: string;
  to: string;
}

/** A change line as words: "Guests: 10 adults → 12 adults and 2 children" (emails, history). */
export const changeLineText = (c: ChangeLine) => `${c.what}: ${c.from} → ${c.to}`;

/** Why a change can't be made as asked (the preview shows it; the change refuses with it). */
export interface ChangeProblem {
  code: "PRECONDITION_FAILED" | "CONFLICT";
  message: string;
  /** Times a bigger party would fit (a CONFLICT), for the customer to move to first. */
  alternatives: { date: string; startMinute: number; label: string }[];
}

export interface PartyState {
  selection: QuoteSelection;
  packageName: string;
  allergies: string | null;
  dietaryProfile: DietaryProfile | null;
  kitchenOrder: KitchenOrder;
  totalCents: number;
  endsAt: Date;
  chefsNeeded: number;
}

export interface ChangePlan {
  before: PartyState;
  after: PartyState;
  /** The quote engine's price of the new party (what the booking will store). */
  quote: Quote;
  changes: ChangeLine[];
  /** False when the request is the party as it already is (nothing to do). */
  changed: boolean;
  money: ChangeMoney;
  problem: ChangeProblem | null;
  /** The party's new size needs other chef blocks (longer, or more chefs). */
  needsNewBlock: boolean;
  timing: EventTiming;
  date: string;
  startMinute: number;
  location: ResolvedLocation;
  packageId: string;
}

type PlanBooking = Booking & { liveChefs: number; history: StartPeriod[] };

const guestsText = (adults: number, children: number) =>
  `${adults} ${adults === 1 ? "adult" : "adults"}${children ? ` and ${children} ${children === 1 ? "child" : "children"}` : ""}`;

function extrasText(o: KitchenOrder): string {
  return (
    o.extras.map((e) => `${e.count} ${e.unit}${e.count === 1 ? "" : "s"} ${e.name}`).join(", ") ||
    "none"
  );
}

/** Zero counts dropped, so "0 gyoza" and no gyoza are the same selection. */
function normalized(sel: QuoteSelection): QuoteSelection {
  const counts = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r ?? {}).filter(([, n]) => n > 0));
  return {
    packageSlug: sel.packageSlug,
    adults: sel.adults,
    children: sel.children,
    proteins: counts(sel.proteins),
    extras: counts(sel.extras),
  };
}

export { partyVersion } from "./stale";

/** The party as the booking stores it now, as a selection the change form starts from. */
export function currentSelection(
  b: Pick<Booking, "selection" | "adults" | "children" | "packageId">,
  catalog: Pick<Catalog, "packages">,
): QuoteSelection {
  const stored = storedSelection(b);
  const pkg = catalog.packages.find((p) => p.id === b.packageId);
  return normalized({ ...stored, packageSlug: pkg?.slug ?? "" });
}

/**
 * What changing booking `b` to `change` means, decided from the catalog and the booking's
 * payments as given (the change itself calls it on the locked row). A selection the quote engine
 * refuses (proteins that don't add up, a retired dish) throws its readable BAD_REQUEST; a change
 * the policy or the chefs' time refuse comes back as `problem`.
 */
export async function planPartyChange(
  db: Db | DbTx,
  b: PlanBooking,
  change: PartyChange,
  catalog: Catalog,
  money: {
    payments: Parameters<typeof changeMoneyTerms>[2];
    refunds: Parameters<typeof changeMoneyTerms>[3];
  },
  now: Date,
  byStaff = false,
): Promise<ChangePlan> {
  const s = catalog.settings;
  const window = changeWindow(b, s, now, byStaff, b.history);
  const location = await resolveLocation(db, catalog, b.postalCode);
  const selection = normalized(change.selection);
  // A change keeps the loyalty terms the booking was made with (its tier then, stored on it), and
  // the offer code it redeemed.
  const quote = computeQuote(
    catalog,
    location.zone,
    selection,
    storedQuoteLoyalty(b.loyalty),
    await redeemedOfferOf(db, b.id),
    // The points it used stay used (never more than the new food).
    await redeemedPointsOf(db, b.id).then((points) =>
      points ? { points, capToFood: true } : null,
    ),
  );
  const pkg = catalog.packages.find((p) => p.slug === selection.packageSlug)!;
  const allergies = change.allergies === undefined ? b.allergies : change.allergies?.trim() || null;
  const profileBefore = readProfile(b.dietaryProfile);
  // Counts are checked against the new party ("3 guests avoid shellfish" for 2 guests: 400).
  const dietaryProfile = bookingProfile(
    change.dietaryProfile === undefined ? profileBefore : change.dietaryProfile,
    quote.guests,
  );

  const { date, minutes: startMinute } = zonedParts(b.startsAt, b.timeZone);
  const oldGuests = b.adults + b.children;
  const timing = eventTiming(s, date, startMinute, quote.guests);
  const needed = chefsNeeded(s, quote.guests);
  const sizeChanged = quote.guests !== oldGuests;
  const needsNewBlock =
    sizeChanged &&
    (timing.blockStart.getTime() !== b.chefBlockStart.getTime() ||
      timing.blockEnd.getTime() !== b.chefBlockEnd.getTime() ||
      needed !== b.liveChefs);

  const oldPkg = catalog.packages.find((p) => p.id === b.packageId);
  const menu = catalog.items;
  const before: PartyState = {
    selection: currentSelection(b, catalog),
    packageName: oldPkg?.name ?? "",
    allergies: b.allergies,
    dietaryProfile: profileBefore,
    kitchenOrder: kitchenOrder(
      {
        packageName: oldPkg?.name ?? "",
        selection: storedSelection(b),
        allergies: b.allergies,
        dietaryProfile: profileBefore,
        warnings: kitchenWarnings(
          { selection: storedSelection(b), profile: profileBefore, package: oldPkg },
          menu,
        ),
        notes: b.notes,
      },
      menu,
    ),
    totalCents: b.totalCents,
    endsAt: b.endsAt,
    chefsNeeded: b.liveChefs,
  };
  const after: PartyState = {
    selection,
    packageName: pkg.name,
    allergies,
    dietaryProfile,
    kitchenOrder: kitchenOrder(
      {
        packageName: pkg.name,
        selection,
        allergies,
        dietaryProfile,
        warnings: kitchenWarnings({ selection, profile: dietaryProfile, package: pkg }, menu),
        notes: b.notes,
      },
      menu,
    ),
    totalCents: quote.totalCents,
    endsAt: timing.endsAt,
    chefsNeeded: needed,
  };

  const changed =
    canonicalJson(before.selection) !== canonicalJson(after.selection) ||
    (before.allergies ?? null) !== (after.allergies ?? null) ||
    !sameStoredProfile(before.dietaryProfile, after.dietaryProfile);
  const changes = changeLines(before, after, b.timeZone);
  const moneyTerms = changeMoneyTerms(b, quote.totalCents, money.payments, money.refunds);

  // After a move the count may have become final for the date the booking had then.
  const finalWhy =
    window.finalCountAt.getTime() === b.startsAt.getTime() - s.guestDecreaseCutoffHours * HOUR
      ? `${span(s.guestDecreaseCutoffHours)} before the event`
      : `${span(s.guestDecreaseCutoffHours)} before the date your booking had then; moving it doesn't reopen it`;
  let problem: ChangeProblem | null = null;
  if (!window.open)
    problem = { code: "PRECONDITION_FAILED", message: window.reason!, alternatives: [] };
  else if (changed && quote.guests < oldGuests && !window.canLowerGuests)
    problem = {
      code: "PRECONDITION_FAILED",
      message: `Your guest count became final on ${formatInstant(window.finalCountAt, b.timeZone, "shortDayTime")} (${finalWhy}): it can still go up, but not down. Keep at least ${oldGuests} guests, or call us at ${s.phone}.`,
      alternatives: [],
    };
  // Adults turned into children lower the bill as fewer guests would: final too.
  else if (changed && selection.adults < b.adults && !window.canLowerGuests)
    problem = {
      code: "PRECONDITION_FAILED",
      message: `Your guest count became final on ${formatInstant(window.finalCountAt, b.timeZone, "shortDayTime")} (${finalWhy}): it can still go up, but not down, and that includes the number of adults. Keep at least ${b.adults} ${b.adults === 1 ? "adult" : "adults"}, or call us at ${s.phone}.`,
      alternatives: [],
    };
  else if (changed && needsNewBlock) {
    const free = await freeChefsInPlace(db, catalog, {
      date,
      startMinute,
      guests: quote.guests,
      zoneId: location.zone.id,
      bookingId: b.id,
    });
    if (!free)
      problem = await doesNotFit(db, catalog, b, {
        date,
        guests: quote.guests,
        needed,
        timing,
        zoneId: location.zone.id,
        now,
      });
  }
  return {
    before,
    after,
    quote,
    changes,
    changed,
    money: moneyTerms,
    problem,
    needsNewBlock,
    timing,
    date,
    startMinute,
    location,
    packageId: pkg.id,
  };
}

async function doesNotFit(
  db: Db | DbTx,
  catalog: Catalog,
  b: PlanBooking,
  q: {
    date: string;
    guests: number;
    needed: number;
    timing: EventTiming;
    zoneId: string;
    now: Date;
  },
): Promise<ChangeProblem> {
  const day = formatDay(q.date, todayIn(b.timeZone, q.now));
  const moreChefs = q.needed > b.liveChefs;
  const why = moreChefs
    ? `A party of ${q.guests} needs ${q.needed} chefs, and we don't have ${q.needed - b.liveChefs === 1 ? "another chef" : "enough chefs"} free on ${day} at ${formatInstant(b.startsAt, b.timeZone, "time")}.`
    : `A party of ${q.guests} runs until ${formatInstant(q.timing.endsAt, b.timeZone, "time")}, and your chef isn't free that long on ${day}.`;
  const alternatives = await alternativesNear(db, catalog, {
    date: q.date,
    guests: q.guests,
    zoneId: q.zoneId,
    now: q.now,
    excludeBookingId: b.id,
  });
  const hint = alternatives.length
    ? ` A party of ${q.guests} would fit ${listWords(alternatives.slice(0, 3).map((a) => a.label))}: move your booking there first, then add the guests. Or keep ${b.adults + b.children} guests, or call us at ${catalog.settings.phone}.`
    : ` Keep ${b.adults + b.children} guests, or call us at ${catalog.settings.phone} and we'll see what we can do.`;
  return { code: "CONFLICT", message: `${why}${hint}`, alternatives };
}

/** "a, b or c" */
const listWords = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;

function changeLines(before: PartyState, after: PartyState, timeZone: string): ChangeLine[] {
  const a = before.kitchenOrder;
  const z = after.kitchenOrder;
  const lines: ChangeLine[] = [];
  const add = (what: string, from: string, to: string) => {
    if (from !== to) lines.push({ what, from, to });
  };
  add("Guests", guestsText(a.adults, a.children), guestsText(z.adults, z.children));
  add("Package", before.packageName, after.packageName);
  add("Proteins", proteinSummary(a) || "none chosen", proteinSummary(z) || "none chosen");
  add("Extras", extrasText(a), extrasText(z));
  add("Allergies and diets", a.allergies ?? "none given", z.allergies ?? "none given");
  add("Dietary needs", a.dietaryNeeds ?? "none given", z.dietaryNeeds ?? "none given");
  add(
    "Ends at",
    formatInstant(before.endsAt, timeZone, "time"),
    formatInstant(after.endsAt, timeZone, "time"),
  );
  add("Chefs", String(before.chefsNeeded), String(after.chefsNeeded));
  return lines;
}

/** A booking row with how many chefs it holds now. */
async function withChefCount(db: Db | DbTx, b: Booking): Promise<PlanBooking> {
  const liveChefs = await db.bookingChef.count({ where: { bookingId: b.id, live: true } });
  return { ...b, liveChefs, history: await startHistory(db, b) };
}

/** The payments and refunds a change's money is decided from. */
async function moneyRows(db: Db | DbTx, bookingId: string) {
  // One after the other: inside a transaction both go over the same connection.
  const payments: Payment[] = await db.payment.findMany({
    where: { bookingId },
    orderBy: { createdAt: "asc" },
  });
  const refunds: Refund[] = await db.refund.findMany({ where: { bookingId } });
  return { payments, refunds };
}

/** The preview: the plan for a booking the caller may see, read without a lock. */
export async function previewPartyChange(
  db: Db,
  b: Booking,
  change: PartyChange,
  deps: { now?: () => Date },
  byStaff = false,
): Promise<ChangePlan> {
  const catalog = await loadCatalogFromDb(db);
  return planPartyChange(
    db,
    await withChefCount(db, b),
    change,
    catalog,
    await moneyRows(db, b.id),
    nowOf(deps),
    byStaff,
  );
}

export interface ChangedBooking {
  booking: Booking;
  plan: ChangePlan;
  /** False when the party already was as asked: nothing was written. */
  changed: boolean;
  refundCents: number;
}

/**
 * Changes the party and menu: on the locked row, re-plans (policy, quote, money, chefs), moves
 * the chef blocks when the party's length or chefs change (a clash with another booking is the
 * exclusion constraint's, retried like a reschedule), decides refunds, rewrites the price lines
 * and records the change in the booking's history, all in one transaction. `expectedTotalCents`
 * is the total the customer confirmed: if the price is different now (another change, a price
 * edit), nothing is written and they are asked to look again. The same change twice is a no-op.
 */
export async function changeBookingParty(
  db: Db,
  input: {
    bookingId: string;
    change: PartyChange;
    /** The total the customer confirmed; every change is re-priced, so it is always checked. */
    expectedTotalCents: number;
    /** The party's `partyVersion` the customer's form started from: a party changed since is refused. */
    expectedVersion?: string | null;
    /** The start the customer's page showed: a booking moved since (another tab) is refused. */
    expectedStartsAt?: Date | null;
    actor: Actor;
  },
  deps: BookingDeps,
): Promise<ChangedBooking> {
  const now = nowOf(deps);
  const catalog = await loadCatalogFromDb(db);
  const byStaff = input.actor.kind === "staff";
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const r = await inBookingTx(db, async (tx) => {
        const locked = await lockBookingFor(tx, input.bookingId, input.actor, now);
        // Moved since the page was loaded (another tab): its dates, cut-offs and price were
        // worked out for the old time.
        if (
          input.expectedStartsAt &&
          input.expectedStartsAt.getTime() !== locked.startsAt.getTime()
        )
          throw movedMeanwhile(locked, "changing it");
        const b = await withChefCount(tx, locked);
        const plan = await planPartyChange(
          tx,
          b,
          input.change,
          catalog,
          await moneyRows(tx, b.id),
          now,
          byStaff,
        );
        // Outside the policy (the window, a final guest count) or the chefs' time: refused.
        if (plan.problem)
          throw new AppError(plan.problem.code, plan.problem.message, {
            alternatives: plan.problem.alternatives,
          });
        // The party already is as asked (a retry, a second tab): nothing to do.
        if (!plan.changed)
          return {
            booking: locked,
            plan,
            changed: false,
            refundIds: [],
            refundCents: 0,
            eventId: null,
          };
        // Changed since the customer's form was filled from it (another tab, another person):
        // saving would silently undo that change.
        if (input.expectedVersion && input.expectedVersion !== partyVersion(locked))
          throw partyChangedMeanwhile("changing them again");
        if (input.expectedTotalCents !== plan.quote.totalCents)
          throw new AppError(
            "CONFLICT",
            `The new total is now ${formatCents(plan.quote.totalCents)}, not the ${formatCents(input.expectedTotalCents)} you saw: the booking or our prices changed meanwhile. Please look at the new total and confirm again.`,
            { totalCents: plan.quote.totalCents },
          );
        let chefIds: string[] | null = null;
        const chefsBefore = await tx.bookingChef.findMany({
          where: { bookingId: b.id, live: true },
          select: { chefId: true },
        });
        if (plan.needsNewBlock) {
          const free = await freeChefsInPlace(tx, catalog, {
            date: plan.date,
            startMinute: plan.startMinute,
            guests: plan.quote.guests,
            zoneId: plan.location.zone.id,
            bookingId: b.id,
          });
          // Checked by the plan a moment ago on this locked row; a chef taken since is a clash.
          if (!free) return null;
          const current = await tx.bookingChef.findMany({ where: { bookingId: b.id, live: true } });
          const keep = current.map((c) => c.chefId).filter((id) => free.chefIds.includes(id));
          chefIds = [...keep, ...free.chefIds.filter((id) => !keep.includes(id))].slice(
            0,
            free.chefsNeeded,
          );
          await placeBooking(tx, b.id, chefIds, plan.timing);
        }
        const actor = actorLabel(input.actor);
        const refunds = await decideChangeRefunds(tx, b, plan.quote.totalCents, actor);
        const columns = quoteColumns(plan.quote);
        const depositCents = Math.min(b.depositCents, plan.quote.totalCents);
        const updated = await tx.booking.update({
          where: { id: b.id },
          data: {
            adults: plan.after.selection.adults,
            children: plan.after.selection.children,
            packageId: plan.packageId,
            selection: plan.after.selection as unknown as Prisma.InputJsonValue,
            allergies: plan.after.allergies,
            dietaryProfile: profileColumn(plan.after.dietaryProfile),
            ...columns,
            depositCents,
            balanceCents: columns.totalCents - depositCents,
            travelZoneName: plan.location.zone.name,
            distanceMiles: plan.location.distanceMiles,
            settingsVersion: catalog.settings.version,
          },
        });
        await tx.bookingLine.deleteMany({ where: { bookingId: b.id } });
        await tx.bookingLine.createMany({
          data: quoteLineRows(plan.quote).map((row) => ({ ...row, bookingId: b.id })),
        });
        // A new dietary profile also goes into the customer's saved one (their own account
        // signed in, or staff), so their next booking starts from it.
        if (
          b.customerId &&
          !sameStoredProfile(plan.before.dietaryProfile, plan.after.dietaryProfile)
        )
          await saveCustomerProfile(
            tx,
            b.customerId,
            plan.after.dietaryProfile,
            input.actor.kind === "staff"
              ? "staff"
              : { userId: input.actor.kind === "customer" ? (input.actor.userId ?? null) : null },
          );
        // Points used above a smaller party's food (the POINTS line is capped at it) go back to
        // the ledger, once, under the redeem's lock.
        const pointsGivenBack = await giveBackRedeemSurplus(tx, {
          bookingId: b.id,
          bookingCode: b.code,
          usedNow: pointsOfLines(plan.quote.lines),
          now,
        });
        const state = (p: PartyState) => ({
          adults: p.kitchenOrder.adults,
          children: p.kitchenOrder.children,
          packageName: p.packageName,
          proteins: p.selection.proteins,
          extras: p.selection.extras,
          allergies: p.allergies,
          totalCents: p.totalCents,
        });
        const event = await tx.bookingEvent.create({
          data: {
            bookingId: b.id,
            type: "party-changed",
            actor,
            data: {
              from: state(plan.before),
              to: state(plan.after),
              changes: plan.changes.map((c) => ({ ...c })),
              // The customer's sentence (their change email), and the same about the customer in
              // the third person for the booking's history that staff read.
              money: plan.money.sentence,
              staffMoney: changeMoneySentence(b, plan.money, "staff"),
              refundIds: refunds.refundIds,
              refundCents: refunds.refundCents,
              ...(pointsGivenBack ? { pointsGivenBack } : {}),
              ...(chefIds ? { chefIds } : {}),
            },
          },
        });
        // The kitchen and the chefs hear of a customer's change (staff's own tells nobody).
        await tellStaffAboutBooking(tx, {
          bookingId: b.id,
          eventId: event.id,
          kind: "changed",
          actor,
          previousChefIds: chefsBefore.map((c) => c.chefId),
          now,
        });
        return {
          booking: updated,
          plan,
          changed: true,
          refundIds: refunds.refundIds,
          refundCents: refunds.refundCents,
          eventId: event.id,
        };
      });
      if (!r) continue; // a chef was taken between the plan and the move: plan again
      if (r.changed) {
        await deps.cache.invalidate("calendar");
        await queueRefunds(deps, r.refundIds, r.booking.id);
        // A balance page opened before the change asks for the old amount: close it.
        if (deps.payments) await closeOpenBalancePages(db, deps.payments, r.booking.id);
        if (r.eventId)
          await deps.notify?.({
            type: "booking.changed",
            bookingId: r.booking.id,
            eventId: r.eventId,
          });
      }
      return { booking: r.booking, plan: r.plan, changed: r.changed, refundCents: r.refundCents };
    } catch (err) {
      if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) continue;
      throw err;
    }
  }
  // Chefs kept being taken under us: say so as the plan would.
  const b = await db.booking.findUniqueOrThrow({ where: { id: input.bookingId } });
  const plan = await previewPartyChange(db, b, input.change, deps, byStaff);
  throw new AppError(
    "CONFLICT",
    plan.problem?.message ??
      "Our chefs' schedule changed while we were saving your change. Please try again.",
    { alternatives: plan.problem?.alternatives ?? [] },
  );
}
