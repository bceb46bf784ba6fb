// A booking made through the public REST API, as a customer's site or app would: the first free
// time in a window of days ahead (or the one `pick` chooses), a classic party of 10 in 95125.
// Returns what the API answers: the booking's id, code, link token, total and deposit checkout.
import { expect, type APIRequestContext } from "@playwright/test";

const ymdIn = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** What the API answers a new booking with (the fields the tests read). */
export interface ApiBooking {
  id: string;
  code: string;
  token: string;
  totalCents: number;
  /** Stripe Checkout for the deposit, when payments are on. */
  checkoutUrl: string | null;
}

export async function bookViaApi(
  request: APIRequestContext,
  opts: {
    origin: string;
    /** Days ahead to look for a free time, [from, to]. */
    within: [number, number];
    pick?: (slots: { date: string; startMinute: number }[]) => {
      date: string;
      startMinute: number;
    };
    key: string;
    line1: string;
    line2?: string;
    name: string;
    phone: string;
    /** The contact email (default: a new one per booking). */
    email?: string;
  },
): Promise<ApiBooking> {
  const avail = await request.get(
    `${opts.origin}/api/v1/availability?from=${ymdIn(opts.within[0])}&to=${ymdIn(opts.within[1])}&guests=10&postalCode=95125`,
  );
  expect(avail.ok(), await avail.text()).toBe(true);
  const slots = (await avail.json()).slots as { date: string; startMinute: number }[];
  const slot = opts.pick ? opts.pick(slots) : slots[0]!;
  const stamp = `${opts.key}-${Date.now()}`;
  const created = await request.post(`${opts.origin}/api/v1/bookings`, {
    headers: { origin: opts.origin },
    data: {
      idempotencyKey: stamp,
      date: slot.date,
      startMinute: slot.startMinute,
      selection: {
        packageSlug: "classic",
        adults: 10,
        children: 0,
        proteins: { chicken: 10, steak: 10 },
        extras: {},
      },
      address: {
        line1: opts.line1,
        ...(opts.line2 ? { line2: opts.line2 } : {}),
        city: "San Jose",
        state: "CA",
        postalCode: "95125",
      },
      contact: { name: opts.name, email: opts.email ?? `${stamp}@example.com`, phone: opts.phone },
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  return (await created.json()) as ApiBooking;
}
