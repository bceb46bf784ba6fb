// Helpers for the admin e2e specs: sign in through the admin app's auth endpoint, and call the
// customer site's public API the way the customer's browser does.
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
export const CUSTOMER_URL = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";

export const LOGINS = {
  owner: { email: "owner@myhibachi.local", password: "owner-demo-pass" },
  staff: { email: "staff@myhibachi.local", password: "staff-demo-pass" },
  customer: { email: "customer@myhibachi.local", password: "customer-demo-pass" },
};

let device = 0;
/**
 * Signs the page's browser context in on the admin app (session cookie mh-admin.*). Each call
 * comes from its own client address, as separate staff devices would: sign-in is limited to 5
 * attempts per minute per address, and the specs sign in more often than that.
 */
export async function signIn(page: Page, who: keyof typeof LOGINS) {
  const res = await page.request.post(`${ADMIN_URL}/api/auth/sign-in/email`, {
    data: LOGINS[who],
    headers: { origin: ADMIN_URL, "x-forwarded-for": `10.9.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first date on or after `from` that falls on `weekday` (0 = Sunday). */
export function nextWeekday(from: string, weekday: number): string {
  let d = from;
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== weekday) d = addDaysIso(d, 1);
  return d;
}

export const today = () => new Date().toISOString().slice(0, 10);

async function trpcGet<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.get(
    `${CUSTOMER_URL}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
  );
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

export async function customerAvailability(
  request: APIRequestContext,
  date: string,
  postalCode: string,
  guests = 10,
) {
  const r = await trpcGet<{ slots: { startMinute: number }[] }>(request, "booking.availability", {
    from: date,
    to: date,
    guests,
    postalCode,
  });
  return r.slots;
}

export async function customerQuote(
  request: APIRequestContext,
  selection: unknown,
  postalCode = "95125",
) {
  return trpcGet<{
    lines: {
      code: string;
      label: string;
      quantity: number;
      unitCents: number;
      totalCents: number;
    }[];
    totalCents: number;
  }>(request, "booking.quote", { selection, postalCode });
}

export async function customerBooks(
  request: APIRequestContext,
  date: string,
  startMinute: number,
  name: string,
) {
  const res = await request.post(`${CUSTOMER_URL}/api/trpc/booking.create`, {
    data: {
      json: {
        idempotencyKey: `e2e-admin-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        date,
        startMinute,
        selection: {
          packageSlug: "classic",
          adults: 10,
          children: 0,
          proteins: { chicken: 10, steak: 10 },
          extras: {},
        },
        address: {
          line1: "742 Willow Glen Way",
          city: "San Jose",
          state: "CA",
          postalCode: "95125",
        },
        contact: {
          name,
          email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.com`,
          phone: "(408) 555-0177",
        },
      },
    },
  });
  const body = (await res.json()) as {
    result?: { data: { json: { id: string; code: string } } };
    error?: unknown;
  };
  if (!body.result) throw new Error(`booking failed: ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

// The e2e database, for facts the pages must match and for set-ups no page can make (an event
// today or already over: customers must book 48 hours ahead).
function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * Moves a booking (made online for a later day) onto today, starting at `startsAt`, confirmed
 * and without a chef (so no chef's other events are in the way): the only way to have an event
 * today, since customers must book 48 hours ahead.
 */
export async function moveOnto(id: string, startsAt: Date) {
  const [b] = await sql<{ startsAt: Date }>(`SELECT "startsAt" FROM "Booking" WHERE id = $1`, [id]);
  const delta = startsAt.getTime() - b!.startsAt.getTime();
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query(`DELETE FROM "BookingChef" WHERE "bookingId" = $1`, [id]);
    await c.query(
      `UPDATE "Booking" SET status = 'CONFIRMED', "holdExpiresAt" = NULL, "confirmedAt" = now(),
         "startsAt" = "startsAt" + $2 * interval '1 millisecond',
         "endsAt" = "endsAt" + $2 * interval '1 millisecond',
         "chefBlockStart" = "chefBlockStart" + $2 * interval '1 millisecond',
         "chefBlockEnd" = "chefBlockEnd" + $2 * interval '1 millisecond'
       WHERE id = $1`,
      [id, delta],
    );
    await c.query("COMMIT");
  } finally {
    await c.end();
  }
}
