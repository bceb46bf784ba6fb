import { createHash, randomBytes } from "node:crypto";
import { tellStaffAboutBooking } from "./staff-notice";
import {
  PG_EXCLUSION_VIOLATION,
  PG_TRANSIENT,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  type Db,
  type BookingStatus,
  type DbTx,
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import { normalizePhone } from "../contact/phone";
import { memberForEmail, quoteLoyaltyForUser, type MemberForEmail } from "../loyalty/customer";
import { bookingWindowOf } from "../loyalty/tiers";
import { codeUserOf, offerForCode, redeemOfferCode } from "../campaigns/offers";
import {
  checkRedeemRequest,
  pointsOfUser,
  quotePoints,
  redeemPointsInTx,
  type QuotePoints,
} from "../loyalty/points";
import { canonicalJson } from "../canonical-json";
import {
  getCatalog,
  loadCatalogFromDb,
  resolveLocation,
  assertStateOfZip,
  type Catalog,
  type ResolvedLocation,
} from "../catalog/catalog";
import {
  computeQuote,
  quoteColumns,
  quoteLineRows,
  type Quote,
  type QuoteOffer,
  type QuoteSelection,
} from "../pricing/quote";
import { eventTiming } from "../availability/slots";
import { MINUTE, type DietaryProfile } from "@myhibachi/shared";
import { bookingProfile, profileColumn, saveCustomerProfile } from "./dietary-profile";
import {
  assertBookableTime,
  catalogWithWindow,
  expireHolds,
  freeChefsFor,
  inBookingTx,
  newBookingCode,
  nowOf,
  type BookingClient,
  type BookingDeps,
  unavailableError,
  withBookingRate,
} from "./shared";
import { issueAccessToken, newAccessToken } from "./links";
import { openDepositCheckout } from "../payments/checkout";

export interface BookingAddress {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
}

export interface BookingContact {
  name: string;
  email: string;
  phone: string;
}

export interface CreateBookingInput {
  /** Sent by the client; a retried request with the same key returns the first booking. */
  idempotencyKey: string;
  date: string;
  startMinute: number;
  selection: QuoteSelection;
  address: BookingAddress;
  contact: BookingContact;
  notes?: string | null;
  /** Allergies and dietary needs, as the customer wrote them. */
  allergies?: string | null;
  /**
   * The party's dietary profile (who avoids what, diets, likes: issue 16), stored on the booking
   * and merged into the customer's saved one (their own account, or staff on the phone).
   */
  dietaryProfile?: DietaryProfile | null;
  /** Signed-in user placing the booking, if any. */
  user?: BookingUser | null;
  source?: "WEB" | "CHAT" | "ADMIN";
  /** Who is asking (IP, client identity), for rate limits. */
  client?: BookingClient | null;
  /**
   * When the customer's free times were loaded (the availability answer's `asOf`): a time taken
   * since then is refused as "just booked by someone else". Not part of the request's identity
   * (a retry after the calendar reloaded is the same request).
   */
  seenAt?: Date | null;
  /** A single-use offer code from a campaign email (core/campaigns/offers.ts). */
  offerCode?: string | undefined;
  /**
   * Loyalty points to use (core/loyalty/points.ts: 100 = $1, in steps of 100, at most the food
   * after other discounts): a signed-in customer with a confirmed email, booking with that email.
   * Written as a REDEEM row in the booking's transaction (refused with CONFLICT when the balance
   * no longer has them, e.g. spent by another booking just now).
   */
  redeemPoints?: number | undefined;
  /**
   * The customer ticked "Text me about my booking and offers": SMS consent GRANTED for the contact
   * phone (source "booking-form"), in the booking's transaction. Unticked or absent records
   * nothing (an earlier consent stands). A phone that replied STOP stays suppressed until it
   * texts START (the carrier blocks it until then too).
   */
  smsConsent?: boolean | undefined;
  /**
   * A staff member entering a booking taken by phone (source ADMIN). It is CONFIRMED at once:
   * they agreed the time and the menu with the customer on the call, and checked it was free,
   * which is what confirming is; made PENDING, it would sit on their own Today list as "waiting
   * for your confirmation" and the customer would get two emails. No customer rate limit, no
   * emailed confirmation round-trip, no online deposit (staff record what is paid, as for any
   * pay-at-the-event booking), the history entry and the audit log name the staff member, and
   * nobody is sent a "waiting for you" notice. The customer is emailed the booking (confirmed)
   * with their manage link.
   */
  staff?: { userId: string } | null;
}

export interface CreatedBooking {
  id: string;
  code: string;
  /** A manage-link token for this caller (only its hash is stored). */
  accessToken: string;
  status: BookingStatus;
  startsAt: Date;
  endsAt: Date;
  totalCents: number;
  depositCents: number;
  holdExpiresAt: Date | null;
  paymentMode: "STRIPE" | "PAY_AT_EVENT";
  /** True when this call returned an earlier booking for the same idempotency key. */
  replayed: boolean;
  /**
   * Stripe mode: the Checkout page where the deposit is paid (the booking is HELD until then).
   * Null in "pay at the event" mode, or when Stripe couldn't be reached (the booking page then
   * offers "Pay the deposit" again).
   */
  checkoutUrl?: string | null;
}

const MAX_ATTEMPTS = 5;

type BookingRow = Omit<CreatedBooking, "accessToken" | "replayed" | "checkoutUrl">;

function toCreated(b: BookingRow, accessToken: string, replayed: boolean): CreatedBooking {
  return {
    id: b.id,
    code: b.code,
    accessToken,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    totalCents: b.totalCents,
    depositCents: b.depositCents,
    holdExpiresAt: b.holdExpiresAt,
    paymentMode: b.paymentMode,
    replayed,
  };
}

/**
 * The fingerprint an idempotency key is bound to: the request as sent (canonical JSON) and who
 * sent it (the signed-in user, or nobody). A retry of the same request matches it; anything else
 * sent with the same key does not.
 */
export function requestHash(request: unknown, userId: string | null | undefined): string {
  return createHash("sha256")
    .update(canonicalJson({ request, userId: userId ?? null }))
    .digest("hex");
}

/**
 * The earlier booking made with this key, if any. The same request again gets it back, with a
 * fresh manage-link token of its own; a different request (or another caller) reusing the key is
 * refused, and learns nothing about the booking.
 */
async function findByKey(db: Db, key: string, hash: string): Promise<CreatedBooking | null> {
  const b = await db.booking.findUnique({ where: { idempotencyKey: key } });
  if (!b) return null;
  if (b.idempotencyHash !== hash)
    throw new AppError(
      "UNPROCESSABLE_CONTENT",
      "We already got a booking from this page with other details: check your email for it. To book with these details as well, press the button again.",
      // The booking page starts a new key when it hears this (the customer chose to book again).
      { reason: "idempotency-key-reused" },
    );
  return toCreated(b, await issueAccessToken(db, b.id), true);
}

export interface ReserveArgs {
  idempotencyKey: string;
  /** requestHash() of the request that carries the key. */
  idempotencyHash: string;
  date: string;
  startMinute: number;
  guests: number;
  catalog: Catalog;
  location: ResolvedLocation;
  now: Date;
  /** The customer record to find or create in the same transaction (none for a chat hold). */
  customer?: { contact: BookingContact; user?: BookingUser | null } | null;
  /** Everything about the booking except timing, chefs, customer and keys. */
  data: Omit<
    Prisma.BookingUncheckedCreateInput,
    | "id"
    | "code"
    | "customerId"
    | "idempotencyKey"
    | "idempotencyHash"
    | "startsAt"
    | "endsAt"
    | "chefBlockStart"
    | "chefBlockEnd"
    | "timeZone"
    | "lines"
    | "chefs"
    | "events"
    | "accessTokens"
  >;
  quote: Quote;
  /** The event's actor; `customer` is replaced by the customer record's id. */
  actor: string | ((customerId: string | null) => string);
  /** When the customer's free times were loaded, for the wording of a refusal. */
  seenAt?: Date | null;
  /** More writes in the booking's transaction (redeeming an offer code); a throw undoes all. */
  afterCreate?: (
    tx: DbTx,
    bookingId: string,
    booking: { customerId: string | null; code: string },
  ) => Promise<void>;
}

/**
 * Reserves chefs and writes the customer record, the booking, its lines, chef blocks and first
 * link token in ONE transaction: a request that fails (conflict, bad input found late) writes
 * nothing. Picks the least loaded free chefs; if Postgres' exclusion constraint refuses (someone
 * took a chef meanwhile), re-reads and tries again; when nobody is free, answers CONFLICT with
 * other free times.
 */
export async function reserveBooking(db: Db, args: ReserveArgs): Promise<CreatedBooking> {
  const { catalog, location, now } = args;
  const timing = eventTiming(catalog.settings, args.date, args.startMinute, args.guests);
  // Says why: never free for this party, or taken by another booking (just now: a race).
  const conflict = () =>
    unavailableError(
      db,
      catalog,
      {
        date: args.date,
        startMinute: args.startMinute,
        guests: args.guests,
        zoneId: location.zone.id,
        now,
      },
      args.seenAt,
    );
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const slot = await freeChefsFor(db, catalog, {
      date: args.date,
      startMinute: args.startMinute,
      guests: args.guests,
      zoneId: location.zone.id,
      now,
    });
    if (!slot) {
      const again = await findByKey(db, args.idempotencyKey, args.idempotencyHash);
      if (again) return again;
      throw await conflict();
    }
    const chefIds = slot.chefIds.slice(0, slot.chefsNeeded);
    const { token, tokenHash } = newAccessToken();
    try {
      const created = await inBookingTx(db, async (tx) => {
        const customerId = args.customer
          ? await upsertCustomer(tx, args.customer.contact, args.customer.user)
          : null;
        const actor = typeof args.actor === "function" ? args.actor(customerId) : args.actor;
        const booking = await tx.booking.create({
          data: {
            ...args.data,
            customerId,
            code: newBookingCode(),
            idempotencyKey: args.idempotencyKey,
            idempotencyHash: args.idempotencyHash,
            startsAt: timing.startsAt,
            endsAt: timing.endsAt,
            chefBlockStart: timing.blockStart,
            chefBlockEnd: timing.blockEnd,
            timeZone: catalog.settings.timeZone,
            lines: { create: quoteLineRows(args.quote) },
            chefs: {
              create: chefIds.map((chefId) => ({
                chefId,
                blockStart: timing.blockStart,
                blockEnd: timing.blockEnd,
              })),
            },
            accessTokens: { create: { tokenHash } },
            events: {
              create: { type: "created", actor, data: { status: args.data.status, chefIds } },
            },
          },
          include: { events: { select: { id: true } } },
        });
        await args.afterCreate?.(tx, booking.id, booking);
        // Made straight into PENDING (a signed-in customer with their own verified email): it
        // waits for staff, who hear of it now.
        if (booking.status === "PENDING")
          await tellStaffAboutBooking(tx, {
            bookingId: booking.id,
            eventId: booking.events[0]!.id,
            kind: "waiting",
            actor,
            now,
          });
        return booking;
      });
      return toCreated(created, token, false);
    } catch (err) {
      const code = pgErrorCode(err);
      if (code === PG_EXCLUSION_VIOLATION) continue; // a chef was taken meanwhile: re-read and retry
      if (code && PG_TRANSIENT.has(code)) continue;
      if (code === PG_UNIQUE_VIOLATION) {
        const existing = await findByKey(db, args.idempotencyKey, args.idempotencyHash);
        if (existing) return existing;
        continue; // booking code collision: try a new one
      }
      throw err;
    }
  }
  throw await conflict();
}

function cleanEmail(e: string): string {
  return e.trim().toLowerCase();
}

/** The signed-in user placing a booking, as the session knows them. */
export interface BookingUser {
  id: string;
  email: string;
  /** True once the user proved they own the email (signed in by emailed link). */
  emailVerified: boolean;
  /** The account's role: only a customer account is priced with a loyalty tier. */
  role?: "CUSTOMER" | "STAFF" | "OWNER";
}

/** The booker as the loyalty rules read them (a customer account, its email verified). */
export function loyaltyUser(user: BookingUser | null | undefined) {
  return user?.role ? { ...user, role: user.role } : null;
}

/** Whether the booker has proven they own the contact email (signed in, verified, same email). */
export function ownsContactEmail(user: BookingUser | null | undefined, email: string): boolean {
  return !!user?.emailVerified && cleanEmail(user.email) === cleanEmail(email);
}

/**
 * Finds or creates the customer record for a booking's contact email, inside the caller's
 * transaction (one statement, so a concurrent first booking with the same email neither fails nor
 * aborts the transaction). A record is linked to the signed-in account only when the contact
 * email is the account's own AND the account has verified it: otherwise anyone could sign up
 * with someone else's email, book once, and own the record that person's later guest bookings
 * land in. An account already linked to another record is not linked again.
 */
export async function upsertCustomer(
  tx: DbTx,
  contact: BookingContact,
  user?: BookingUser | null,
): Promise<string> {
  const email = cleanEmail(contact.email);
  const own = ownsContactEmail(user, email) ? user! : null;
  const link = own?.id ?? null;
  const id = `c${randomBytes(12).toString("hex")}`;
  const now = new Date();
  // The booking keeps its own contact snapshot; an existing record's details are not rewritten
  // by whoever books with its email.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Customer" ("id", "email", "name", "phone", "userId", "createdAt", "updatedAt")
    VALUES (${id}, ${email}, ${contact.name.trim()}, ${normalizePhone(contact.phone)},
            (SELECT ${link}::text WHERE NOT EXISTS
               (SELECT 1 FROM "Customer" WHERE "userId" = ${link}::text)),
            ${now}, ${now})
    ON CONFLICT ("email") DO UPDATE SET "userId" = COALESCE(
      (SELECT ${link}::text WHERE NOT EXISTS
         (SELECT 1 FROM "Customer" c2 WHERE c2."userId" = ${link}::text
                                        AND c2."id" <> "Customer"."id")),
      "Customer"."userId")
    RETURNING "id"`;
  return rows[0]!.id;
}

/**
 * The columns a customer's details and choices set on a booking (made online, or a chat hold
 * being finished), and whether it waits for the customer's confirmation (HELD until then).
 */
export function customerDetails(
  input: {
    selection: QuoteSelection;
    address: BookingAddress;
    contact: BookingContact;
    notes?: string | null;
    allergies?: string | null;
    dietaryProfile?: DietaryProfile | null;
  },
  catalog: Catalog,
  quote: Quote,
  confirmed: boolean,
  now: Date,
) {
  return {
    status: confirmed ? ("PENDING" as const) : ("HELD" as const),
    holdExpiresAt: confirmed
      ? null
      : new Date(now.getTime() + catalog.settings.confirmHoldMinutes * MINUTE),
    adults: input.selection.adults,
    children: input.selection.children,
    packageId: catalog.packages.find((p) => p.slug === input.selection.packageSlug)!.id,
    addressLine1: input.address.line1.trim(),
    addressLine2: input.address.line2?.trim() || null,
    city: input.address.city.trim(),
    state: input.address.state.trim().toUpperCase(),
    contactName: input.contact.name.trim(),
    contactEmail: cleanEmail(input.contact.email),
    contactPhone: normalizePhone(input.contact.phone),
    notes: input.notes?.trim() || null,
    allergies: input.allergies?.trim() || null,
    // Refused (400) when a need is said for more guests than the party has.
    dietaryProfile: profileColumn(
      bookingProfile(input.dietaryProfile, input.selection.adults + input.selection.children),
    ),
    selection: input.selection as unknown as Prisma.InputJsonValue,
    ...quoteColumns(quote),
    settingsVersion: catalog.settings.version,
  };
}

/**
 * Books an event: validates, prices from the database, reserves chefs. Idempotent per key.
 * Made online, it is HELD until the customer confirms it from the emailed link (or staff confirm
 * it), for `confirmHoldMinutes`; a signed-in customer whose verified email is the contact email
 * has nothing to confirm and books PENDING straight away.
 */
export async function createBooking(
  db: Db,
  input: CreateBookingInput,
  deps: BookingDeps,
): Promise<CreatedBooking> {
  const { idempotencyKey, user, client: _client, seenAt, staff, ...request } = input;
  // A staff booking's key is bound to the staff member (another one reusing it is refused).
  const hash = requestHash(request, staff ? `staff:${staff.userId}` : user?.id);
  const existing = await findByKey(db, idempotencyKey, hash);
  if (existing) return existing;

  const now = nowOf(deps);
  // Prices must be current for a write: read the catalog from Postgres, not the cache.
  const catalog = await loadCatalogFromDb(db);
  // Taken by phone: the tier of the customer whose account the contact email is (as that
  // customer's staff quote showed it); online, the signed-in customer's own. It also says how
  // far ahead they may book (a member's tier may add days to the window).
  const loyalty = staff
    ? ((await memberForEmail(db, input.contact.email))?.loyalty ?? null)
    : await quoteLoyaltyForUser(db, loyaltyUser(user));
  const window = bookingWindowOf(catalog.settings.bookingWindowDays, loyalty);
  assertBookableTime(catalog, input.date, input.startMinute, now, window);
  const location = await resolveLocation(db, catalog, input.address.postalCode);
  assertStateOfZip(location, input.address.state);
  // Who uses a code: the signed-in customer (not a staff member taking a phone booking) and the
  // contact email (a personal code, a referral code: core/campaigns/offers.ts).
  const codeUser = input.offerCode
    ? await codeUserOf(db, { user: staff ? null : user, email: input.contact.email })
    : null;
  const offer = input.offerCode
    ? await offerForCode(db, input.offerCode, now, {
        timeZone: catalog.settings.timeZone,
        who: codeUser!,
        contactEmail: input.contact.email,
      })
    : null;
  // Points: the signed-in customer's own (checked again, under lock, in the booking's transaction).
  const redeem =
    input.redeemPoints && !staff
      ? await checkRedeemRequest(db, loyaltyUser(user), input.redeemPoints, input.contact.email)
      : null;
  const quote = computeQuote(
    catalog,
    location.zone,
    input.selection,
    loyalty,
    offer,
    redeem ? { points: input.redeemPoints! } : null,
  );
  // With Stripe, paying the deposit is what confirms a booking made online (it also proves the
  // booker means it): it is HELD until then, whoever books. Without Stripe, nothing is paid
  // online and the emailed link (or a verified signed-in email) confirms it, as before.
  const stripe = !staff && takesDepositOnline(deps, catalog);
  const confirmed = !stripe && ownsContactEmail(user, input.contact.email);
  const staffActor = staff ? `staff:${staff.userId}` : null;
  // Staff booking by phone: no customer rate limit (the limit is against abuse of the site).
  const rate = <T>(attempt: () => Promise<T>): Promise<T> =>
    staff
      ? attempt()
      : withBookingRate(
          deps,
          catalog.settings,
          {
            client: input.client ?? (user ? { key: `user:${user.id}` } : null),
            email: input.contact.email,
          },
          attempt,
          idempotencyKey,
        );
  const details = customerDetails(input, catalog, quote, confirmed, now);
  const profile = bookingProfile(input.dietaryProfile, quote.guests);
  // Only a booking made counts toward the limit: a refusal (the time taken meanwhile) gives its
  // point back, and a replay of an earlier booking never reaches the limits (returned above).
  const created = await rate(async () => {
    await expireHolds(db, now);
    return reserveBooking(db, {
      idempotencyKey,
      idempotencyHash: hash,
      date: input.date,
      startMinute: input.startMinute,
      guests: quote.guests,
      catalog: catalogWithWindow(catalog, window),
      location,
      now,
      quote,
      seenAt,
      // Staff's own account is never linked to the customer record.
      customer: { contact: input.contact, user: staff ? null : user },
      actor: (customerId) => staffActor ?? (user ? `user:${user.id}` : `customer:${customerId}`),
      data: {
        source: staff ? "ADMIN" : (input.source ?? "WEB"),
        postalCode: location.postalCode,
        travelZoneName: location.zone.name,
        distanceMiles: location.distanceMiles,
        ...details,
        ...(staff ? { status: "CONFIRMED" as const, holdExpiresAt: null, confirmedAt: now } : {}),
        ...(loyalty ? { loyalty: loyalty as unknown as Prisma.InputJsonValue } : {}),
        paymentMode: stripe ? "STRIPE" : "PAY_AT_EVENT",
      },
      // In the booking's transaction: the offer code is taken (used meanwhile, nothing is
      // written), and a staff booking names its author in the audit log.
      ...(offer || staff || input.smsConsent || redeem || profile
        ? {
            afterCreate: async (
              tx: DbTx,
              bookingId: string,
              booking: { customerId: string | null; code: string },
            ) => {
              if (profile && booking.customerId)
                await saveCustomerProfile(
                  tx,
                  booking.customerId,
                  profile,
                  staff ? "staff" : { userId: user?.id ?? null },
                );
              if (input.smsConsent && !staff)
                await tx.contactConsent.upsert({
                  where: { channel_address: { channel: "SMS", address: details.contactPhone } },
                  create: {
                    channel: "SMS",
                    address: details.contactPhone,
                    status: "GRANTED",
                    source: "booking-form",
                    at: now,
                  },
                  update: { status: "GRANTED", source: "booking-form", at: now },
                });
              if (offer)
                await redeemOfferCode(tx, offer.code, {
                  bookingId,
                  email: input.contact.email,
                  now,
                  timeZone: catalog.settings.timeZone,
                  ...(codeUser ? { who: codeUser } : {}),
                });
              if (redeem)
                await redeemPointsInTx(tx, {
                  customerIds: redeem.customerIds,
                  customerId: booking.customerId!,
                  bookingId,
                  bookingCode: booking.code,
                  points: input.redeemPoints!,
                  now,
                });
              if (staff)
                await tx.auditLog.create({
                  data: {
                    actorId: staff.userId,
                    action: "booking.create",
                    entity: "booking",
                    entityId: bookingId,
                    after: { status: "CONFIRMED", source: "ADMIN", totalCents: quote.totalCents },
                  },
                });
            },
          }
        : {}),
    });
  });
  // The calendar first (before Stripe is called): the time is taken from now on.
  if (!created.replayed) await deps.cache.invalidate("calendar");
  if (created.paymentMode === "STRIPE" && created.status === "HELD")
    created.checkoutUrl = await depositCheckoutUrl(db, deps, created.id, created.accessToken);
  if (!created.replayed) {
    await deps.notify?.({
      type:
        created.status === "HELD"
          ? "booking.held"
          : created.status === "CONFIRMED"
            ? "booking.confirmed"
            : "booking.created",
      bookingId: created.id,
    });
  }
  return created;
}

/** Whether a booking made now takes its deposit online (Stripe configured, a deposit to take). */
export function takesDepositOnline(
  deps: Pick<BookingDeps, "payments">,
  catalog: Pick<Catalog, "settings">,
): boolean {
  return !!deps.payments && catalog.settings.depositCents > 0;
}

/**
 * Opens (or finds) the Stripe Checkout page for a held booking's deposit. Never fails the
 * booking: if Stripe can't be reached the booking stays held and its page offers to pay again.
 */
export async function depositCheckoutUrl(
  db: Db,
  deps: BookingDeps,
  bookingId: string,
  returnToken: string | null,
): Promise<string | null> {
  if (!deps.payments) return null;
  try {
    const opened = await openDepositCheckout(
      db,
      deps.payments,
      {
        bookingId,
        returnToken,
        customerUrl: deps.customerUrl ?? "http://localhost:3000",
      },
      deps,
    );
    return opened.url;
  } catch (err) {
    console.error(
      "[booking] could not open the deposit checkout; the booking page offers it again",
      err,
    );
    return null;
  }
}

/** Live quote for the booking wizard, from the cached catalog. */
export async function quoteFor(
  db: Db,
  input: {
    selection: QuoteSelection;
    postalCode: string;
    offerCode?: string | undefined;
    /** Loyalty points to use (the signed-in customer's; see CreateBookingInput.redeemPoints). */
    redeemPoints?: number | undefined;
    /**
     * The contact email the booking will have (the wizard's review step): the code is checked for
     * it, and the signed-in customer, as `createBooking` checks it. Ignored for a staff quote
     * (`memberEmail` is its contact email).
     */
    contactEmail?: string | undefined;
  },
  deps: {
    cache: BookingDeps["cache"];
    user?: BookingUser | null;
    now?: Date;
    /**
     * Staff pricing a phone booking: the contact email whose customer account's tier applies
     * (as `createBooking` prices it for staff); the caller's own account is then never used.
     */
    memberEmail?: string | null;
    /** The offer to price with instead of `offerCode` (a chat hold's own, already taken by it). */
    offer?: QuoteOffer | null;
  },
): Promise<
  Quote & {
    zone: { name: string; distanceMiles: number; city: string; state: string };
    /** Whose tier priced the quote (a staff quote for a customer's email); null: nobody's. */
    member: MemberForEmail | null;
    /** A signed-in customer's points: their balance and the most this party can use. */
    points: QuotePoints | null;
  }
> {
  const catalog = await getCatalog(db, deps.cache);
  const location = await resolveLocation(db, catalog, input.postalCode);
  // A signed-in customer's tier prices their quote as it will price their booking; a staff
  // quote, the tier of the contact email's customer.
  const member = deps.memberEmail !== undefined ? await memberForEmail(db, deps.memberEmail) : null;
  const loyalty =
    deps.memberEmail !== undefined
      ? (member?.loyalty ?? null)
      : await quoteLoyaltyForUser(db, loyaltyUser(deps.user));
  const offer =
    deps.offer !== undefined
      ? deps.offer
      : input.offerCode
        ? await offerForCode(db, input.offerCode, deps.now ?? new Date(), {
            timeZone: catalog.settings.timeZone,
            // The quote refuses what the booking would (someone else's code, one's own referral
            // code, a referral code on a repeat booking) for whoever is known: the signed-in
            // customer and the contact email given, or a staff quote's customer email. The same
            // question as `createBooking` asks (offerForCode: assertCodeIsTheirs,
            // assertReferralUse); nobody known, the line says who the code is for.
            who: await codeUserOf(
              db,
              deps.memberEmail !== undefined
                ? { email: deps.memberEmail }
                : { user: deps.user ?? null, email: input.contactEmail ?? null },
            ),
            ...(deps.memberEmail === undefined && input.contactEmail
              ? { contactEmail: input.contactEmail }
              : {}),
          })
        : null;
  const staffQuote = deps.memberEmail !== undefined;
  const mine = staffQuote ? null : await pointsOfUser(db, loyaltyUser(deps.user));
  if (input.redeemPoints && !staffQuote)
    await checkRedeemRequest(db, loyaltyUser(deps.user), input.redeemPoints);
  const quote = computeQuote(
    catalog,
    location.zone,
    input.selection,
    loyalty,
    offer,
    input.redeemPoints && !staffQuote ? { points: input.redeemPoints } : null,
  );
  const pointsCents = -quote.lines
    .filter((l) => l.code === "POINTS")
    .reduce((s, l) => s + l.totalCents, 0);
  return {
    ...quote,
    points: mine ? quotePoints(mine.balance, quote.subtotalCents + pointsCents) : null,
    zone: {
      name: location.zone.name,
      distanceMiles: location.distanceMiles,
      city: location.city,
      state: location.state,
    },
    member,
  };
}

export { AppError };
