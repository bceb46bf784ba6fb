import { movedMeanwhile, partyChangedMeanwhile, partyVersion } from "./stale";
import { bookingWindowForEmail, quoteLoyaltyForUser } from "../loyalty/customer";
import { assertCodeIsTheirs, codeUserOf, releaseOfferCodeOf } from "../campaigns/offers";
import { recomputeLoyaltyAfter } from "../loyalty/recompute";
import {
  checkRedeemRequest,
  redeemedPointsOf,
  redeemPointsInTx,
  restoreRedeemedPoints,
} from "../loyalty/points";
import { redeemedOfferOf } from "../campaigns/offers";
import {
  PG_EXCLUSION_VIOLATION,
  pgErrorCode,
  type Db,
  type DbTx,
  type Booking,
  type BookingStatus,
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import {
  assertStateOfZip,
  loadCatalogFromDb,
  resolveLocation,
  type Catalog,
} from "../catalog/catalog";
import { computeQuote, quoteLineRows, type QuoteSelection } from "../pricing/quote";
import { eventTiming } from "../availability/slots";
import {
  HOUR,
  formatInstant,
  kitchenOrder,
  kitchenWarnings,
  profileWords,
  type DietaryProfile,
  type KitchenOrder,
} from "@myhibachi/shared";
import {
  bookingProfile,
  readProfile,
  sameStoredProfile,
  saveCustomerProfile,
} from "./dietary-profile";
import {
  assertBookableTime,
  catalogWithWindow,
  freeChefsFor,
  inBookingTx,
  lockBooking,
  nowOf,
  placeBooking,
  unavailableError,
  type BookingDeps,
} from "./shared";
import {
  customerDetails,
  loyaltyUser,
  ownsContactEmail,
  takesDepositOnline,
  upsertCustomer,
  type BookingAddress,
  type BookingContact,
  type BookingUser,
} from "./create-booking";
import { bookingIdForToken, linkExpiresAt, tokenWasEmailed } from "./links";
import { tellStaffAboutBooking } from "./staff-notice";
import {
  deadlineAfterReschedule,
  decidePolicyRefunds,
  moneyCancellationTerms,
} from "../payments/cancel";
import { queueRefunds } from "../payments/deps";

/** Who is acting: a customer may act only on their own bookings; staff on any. */
export type Actor =
  | { kind: "customer"; customerIds: string[]; userId?: string }
  /**
   * The holder of a link. `receipts`: the operation shows receipts only, so a receipt email's
   * link (RECEIPTS scope) may open it too; without it only a MANAGE link opens the booking.
   */
  | { kind: "token"; token: string; receipts?: boolean }
  | { kind: "staff"; userId: string; role: "STAFF" | "OWNER" }
  | { kind: "system" };

export function actorLabel(a: Actor): string {
  switch (a.kind) {
    case "customer":
      return a.userId ? `user:${a.userId}` : "customer";
    case "token":
      return "customer-link";
    case "staff":
      return `staff:${a.userId}`;
    case "system":
      return "system";
  }
}

const notFound = () =>
  new AppError(
    "NOT_FOUND",
    "We couldn't find that booking. Check the link or sign in with the email you booked with.",
  );

/**
 * Throws NOT_FOUND unless the actor may see booking `b` (never reveals other customers'
 * bookings). A link token must open this booking and not have expired.
 */
async function authorize(
  db: Db | DbTx,
  b: Booking | null,
  actor: Actor,
  now: Date,
): Promise<Booking> {
  if (!b) throw notFound();
  if (actor.kind === "staff" || actor.kind === "system") return b;
  if (actor.kind === "customer") {
    if (b.customerId !== null && actor.customerIds.includes(b.customerId)) return b;
    throw notFound();
  }
  if ((await bookingIdForToken(db, actor.token, { receipts: actor.receipts })) !== b.id)
    throw notFound();
  if (linkExpiresAt(b).getTime() <= now.getTime())
    throw new AppError(
      "NOT_FOUND",
      "This booking link has expired. Sign in with the email you booked with to see your bookings.",
    );
  return b;
}

/** Loads a booking the actor may see, or NOT_FOUND (never reveals other customers' bookings). */
export async function loadBookingFor(
  db: Db,
  bookingId: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<Booking> {
  return authorize(db, await db.booking.findUnique({ where: { id: bookingId } }), actor, now);
}

/** Locks the booking row in `tx` and checks the actor against it as it is now. */
export async function lockBookingFor(tx: DbTx, bookingId: string, actor: Actor, now: Date) {
  return authorize(tx, await lockBooking(tx, bookingId), actor, now);
}

/**
 * Cancels a booking: locks it, re-checks the policy on the row as it is now, releases chefs and,
 * in Stripe mode, decides the policy's refunds in the same transaction (Refund rows, PENDING).
 * The worker sends them to Stripe after commit (retried until they succeed); the booking stays
 * cancelled whatever Stripe says meanwhile.
 */
export async function cancelBooking(
  db: Db,
  input: { bookingId: string; reason: string; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const catalog = await loadCatalogFromDb(db);
  const { b, refundIds } = await inBookingTx(db, async (tx) => {
    const b = await lockBookingFor(tx, input.bookingId, input.actor, now);
    const payments = await tx.payment.findMany({ where: { bookingId: b.id } });
    const chefsBefore = (
      await tx.bookingChef.findMany({
        where: { bookingId: b.id, live: true },
        select: { chefId: true },
      })
    ).map((c) => c.chefId);
    const terms = moneyCancellationTerms(
      b,
      catalog.settings,
      payments,
      now,
      input.actor.kind === "staff",
    );
    if (!terms.allowed)
      throw new AppError("PRECONDITION_FAILED", terms.reason ?? "This booking can't be cancelled.");
    const refunds = await decidePolicyRefunds(
      tx,
      b,
      catalog.settings,
      now,
      actorLabel(input.actor),
    );
    const updated = await tx.booking.update({
      where: { id: b.id },
      data: {
        status: "CANCELLED",
        holdExpiresAt: null,
        cancelledAt: now,
        cancelReason: input.reason.trim() || "No reason given",
        cancelledBy: actorLabel(input.actor),
        refundCents: refunds.refundCents,
      },
    });
    // Points the booking used are given back, once (a compensating ledger row).
    await restoreRedeemedPoints(tx, b.id, now, `booking ${b.code} was cancelled`);
    // So is the offer code it used, while still valid (usable again, on another booking).
    await releaseOfferCodeOf(tx, b.id, now);
    if (input.actor.kind === "staff")
      await tx.auditLog.create({
        data: {
          actorId: input.actor.userId,
          action: "booking.cancel",
          entity: "booking",
          entityId: b.id,
          before: { status: b.status },
          after: {
            status: "CANCELLED",
            reason: input.reason.trim(),
            refundCents: refunds.refundCents,
          },
        },
      });
    const cancelled = await tx.bookingEvent.create({
      data: {
        bookingId: b.id,
        type: "cancelled",
        actor: actorLabel(input.actor),
        data: {
          reason: input.reason,
          refundCents: refunds.refundCents,
          refundIds: refunds.refundIds,
        },
      },
    });
    // A party staff had (pending or confirmed) cancelled by the customer: staff and its chef hear.
    if (b.status === "PENDING" || b.status === "CONFIRMED")
      await tellStaffAboutBooking(tx, {
        bookingId: b.id,
        eventId: cancelled.id,
        kind: "cancelled",
        actor: actorLabel(input.actor),
        previousChefIds: chefsBefore,
        now,
      });
    return { b: updated, refundIds: refunds.refundIds };
  });
  await deps.cache.invalidate("calendar");
  await queueRefunds(deps, refundIds, b.id);
  // A cancelled booking that had earned points gives them back (its customer's tier may drop).
  await recomputeLoyaltyAfter(db, b.id, now);
  await deps.notify?.({ type: "booking.cancelled", bookingId: b.id });
  return b;
}

const RESCHEDULABLE: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED"];

/**
 * Moves a booking to a new date/time, keeping its chefs when they are free, else reassigning.
 * Status, cutoff, free chefs and the move itself are all decided on the locked row.
 */
export async function rescheduleBooking(
  db: Db,
  input: {
    bookingId: string;
    date: string;
    startMinute: number;
    actor: Actor;
    /** When the free times were loaded (`asOf`), for the wording of a refusal. */
    seenAt?: Date | null;
    /**
     * The start the customer saw when they picked the new time: when the booking has moved since
     * (another tab, another person), the move is refused (409) and nothing is written.
     */
    expectedStartsAt?: Date | null;
    /**
     * The party's `partyVersion` the customer's page showed (guests, menu, total): a party changed
     * since (another tab) is refused (409), as the move's confirmation promised that party.
     */
    expectedVersion?: string | null;
  },
  deps: BookingDeps,
): Promise<Booking & { previousStartsAt: Date }> {
  const now = nowOf(deps);
  const plain = await loadCatalogFromDb(db);
  // A member's booking may move as far ahead as they may book (their tier's extra days): the
  // member is the account of the booking's contact email, whoever moves it.
  const contact = await db.booking.findUnique({
    where: { id: input.bookingId },
    select: { contactEmail: true },
  });
  const window = await bookingWindowForEmail(
    db,
    contact?.contactEmail,
    plain.settings.bookingWindowDays,
  );
  assertBookableTime(plain, input.date, input.startMinute, now, window);
  const catalog = catalogWithWindow(plain, window);
  const s = catalog.settings;
  let noSlot: { guests: number; zoneId: string } | null = null;
  for (let attempt = 0; attempt < 4 && !noSlot; attempt++) {
    try {
      const moved = await inBookingTx(db, async (tx) => {
        const b = await lockBookingFor(tx, input.bookingId, input.actor, now);
        if (!RESCHEDULABLE.includes(b.status))
          throw new AppError(
            "PRECONDITION_FAILED",
            `A ${b.status.toLowerCase()} booking can't be rescheduled.`,
          );
        if (input.expectedStartsAt && input.expectedStartsAt.getTime() !== b.startsAt.getTime())
          throw movedMeanwhile(b, "moving it again");
        if (input.expectedVersion && input.expectedVersion !== partyVersion(b))
          throw partyChangedMeanwhile("moving it");
        if (
          input.actor.kind !== "staff" &&
          b.startsAt.getTime() - now.getTime() < s.rescheduleCutoffHours * HOUR
        )
          throw new AppError(
            "PRECONDITION_FAILED",
            `Bookings can be rescheduled online up to ${s.rescheduleCutoffHours} hours before the event. Please call us at ${s.phone}.`,
          );
        const guests = b.adults + b.children;
        const timing = eventTiming(s, input.date, input.startMinute, guests);
        // A move to the time it already has changes nothing: no "has moved" email, no history,
        // and the chefs staff chose stay.
        if (timing.startsAt.getTime() === b.startsAt.getTime())
          throw new AppError(
            "BAD_REQUEST",
            `That's already your booking's time. It stays on ${formatInstant(b.startsAt, b.timeZone, "shortDateTime")}; pick a different date or time to move it.`,
          );
        const location = await resolveLocation(tx, catalog, b.postalCode);
        const slot = await freeChefsFor(tx, catalog, {
          date: input.date,
          startMinute: input.startMinute,
          guests,
          zoneId: location.zone.id,
          now,
          excludeBookingId: b.id,
        });
        if (!slot) {
          noSlot = { guests, zoneId: location.zone.id };
          return null;
        }
        // Prefer the chefs already assigned, then the least loaded.
        const current = await tx.bookingChef.findMany({ where: { bookingId: b.id, live: true } });
        const keep = current.map((c) => c.chefId).filter((id) => slot.chefIds.includes(id));
        const chefIds = [...keep, ...slot.chefIds.filter((id) => !keep.includes(id))].slice(
          0,
          slot.chefsNeeded,
        );
        // Once the deposit's free-cancellation deadline has passed, moving the event doesn't
        // make the deposit refundable again: the deadline stays where it was.
        const depositRefundableUntil = deadlineAfterReschedule(b, s, now);
        const updated = await placeBooking(tx, b.id, chefIds, timing, depositRefundableUntil);
        const actor = actorLabel(input.actor);
        const event = await tx.bookingEvent.create({
          data: {
            bookingId: b.id,
            type: "rescheduled",
            actor,
            data: {
              from: b.startsAt.toISOString(),
              to: timing.startsAt.toISOString(),
              // When it moved, on the app's clock (the final guest count follows the moves).
              at: now.toISOString(),
              chefIds,
              depositRefundableUntil: depositRefundableUntil?.toISOString() ?? null,
            },
          },
        });
        // The kitchen and the chefs (the new one, and one taken off) hear of a customer's move.
        await tellStaffAboutBooking(tx, {
          bookingId: b.id,
          eventId: event.id,
          kind: "rescheduled",
          actor,
          previousChefIds: current.map((c) => c.chefId),
          now,
        });
        return { ...updated, eventId: event.id, previousStartsAt: b.startsAt };
      });
      if (!moved) break;
      const { eventId, ...booking } = moved;
      await deps.cache.invalidate("calendar");
      // The event names the old and the new time (the email says both).
      await deps.notify?.({ type: "booking.rescheduled", bookingId: booking.id, eventId });
      return booking;
    } catch (err) {
      if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) continue;
      throw err;
    }
  }
  const q = noSlot as { guests: number; zoneId: string } | null;
  const fallback = q ?? (await guestsAndZone(db, input.bookingId, catalog));
  // Says why: never free for this party, or taken by another booking (just now: a race).
  throw await unavailableError(
    db,
    catalog,
    {
      date: input.date,
      startMinute: input.startMinute,
      guests: fallback.guests,
      zoneId: fallback.zoneId,
      now,
      excludeBookingId: input.bookingId,
    },
    input.seenAt,
  );
}

/** The refusal of a move made from a stale view: the booking has moved since it was read. */
async function guestsAndZone(
  db: Db,
  bookingId: string,
  catalog: Awaited<ReturnType<typeof loadCatalogFromDb>>,
) {
  const b = await db.booking.findUniqueOrThrow({ where: { id: bookingId } });
  const location = await resolveLocation(db, catalog, b.postalCode);
  return { guests: b.adults + b.children, zoneId: location.zone.id };
}

/** A booking still held (not expired) with the customer's details: waiting for a confirmation. */
function awaitingConfirmation(b: Booking, now: Date): boolean {
  return (
    b.status === "HELD" &&
    b.customerId !== null &&
    (!b.holdExpiresAt || b.holdExpiresAt.getTime() > now.getTime())
  );
}

const TRANSITIONS: Record<"confirm" | "complete", { from: BookingStatus[]; to: BookingStatus }> = {
  confirm: { from: ["HELD", "PENDING"], to: "CONFIRMED" },
  complete: { from: ["CONFIRMED", "PENDING"], to: "COMPLETED" },
};

/**
 * Why an event can't be marked completed yet, or null when it can: it must be confirmed (or
 * pending) and over. One rule for the operation and for the pages that offer the button.
 */
export function completionBlocker(
  b: Pick<Booking, "status" | "endsAt" | "timeZone">,
  now: Date,
): string | null {
  if (!TRANSITIONS.complete.from.includes(b.status))
    return `Only confirmed or pending bookings can be marked completed; this one is ${b.status.toLowerCase()}.`;
  if (b.endsAt.getTime() > now.getTime())
    return `This event ends ${formatInstant(b.endsAt, b.timeZone, "shortDayTime")}: mark it completed after that.`;
  return null;
}

/** Staff status changes: confirm (deposit received) and complete (after the event). */
export async function changeBookingStatus(
  db: Db,
  input: { bookingId: string; action: "confirm" | "complete"; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const t = TRANSITIONS[input.action];
  const b = await inBookingTx(db, async (tx) => {
    const b = await lockBookingFor(tx, input.bookingId, input.actor, now);
    if (!t.from.includes(b.status))
      throw new AppError(
        "PRECONDITION_FAILED",
        `Only ${t.from.join(" or ").toLowerCase()} bookings can be marked ${t.to.toLowerCase()}; this one is ${b.status.toLowerCase()}.`,
      );
    if (b.status === "HELD" && !awaitingConfirmation(b, now))
      throw new AppError(
        "PRECONDITION_FAILED",
        b.customerId === null
          ? "This hold has no customer details yet; it can be confirmed once the customer finishes it."
          : "This hold has expired; its time is free again.",
      );
    const blocker = input.action === "complete" ? completionBlocker(b, now) : null;
    if (blocker) throw new AppError("PRECONDITION_FAILED", blocker);
    const data: Prisma.BookingUpdateInput = {
      status: t.to,
      holdExpiresAt: null,
      ...(t.to === "CONFIRMED" ? { confirmedAt: now } : { completedAt: now }),
    };
    const updated = await tx.booking.update({ where: { id: b.id }, data });
    await tx.bookingEvent.create({
      data: { bookingId: b.id, type: t.to.toLowerCase(), actor: actorLabel(input.actor) },
    });
    if (input.actor.kind === "staff")
      await tx.auditLog.create({
        data: {
          actorId: input.actor.userId,
          action: `booking.${input.action}`,
          entity: "booking",
          entityId: b.id,
          before: { status: b.status },
          after: { status: t.to },
        },
      });
    return updated;
  });
  await deps.cache.invalidate("calendar");
  // A completion earns points and may move the customer up a tier (its email stored once).
  if (t.to === "COMPLETED") await recomputeLoyaltyAfter(db, b.id, now);
  if (t.to === "CONFIRMED") await deps.notify?.({ type: "booking.confirmed", bookingId: b.id });
  return b;
}

/**
 * The customer confirms a booking made online (HELD until then) from the emailed link, or signed
 * in: it becomes PENDING (deposit due) and stops expiring. A retry after success is a no-op.
 */
export async function confirmHeldBooking(
  db: Db,
  input: { bookingId: string; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const r = await inBookingTx(db, async (tx) => {
    const b = await lockBookingFor(tx, input.bookingId, input.actor, now);
    if (b.status === "PENDING" || b.status === "CONFIRMED" || b.status === "COMPLETED")
      return { b, changed: false };
    if (b.paymentMode === "STRIPE" && b.status === "HELD")
      throw new AppError(
        "PRECONDITION_FAILED",
        "Pay the deposit to confirm this booking: it is held for you until then.",
      );
    if (input.actor.kind === "token" && !(await tokenWasEmailed(tx, input.actor.token)))
      throw new AppError(
        "FORBIDDEN",
        `To confirm, open the link we emailed to ${maskEmail(b.contactEmail)}: it shows the booking is really yours.`,
      );
    if (!awaitingConfirmation(b, now))
      throw new AppError(
        "PRECONDITION_FAILED",
        b.status === "HELD" && b.customerId === null
          ? "Please finish this booking with your details first."
          : b.status === "CANCELLED"
            ? "This booking was cancelled."
            : "This booking wasn't confirmed in time and its time was released. Please book again; we'll show you what's free.",
      );
    const updated = await tx.booking.update({
      where: { id: b.id },
      data: { status: "PENDING", holdExpiresAt: null },
    });
    const actor = actorLabel(input.actor);
    const event = await tx.bookingEvent.create({
      data: { bookingId: b.id, type: "customer-confirmed", actor },
    });
    // Now it waits for staff: tell them (the Today page lists it too).
    await tellStaffAboutBooking(tx, {
      bookingId: b.id,
      eventId: event.id,
      kind: "waiting",
      actor,
      now,
    });
    return { b: updated, changed: true };
  });
  if (r.changed) {
    await deps.cache.invalidate("calendar");
    await deps.notify?.({ type: "booking.created", bookingId: r.b.id });
  }
  return r.b;
}

/**
 * Finishes a HELD booking from the chat's link with the customer's details, in one transaction
 * (the customer record is written only if the whole change commits). Like a booking made on the
 * site, it then waits for the customer to confirm from the emailed link, unless the signed-in
 * customer's verified email is the contact email.
 */
export async function finishHeldBooking(
  db: Db,
  input: {
    bookingId: string;
    token: string;
    selection: QuoteSelection;
    address: BookingAddress;
    contact: BookingContact;
    notes?: string | null;
    allergies?: string | null;
    /** The party's dietary profile (as createBooking's). */
    dietaryProfile?: DietaryProfile | null;
    user?: BookingUser | null;
    /** Loyalty points to use (as createBooking's `redeemPoints`). */
    redeemPoints?: number | undefined;
  },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const actor: Actor = { kind: "token", token: input.token };
  const expired = () =>
    new AppError(
      "PRECONDITION_FAILED",
      "This hold has expired. Please pick a time again; we'll show you what's free.",
    );
  // Checks that need no lock first (bad input writes nothing and takes no lock).
  const first = await loadBookingFor(db, input.bookingId, actor, now);
  const catalog = await loadCatalogFromDb(db);
  const location = await resolveLocation(db, catalog, input.address.postalCode);
  if (location.postalCode !== first.postalCode)
    throw new AppError(
      "BAD_REQUEST",
      `This hold is for ZIP ${first.postalCode}. To book somewhere else, start a new booking.`,
      { field: "postalCode" },
    );
  assertStateOfZip(location, input.address.state);
  // A personal code the chat hold took: only for the person it was sent to (offers.ts).
  const heldCode = await db.offerCode.findUnique({
    where: { redeemedBookingId: input.bookingId },
    select: { email: true, customerId: true },
  });
  if (heldCode)
    assertCodeIsTheirs(
      heldCode,
      await codeUserOf(db, { user: input.user ?? null, email: input.contact.email }),
    );
  const loyalty = await quoteLoyaltyForUser(db, loyaltyUser(input.user));
  // A finish sent again (a retry, another tab) after its points were spent is that same finish
  // (answered below without writing): not refused for the balance they took.
  const spentBefore = input.redeemPoints ? await redeemedPointsOf(db, input.bookingId) : 0;
  const redeem =
    input.redeemPoints && !spentBefore
      ? await checkRedeemRequest(
          db,
          loyaltyUser(input.user),
          input.redeemPoints,
          input.contact.email,
        )
      : null;
  const quote = computeQuote(
    catalog,
    location.zone,
    input.selection,
    loyalty,
    // The offer code the hold took in the chat (core/booking/create-hold.ts) stays on it.
    await redeemedOfferOf(db, input.bookingId),
    input.redeemPoints ? { points: input.redeemPoints } : null,
  );
  const stripe = takesDepositOnline(deps, catalog);
  const confirmed = !stripe && ownsContactEmail(input.user, input.contact.email);
  const r = await inBookingTx(db, async (tx) => {
    const b = await lockBookingFor(tx, input.bookingId, actor, now);
    // Already finished (another tab, a second device, a retry after a lost answer): the same
    // details again are that finish (nothing written, no second email); different ones are
    // refused with what was saved, never answered as a success (attack R7-1: an allergy typed
    // in the second tab silently lost).
    const finished =
      b.status === "PENDING" ||
      b.status === "CONFIRMED" ||
      (b.status === "HELD" && b.customerId !== null);
    if (finished) {
      const want = customerDetails(input, catalog, quote, confirmed, now);
      if (sameFinish(b, want)) return { b, changed: false };
      throw alreadyFinished(b, catalog, input.token);
    }
    if (b.status !== "HELD") throw expired();
    if (b.holdExpiresAt && b.holdExpiresAt.getTime() < now.getTime()) throw expired();
    if (input.selection.adults + input.selection.children !== b.adults + b.children)
      throw new AppError(
        "BAD_REQUEST",
        `This hold is for ${b.adults + b.children} guests. To change the party size, start a new booking.`,
        { field: "adults" },
      );
    const customerId = await upsertCustomer(tx, input.contact, input.user);
    await saveCustomerProfile(
      tx,
      customerId,
      bookingProfile(input.dietaryProfile, b.adults + b.children),
      { userId: input.user?.id ?? null },
    );
    const updated = await tx.booking.update({
      where: { id: b.id },
      data: {
        customerId,
        ...customerDetails(input, catalog, quote, confirmed, now),
        ...(loyalty ? { loyalty: loyalty as unknown as Prisma.InputJsonValue } : {}),
        paymentMode: stripe ? "STRIPE" : "PAY_AT_EVENT",
      },
    });
    if (redeem)
      await redeemPointsInTx(tx, {
        customerIds: redeem.customerIds,
        customerId,
        bookingId: b.id,
        bookingCode: b.code,
        points: input.redeemPoints!,
        now,
      });
    await tx.bookingLine.deleteMany({ where: { bookingId: b.id } });
    await tx.bookingLine.createMany({
      data: quoteLineRows(quote).map((row) => ({ ...row, bookingId: b.id })),
    });
    const event = await tx.bookingEvent.create({
      data: { bookingId: b.id, type: "hold-finished", actor: `customer:${customerId}` },
    });
    if (updated.status === "PENDING")
      await tellStaffAboutBooking(tx, {
        bookingId: b.id,
        eventId: event.id,
        kind: "waiting",
        actor: event.actor,
        now,
      });
    return { b: updated, changed: true };
  });
  if (r.changed) {
    await deps.cache.invalidate("calendar");
    await deps.notify?.({
      type: r.b.status === "HELD" ? "booking.held" : "booking.created",
      bookingId: r.b.id,
    });
  }
  return r.b;
}

/** The details a finish writes (customerDetails) that make it this finish and not another. */
const FINISH_FIELDS = [
  "packageId",
  "adults",
  "children",
  "addressLine1",
  "addressLine2",
  "city",
  "state",
  "contactName",
  "contactEmail",
  "contactPhone",
  "notes",
  "allergies",
] as const;

/** Whether a finish sends what the booking already has: the same menu, party and details. */
function sameFinish(
  b: Booking,
  want: Pick<Booking, (typeof FINISH_FIELDS)[number]> & {
    selection: unknown;
    dietaryProfile: unknown;
  },
): boolean {
  // Spaces and letter case are not a different finish (attack R8-5: a double space in the name
  // or a space before the email was refused as "different details").
  const plain = (v: unknown) =>
    typeof v === "string" ? v.replace(/\s+/g, " ").trim().toLowerCase() || null : (v ?? null);
  if (FINISH_FIELDS.some((k) => plain(b[k]) !== plain(want[k]))) return false;
  if (!sameStoredProfile(b.dietaryProfile, want.dietaryProfile)) return false;
  const saved = storedSelection(b);
  const asked = storedSelection({
    selection: want.selection,
    adults: b.adults,
    children: b.children,
  });
  const counts = (r: Record<string, number>) =>
    JSON.stringify(
      Object.entries(r)
        .filter(([, n]) => n > 0)
        .sort(([a], [c]) => a.localeCompare(c)),
    );
  return (
    counts(saved.proteins) === counts(asked.proteins) &&
    counts(saved.extras) === counts(asked.extras)
  );
}

/**
 * A second finish with different details: CONFLICT, saying what was saved (package, party,
 * allergies) and where to change it. The link carries the caller's own token (they hold this
 * hold's link), as the success's redirect does.
 */
function alreadyFinished(b: Booking, catalog: Catalog, token: string): AppError {
  const pkg = catalog.packages.find((p) => p.id === b.packageId)?.name ?? "the package chosen";
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const party =
    plural(b.adults, "adult", "adults") +
    (b.children > 0 ? ` and ${plural(b.children, "child", "children")}` : "");
  // What was saved of the party's allergies: the words typed, the dietary needs ticked (in the
  // staff's words, profileWords), or "none given" only when neither was (finding L4).
  const profile = readProfile(b.dietaryProfile);
  const dietaryNeeds = profile ? profileWords(profile) : null;
  const allergies = [
    ...(b.allergies?.trim() ? [`allergies: "${b.allergies.trim()}"`] : []),
    ...(dietaryNeeds ? [`dietary needs: ${dietaryNeeds}`] : []),
  ];
  return new AppError(
    "CONFLICT",
    `This booking was already finished (in another tab or by someone else) with: ${pkg}, ${party}, ${allergies.join(", ") || "allergies: none given"}. Nothing you entered here was saved. Open the booking to change it.`,
    {
      reason: "finished",
      bookingId: b.id,
      code: b.code,
      link: `/bookings/${b.id}?token=${encodeURIComponent(token)}`,
      saved: {
        packageName: pkg,
        adults: b.adults,
        children: b.children,
        allergies: b.allergies,
        dietaryNeeds,
        totalCents: b.totalCents,
      },
    },
  );
}

export async function bookingWithDetails(db: Db, id: string) {
  const b = await db.booking.findUniqueOrThrow({
    where: { id },
    include: {
      lines: { orderBy: { position: "asc" } },
      chefs: { where: { live: true }, include: { chef: { select: { id: true, name: true } } } },
      package: true,
      events: { orderBy: { createdAt: "asc" } },
    },
  });
  return { ...b, kitchenOrder: (await kitchenOrdersOf(db, [b]))[0]! };
}

/**
 * The kitchen order of each booking (same order as given): its selection named from the menu,
 * including dishes since renamed or retired (one query for any number of bookings).
 */
export async function kitchenOrdersOf(
  db: Db,
  bookings: readonly {
    selection: unknown;
    adults: number;
    children: number;
    allergies: string | null;
    /** The stored dietary profile (Json), shown as its line (profileWords). */
    dietaryProfile: unknown;
    notes: string | null;
    /** The package's own contents (R1-2) warn like a dish when given. */
    package: { name: string; allergens?: string[]; contains?: string[] };
  }[],
): Promise<KitchenOrder[]> {
  const selections = bookings.map((b) => storedSelection(b));
  const slugs = new Set(
    selections.flatMap((s) => [...Object.keys(s.proteins), ...Object.keys(s.extras)]),
  );
  const menu = slugs.size
    ? await db.menuItem.findMany({
        where: { slug: { in: [...slugs] } },
        select: {
          slug: true,
          name: true,
          kind: true,
          pricing: true,
          allergens: true,
          contains: true,
          dietaryTags: true,
        },
      })
    : [];
  return bookings.map((b, i) => {
    const dietaryProfile = readProfile(b.dietaryProfile);
    return kitchenOrder(
      {
        packageName: b.package.name,
        selection: selections[i]!,
        allergies: b.allergies,
        dietaryProfile,
        // A dish the party's own profile rules out for some guests: a line staff can't miss.
        warnings: kitchenWarnings(
          { selection: selections[i]!, profile: dietaryProfile, package: b.package },
          menu,
        ),
        notes: b.notes,
      },
      menu,
    );
  });
}

/** The stored selection JSON, read defensively (rows written before a field existed). */
export function storedSelection(b: { selection: unknown; adults: number; children: number }) {
  const s = (b.selection ?? {}) as { proteins?: unknown; extras?: unknown };
  const counts = (r: unknown): Record<string, number> =>
    r && typeof r === "object"
      ? Object.fromEntries(
          Object.entries(r as Record<string, unknown>).filter(
            (e): e is [string, number] => typeof e[1] === "number",
          ),
        )
      : {};
  return {
    adults: b.adults,
    children: b.children,
    proteins: counts(s.proteins),
    extras: counts(s.extras),
  };
}

/** "d***@example.com": enough for the customer to recognise the address, not to learn it. */
function maskEmail(email: string | null): string {
  if (!email) return "the booking's email address";
  const [user, domain] = email.split("@");
  return `${user!.slice(0, 1)}***@${domain ?? ""}`;
}
