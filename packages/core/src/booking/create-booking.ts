import {
  PG_EXCLUSION_VIOLATION,
  PG_TRANSIENT,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  type Db,
  type Prisma,
} from "@myhibachi/db";
import { AppError } from "../errors";
import {
  getCatalog,
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
import { eventTiming } from "../availability/slots";
import { MINUTE } from "../time";
import {
  alternativesNear,
  assertBookableTime,
  conflictError,
  expireHolds,
  freeChefsFor,
  newAccessToken,
  newBookingCode,
  nowOf,
  type BookingDeps,
} from "./shared";

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
  /** Signed-in user placing the booking, if any. */
  user?: BookingUser | null;
  source?: "WEB" | "CHAT" | "ADMIN";
  /** Create a short HELD booking (expires by itself) instead of a PENDING one. */
  hold?: boolean;
}

export interface CreatedBooking {
  id: string;
  code: string;
  accessToken: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  totalCents: number;
  depositCents: number;
  holdExpiresAt: Date | null;
  /** True when this call returned an earlier booking for the same idempotency key. */
  replayed: boolean;
}

const MAX_ATTEMPTS = 5;

function toCreated(
  b: {
    id: string;
    code: string;
    accessToken: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    totalCents: number;
    depositCents: number;
    holdExpiresAt: Date | null;
  },
  replayed: boolean,
): CreatedBooking {
  return {
    id: b.id,
    code: b.code,
    accessToken: b.accessToken,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    totalCents: b.totalCents,
    depositCents: b.depositCents,
    holdExpiresAt: b.holdExpiresAt,
    replayed,
  };
}

async function findByKey(db: Db, key: string): Promise<CreatedBooking | null> {
  const b = await db.booking.findUnique({ where: { idempotencyKey: key } });
  return b ? toCreated(b, true) : null;
}

export interface ReserveArgs {
  idempotencyKey: string;
  date: string;
  startMinute: number;
  guests: number;
  catalog: Catalog;
  location: ResolvedLocation;
  now: Date;
  /** Everything about the booking except timing, chefs and keys. */
  data: Omit<
    Prisma.BookingUncheckedCreateInput,
    | "id"
    | "code"
    | "accessToken"
    | "idempotencyKey"
    | "startsAt"
    | "endsAt"
    | "timeZone"
    | "lines"
    | "chefs"
    | "events"
  >;
  quote: Quote;
  actor: string;
}

/**
 * Reserves chefs and writes the booking in one transaction. Picks the least loaded free chefs;
 * if Postgres' exclusion constraint refuses (someone took a chef meanwhile), re-reads and tries
 * again; when nobody is free, answers CONFLICT with other free times.
 */
export async function reserveBooking(db: Db, args: ReserveArgs): Promise<CreatedBooking> {
  const { catalog, location, now } = args;
  const timing = eventTiming(catalog.settings, args.date, args.startMinute, args.guests);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const slot = await freeChefsFor(db, catalog, {
      date: args.date,
      startMinute: args.startMinute,
      guests: args.guests,
      zoneId: location.zone.id,
      now,
    });
    if (!slot) {
      const again = await findByKey(db, args.idempotencyKey);
      if (again) return again;
      throw conflictError(
        await alternativesNear(db, catalog, {
          date: args.date,
          guests: args.guests,
          zoneId: location.zone.id,
          now,
        }),
      );
    }
    const chefIds = slot.chefIds.slice(0, slot.chefsNeeded);
    try {
      const created = await db.booking.create({
        data: {
          ...args.data,
          code: newBookingCode(),
          accessToken: newAccessToken(),
          idempotencyKey: args.idempotencyKey,
          startsAt: timing.startsAt,
          endsAt: timing.endsAt,
          timeZone: catalog.settings.timeZone,
          lines: {
            create: quoteLineRows(args.quote),
          },
          chefs: {
            create: chefIds.map((chefId) => ({
              chefId,
              blockStart: timing.blockStart,
              blockEnd: timing.blockEnd,
            })),
          },
          events: {
            create: {
              type: "created",
              actor: args.actor,
              data: { status: args.data.status, chefIds },
            },
          },
        },
      });
      return toCreated(created, false);
    } catch (err) {
      const code = pgErrorCode(err);
      if (code === PG_EXCLUSION_VIOLATION) continue; // a chef was taken meanwhile: re-read and retry
      if (code && PG_TRANSIENT.has(code)) {
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
        continue;
      }
      if (code === PG_UNIQUE_VIOLATION) {
        const existing = await findByKey(db, args.idempotencyKey);
        if (existing) return existing;
        continue; // booking code collision: try a new one
      }
      throw err;
    }
  }
  throw conflictError(
    await alternativesNear(db, catalog, {
      date: args.date,
      guests: args.guests,
      zoneId: location.zone.id,
      now,
    }),
  );
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
}

/**
 * Finds or creates the customer record for a booking's contact email. A record is linked to the
 * signed-in account only when the contact email is the account's own AND the account has verified
 * it: otherwise anyone could sign up with someone else's email, book once, and own the record
 * that person's later guest bookings land in.
 */
export async function upsertCustomer(
  db: Db,
  contact: BookingContact,
  user?: BookingUser | null,
): Promise<string> {
  const email = cleanEmail(contact.email);
  const own = user?.emailVerified && cleanEmail(user.email) === email ? user : null;
  const args = {
    where: { email },
    create: {
      email,
      name: contact.name.trim(),
      phone: contact.phone.trim(),
      userId: own?.id ?? null,
    },
    // The booking keeps its own contact snapshot; an existing record's details are not rewritten
    // by whoever books with its email.
    update: own ? { userId: own.id } : {},
  };
  try {
    return (await db.customer.upsert(args)).id;
  } catch (err) {
    // Two first bookings with one email at once: the loser's insert hits the unique index.
    if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
    return (await db.customer.upsert(args)).id;
  }
}

/** Books an event: validates, prices from the database, reserves chefs. Idempotent per key. */
export async function createBooking(
  db: Db,
  input: CreateBookingInput,
  deps: BookingDeps,
): Promise<CreatedBooking> {
  const existing = await findByKey(db, input.idempotencyKey);
  if (existing) return existing;

  const now = nowOf(deps);
  // Prices must be current for a write: read the catalog from Postgres, not the cache.
  const catalog = await loadCatalogFromDb(db);
  assertBookableTime(catalog, input.date, input.startMinute, now);
  const location = await resolveLocation(db, catalog, input.address.postalCode);
  const quote = computeQuote(catalog, location.zone, input.selection);
  await expireHolds(db, now);

  const customerId = await upsertCustomer(db, input.contact, input.user);
  const hold = input.hold === true;
  const created = await reserveBooking(db, {
    idempotencyKey: input.idempotencyKey,
    date: input.date,
    startMinute: input.startMinute,
    guests: quote.guests,
    catalog,
    location,
    now,
    quote,
    actor: input.user ? `user:${input.user.id}` : `customer:${customerId}`,
    data: {
      customerId,
      status: hold ? "HELD" : "PENDING",
      source: input.source ?? "WEB",
      adults: input.selection.adults,
      children: input.selection.children,
      packageId: catalog.packages.find((p) => p.slug === input.selection.packageSlug)!.id,
      addressLine1: input.address.line1.trim(),
      addressLine2: input.address.line2?.trim() || null,
      city: input.address.city.trim(),
      state: input.address.state.trim().toUpperCase(),
      postalCode: location.postalCode,
      travelZoneName: location.zone.name,
      distanceMiles: location.distanceMiles,
      contactName: input.contact.name.trim(),
      contactEmail: cleanEmail(input.contact.email),
      contactPhone: input.contact.phone.trim(),
      notes: input.notes?.trim() || null,
      selection: input.selection as unknown as Prisma.InputJsonValue,
      ...quoteColumns(quote),
      settingsVersion: catalog.settings.version,
      holdExpiresAt: hold ? new Date(now.getTime() + catalog.settings.holdMinutes * MINUTE) : null,
    },
  });
  if (!created.replayed) {
    await deps.cache.invalidate("calendar");
    await deps.notify?.({ type: "booking.created", bookingId: created.id });
  }
  return created;
}

/** Live quote for the booking wizard, from the cached catalog. */
export async function quoteFor(
  db: Db,
  input: { selection: QuoteSelection; postalCode: string },
  deps: { cache: BookingDeps["cache"] },
): Promise<Quote & { zone: { name: string; distanceMiles: number } }> {
  const catalog = await getCatalog(db, deps.cache);
  const location = await resolveLocation(db, catalog, input.postalCode);
  const quote = computeQuote(catalog, location.zone, input.selection);
  return { ...quote, zone: { name: location.zone.name, distanceMiles: location.distanceMiles } };
}

export { AppError };
