// The money of changing a party, as the people involved notice it, against real Postgres and
// Redis in "pay at the event" mode:
// - F22: a change is made at the total the customer saw and confirmed. Without that total it is
//   refused (400, a sentence) on every surface; a price that moved between the preview and the
//   confirmation (a menu price, the tax rate) is a 409 naming the new total, and nothing is
//   written. Moving a booking (date and time only) is never re-priced, so it needs no total.
// - F5: money paid above a lowered total is owed back to the customer: the change and its email
//   say it will be refunded, staff see it on the admin booking ("Owed to the customer", paid
//   less the new total), the customer's money summary says so. A receipt keeps the figures of
//   the moment its money moved, whatever the party becomes afterwards.
// Every total here is worked out by hand from the fixture menu and settings (checked first), not
// asked of the quote engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeBookingStatus,
  createBooking,
  receiptsOfBooking,
  recordPaymentAtEvent,
  storeReceiptEmail,
} from "@myhibachi/core";
import { createCallerFactory, customerRouter, handleRest, type Context } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { dayIn, staffActor } from "./after-booking-support";
import { gql } from "./graphql-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

// The fixture business: Classic Hibachi at $60.00 an adult, chicken and steak without a
// surcharge, a $550.00 party minimum, 9.38% sales tax on the food (rounded half up), and the
// fixture address in the local zone (no travel fee); gratuity is only suggested, never in the
// total. So:
//   12 adults: $720.00 + tax 67.536 -> $67.54 = $787.54
//   10 adults: $600.00 + tax 56.28           = $656.28
//   12 adults at $65.00: $780.00 + tax 73.164 -> $73.16 = $853.16
//   12 adults with tax at 10%: $720.00 + $72.00 = $792.00
const TOTAL_12 = 78_754;
const TOTAL_10 = 65_628;
const TOTAL_12_AT_65 = 85_316;
const TOTAL_12_TAX_10 = 79_200;
const CUSTOMER_URL = "http://127.0.0.1:3999";

let env: Env;
let admin: AdminCallers;
let rest: ReturnType<typeof customerServerDeps>;
const emails: { to: string; subject: string; text: string; idempotencyKey: string }[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
  admin = await adminCallers(env);
  rest = customerServerDeps(env);
});
afterAll(async () => {
  await rest?.close();
  await env?.close();
});

/** The customer site's tRPC caller (signed out: the booking's link is the key). */
function site() {
  return createCallerFactory(customerRouter)({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    sendEmail: async (m) => {
      emails.push(m);
    },
    customerUrl: CUSTOMER_URL,
    cookieSecret: "c".repeat(40),
    payments: null,
    user: null,
    headers: new Headers(),
  } as Context);
}

let n = 0;
/** A confirmed booking (pay at the event) `days` ahead at 5 pm, and its link. */
async function book(days: number, adults: number) {
  n++;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `money-${n}-${Math.random()}`,
      date: dayIn(days),
      startMinute: 17 * 60,
      selection: classicSelection(adults),
      address: FIXTURE_ADDRESS,
      contact: { name: `Payer ${n}`, email: `payer${n}@example.com`, phone: "408-555-0100" },
    },
    { cache: env.cache },
  );
  await changeBookingStatus(
    env.t.db,
    { bookingId: b.id, action: "confirm", actor: { kind: "system" } },
    { cache: env.cache },
  );
  return { id: b.id, token: b.accessToken };
}

/** Everything a change writes, to compare before and after a refusal. */
async function written(id: string) {
  const db = env.t.db;
  const { updatedAt: _u, ...booking } = await db.booking.findUniqueOrThrow({ where: { id } });
  return {
    booking,
    lines: (
      await db.bookingLine.findMany({ where: { bookingId: id }, orderBy: { position: "asc" } })
    ).map(({ id: _id, ...l }) => l),
    events: await db.bookingEvent.count({ where: { bookingId: id } }),
    refunds: await db.refund.count({ where: { bookingId: id } }),
    emails: emails.length,
  };
}

const caught = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as Error);

/** A POST to the customer REST API (/api/v1), as a client would send it. */
async function restPost(path: string, body: unknown) {
  const res = await handleRest(
    new Request(`${CUSTOMER_URL}/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    "customer",
    rest,
  );
  return {
    status: res.status,
    json: (await res.json()) as { code?: string; message?: string; fields?: object },
  };
}

const CHANGE_MUTATION = /* GraphQL */ `
  mutation Change(
    $id: ID!
    $token: String
    $adults: Int!
    $proteins: [PortionInput!]!
    $expectedTotalCents: Int!
  ) {
    changeBookingParty(
      id: $id
      token: $token
      packageSlug: "classic"
      adults: $adults
      proteins: $proteins
      expectedTotalCents: $expectedTotalCents
    ) {
      changed
      totalCents
    }
  }
`;
const CHANGE_MUTATION_WITHOUT_TOTAL = /* GraphQL */ `
  mutation Change($id: ID!, $token: String, $adults: Int!, $proteins: [PortionInput!]!) {
    changeBookingParty(
      id: $id
      token: $token
      packageSlug: "classic"
      adults: $adults
      proteins: $proteins
    ) {
      changed
      totalCents
    }
  }
`;
const portions = (adults: number) => [
  { slug: "chicken", count: adults },
  { slug: "steak", count: adults },
];

describe("the figures these tests work out by hand", () => {
  it("are the fixture's: $60.00 an adult, no protein surcharge, $550.00 minimum, 9.38% tax, no travel fee at the fixture address", async () => {
    const db = env.t.db;
    const classic = await db.package.findFirstOrThrow({ where: { slug: "classic" } });
    expect(classic.adultPriceCents).toBe(6_000);
    const proteins = await db.menuItem.findMany({ where: { slug: { in: ["chicken", "steak"] } } });
    expect(proteins.map((p) => p.priceCents)).toEqual([0, 0]);
    const s = await db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect([s.partyMinimumCents, s.taxRateBps]).toEqual([55_000, 938]);
    const b = await book(40, 12);
    const row = await db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.travelFeeCents).toBe(0);
    expect(row.totalCents).toBe(TOTAL_12);
  });
});

describe("F22: a change is made at the total the customer confirmed", () => {
  it("without the total it is refused with a sentence on tRPC, REST and GraphQL (never a 500), and nothing is written", async () => {
    const b = await book(20, 12);
    const before = await written(b.id);

    const trpc = await caught(site().booking.change({ ...b, selection: classicSelection(10) }));
    expect(trpc).toMatchObject({ code: "BAD_REQUEST" });
    expect(trpc!.message).toMatch(/total/i);
    expect(trpc!.message).not.toMatch(/expectedTotalCents|Required|Invalid input/);

    const viaRest = await restPost(`/bookings/${b.id}/change`, {
      token: b.token,
      selection: classicSelection(10),
    });
    expect(viaRest.status).toBe(400);
    expect(viaRest.json.code).toBe("BAD_REQUEST");
    expect(viaRest.json.message).toBe(trpc!.message);
    expect(viaRest.json.fields).toHaveProperty("expectedTotalCents");

    // GraphQL: the argument is required (Int!): a document that leaves it out, or a variable
    // for it that isn't sent, is refused before anything runs, with a 400 naming it.
    for (const query of [CHANGE_MUTATION_WITHOUT_TOTAL, CHANGE_MUTATION]) {
      const viaGraphql = await gql("customer", rest, {
        query,
        variables: { id: b.id, token: b.token, adults: 10, proteins: portions(10) },
        dev: true,
      });
      expect(viaGraphql.status).toBe(400);
      // A document without the argument is a programmer's mistake, said as GraphQL says it; a
      // variable not sent is said in words, the field in the error's fields (as REST and tRPC).
      if (query === CHANGE_MUTATION_WITHOUT_TOTAL)
        expect(viaGraphql.body.errors?.[0]?.message).toMatch(/"expectedTotalCents".*required/);
      else {
        expect(viaGraphql.body.errors?.[0]?.message).toBe("The expected total cents is required.");
        expect(JSON.stringify(viaGraphql.body.errors?.[0]?.extensions)).toContain(
          "expectedTotalCents",
        );
      }
    }
    expect(await written(b.id)).toEqual(before);

    // With the total the preview showed, the same change goes through (here over GraphQL).
    const preview = await site().booking.previewChange({ ...b, selection: classicSelection(10) });
    expect(preview.plan!.money.newTotalCents).toBe(TOTAL_10);
    const done = await gql("customer", rest, {
      query: CHANGE_MUTATION,
      variables: {
        id: b.id,
        token: b.token,
        adults: 10,
        proteins: portions(10),
        expectedTotalCents: TOTAL_10,
      },
      dev: true,
    });
    expect(done.body.errors).toBeUndefined();
    expect(done.body.data.changeBookingParty).toEqual({ changed: true, totalCents: TOTAL_10 });
  });

  it('the total as text ("78754") is refused the same on REST, tRPC and GraphQL, before and after REST calls, and nothing is written (G10)', async () => {
    // The JSON API documents numbers. REST used to read "78754" as 78754: trpc-to-openapi set
    // `coerce` on the operation's own schema, which tRPC shares, so after one REST call the
    // site's tRPC endpoint read numbers from text too.
    const b = await book(23, 10);
    const before = await written(b.id);
    const AS_TEXT =
      "Send the new total you confirmed as a number of cents, like 65628, not as text.";
    const asText = { selection: classicSelection(12), expectedTotalCents: String(TOTAL_12) };

    for (const round of ["first", "after a REST call"]) {
      const viaRest = await restPost(`/bookings/${b.id}/change`, { token: b.token, ...asText });
      expect(viaRest.status, round).toBe(400);
      expect(viaRest.json, round).toMatchObject({ code: "BAD_REQUEST", message: AS_TEXT });
      expect(viaRest.json.fields, round).toEqual({ expectedTotalCents: AS_TEXT });

      const trpc = await caught(site().booking.change({ ...b, ...asText } as never));
      expect(trpc, round).toMatchObject({ code: "BAD_REQUEST", message: AS_TEXT });
    }
    // Other numbers of a body, too: the guest count as text is not read as a number either.
    const adults = await restPost(`/bookings/${b.id}/change`, {
      token: b.token,
      selection: { ...classicSelection(12), adults: "12" },
      expectedTotalCents: TOTAL_12,
    });
    expect(adults.status).toBe(400);
    expect(adults.json.message).toBe(
      "Enter the number of adults as a number, like 12, not as text.",
    );
    const trpcAdults = await caught(
      site().booking.change({
        ...b,
        selection: { ...classicSelection(12), adults: "12" },
        expectedTotalCents: TOTAL_12,
      } as never),
    );
    expect(trpcAdults?.message).toBe(adults.json.message);
    // GraphQL's own type check refuses a string for an Int! argument, naming it.
    const viaGraphql = await gql("customer", rest, {
      query: CHANGE_MUTATION,
      variables: {
        id: b.id,
        token: b.token,
        adults: 12,
        proteins: portions(12),
        expectedTotalCents: String(TOTAL_12),
      },
      dev: true,
    });
    expect(viaGraphql.status).toBe(400);
    expect(viaGraphql.body.errors?.[0]?.message).toBe(
      'Send the expected total cents as a whole number, like 20, not "78754".',
    );
    expect(JSON.stringify(viaGraphql.body.errors?.[0]?.extensions)).toContain("expectedTotalCents");
    expect(await written(b.id)).toEqual(before);

    // The same total as a number goes through.
    const done = await restPost(`/bookings/${b.id}/change`, {
      token: b.token,
      selection: classicSelection(12),
      expectedTotalCents: TOTAL_12,
    });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ changed: true, totalCents: TOTAL_12 });
  });

  it("a menu price edited between the preview and the confirmation: a 409 naming the new total, nothing written; confirming the new total works", async () => {
    const b = await book(21, 10);
    const preview = await site().booking.previewChange({ ...b, selection: classicSelection(12) });
    expect(preview.plan!.money.newTotalCents).toBe(TOTAL_12);

    // The owner raises the adult price to $65.00 meanwhile.
    const owner = admin.caller("OWNER");
    const classic = await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } });
    await owner.owner.menu.updatePackage({
      id: classic.id,
      pkg: { adultPriceCents: 6_500 },
      updatedAt: classic.updatedAt,
    });
    try {
      const before = await written(b.id);
      const stale = await caught(
        site().booking.change({
          ...b,
          selection: classicSelection(12),
          expectedTotalCents: TOTAL_12,
        }),
      );
      expect(stale).toMatchObject({ code: "CONFLICT" });
      expect(stale!.message).toBe(
        "The new total is now $853.16, not the $787.54 you saw: the booking or our prices changed meanwhile. Please look at the new total and confirm again.",
      );
      const viaRest = await restPost(`/bookings/${b.id}/change`, {
        token: b.token,
        selection: classicSelection(12),
        expectedTotalCents: TOTAL_12,
      });
      expect(viaRest.status).toBe(409);
      expect(viaRest.json.message).toBe(stale!.message);
      expect(await written(b.id)).toEqual(before);

      const again = await site().booking.previewChange({ ...b, selection: classicSelection(12) });
      expect(again.plan!.money.newTotalCents).toBe(TOTAL_12_AT_65);
      const done = await site().booking.change({
        ...b,
        selection: classicSelection(12),
        expectedTotalCents: TOTAL_12_AT_65,
      });
      expect(done.totalCents).toBe(TOTAL_12_AT_65);
    } finally {
      const now = await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } });
      await owner.owner.menu.updatePackage({
        id: classic.id,
        pkg: { adultPriceCents: 6_000 },
        updatedAt: now.updatedAt,
      });
    }
  });

  it("the tax rate changed between the preview and the confirmation: a 409 naming the new total, nothing written", async () => {
    const b = await book(22, 10);
    const owner = admin.caller("OWNER");
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    await owner.owner.settings.update({ version: s.version, taxRateBps: 1_000 });
    try {
      const before = await written(b.id);
      const stale = await caught(
        site().booking.change({
          ...b,
          selection: classicSelection(12),
          expectedTotalCents: TOTAL_12,
        }),
      );
      expect(stale).toMatchObject({ code: "CONFLICT" });
      expect(stale!.message).toMatch(/^The new total is now \$792\.00, not the \$787\.54 you saw/);
      expect(await written(b.id)).toEqual(before);
      expect(
        (await site().booking.previewChange({ ...b, selection: classicSelection(12) })).plan!.money
          .newTotalCents,
      ).toBe(TOTAL_12_TAX_10);
    } finally {
      const now = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
      await owner.owner.settings.update({ version: now.version, taxRateBps: 938 });
    }
  });

  it("moving the booking (date and time only) is not re-priced, so it needs no total: after a price edit the total and its lines stay", async () => {
    const b = await book(23, 10);
    const lines = async () =>
      (
        await env.t.db.bookingLine.findMany({
          where: { bookingId: b.id },
          orderBy: { position: "asc" },
        })
      ).map((l) => [l.code, l.totalCents]);
    const before = await lines();
    const owner = admin.caller("OWNER");
    const classic = await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } });
    await owner.owner.menu.updatePackage({
      id: classic.id,
      pkg: { adultPriceCents: 6_500 },
      updatedAt: classic.updatedAt,
    });
    try {
      await site().booking.reschedule({ ...b, date: dayIn(24), startMinute: 18 * 60 });
      const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
      expect(row.totalCents).toBe(TOTAL_10);
      expect(await lines()).toEqual(before);
    } finally {
      const now = await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } });
      await owner.owner.menu.updatePackage({
        id: classic.id,
        pkg: { adultPriceCents: 6_000 },
        updatedAt: now.updatedAt,
      });
    }
  });
});

describe("F5: paid more than the new total", () => {
  it("paid in full at the event, then fewer guests: the change and its email say the difference is refunded, staff see it owed, the customer's money says so; more guests again and it is gone", async () => {
    const b = await book(30, 12);
    const staff = admin.caller("STAFF");
    // Staff record the whole total paid in cash (a $50.00 tip on top).
    await staff.bookings.recordPayment({ id: b.id, method: "CASH", tipCents: 5_000 });
    const paidPage = await staff.bookings.get({ id: b.id });
    expect(paidPage.owedBack).toBeNull();

    // Paid $787.54 towards the total; 10 adults cost $656.28: $131.26 is owed back (the tip
    // stays the chef's).
    const preview = await site().booking.previewChange({ ...b, selection: classicSelection(10) });
    expect(preview.plan!.money.sentence).toContain("$131.26");
    expect(preview.plan!.money.sentence).toMatch(/refund/i);
    const done = await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: TOTAL_10,
    });
    expect(done.money).toBe(preview.plan!.money.sentence);
    expect(done.money).toMatch(/we'll refund the \$131\.26/i);
    const event = await env.t.db.bookingEvent.findFirstOrThrow({
      where: { bookingId: b.id, type: "party-changed" },
    });
    const mail = emails.find((e) => e.idempotencyKey === `booking.changed:${b.id}:${event.id}`);
    expect(mail, "the change email").toBeDefined();
    expect(mail!.text).toContain(done.money);
    // The email's payments list names what is owed back too.
    expect(mail!.text).toMatch(/refund.*: \$131\.26/i);

    // Staff: the "Owed to the customer" card, with paid less the new total.
    const detail = await staff.bookings.get({ id: b.id });
    expect(detail.owedBack).toMatchObject({ cents: 13_126 });
    expect(detail.owedBack!.sentence).toContain("$131.26");
    expect(detail.owedBack!.sentence).toContain("$787.54");
    expect(detail.owedBack!.sentence).toContain("$656.28");
    expect(detail.owedBack!.sentence).toMatch(/in person/);
    // The staff page's money and history talk about the customer, never "you".
    expect(detail.money.headline).toBe(
      "The customer is owed $131.26: they paid $787.54 and the total is now $656.28. Our team will return it to them directly (it was paid in person).",
    );
    const changed = detail.history.find((h) => h.sentence.includes("changed the party"));
    expect(changed?.sentence).toContain(
      "The customer has paid $787.54, more than the new total: we'll refund the $131.26 difference",
    );
    for (const text of [
      detail.money.headline,
      ...detail.money.lines.map((l) => l.label),
      ...detail.history.map((h) => h.sentence),
    ])
      expect(text).not.toMatch(/\byou(?:'|r\b|\b)/i);

    // The customer: a refund is owed, not a silent zero balance.
    const page = await site().booking.get(b);
    expect(page.money.balanceDueCents).toBe(0);
    expect(page.money.owedBackCents).toBe(13_126);
    expect(page.money.headline).toMatch(/owed a refund of \$131\.26/);
    expect(page.money.lines).toContainEqual(
      expect.objectContaining({ kind: "owed_back", amountCents: 13_126 }),
    );
    const payments = await site().booking.payments(b);
    expect(payments.balance.notice).toMatch(/refund of \$131\.26/);

    // Back to 12 adults: what was paid covers the total exactly; nothing is owed any more.
    await site().booking.change({
      ...b,
      selection: classicSelection(12),
      expectedTotalCents: TOTAL_12,
    });
    expect((await staff.bookings.get({ id: b.id })).owedBack).toBeNull();
    const after = await site().booking.get(b);
    expect(after.money.owedBackCents).toBe(0);
    expect(after.money.lines.map((l) => l.kind)).not.toContain("owed_back");
  });

  it("paid part of it, then fewer guests but still more than was paid: nothing is owed back, the balance is the new total less what was paid", async () => {
    const b = await book(31, 12);
    const staff = admin.caller("STAFF");
    await staff.bookings.recordPayment({ id: b.id, method: "CARD_IN_PERSON", amountCents: 20_000 });
    const done = await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: TOTAL_10,
    });
    expect(done.money).not.toMatch(/refund/i);
    expect((await staff.bookings.get({ id: b.id })).owedBack).toBeNull();
    const page = await site().booking.get(b);
    expect(page.money.owedBackCents).toBe(0);
    expect(page.money.balanceDueCents).toBe(TOTAL_10 - 20_000);
  });

  it("a receipt keeps the figures of its payment: the total then, what was paid and still due then, after the party changed (the page, and a receipt email stored later)", async () => {
    const b = await book(32, 12);
    const owner = await staffActor(env);
    // $200.00 paid by card at 12 adults: the total was $787.54, $587.54 still to pay.
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CARD_IN_PERSON", amountCents: 20_000 },
      { userId: owner.userId, role: "OWNER" },
      { cache: env.cache },
    );
    const [ref] = await receiptsOfBooking(env.t.db, b.id);
    const then = await site().booking.receipt({ ...b, receiptId: ref!.id });
    expect(then.account).toMatchObject({
      bookingTotalCents: TOTAL_12,
      paidTowardTotalCents: 20_000,
      balanceDueCents: TOTAL_12 - 20_000,
    });
    expect(then.booking.guests).toBe(12);

    await site().booking.change({
      ...b,
      selection: classicSelection(10),
      expectedTotalCents: TOTAL_10,
    });
    // The booking moved on ($456.28 now due)...
    expect((await site().booking.get(b)).money.balanceDueCents).toBe(TOTAL_10 - 20_000);
    // ...the receipt didn't.
    const later = await site().booking.receipt({ ...b, receiptId: ref!.id });
    expect(later.totalCents).toBe(20_000);
    expect(later.account).toEqual(then.account);
    expect(later.booking.guests).toBe(12);
    expect(later.lines).toEqual(then.lines);

    // The receipts job stores the email only now (it runs on a schedule): the same figures.
    const mail = await storeReceiptEmail(env.t.db, "payment", ref!.id, {
      customerUrl: CUSTOMER_URL,
    });
    expect(mail).not.toBeNull();
    expect(mail!.text).toContain("12 guests");
    expect(mail!.text).toContain(
      "Booking total $787.54 · paid towards it $200.00 · still to pay $587.54",
    );
    expect(mail!.text).not.toContain("$656.28");
  });
});
