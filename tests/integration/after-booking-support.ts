// Shared by the "after a customer books" tests (calendar, reminders, a customer's data): a
// booking made through core as the site makes it, and the customer site's tRPC caller as a
// signed-in customer (or a visitor with a link), both on a test env.
import { randomBytes } from "node:crypto";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { changeBookingStatus, createBooking, recomputeCustomerLoyalty } from "@myhibachi/core";
import { addDays, DAY, todayIn, type DietaryProfile } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import type { Env } from "./helpers";

export const SITE = "http://127.0.0.1:3999";
export const TZ = "America/Los_Angeles";

/** A date `days` from today on the business's calendar (YYYY-MM-DD). */
export const dayIn = (days: number, now = new Date()) => addDays(todayIn(TZ, now), days);

/** Bookings in these tests come from a few addresses in a row: no rate limit in the way. */
export async function withoutBookingLimits(env: Env) {
  await env.t.db.businessSettings.update({
    where: { id: 1 },
    data: { bookingRateLimit: 10_000, version: { increment: 1 } },
  });
  await env.cache.invalidate("catalog");
}

let n = 0;
/** A party of `adults` booked on the site for `date` at `startMinute` (local), as `user` or a visitor. */
export async function book(
  env: Env,
  opts: {
    date: string;
    startMinute?: number;
    adults?: number;
    email?: string;
    name?: string;
    user?: SessionUser | null;
    now?: () => Date;
    extras?: Record<string, number>;
    notes?: string;
    allergies?: string;
    /** The party's dietary profile (issue 16). */
    dietaryProfile?: DietaryProfile;
    /** Apartment, suite (the address's second line). */
    line2?: string;
    /** Staff confirm it at once (a visitor's online booking is held until confirmed). */
    confirm?: boolean;
    /** A single-use offer code from a campaign email. */
    offerCode?: string;
  },
) {
  n++;
  const email = opts.email ?? `guest${n}-${Date.now()}@example.com`;
  const selection = { ...classicSelection(opts.adults ?? 10), extras: opts.extras ?? {} };
  const made = await createBooking(
    env.t.db,
    {
      idempotencyKey: `after-${n}-${Math.random().toString(36).slice(2)}`,
      date: opts.date,
      startMinute: opts.startMinute ?? 17 * 60,
      selection,
      address: { ...FIXTURE_ADDRESS, ...(opts.line2 ? { line2: opts.line2 } : {}) },
      contact: { name: opts.name ?? `Guest ${n}`, email, phone: "408-555-0100" },
      ...(opts.notes ? { notes: opts.notes } : {}),
      ...(opts.allergies ? { allergies: opts.allergies } : {}),
      ...(opts.dietaryProfile ? { dietaryProfile: opts.dietaryProfile } : {}),
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.offerCode ? { offerCode: opts.offerCode } : {}),
    },
    { cache: env.cache, ...(opts.now ? { now: opts.now } : {}) },
  );
  if (opts.confirm) {
    await changeBookingStatus(
      env.t.db,
      { bookingId: made.id, action: "confirm", actor: await staffActor(env) },
      { cache: env.cache, ...(opts.now ? { now: opts.now } : {}) },
    );
  }
  return made;
}

/**
 * An owner acting on a booking. Staff changes are audited under the staff member's account, so
 * the account exists (created once per database).
 */
export async function staffActor(env: Env) {
  await env.t.db.user.upsert({
    where: { id: "staff-test" },
    update: {},
    create: {
      id: "staff-test",
      name: "Test Owner",
      email: "staff-test@example.com",
      role: "OWNER",
    },
  });
  return { kind: "staff" as const, userId: "staff-test", role: "OWNER" as const };
}

/** The customer site's tRPC caller as `user` (null: a visitor), with the clock `now`. */
export function customerCaller(env: Env, user: SessionUser | null, now?: () => Date) {
  return createCallerFactory(customerRouter)({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    sendEmail: async () => {},
    customerUrl: SITE,
    cookieSecret: "c".repeat(40),
    user,
    headers: new Headers(),
    ...(now ? { now } : {}),
  } as Context);
}

/**
 * The row of a party that took place (written directly: the booking path refuses past dates),
 * 10 adults of the classic package in San Jose, `totalCents` due at the event.
 */
export function pastBookingData(o: {
  code: string;
  customerId: string;
  packageId: string;
  startsAt: Date;
  endsAt: Date;
  status: "COMPLETED" | "CANCELLED";
  totalCents: number;
  contactName: string;
  contactEmail: string;
  idempotencyKey: string;
}) {
  return {
    code: o.code,
    customerId: o.customerId,
    status: o.status,
    startsAt: o.startsAt,
    endsAt: o.endsAt,
    chefBlockStart: o.startsAt,
    chefBlockEnd: o.endsAt,
    timeZone: TZ,
    adults: 10,
    packageId: o.packageId,
    postalCode: "95125",
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    contactPhone: "(408) 555-0100",
    addressLine1: "123 Maple Ave",
    city: "San Jose",
    state: "CA",
    travelZoneName: "Local",
    distanceMiles: 3,
    selection: classicSelection(10),
    subtotalCents: o.totalCents,
    travelFeeCents: 0,
    taxCents: 0,
    totalCents: o.totalCents,
    depositCents: 0,
    balanceCents: o.totalCents,
    settingsVersion: 1,
    idempotencyKey: o.idempotencyKey,
    completedAt: o.status === "CANCELLED" ? null : o.endsAt,
    // Booked three weeks before the party, as a real one was: never "after" the test's clock,
    // whatever the machine's date (campaigns count bookings made since an enrolment).
    createdAt: new Date(o.startsAt.getTime() - 21 * 86_400_000),
  };
}

export { DAY };

let pastSeq = 0;
/**
 * A past event of the customer's, written straight to the database (an event that happened before
 * the test began: no booking flow can make one in the past): ten-plus days before `now`, in
 * `status` (COMPLETED unless told), paid in full at the event unless told not to.
 */
export async function pastBookingOf(
  env: Env,
  customerId: string,
  now: Date,
  opts: { status?: "COMPLETED" | "CANCELLED"; totalCents?: number; paid?: boolean } = {},
) {
  const seq = ++pastSeq;
  const db = env.t.db;
  const packageId = (await db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  const total = opts.totalCents ?? 60_000;
  const startsAt = new Date(now.getTime() - (seq + 10) * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
  const b = await db.booking.create({
    data: pastBookingData({
      code: `LOY${String(seq).padStart(5, "0")}${randomBytes(2).toString("hex").toUpperCase()}`,
      customerId,
      packageId,
      startsAt,
      endsAt,
      status: opts.status ?? "COMPLETED",
      totalCents: total,
      contactName: "Loyal Customer",
      contactEmail: "loyal@example.test",
      idempotencyKey: `past-booking-${seq}-${randomBytes(4).toString("hex")}`,
    }),
  });
  const payment =
    opts.paid === false
      ? null
      : await db.payment.create({
          data: {
            bookingId: b.id,
            kind: "BALANCE",
            method: "STRIPE",
            status: "SUCCEEDED",
            amountCents: total,
            idempotencyKey: `past-pay-${b.id}`,
            stripePaymentIntentId: `pi_${b.id}`,
            paidAt: endsAt,
          },
        });
  return { ...b, payment };
}

/**
 * A signed-in customer account (email verified) with a customer record and `pastParties`
 * completed parties of `totalCents` each, loyalty recomputed at `now`. `bookedAsMember`: the
 * past parties were booked with the account's email (what makes them count for referrals).
 */
export async function signedInMember(
  env: Env,
  now: Date,
  o: { pastParties?: number; totalCents?: number; bookedAsMember?: boolean } = {},
): Promise<{ user: SessionUser; customerId: string }> {
  const u = await createUser(env.t.db, "CUSTOMER");
  const user: SessionUser = {
    id: u.id,
    email: u.email,
    name: u.name,
    role: "CUSTOMER",
    emailVerified: true,
  };
  const c = await env.t.db.customer.create({ data: { name: u.name, email: u.email } });
  for (let i = 0; i < (o.pastParties ?? 0); i++) {
    const b = await pastBookingOf(env, c.id, now, o.totalCents ? { totalCents: o.totalCents } : {});
    if (o.bookedAsMember)
      await env.t.db.booking.update({ where: { id: b.id }, data: { contactEmail: u.email } });
  }
  await recomputeCustomerLoyalty(env.t.db, c.id, now);
  return { user, customerId: c.id };
}
