import type { Prisma } from "@myhibachi/db";
import type { Db } from "@myhibachi/db";
import { AppError } from "../errors";
import { loadCatalogFromDb, resolveLocation } from "../catalog/catalog";
import { computeQuote } from "../pricing/quote";
import { defaultProteinSplit, MINUTE } from "@myhibachi/shared";
import {
  assertBookableTime,
  assertBookingRate,
  expireHolds,
  nowOf,
  type BookingClient,
  type BookingDeps,
} from "./shared";
import { requestHash, reserveBooking, type CreatedBooking } from "./create-booking";

export interface CreateHoldInput {
  /** One hold per key (e.g. the chat message that asked for it): a retry returns the same hold. */
  idempotencyKey: string;
  date: string;
  startMinute: number;
  guests: number;
  postalCode: string;
  /** Signed-in user the hold is for, if any (recorded on the event; contact comes later). */
  userId?: string | null;
  source?: "CHAT" | "WEB";
  /** Who is asking (IP, chat visitor), for rate limits. */
  client?: BookingClient | null;
}

/**
 * Holds a time for a party from the chat before we know who they are: reserves chefs (same
 * engine and constraint as a booking) as a HELD booking priced with the default Classic package
 * and no contact or address yet. The customer finishes it through the link (finishHeldBooking)
 * before `holdMinutes` run out; otherwise expireHolds releases the chefs.
 */
export async function createHold(
  db: Db,
  input: CreateHoldInput,
  deps: BookingDeps,
): Promise<CreatedBooking> {
  const { idempotencyKey, client, ...request } = input;
  const hash = requestHash(request, input.userId);
  const now = nowOf(deps);
  const catalog = await loadCatalogFromDb(db);
  if (!Number.isSafeInteger(input.guests) || input.guests < catalog.settings.minGuests)
    throw new AppError(
      "BAD_REQUEST",
      `Tell us how many guests: at least ${catalog.settings.minGuests}.`,
      {
        field: "guests",
      },
    );
  if (input.guests > catalog.settings.maxGuests)
    throw new AppError(
      "BAD_REQUEST",
      `We can cook for up to ${catalog.settings.maxGuests} guests in one booking. For a bigger party, please call us at ${catalog.settings.phone}.`,
      { field: "guests" },
    );
  assertBookableTime(catalog, input.date, input.startMinute, now);
  const location = await resolveLocation(db, catalog, input.postalCode);
  const pkg = catalog.packages.find((p) => p.active);
  if (!pkg)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Online booking is paused. Please call us at ${catalog.settings.phone}.`,
    );
  // A provisional selection (the customer picks the real one when finishing).
  const proteins = defaultProteinSplit(catalog.items, input.guests * pkg.proteinsPerGuest);
  if (!proteins)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Online booking is paused. Please call us at ${catalog.settings.phone}.`,
    );
  const selection = {
    packageSlug: pkg.slug,
    adults: input.guests,
    children: 0,
    proteins,
    extras: {},
  };
  const quote = computeQuote(catalog, location.zone, selection);
  const replay = await db.booking.findUnique({ where: { idempotencyKey }, select: { id: true } });
  if (!replay)
    await assertBookingRate(deps, catalog.settings, {
      client: client ?? (input.userId ? { key: `user:${input.userId}` } : null),
    });
  await expireHolds(db, now);
  const created = await reserveBooking(db, {
    idempotencyKey,
    idempotencyHash: hash,
    date: input.date,
    startMinute: input.startMinute,
    guests: input.guests,
    catalog,
    location,
    now,
    quote,
    actor: input.userId ? `user:${input.userId}` : "chat",
    data: {
      status: "HELD",
      source: input.source ?? "CHAT",
      adults: input.guests,
      children: 0,
      packageId: pkg.id,
      postalCode: location.postalCode,
      city: location.city,
      state: location.state,
      travelZoneName: location.zone.name,
      distanceMiles: location.distanceMiles,
      selection: selection as unknown as Prisma.InputJsonValue,
      subtotalCents: quote.subtotalCents,
      travelFeeCents: quote.travelFeeCents,
      taxCents: quote.taxCents,
      totalCents: quote.totalCents,
      depositCents: quote.depositCents,
      balanceCents: quote.balanceCents,
      settingsVersion: catalog.settings.version,
      holdExpiresAt: new Date(now.getTime() + catalog.settings.holdMinutes * MINUTE),
    },
  });
  if (!created.replayed) await deps.cache.invalidate("calendar");
  return created;
}
