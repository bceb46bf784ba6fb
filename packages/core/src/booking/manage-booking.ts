import {
  PG_EXCLUSION_VIOLATION,
  pgErrorCode,
  type Db,
  type Booking,
  type BookingStatus,
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import { loadCatalogFromDb, resolveLocation } from "../catalog/catalog";
import { computeQuote, quoteColumns, quoteLineRows, type QuoteSelection } from "../pricing/quote";
import { eventTiming } from "../availability/slots";
import { HOUR } from "../time";
import {
  alternativesNear,
  assertBookableTime,
  conflictError,
  freeChefsFor,
  nowOf,
  type BookingDeps,
  replaceChefBlocks,
} from "./shared";
import {
  upsertCustomer,
  type BookingAddress,
  type BookingContact,
  type BookingUser,
} from "./create-booking";

/** Who is acting: a customer may act only on their own bookings; staff on any. */
export type Actor =
  | { kind: "customer"; customerIds: string[]; userId?: string }
  | { kind: "token"; token: string }
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

/** Loads a booking the actor may see, or NOT_FOUND (never reveals other customers' bookings). */
export async function loadBookingFor(db: Db, bookingId: string, actor: Actor): Promise<Booking> {
  const b = await db.booking.findUnique({ where: { id: bookingId } });
  const allowed =
    b &&
    (actor.kind === "staff" ||
      actor.kind === "system" ||
      (actor.kind === "token" && b.accessToken === actor.token) ||
      (actor.kind === "customer" &&
        b.customerId !== null &&
        actor.customerIds.includes(b.customerId)));
  if (!b || !allowed)
    throw new AppError(
      "NOT_FOUND",
      "We couldn't find that booking. Check the link or sign in with the email you booked with.",
    );
  return b;
}

const CANCELLABLE: BookingStatus[] = ["HELD", "PENDING", "CONFIRMED"];

export interface CancellationTerms {
  allowed: boolean;
  reason?: string;
  refundCents: number;
  policy: string;
}

/** The cancellation policy applied to a booking at a moment. */
export function cancellationTerms(
  b: Pick<Booking, "status" | "startsAt" | "depositCents">,
  settings: { freeCancellationHours: number },
  now: Date,
  byStaff = false,
): CancellationTerms {
  const policy = `Cancel at least ${settings.freeCancellationHours} hours before the event for a full deposit refund; later cancellations keep the deposit.`;
  if (!CANCELLABLE.includes(b.status))
    return {
      allowed: false,
      reason: `This booking is already ${b.status.toLowerCase()}.`,
      refundCents: 0,
      policy,
    };
  if (!byStaff && b.startsAt.getTime() <= now.getTime())
    return {
      allowed: false,
      reason: "This event has already started; please call us.",
      refundCents: 0,
      policy,
    };
  const hoursLeft = (b.startsAt.getTime() - now.getTime()) / HOUR;
  const refundCents =
    b.status === "HELD" ? 0 : hoursLeft >= settings.freeCancellationHours ? b.depositCents : 0;
  return { allowed: true, refundCents, policy };
}

export async function cancelBooking(
  db: Db,
  input: { bookingId: string; reason: string; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const b = await loadBookingFor(db, input.bookingId, input.actor);
  const catalog = await loadCatalogFromDb(db);
  const terms = cancellationTerms(b, catalog.settings, now, input.actor.kind === "staff");
  if (!terms.allowed)
    throw new AppError("PRECONDITION_FAILED", terms.reason ?? "This booking can't be cancelled.");
  // Conditional update: a concurrent cancel or status change makes this a no-op we can detect.
  const updated = await db.booking.updateMany({
    where: { id: b.id, status: b.status },
    data: {
      status: "CANCELLED",
      cancelledAt: now,
      cancelReason: input.reason.trim() || "No reason given",
      cancelledBy: actorLabel(input.actor),
      refundCents: terms.refundCents,
    },
  });
  if (updated.count === 0)
    throw new AppError(
      "CONFLICT",
      "This booking changed while you were cancelling it. Please reload and try again.",
    );
  await db.bookingEvent.create({
    data: {
      bookingId: b.id,
      type: "cancelled",
      actor: actorLabel(input.actor),
      data: { reason: input.reason, refundCents: terms.refundCents },
    },
  });
  await deps.cache.invalidate("calendar");
  await deps.notify?.({ type: "booking.cancelled", bookingId: b.id });
  return db.booking.findUniqueOrThrow({ where: { id: b.id } });
}

/** Moves a booking to a new date/time, keeping its chefs when they are free, else reassigning. */
export async function rescheduleBooking(
  db: Db,
  input: { bookingId: string; date: string; startMinute: number; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const b = await loadBookingFor(db, input.bookingId, input.actor);
  const catalog = await loadCatalogFromDb(db);
  const s = catalog.settings;
  if (!["PENDING", "CONFIRMED", "HELD"].includes(b.status))
    throw new AppError(
      "PRECONDITION_FAILED",
      `A ${b.status.toLowerCase()} booking can't be rescheduled.`,
    );
  if (
    input.actor.kind !== "staff" &&
    b.startsAt.getTime() - now.getTime() < s.rescheduleCutoffHours * HOUR
  )
    throw new AppError(
      "PRECONDITION_FAILED",
      `Bookings can be rescheduled online up to ${s.rescheduleCutoffHours} hours before the event. Please call us at ${s.phone}.`,
    );
  assertBookableTime(catalog, input.date, input.startMinute, now);
  const location = await resolveLocation(db, catalog, b.postalCode);
  const guests = b.adults + b.children;
  const timing = eventTiming(s, input.date, input.startMinute, guests);
  const current = await db.bookingChef.findMany({ where: { bookingId: b.id, live: true } });
  for (let attempt = 0; attempt < 4; attempt++) {
    const slot = await freeChefsFor(db, catalog, {
      date: input.date,
      startMinute: input.startMinute,
      guests,
      zoneId: location.zone.id,
      now,
      excludeBookingId: b.id,
    });
    if (!slot) break;
    // Prefer the chefs already assigned, then the least loaded.
    const keep = current.map((c) => c.chefId).filter((id) => slot.chefIds.includes(id));
    const chefIds = [...keep, ...slot.chefIds.filter((id) => !keep.includes(id))].slice(
      0,
      slot.chefsNeeded,
    );
    try {
      await db.$transaction(async (tx) => {
        await replaceChefBlocks(tx, b.id, chefIds, {
          start: timing.blockStart,
          end: timing.blockEnd,
        });
        await tx.booking.update({
          where: { id: b.id },
          data: { startsAt: timing.startsAt, endsAt: timing.endsAt },
        });
        await tx.bookingEvent.create({
          data: {
            bookingId: b.id,
            type: "rescheduled",
            actor: actorLabel(input.actor),
            data: { from: b.startsAt.toISOString(), to: timing.startsAt.toISOString(), chefIds },
          },
        });
      });
      await deps.cache.invalidate("calendar");
      await deps.notify?.({ type: "booking.rescheduled", bookingId: b.id });
      return db.booking.findUniqueOrThrow({ where: { id: b.id } });
    } catch (err) {
      if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) continue;
      throw err;
    }
  }
  throw conflictError(
    await alternativesNear(db, catalog, {
      date: input.date,
      guests,
      zoneId: location.zone.id,
      now,
    }),
  );
}

const TRANSITIONS: Record<"confirm" | "complete", { from: BookingStatus[]; to: BookingStatus }> = {
  confirm: { from: ["PENDING"], to: "CONFIRMED" },
  complete: { from: ["CONFIRMED", "PENDING"], to: "COMPLETED" },
};

/** Staff status changes: confirm (deposit received) and complete (after the event). */
export async function changeBookingStatus(
  db: Db,
  input: { bookingId: string; action: "confirm" | "complete"; actor: Actor },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const b = await loadBookingFor(db, input.bookingId, input.actor);
  const t = TRANSITIONS[input.action];
  if (!t.from.includes(b.status))
    throw new AppError(
      "PRECONDITION_FAILED",
      `Only ${t.from.join(" or ").toLowerCase()} bookings can be marked ${t.to.toLowerCase()}; this one is ${b.status.toLowerCase()}.`,
    );
  if (input.action === "complete" && b.startsAt.getTime() > now.getTime())
    throw new AppError(
      "PRECONDITION_FAILED",
      "An event can be marked completed only after it has started.",
    );
  const data: Prisma.BookingUpdateManyMutationInput = {
    status: t.to,
    ...(t.to === "CONFIRMED" ? { confirmedAt: now } : { completedAt: now }),
  };
  const n = await db.booking.updateMany({ where: { id: b.id, status: b.status }, data });
  if (n.count === 0)
    throw new AppError("CONFLICT", "This booking changed meanwhile. Please reload and try again.");
  await db.bookingEvent.create({
    data: { bookingId: b.id, type: t.to.toLowerCase(), actor: actorLabel(input.actor) },
  });
  await deps.cache.invalidate("calendar");
  if (t.to === "CONFIRMED") await deps.notify?.({ type: "booking.confirmed", bookingId: b.id });
  return db.booking.findUniqueOrThrow({ where: { id: b.id } });
}

/** Turns a HELD booking (from the chat's link) into a PENDING one with the customer's details. */
export async function finishHeldBooking(
  db: Db,
  input: {
    bookingId: string;
    token: string;
    selection: QuoteSelection;
    address: BookingAddress;
    contact: BookingContact;
    notes?: string | null;
    user?: BookingUser | null;
  },
  deps: BookingDeps,
): Promise<Booking> {
  const now = nowOf(deps);
  const b = await loadBookingFor(db, input.bookingId, { kind: "token", token: input.token });
  if (b.status !== "HELD") {
    if (b.status === "PENDING" || b.status === "CONFIRMED") return b; // already finished (retry)
    throw new AppError(
      "PRECONDITION_FAILED",
      "This hold has expired. Please pick a time again; we'll show you what's free.",
    );
  }
  if (b.holdExpiresAt && b.holdExpiresAt.getTime() < now.getTime())
    throw new AppError(
      "PRECONDITION_FAILED",
      "This hold has expired. Please pick a time again; we'll show you what's free.",
    );
  const catalog = await loadCatalogFromDb(db);
  const location = await resolveLocation(db, catalog, input.address.postalCode);
  if (location.postalCode !== b.postalCode)
    throw new AppError(
      "BAD_REQUEST",
      `This hold is for ZIP ${b.postalCode}. To book somewhere else, start a new booking.`,
      { field: "postalCode" },
    );
  if (input.selection.adults + input.selection.children !== b.adults + b.children)
    throw new AppError(
      "BAD_REQUEST",
      `This hold is for ${b.adults + b.children} guests. To change the party size, start a new booking.`,
      { field: "adults" },
    );
  const quote = computeQuote(catalog, location.zone, input.selection);
  const customerId = await upsertCustomer(db, input.contact, input.user);
  const n = await db.booking.updateMany({
    where: { id: b.id, status: "HELD" },
    data: {
      status: "PENDING",
      customerId,
      holdExpiresAt: null,
      adults: input.selection.adults,
      children: input.selection.children,
      packageId: catalog.packages.find((p) => p.slug === input.selection.packageSlug)!.id,
      addressLine1: input.address.line1.trim(),
      addressLine2: input.address.line2?.trim() || null,
      city: input.address.city.trim(),
      state: input.address.state.trim().toUpperCase(),
      contactName: input.contact.name.trim(),
      contactEmail: input.contact.email.trim().toLowerCase(),
      contactPhone: input.contact.phone.trim(),
      notes: input.notes?.trim() || null,
      selection: input.selection as unknown as Prisma.InputJsonValue,
      ...quoteColumns(quote),
      settingsVersion: catalog.settings.version,
    },
  });
  if (n.count === 0)
    throw new AppError("PRECONDITION_FAILED", "This hold has expired. Please pick a time again.");
  await db.$transaction([
    db.bookingLine.deleteMany({ where: { bookingId: b.id } }),
    db.bookingLine.createMany({
      data: quoteLineRows(quote).map((row) => ({ ...row, bookingId: b.id })),
    }),
    db.bookingEvent.create({
      data: { bookingId: b.id, type: "hold-finished", actor: `customer:${customerId}` },
    }),
  ]);
  await deps.cache.invalidate("calendar");
  await deps.notify?.({ type: "booking.created", bookingId: b.id });
  return db.booking.findUniqueOrThrow({ where: { id: b.id } });
}

export async function bookingWithDetails(db: Db, id: string) {
  return db.booking.findUniqueOrThrow({
    where: { id },
    include: {
      lines: { orderBy: { position: "asc" } },
      chefs: { where: { live: true }, include: { chef: { select: { id: true, name: true } } } },
      package: true,
      events: { orderBy: { createdAt: "asc" } },
    },
  });
}
