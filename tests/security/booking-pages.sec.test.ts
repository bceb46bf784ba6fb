// A booking's pages over HTTP, against the BUILT customer app (attack finding G11): /bookings/<id>,
// its /balance and its /receipts/<receiptId> carry nothing of the booking for anyone but its owner
// (someone else's booking, one that doesn't exist, a wrong or cut-off link); the owner (signed in,
// or with the booking's link) gets the booking in the page. Not an HTTP 404: Next.js draws a
// page's notFound() only with JavaScript (vercel/next.js#62228), and without it the page must
// still say whom to call (tests/e2e/wizard.spec.ts, "without JavaScript"). The page reads the booking on the server with the booking-read procedure's own
// access rule (one read, handed to the page: it doesn't ask again).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@myhibachi/core";
import { demo, signIn, sql, urls } from "./harness";

interface Row extends Record<string, unknown> {
  id: string;
  code: string;
  receiptId: string;
}

let customer = ""; // the demo customer's session cookie
let mine: Row; // one of the demo customer's bookings, with a receipt
let theirs: Row; // another customer's booking, with a receipt
let upcoming: { id: string; code: string }; // a booking still to come (its link works)
let link = ""; // a working manage link for `upcoming`

/** A booking with a receipt (a payment that went through), of the demo customer or not. */
async function paidBooking(ofDemo: boolean): Promise<Row> {
  const [row] = await sql<Row>(
    `SELECT b.id, b.code, p.id AS "receiptId"
       FROM "Booking" b
       JOIN "Customer" c ON c.id = b."customerId"
       LEFT JOIN "User" u ON u.id = c."userId"
       JOIN "Payment" p ON p."bookingId" = b.id AND p.status = 'SUCCEEDED'
      WHERE ${ofDemo ? "u.email = $1" : "(u.email IS NULL OR u.email <> $1)"}
      ORDER BY b."startsAt" DESC LIMIT 1`,
    demo.customer.email,
  );
  expect(row, `a paid booking ${ofDemo ? "of" : "not of"} the demo customer`).toBeTruthy();
  return row!;
}

beforeAll(async () => {
  customer = await signIn("customer", demo.customer.email, demo.customer.password);
  mine = await paidBooking(true);
  theirs = await paidBooking(false);
  const [next] = await sql<{ id: string; code: string }>(
    `SELECT id, code FROM "Booking"
      WHERE status IN ('PENDING', 'CONFIRMED') AND "startsAt" > now() ORDER BY "startsAt" LIMIT 1`,
  );
  expect(next, "a booking still to come").toBeTruthy();
  upcoming = next!;
  link = randomBytes(24).toString("base64url");
  await sql(
    `INSERT INTO "BookingAccessToken" (id, "bookingId", "tokenHash") VALUES ($1, $2, $3)`,
    `sec-pages-${randomBytes(6).toString("hex")}`,
    upcoming.id,
    hashToken(link),
  );
});

async function page(path: string, cookie?: string) {
  const res = await fetch(`${urls.customer}${path}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, body: await res.text() };
}

describe("a booking's pages show a booking to its owner only (G11)", () => {
  it("the owner, signed in: 200 for the booking, its balance and its receipt", async () => {
    for (const path of [
      `/bookings/${mine.id}`,
      `/bookings/${mine.id}/balance`,
      `/bookings/${mine.id}/receipts/${mine.receiptId}`,
    ]) {
      const r = await page(path, customer);
      expect(r.status, path).toBe(200);
      // The booking itself is on the page (server-read, handed to the page's client part).
      expect(r.body, path).toContain(mine.code);
    }
  });

  it("the booking's link, not signed in: 200", async () => {
    for (const path of [`/bookings/${upcoming.id}`, `/bookings/${upcoming.id}/balance`]) {
      const r = await page(`${path}?token=${link}`);
      expect(r.status, path).toBe(200);
      expect(r.body, path).toContain(upcoming.code);
    }
  });

  it("someone else's booking, a booking that doesn't exist, a wrong or cut-off link: nothing of any booking", async () => {
    const missing = `c${randomBytes(12).toString("hex")}`;
    const wrong = randomBytes(24).toString("base64url");
    const cases: [string, string, string | undefined][] = [
      ["someone else's booking, signed in", `/bookings/${theirs.id}`, customer],
      ["someone else's balance, signed in", `/bookings/${theirs.id}/balance`, customer],
      [
        "someone else's receipt, signed in",
        `/bookings/${theirs.id}/receipts/${theirs.receiptId}`,
        customer,
      ],
      [
        "someone else's receipt id on my booking",
        `/bookings/${mine.id}/receipts/${theirs.receiptId}`,
        customer,
      ],
      ["no such booking, signed in", `/bookings/${missing}`, customer],
      ["no such booking's balance", `/bookings/${missing}/balance`, customer],
      ["no such receipt", `/bookings/${mine.id}/receipts/${missing}`, customer],
      ["a booking, not signed in and no link", `/bookings/${upcoming.id}`, undefined],
      ["a wrong link", `/bookings/${upcoming.id}?token=${wrong}`, undefined],
      ["a wrong link, balance", `/bookings/${upcoming.id}/balance?token=${wrong}`, undefined],
      ["a cut-off link", `/bookings/${upcoming.id}?token=${link.slice(0, 10)}`, undefined],
      ["a link to another booking", `/bookings/${theirs.id}?token=${link}`, undefined],
      ["no such booking, with a link", `/bookings/${missing}?token=${link}`, undefined],
    ];
    for (const [what, path, cookie] of cases) {
      const r = await page(path, cookie);
      expect(r.status, what).toBe(200);
      // Nothing of the booking asked for, whether or not it exists.
      for (const b of [theirs, upcoming]) expect(r.body, what).not.toContain(b.code);
    }
  });
});
