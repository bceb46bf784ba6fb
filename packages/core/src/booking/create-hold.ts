import { quoteLoyaltyForUser } from "../loyalty/customer";
import { bookingWindowOf, type BookingWindow, type QuoteLoyalty } from "../loyalty/tiers";
import type { Prisma } from "@myhibachi/db";
import type { Db } from "@myhibachi/db";
import { AppError } from "../errors";
import {
  loadCatalogFromDb,
  resolveLocation,
  type Catalog,
  type ResolvedLocation,
} from "../catalog/catalog";
import {
  computeQuote,
  quoteColumns,
  quoteLineRows,
  type Quote,
  type QuoteSelection,
} from "../pricing/quote";
import { eventTiming, type NoSlotReason } from "../availability/slots";
import { PG_EXCLUSION_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { MINUTE } from "@myhibachi/shared";
import {
  alternativesNear,
  assertBookableTime,
  catalogWithWindow,
  conflictError,
  expireHolds,
  freeChefsFor,
  inBookingTx,
  lockBooking,
  nowOf,
  placeBooking,
  unavailableError,
  type BookingClient,
  type BookingDeps,
  withBookingRate,
} from "./shared";
import { requestHash, reserveBooking, type CreatedBooking } from "./create-booking";
import { issueAccessToken } from "./links";
import { partySelection } from "./party-selection";
import { codeUserOf, offerForCode, redeemOfferCode, redeemedOfferOf } from "../campaigns/offers";
import { isReferralCode } from "../campaigns/referrals";
import type { QuoteOffer } from "../pricing/quote";

export interface CreateHoldInput {
  /** One hold per key (e.g. the chat message that asked for it): a retry returns the same hold. */
  idempotencyKey: string;
  date: string;
  startMinute: number;
  guests: number;
  /** Of `guests`, how many are children (priced as children). */
  children?: number;
  /** The package asked for (default: the first on sale). */
  packageSlug?: string;
  /** Upgrades and add-ons asked for, by menu slug. */
  items?: Record<string, number>;
  postalCode: string;
  /** Signed-in user the hold is for, if any (recorded on the event; contact comes later). */
  userId?: string | null;
  source?: "CHAT" | "WEB" | "PHONE" | "SMS";
  /** The caller's number, for a hold made on the phone or by text (staff can call back). */
  contactPhone?: string | null;
  /** Who is asking (IP, chat visitor), for rate limits. */
  client?: BookingClient | null;
  /**
   * A single-use offer code the customer gave the assistant ("SAVE-..."): priced as the OFFER
   * line and taken by the hold in its transaction (given back if the hold expires). Referral
   * codes are for a first booking on the booking page (they need the customer's email).
   */
  offerCode?: string | undefined;
}

/** The offer a hold is priced with: its code checked now (a hold keeps the one it took). */
async function holdOffer(
  db: Db,
  code: string | undefined,
  now: Date,
  timeZone: string,
  userId: string | null | undefined,
  bookingId?: string,
): Promise<QuoteOffer | null> {
  if (!code) return bookingId ? redeemedOfferOf(db, bookingId) : null;
  if (isReferralCode(code.trim().toUpperCase()))
    throw new AppError(
      "BAD_REQUEST",
      'A referral code is for a first booking made on our booking page: type it under "Have a code?" when you book there.',
      { field: "offerCode" },
    );
  const had = bookingId ? await redeemedOfferOf(db, bookingId) : null;
  // Someone else's personal code: refused for a signed-in holder now; a visitor's hold is
  // checked against the contact email when it is finished (finishHeldBooking).
  const user = userId
    ? await db.user.findUnique({
        where: { id: userId },
        select: { id: true, email: true, emailVerified: true },
      })
    : null;
  const offer = await offerForCode(db, code, now, {
    timeZone,
    ...(bookingId ? { bookingId } : {}),
    who: await codeUserOf(db, { user }),
  });
  if (had && had.code !== offer.code)
    throw new AppError(
      "BAD_REQUEST",
      `This hold already uses code ${had.code}: one code per booking.`,
      { field: "offerCode" },
    );
  return offer;
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
  const loyalty = await holderLoyalty(db, input.userId);
  // A member's tier may book further ahead (`bookingWindowFor`): checked and reserved with it.
  const window = bookingWindowOf(catalog.settings.bookingWindowDays, loyalty);
  const offer = await holdOffer(db, input.offerCode, now, catalog.settings.timeZone, input.userId);
  const { location, pkg, selection, quote } = await pricedParty(
    db,
    catalog,
    input,
    now,
    loyalty,
    window,
    offer,
  );
  const hold = async () => {
    await expireHolds(db, now);
    return reserveBooking(db, {
      idempotencyKey,
      idempotencyHash: hash,
      date: input.date,
      startMinute: input.startMinute,
      guests: input.guests,
      catalog: catalogWithWindow(catalog, window),
      location,
      now,
      quote,
      actor: input.userId ? `user:${input.userId}` : "chat",
      data: {
        status: "HELD",
        source: input.source ?? "CHAT",
        ...(input.contactPhone ? { contactPhone: input.contactPhone } : {}),
        // How it will be paid, as the finishing page must say (a deposit online with Stripe).
        paymentMode: deps.payments ? "STRIPE" : "PAY_AT_EVENT",
        ...heldParty({ selection, pkg, location, quote, catalog, now }),
        ...(loyalty ? { loyalty: loyalty as unknown as Prisma.InputJsonValue } : {}),
      },
      // The code is the hold's from now (used meanwhile by another booking: nothing is held).
      ...(offer
        ? {
            afterCreate: (tx, bookingId) =>
              redeemOfferCode(tx, offer.code, {
                bookingId,
                email: "",
                now,
                timeZone: catalog.settings.timeZone,
              }),
          }
        : {}),
    });
  };
  const replay = await db.booking.findUnique({ where: { idempotencyKey }, select: { id: true } });
  // Only a hold made counts toward the limit (a refused time gives its point back).
  const created = replay
    ? await hold()
    : await withBookingRate(
        deps,
        catalog.settings,
        { client: client ?? (input.userId ? { key: `user:${input.userId}` } : null) },
        hold,
        idempotencyKey,
      );
  if (!created.replayed) await deps.cache.invalidate("calendar");
  return created;
}

/** The signed-in chat customer's loyalty terms (their tier prices the hold), or null. */
async function holderLoyalty(db: Db, userId: string | null | undefined) {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, emailVerified: true, role: true },
  });
  return quoteLoyaltyForUser(db, user);
}

/** The party of a hold checked against the settings, placed (ZIP) and priced by the quote engine. */
async function pricedParty(
  db: Db,
  catalog: Catalog,
  input: Pick<
    CreateHoldInput,
    "date" | "startMinute" | "guests" | "children" | "packageSlug" | "items" | "postalCode"
  >,
  now: Date,
  loyalty: QuoteLoyalty | null = null,
  window?: BookingWindow,
  offer: QuoteOffer | null = null,
) {
  const s = catalog.settings;
  if (!Number.isSafeInteger(input.guests) || input.guests < s.minGuests)
    throw new AppError("BAD_REQUEST", `Tell us how many guests: at least ${s.minGuests}.`, {
      field: "guests",
    });
  if (input.guests > s.maxGuests)
    throw new AppError(
      "BAD_REQUEST",
      `We can cook for up to ${s.maxGuests} guests in one booking. For a bigger party, please call us at ${s.phone}.`,
      { field: "guests" },
    );
  const children = input.children ?? 0;
  if (!Number.isSafeInteger(children) || children < 0 || children >= input.guests)
    throw new AppError("BAD_REQUEST", "At least one guest must be an adult.", {
      field: "children",
    });
  assertBookableTime(catalog, input.date, input.startMinute, now, window);
  const location = await resolveLocation(db, catalog, input.postalCode);
  const { pkg, selection } = partySelection(catalog, {
    adults: input.guests - children,
    children,
    ...(input.packageSlug ? { packageSlug: input.packageSlug } : {}),
    ...(input.items ? { items: input.items } : {}),
  });
  return {
    location,
    pkg,
    selection,
    quote: computeQuote(catalog, location.zone, selection, loyalty, offer),
  };
}

/** A hold's party, place and price columns, and its expiry counted from `now`. */
function heldParty(h: {
  selection: QuoteSelection;
  pkg: { id: string };
  location: ResolvedLocation;
  quote: Quote;
  catalog: Catalog;
  now: Date;
}) {
  return {
    adults: h.selection.adults,
    children: h.selection.children,
    packageId: h.pkg.id,
    postalCode: h.location.postalCode,
    city: h.location.city,
    state: h.location.state,
    travelZoneName: h.location.zone.name,
    distanceMiles: h.location.distanceMiles,
    selection: h.selection as unknown as Prisma.InputJsonValue,
    ...quoteColumns(h.quote),
    settingsVersion: h.catalog.settings.version,
    holdExpiresAt: new Date(h.now.getTime() + h.catalog.settings.holdMinutes * MINUTE),
  };
}

export interface MoveHoldInput extends Omit<CreateHoldInput, "idempotencyKey" | "client"> {
  bookingId: string;
  /** The idempotency-key prefix of the holder's holds (e.g. `chat:<participant>:`): whose it is. */
  holderKeyPrefix: string;
}

/**
 * Moves a hold the same holder made (a change of day, time, party, package or ZIP after "hold
 * it"): the same booking row gets the new time, party and price in one locked transaction, so
 * there is never a second hold and the old time is free the moment the new one is taken. When
 * the new time is not free the hold stays as it was (CONFLICT with the nearest free times). A
 * hold finished from its link is a booking: PRECONDITION_FAILED (change it from its page). One
 * that expired or belongs to someone else is NOT_FOUND (make a new one).
 */
export async function moveHold(
  db: Db,
  input: MoveHoldInput,
  deps: BookingDeps,
): Promise<CreatedBooking> {
  const now = nowOf(deps);
  const catalog = await loadCatalogFromDb(db);
  const s = catalog.settings;
  // The holder's window (a member's tier may book further ahead), as when the hold was made.
  const window = bookingWindowOf(s.bookingWindowDays, await holderLoyalty(db, input.userId));
  const wide = catalogWithWindow(catalog, window);
  // The code the hold took stays with it; a code given now is taken by it (one per booking).
  const offer = await holdOffer(
    db,
    input.offerCode,
    now,
    s.timeZone,
    input.userId,
    input.bookingId,
  );
  const { location, pkg, selection, quote } = await pricedParty(
    db,
    catalog,
    input,
    now,
    null,
    window,
    offer,
  );
  const timing = eventTiming(s, input.date, input.startMinute, input.guests);
  const gone = () =>
    new AppError("NOT_FOUND", "That hold is no longer open: it was finished or it expired.");
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const moved = await inBookingTx(db, async (tx) => {
        const b = await lockBooking(tx, input.bookingId);
        if (!b || !b.idempotencyKey.startsWith(input.holderKeyPrefix)) throw gone();
        // Finished from the link: a booking now, changed from its own page (never a second one).
        if (b.customerId !== null && b.status !== "EXPIRED" && b.status !== "CANCELLED")
          throw new AppError(
            "PRECONDITION_FAILED",
            `Booking ${b.code} is already finished: change it from the link in your confirmation email or from My bookings.`,
          );
        if (b.status !== "HELD" || !b.holdExpiresAt || b.holdExpiresAt.getTime() <= now.getTime())
          throw gone();
        const slot = await freeChefsFor(tx, wide, {
          date: input.date,
          startMinute: input.startMinute,
          guests: input.guests,
          zoneId: location.zone.id,
          now,
          excludeBookingId: b.id,
        });
        if (!slot) return null;
        const current = await tx.bookingChef.findMany({ where: { bookingId: b.id, live: true } });
        const keep = current.map((c) => c.chefId).filter((id) => slot.chefIds.includes(id));
        const chefIds = [...keep, ...slot.chefIds.filter((id) => !keep.includes(id))].slice(
          0,
          slot.chefsNeeded,
        );
        await placeBooking(tx, b.id, chefIds, timing);
        if (offer && input.offerCode && !(await redeemedOfferOf(tx, b.id)))
          await redeemOfferCode(tx, offer.code, {
            bookingId: b.id,
            email: "",
            now,
            timeZone: s.timeZone,
          });
        const updated = await tx.booking.update({
          where: { id: b.id },
          data: {
            ...heldParty({ selection, pkg, location, quote, catalog, now }),
          },
        });
        await tx.bookingLine.deleteMany({ where: { bookingId: b.id } });
        await tx.bookingLine.createMany({
          data: quoteLineRows(quote).map((row) => ({ ...row, bookingId: b.id })),
        });
        await tx.bookingEvent.create({
          data: {
            bookingId: b.id,
            type: "hold-moved",
            actor: "chat",
            data: {
              from: b.startsAt.toISOString(),
              to: timing.startsAt.toISOString(),
              guests: input.guests,
              children: selection.children,
              packageSlug: pkg.slug,
              chefIds,
            },
          },
        });
        return updated;
      });
      if (!moved) break;
      await deps.cache.invalidate("calendar");
      return {
        id: moved.id,
        code: moved.code,
        accessToken: await issueAccessToken(db, moved.id),
        status: moved.status,
        startsAt: moved.startsAt,
        endsAt: moved.endsAt,
        totalCents: moved.totalCents,
        depositCents: moved.depositCents,
        holdExpiresAt: moved.holdExpiresAt,
        paymentMode: moved.paymentMode,
        replayed: false,
      };
    } catch (err) {
      if (pgErrorCode(err) === PG_EXCLUSION_VIOLATION) continue;
      throw err;
    }
  }
  // Why (closed that day or hour, time off, or booked), as a new hold would be told.
  const why = await unavailableError(db, wide, {
    date: input.date,
    startMinute: input.startMinute,
    guests: input.guests,
    zoneId: location.zone.id,
    now,
    excludeBookingId: input.bookingId,
  });
  const details = (why.details ?? {}) as {
    alternatives?: { date: string; startMinute: number; label: string }[];
    reason?: NoSlotReason;
  };
  throw conflictError(
    details.alternatives ??
      (await alternativesNear(db, wide, {
        date: input.date,
        guests: input.guests,
        zoneId: location.zone.id,
        now,
      })),
    `Sorry, no chef is free then for ${input.guests} guests in ${location.city} (${location.postalCode}).`,
    undefined,
    details.reason,
  );
}
