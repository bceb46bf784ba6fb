// Changing a booking as its customer (issue 13, point 6), against real Postgres and Redis, in
// "pay at the event" mode, through the customer site's own tRPC procedures (the operations the
// booking page calls): the guest count and menu re-quoted by the quote engine, the chefs' time
// re-checked when the party grows, the policy's windows, two changes at once, the history and
// the emails; and moving a booking: the times offered exclude its own block, and the email names
// the old and the new time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  adminBookingDetail,
  cancelBooking,
  changeBookingStatus,
  composeBookingEmail,
  computeQuote,
  createBooking,
  loadCatalogFromDb,
  receiptEmailText,
  receiptFor,
  receiptsOfBooking,
  recordPaymentAtEvent,
  resolveLocation,
  type QuoteSelection,
} from "@myhibachi/core";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { bookingHistory } from "../../packages/core/src/admin/booking-history";
import { staffActor } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

const HOUR = 3600_000;
// "Now" is fixed; events are about two weeks later (past the week the guest count is final).
const NOW = new Date("2026-06-01T17:00:00Z");
/** Saturday, June 13, 2026 (Pacific time). */
const DATE = "2026-06-13";
const CUSTOMER_URL = "http://127.0.0.1:3999";

let env: Env;
const emails: { to: string; subject: string; text: string; idempotencyKey: string }[] = [];

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await env.t.db.businessSettings.update({
    where: { id: 1 },
    // Many bookings share one email here; 3:30 pm is offered so a booking can sit right after
    // a lunch party (block 11:00-14:30) with nothing in between.
    data: { bookingRateLimit: 1000, slotStartMinutes: [12 * 60, 15 * 60 + 30, 17 * 60, 18 * 60] },
  });
});
afterAll(async () => env?.close());

/** The customer site's tRPC caller (signed out: the booking's link is the key), at `now`. */
function site(now = NOW) {
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
    now: () => now,
  } as Context);
}

let n = 0;
/** A confirmed booking (pay at the event) on `date` at `startMinute`, and its link token. */
async function book(date: string, startMinute: number, selection: QuoteSelection) {
  n++;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `change-${n}-${Math.random()}`,
      date,
      startMinute,
      selection,
      address: FIXTURE_ADDRESS,
      contact: { name: `Guest ${n}`, email: `guest${n}@example.com`, phone: "408-555-0100" },
    },
    { cache: env.cache, now: () => NOW },
  );
  await changeBookingStatus(
    env.t.db,
    { bookingId: b.id, action: "confirm", actor: { kind: "system" } },
    { cache: env.cache, now: () => NOW },
  );
  return { id: b.id, token: b.accessToken };
}

/** Everything a change writes, to compare before and after a refusal. */
async function snapshot(id: string) {
  const db = env.t.db;
  const booking = await db.booking.findUniqueOrThrow({ where: { id } });
  return {
    booking: { ...booking, updatedAt: null },
    lines: await db.bookingLine.findMany({
      where: { bookingId: id },
      orderBy: { position: "asc" },
    }),
    chefs: await db.bookingChef.findMany({ where: { bookingId: id }, orderBy: { chefId: "asc" } }),
    events: await db.bookingEvent.count({ where: { bookingId: id } }),
    emails: emails.length,
  };
}

/** The quote engine's price of `selection` at the fixture address, from the database's menu. */
async function expectedQuote(selection: QuoteSelection) {
  const catalog = await loadCatalogFromDb(env.t.db);
  const loc = await resolveLocation(env.t.db, catalog, FIXTURE_ADDRESS.postalCode);
  return computeQuote(catalog, loc.zone, selection);
}

/** The total the preview shows for `selection` (what the customer confirms with the change). */
const totalOf = async (selection: QuoteSelection) => (await expectedQuote(selection)).totalCents;

const premium14: QuoteSelection = {
  packageSlug: "premium",
  adults: 12,
  children: 2,
  proteins: { chicken: 14, steak: 14, "filet-mignon": 14 },
  extras: { gyoza: 14 },
};

/** Cancels the test's bookings so the next test has the chef to itself. */
async function cleanup(...ids: string[]) {
  for (const id of ids)
    await cancelBooking(
      env.t.db,
      { bookingId: id, reason: "test done", actor: { kind: "system" } },
      { cache: env.cache, now: () => NOW },
    );
}

/** "$1,234.50", written out here rather than borrowed from the code under test. */
const dollars = (c: number) =>
  `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe("changing the guest count and the menu", () => {
  it("shows the quote engine's new total and what changes before confirming, then stores exactly that, with a history note and an email naming old and new values", async () => {
    const b = await book(DATE, 12 * 60, classicSelection(10));
    const before = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    const expected = await expectedQuote(premium14);

    const preview = await site().booking.previewChange({ ...b, selection: premium14 });
    expect(preview.window.open).toBe(true);
    expect(preview.current.selection.adults).toBe(10);
    expect(preview.plan!.problem).toBeNull();
    expect(preview.plan!.quote.totalCents).toBe(expected.totalCents);
    expect(preview.plan!.quote.lines.map((l) => [l.code, l.totalCents])).toEqual(
      expected.lines.map((l) => [l.code, l.totalCents]),
    );
    expect(preview.plan!.money.oldTotalCents).toBe(before.totalCents);
    expect(preview.plan!.money.newTotalCents).toBe(expected.totalCents);
    expect(preview.plan!.changes).toContainEqual({
      what: "Guests",
      from: "10 adults",
      to: "12 adults and 2 children",
    });
    expect(preview.plan!.changes).toContainEqual({
      what: "Package",
      from: "Classic Hibachi",
      to: "Premium Hibachi",
    });
    // Nothing is stored by looking.
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).totalCents).toBe(
      before.totalCents,
    );

    const done = await site().booking.change({
      ...b,
      selection: premium14,
      allergies: "One guest is allergic to shellfish",
      expectedTotalCents: expected.totalCents,
    });
    expect(done.changed).toBe(true);
    const after = await env.t.db.booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { lines: { orderBy: { position: "asc" } }, package: true },
    });
    expect(after.adults).toBe(12);
    expect(after.children).toBe(2);
    expect(after.package.slug).toBe("premium");
    expect(after.allergies).toBe("One guest is allergic to shellfish");
    expect(after.selection).toMatchObject({
      proteins: premium14.proteins,
      extras: premium14.extras,
    });
    expect(after.totalCents).toBe(expected.totalCents);
    expect(after.subtotalCents).toBe(expected.subtotalCents);
    expect(after.taxCents).toBe(expected.taxCents);
    expect(after.balanceCents).toBe(expected.totalCents - after.depositCents);
    expect(after.lines.map((l) => [l.code, l.quantity, l.totalCents])).toEqual(
      expected.lines.map((l) => [l.code, l.quantity, l.totalCents]),
    );
    // The history names what changed, from and to.
    const event = await env.t.db.bookingEvent.findFirstOrThrow({
      where: { bookingId: b.id, type: "party-changed" },
    });
    expect(event.actor).toBe("customer-link");
    expect(event.data).toMatchObject({
      from: {
        adults: 10,
        children: 0,
        packageName: "Classic Hibachi",
        totalCents: before.totalCents,
      },
      to: {
        adults: 12,
        children: 2,
        packageName: "Premium Hibachi",
        totalCents: expected.totalCents,
      },
    });
    // Staff read it as a sentence in the admin booking's history.
    const [entry] = await bookingHistory(env.t.db, [event], "America/Los_Angeles");
    expect(entry!.sentence).toContain(
      "changed the party (Guests: 10 adults → 12 adults and 2 children; Package: Classic Hibachi → Premium Hibachi",
    );
    // The email says what it was and what it is now, and the new total.
    const mail = emails.find((e) => e.idempotencyKey === `booking.changed:${b.id}:${event.id}`);
    expect(mail, "the change email").toBeDefined();
    expect(mail!.to).toBe(before.contactEmail);
    expect(mail!.subject).toBe(`Your booking ${before.code} is updated`);
    expect(mail!.text).toContain("Guests: 10 adults → 12 adults and 2 children");
    expect(mail!.text).toContain("Package: Classic Hibachi → Premium Hibachi");
    expect(mail!.text).toContain(
      "Allergies and diets: none given → One guest is allergic to shellfish",
    );
    expect(mail!.text).toContain(
      `The total goes from ${dollars(before.totalCents)} to ${dollars(expected.totalCents)}.`,
    );
    expect(mail!.text).toContain(`you pay ${dollars(expected.totalCents)} at the event`);

    // The same change again (a second tab, a retry) changes nothing and sends nothing.
    const again = snapshotOf(await snapshot(b.id));
    const twice = await site().booking.change({
      ...b,
      selection: premium14,
      allergies: "One guest is allergic to shellfish",
      expectedTotalCents: expected.totalCents,
    });
    expect(twice.changed).toBe(false);
    expect(snapshotOf(await snapshot(b.id))).toEqual(again);
    await cleanup(b.id);
  });

  it("two changes at once are applied one after the other, never mixed: the row, its lines and history agree with one of them", async () => {
    const b = await book(DATE, 17 * 60, classicSelection(10));
    const a = classicSelection(12);
    const c = classicSelection(16, 2);
    const [qa, qc] = await Promise.all([expectedQuote(a), expectedQuote(c)]);
    const results = await Promise.allSettled([
      site().booking.change({ ...b, selection: a, expectedTotalCents: qa.totalCents }),
      site().booking.change({ ...b, selection: c, expectedTotalCents: qc.totalCents }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const after = await env.t.db.booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    const events = await env.t.db.bookingEvent.findMany({
      where: { bookingId: b.id, type: "party-changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(events).toHaveLength(2);
    // The second change started from the first one's result, not from the original party.
    const [first, second] = events.map(
      (e) => e.data as { from: { adults: number }; to: { adults: number } },
    );
    expect(second!.from.adults).toBe(first!.to.adults);
    const final = after.adults === 12 ? qa : qc;
    expect(second!.to.adults).toBe(after.adults);
    expect(after.totalCents).toBe(final.totalCents);
    expect(after.lines.map((l) => [l.code, l.totalCents])).toEqual(
      final.lines.map((l) => [l.code, l.totalCents]),
    );
    await cleanup(b.id);
  });

  it("outside the policy's window: a readable refusal that writes nothing; after the final count the party can grow but not shrink", async () => {
    const b = await book(DATE, 17 * 60, classicSelection(10));
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(s.partyChangeCutoffHours).toBe(72);
    expect(s.guestDecreaseCutoffHours).toBe(168);

    // Two days before: changes closed (72 hours before).
    const late = new Date(row.startsAt.getTime() - 48 * HOUR);
    const before = await snapshot(b.id);
    const closed = await site(late)
      .booking.change({
        ...b,
        selection: classicSelection(12),
        expectedTotalCents: await totalOf(classicSelection(12)),
      })
      .catch((e: unknown) => e);
    expect(closed).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((closed as Error).message).toMatch(
      /^Online changes closed Wed, Jun 10, 5:00 PM \(72 hours before the event\)/,
    );
    expect((closed as Error).message).toContain("call us at (408) 555-0142");
    expect(snapshotOf(await snapshot(b.id))).toEqual(snapshotOf(before));
    const seen = await site(late).booking.previewChange({ ...b });
    expect(seen.window).toMatchObject({ open: false, canLowerGuests: false });

    // Five days before: the guest count is final, so fewer guests is refused; more is fine.
    const final = new Date(row.startsAt.getTime() - 5 * 24 * HOUR);
    const fewer = await site(final)
      .booking.change({
        ...b,
        selection: classicSelection(8),
        expectedTotalCents: await totalOf(classicSelection(8)),
      })
      .catch((e: unknown) => e);
    expect(fewer).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((fewer as Error).message).toBe(
      "Your guest count became final on Sat, Jun 6, 5:00 PM (7 days before the event): it can still go up, but not down. Keep at least 10 guests, or call us at (408) 555-0142.",
    );
    expect(snapshotOf(await snapshot(b.id))).toEqual(snapshotOf(before));
    const more = await site(final).booking.change({
      ...b,
      selection: classicSelection(11),
      expectedTotalCents: await totalOf(classicSelection(11)),
    });
    expect(more.changed).toBe(true);
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).adults).toBe(11);

    // Never below the business's minimum party (the quote engine's own rule).
    await env.t.db.businessSettings.update({ where: { id: 1 }, data: { minGuests: 8 } });
    const tiny = await site()
      // (No price to confirm: the quote engine refuses the party first.)
      .booking.change({ ...b, selection: classicSelection(6), expectedTotalCents: 0 })
      .catch((e: unknown) => e);
    expect(tiny).toMatchObject({ code: "BAD_REQUEST", message: "We cook for at least 8 guests." });
    await env.t.db.businessSettings.update({ where: { id: 1 }, data: { minGuests: 1 } });
    await cleanup(b.id);
  });

  it("after the final count, adults can't become children (a lower bill), said in words; more children on top is fine", async () => {
    const b = await book("2026-07-04", 17 * 60, classicSelection(10));
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    const final = new Date(row.startsAt.getTime() - 5 * 24 * HOUR);
    const before = await snapshot(b.id);
    const swap = classicSelection(5, 5);
    const seen = await site(final).booking.previewChange({ ...b, selection: swap });
    expect(seen.plan?.problem?.message).toBe(
      "Your guest count became final on Sat, Jun 27, 5:00 PM (7 days before the event): it can still go up, but not down, and that includes the number of adults. Keep at least 10 adults, or call us at (408) 555-0142.",
    );
    const refused = await site(final)
      .booking.change({ ...b, selection: swap, expectedTotalCents: await totalOf(swap) })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((refused as Error).message).toContain("that includes the number of adults");
    expect(snapshotOf(await snapshot(b.id))).toEqual(snapshotOf(before));
    // Before the final count the same change is fine; after it, children added on top are too.
    expect(
      (await site().booking.previewChange({ ...b, selection: swap })).plan?.problem,
    ).toBeNull();
    const more = await site(final).booking.change({
      ...b,
      selection: classicSelection(10, 2),
      expectedTotalCents: await totalOf(classicSelection(10, 2)),
    });
    expect(more.changed).toBe(true);
    await cleanup(b.id);
  });

  it("moving away and back after the final count doesn't reopen it; a move made well before it follows the new date", async () => {
    const b = await book("2026-07-18", 17 * 60, classicSelection(10));
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    // Five days before: the count is final (since Sat, Jul 11, 5 PM).
    const final = new Date(row.startsAt.getTime() - 5 * 24 * HOUR);
    await site(final).booking.reschedule({ ...b, date: "2026-07-25", startMinute: 17 * 60 });
    const away = await site(final).booking.previewChange({ ...b, selection: classicSelection(5) });
    expect(away.window).toMatchObject({ canLowerGuests: false });
    expect(away.window.finalCountAt.toISOString()).toBe("2026-07-12T00:00:00.000Z");
    expect(away.plan?.problem?.message).toBe(
      "Your guest count became final on Sat, Jul 11, 5:00 PM (7 days before the date your booking had then; moving it doesn't reopen it): it can still go up, but not down. Keep at least 10 guests, or call us at (408) 555-0142.",
    );
    const later = new Date(final.getTime() + HOUR);
    await site(later).booking.reschedule({ ...b, date: "2026-07-18", startMinute: 17 * 60 });
    const before = await snapshot(b.id);
    const back = await site(later)
      .booking.change({
        ...b,
        selection: classicSelection(5),
        expectedTotalCents: await totalOf(classicSelection(5)),
      })
      .catch((e: unknown) => e);
    expect(back).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((back as Error).message).toMatch(
      /^Your guest count became final on Sat, Jul 11, 5:00 PM/,
    );
    expect(snapshotOf(await snapshot(b.id))).toEqual(snapshotOf(before));
    await cleanup(b.id);

    // Moved two weeks ahead of its final count: the count follows the new date.
    const c = await book("2026-06-20", 17 * 60, classicSelection(10));
    await site().booking.reschedule({ ...c, date: "2026-08-01", startMinute: 17 * 60 });
    const weekBefore = new Date("2026-07-20T17:00:00Z"); // past the old date, 12 days before the new
    const fewer = await site(weekBefore).booking.change({
      ...c,
      selection: classicSelection(8),
      expectedTotalCents: await totalOf(classicSelection(8)),
    });
    expect(fewer.changed).toBe(true);
    await cleanup(c.id);
  });

  it("a party that grows into the chef's next booking is refused with the times it would fit, and nothing moves; growth that fits moves the chef's block", async () => {
    const day = "2026-06-20";
    // One chef: lunch for 20 (12:00-14:00, block 11:00-14:30), then another party at 3:30 pm
    // (block from 14:30). 21 guests cook 15 minutes longer: the block would end at 14:45.
    const lunch = await book(day, 12 * 60, classicSelection(20));
    const next = await book(day, 15 * 60 + 30, classicSelection(10));
    const before = await snapshot(lunch.id);

    const preview = await site().booking.previewChange({
      ...lunch,
      selection: classicSelection(21),
    });
    expect(preview.plan!.problem).toMatchObject({ code: "CONFLICT" });
    const refused = await site()
      .booking.change({
        ...lunch,
        selection: classicSelection(21),
        expectedTotalCents: await totalOf(classicSelection(21)),
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT" });
    const message = (refused as Error).message;
    expect(message).toMatch(
      /^A party of 21 runs until 2:15 PM, and your chef isn't free that long on Saturday, June 20\. A party of 21 would fit .+: move your booking there first, then add the guests\. Or keep 20 guests, or call us at \(408\) 555-0142\.$/,
    );
    const offered = ((refused as { cause: AppError }).cause.details?.alternatives ?? []) as {
      date: string;
      startMinute: number;
    }[];
    expect(offered).toEqual(preview.plan!.problem!.alternatives);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).not.toContainEqual(
      expect.objectContaining({ date: day, startMinute: 12 * 60 }),
    );
    expect(snapshotOf(await snapshot(lunch.id))).toEqual(snapshotOf(before));

    // More than one chef can cook for (25): a second chef is needed and there is none.
    const big = await site()
      .booking.change({
        ...next,
        selection: classicSelection(26),
        expectedTotalCents: await totalOf(classicSelection(26)),
      })
      .catch((e: unknown) => e);
    expect(big).toMatchObject({ code: "CONFLICT" });
    expect((big as Error).message).toMatch(
      /^A party of 26 needs 2 chefs, and we don't have another chef free on Saturday, June 20 at 3:30 PM\./,
    );

    // With the next party gone, 21 guests fit: the chef's block grows by 15 minutes.
    await cleanup(next.id);
    await site().booking.change({
      ...lunch,
      selection: classicSelection(21),
      expectedTotalCents: await totalOf(classicSelection(21)),
    });
    const blocks = await env.t.db.bookingChef.findMany({
      where: { bookingId: lunch.id, live: true },
    });
    expect(blocks).toHaveLength(1);
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: lunch.id } });
    expect(blocks[0]!.blockEnd.getTime() - before.chefs[0]!.blockEnd.getTime()).toBe(15 * 60_000);
    expect(row.endsAt.getTime() - before.booking.endsAt.getTime()).toBe(15 * 60_000);
    expect(blocks[0]!.chefId).toBe(before.chefs[0]!.chefId);
    await cleanup(lunch.id);
  });

  it("someone else's link changes nothing", async () => {
    const b = await book(DATE, 17 * 60, classicSelection(10));
    const before = await snapshot(b.id);
    const other = await site()
      .booking.change({
        id: b.id,
        token: "x".repeat(43),
        selection: classicSelection(12),
        expectedTotalCents: await totalOf(classicSelection(12)),
      })
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ code: "NOT_FOUND" });
    expect(snapshotOf(await snapshot(b.id))).toEqual(snapshotOf(before));
    await cleanup(b.id);
  });
});

describe("moving a booking", () => {
  it("offers times around its own (its block is not busy for itself), and the email names the old and the new time", async () => {
    const day = "2026-06-27";
    const b = await book(day, 17 * 60, classicSelection(10));
    const times = await site().booking.rescheduleTimes({ ...b, from: day, to: day });
    const onDay = times.slots.map((s) => [s.startMinute, s.current]);
    // With the only chef on this booking, a new party finds nothing that evening; the booking
    // itself can move to 3:30 pm or 6 pm, which overlap where it is now.
    const forNewParty = await site().booking.availability({
      from: day,
      to: day,
      guests: 10,
      postalCode: FIXTURE_ADDRESS.postalCode,
    });
    expect(forNewParty.slots.map((s) => s.startMinute)).toEqual([12 * 60]);
    expect(onDay).toEqual([
      [12 * 60, false],
      [15 * 60 + 30, false],
      [17 * 60, true],
      [18 * 60, false],
    ]);
    expect(times.slots.every((s) => s.sameChef)).toBe(true);
    const total = (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).totalCents;
    expect(times.notes[0]).toBe(
      `Moving is free: your party, menu and total (${dollars(total)}) stay the same.`,
    );

    const moved = await site().booking.reschedule({ ...b, date: day, startMinute: 18 * 60 });
    expect(moved.startsAt.toISOString()).toBe("2026-06-28T01:00:00.000Z");
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.startsAt.toISOString()).toBe("2026-06-28T01:00:00.000Z");
    const mail = emails.filter((e) => e.idempotencyKey.startsWith(`booking.rescheduled:${b.id}:`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain("Was: Saturday, June 27, 2026 at 5:00 PM");
    expect(mail[0]!.text).toContain("Now: Saturday, June 27, 2026 at 6:00 PM");

    // Moving back and forth is two moves: two emails, each with its own times.
    await site().booking.reschedule({ ...b, date: day, startMinute: 17 * 60 });
    await site().booking.reschedule({ ...b, date: day, startMinute: 18 * 60 });
    const all = emails.filter((e) => e.idempotencyKey.startsWith(`booking.rescheduled:${b.id}:`));
    expect(all).toHaveLength(3);
    expect(all[1]!.text).toContain("Was: Saturday, June 27, 2026 at 6:00 PM");
    expect(all[1]!.text).toContain("Now: Saturday, June 27, 2026 at 5:00 PM");
    await cleanup(b.id);
  });
});

describe("two tabs on the same booking (attack R6-7)", () => {
  it("a move from a stale view (the start it showed has changed) is refused with the current time, and writes nothing", async () => {
    const day = "2026-08-08";
    const b = await book(day, 12 * 60, classicSelection(10));
    // Both tabs show the booking at noon.
    const seen = (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).startsAt;
    expect(seen.toISOString()).toBe("2026-08-08T19:00:00.000Z");

    // Tab A moves it to 5 pm: the answer says where it was.
    const a = await site().booking.reschedule({
      ...b,
      date: day,
      startMinute: 17 * 60,
      expectedStartsAt: seen.toISOString(),
    });
    expect(a.startsAt.toISOString()).toBe("2026-08-09T00:00:00.000Z");
    expect(a.previousStartsAt.toISOString()).toBe(seen.toISOString());
    const afterA = await snapshot(b.id);

    // Tab B, opened before, still shows noon and picks 6 pm: refused, nothing written.
    const err = await site()
      .booking.reschedule({
        ...b,
        date: day,
        startMinute: 18 * 60,
        expectedStartsAt: seen.toISOString(),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message:
        "This booking was moved to Saturday, August 8 at 5:00 PM in the meantime. Reload to see it before moving it again.",
    });
    expect(await snapshot(b.id)).toEqual(afterA);
    expect(afterA.booking.startsAt.toISOString()).toBe("2026-08-09T00:00:00.000Z");

    // Reloaded (the start it shows now), the move goes through and names the real previous time.
    const again = await site().booking.reschedule({
      ...b,
      date: day,
      startMinute: 18 * 60,
      expectedStartsAt: afterA.booking.startsAt.toISOString(),
    });
    expect(again.startsAt.toISOString()).toBe("2026-08-09T01:00:00.000Z");
    expect(again.previousStartsAt.toISOString()).toBe("2026-08-09T00:00:00.000Z");
    // Without `expectedStartsAt` (older API clients) a move is not checked against a view.
    const plain = await site().booking.reschedule({ ...b, date: day, startMinute: 17 * 60 });
    expect(plain.previousStartsAt.toISOString()).toBe("2026-08-09T01:00:00.000Z");
    await cleanup(b.id);
  });

  it("a change of guests or menu from a stale form (the party changed since) is refused and writes nothing", async () => {
    const b = await book("2026-08-15", 17 * 60, classicSelection(10));
    // Both tabs open the change form from the party of 10.
    const opened = await site().booking.previewChange(b);
    const twelve = classicSelection(12);
    const eleven = classicSelection(11);

    // Tab A: 12 adults, saved.
    await site().booking.change({
      ...b,
      selection: twelve,
      expectedTotalCents: await totalOf(twelve),
      expectedVersion: opened.current.version,
    });
    const afterA = await snapshot(b.id);
    expect(afterA.booking.adults).toBe(12);

    // Tab B, still started from 10: refused, the 12 stay.
    const err = await site()
      .booking.change({
        ...b,
        selection: eleven,
        expectedTotalCents: await totalOf(eleven),
        expectedVersion: opened.current.version,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message:
        "The guests or the menu of this booking were changed in the meantime. Reload to see them before changing them again.",
    });
    expect(await snapshot(b.id)).toEqual(afterA);

    // Reloaded, the change goes through.
    const fresh = await site().booking.previewChange(b);
    expect(fresh.current.version).not.toBe(opened.current.version);
    const done = await site().booking.change({
      ...b,
      selection: eleven,
      expectedTotalCents: await totalOf(eleven),
      expectedVersion: fresh.current.version,
    });
    expect(done.changed).toBe(true);
    await cleanup(b.id);
  });
});

describe("two tabs, a move in one and a change of party in the other (attack R7-5)", () => {
  it("a move from a page whose party has changed since is refused (its dialog promised the old party and total)", async () => {
    const day = "2026-08-22";
    const b = await book(day, 12 * 60, classicSelection(10));
    const seen = (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).startsAt;
    const opened = await site().booking.previewChange(b);
    // Tab A: 12 adults.
    const twelve = classicSelection(12);
    await site().booking.change({
      ...b,
      selection: twelve,
      expectedTotalCents: await totalOf(twelve),
      expectedVersion: opened.current.version,
      expectedStartsAt: seen.toISOString(),
    });
    const afterA = await snapshot(b.id);
    // Tab B, loaded with the party of 10, moves it: refused, nothing written.
    const err = await site()
      .booking.reschedule({
        ...b,
        date: day,
        startMinute: 17 * 60,
        expectedStartsAt: seen.toISOString(),
        expectedVersion: opened.current.version,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message:
        "The guests or the menu of this booking were changed in the meantime. Reload to see them before moving it.",
    });
    expect(await snapshot(b.id)).toEqual(afterA);
    // Reloaded: the move goes through.
    const fresh = await site().booking.previewChange(b);
    const moved = await site().booking.reschedule({
      ...b,
      date: day,
      startMinute: 17 * 60,
      expectedStartsAt: seen.toISOString(),
      expectedVersion: fresh.current.version,
    });
    expect(moved.startsAt.toISOString()).toBe("2026-08-23T00:00:00.000Z");
    await cleanup(b.id);
  });

  it("a change of party from a page of a booking moved since is refused (its dates and cut-offs were the old time's)", async () => {
    const day = "2026-08-29";
    const b = await book(day, 12 * 60, classicSelection(10));
    const seen = (await env.t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).startsAt;
    const opened = await site().booking.previewChange(b);
    // Tab A moves it to 5 pm.
    await site().booking.reschedule({
      ...b,
      date: day,
      startMinute: 17 * 60,
      expectedStartsAt: seen.toISOString(),
      expectedVersion: opened.current.version,
    });
    const afterA = await snapshot(b.id);
    // Tab B, still showing noon, changes the guests: refused, nothing written.
    const eleven = classicSelection(11);
    const err = await site()
      .booking.change({
        ...b,
        selection: eleven,
        expectedTotalCents: await totalOf(eleven),
        expectedVersion: opened.current.version,
        expectedStartsAt: seen.toISOString(),
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message:
        "This booking was moved to Saturday, August 29 at 5:00 PM in the meantime. Reload to see it before changing it.",
    });
    expect(await snapshot(b.id)).toEqual(afterA);
    await cleanup(b.id);
  });
});

describe("cancelling a booking", () => {
  it("staff's reason reaches the customer: the email says we cancelled it, and why (text and HTML)", async () => {
    const b = await book("2026-07-11", 17 * 60, classicSelection(10));
    await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "Chef sick, sorry <b>really</b>", actor: await staffActor(env) },
      { cache: env.cache, now: () => NOW },
    );
    const mail = (await composeBookingEmail(
      env.t.db,
      { type: "booking.cancelled", bookingId: b.id },
      CUSTOMER_URL,
      NOW,
    ))!;
    expect(mail.text).toMatch(/we have cancelled your booking/);
    expect(mail.text).toContain("Our reason: Chef sick, sorry <b>really</b>");
    expect(mail.html).toMatch(/we have cancelled your booking/);
    expect(mail.html).toContain("Our reason: Chef sick, sorry &lt;b&gt;really&lt;/b&gt;");

    // The customer's own cancellation: their reason isn't repeated back as ours.
    const c = await book("2026-07-11", 17 * 60, classicSelection(10));
    await site().booking.cancel({ ...c, reason: "We moved away" });
    const own = (await composeBookingEmail(
      env.t.db,
      { type: "booking.cancelled", bookingId: c.id },
      CUSTOMER_URL,
      NOW,
    ))!;
    expect(own.text).toMatch(/^Your booking is cancelled\./);
    expect(own.text).not.toMatch(/we have cancelled|Our reason|We moved away/);
  });
});

describe("cancelling a booking paid in person", () => {
  it("says how much was paid in person and that we return it: the customer's page, the staff dialog, the email and the booking after", async () => {
    const b = await book("2026-08-15", 17 * 60, classicSelection(10));
    const owner = await staffActor(env);
    const staff = { userId: owner.userId, role: "OWNER" as const };
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CASH", amountCents: 50_000, tipCents: 0 },
      staff,
      { cache: env.cache, now: () => NOW },
    );
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CARD_IN_PERSON", amountCents: 10_000, tipCents: 1_000 },
      staff,
      { cache: env.cache, now: () => NOW },
    );
    const said = "$610.00 was paid in person; our team will return it to you directly";
    const page = await site().booking.get({ ...b });
    expect(page.cancellation.summary).toContain(said);
    expect(page.cancellation.policy).not.toMatch(/nothing to refund/);
    expect((await adminBookingDetail(env.t.db, b.id, NOW)).cancellation.summary).toContain(said);

    await cancelBooking(
      env.t.db,
      { bookingId: b.id, reason: "Testing refund for paid booking", actor: owner },
      { cache: env.cache, now: () => NOW },
    );
    const mail = (await composeBookingEmail(
      env.t.db,
      { type: "booking.cancelled", bookingId: b.id },
      CUSTOMER_URL,
      NOW,
    ))!;
    expect(mail.text).toContain(
      "You paid $610.00 in person; our team will return it to you directly.",
    );
    expect(mail.html).toContain(
      "You paid $610.00 in person; our team will return it to you directly.",
    );
    expect(`${mail.text}${mail.html}`).not.toMatch(/nothing to refund/);
    const after = await adminBookingDetail(env.t.db, b.id, NOW);
    expect(after.owedBack).toEqual({
      cents: 61_000,
      sentence:
        "Cancelled after $610.00 was paid in person (tips included): return it to the customer directly; nothing is refunded online.",
    });
  });
});

describe("a party of one", () => {
  it('is "1 adult" and "1 guest" in the emails and on the receipt, never "1 adults"', async () => {
    const b = await book("2026-08-08", 17 * 60, classicSelection(1));
    const mail = (await composeBookingEmail(
      env.t.db,
      { type: "booking.created", bookingId: b.id },
      CUSTOMER_URL,
      NOW,
    ))!;
    expect(mail.text).toContain("1 adult, 0 children");
    expect(mail.text).toContain("Classic Hibachi for 1 adult\n");
    expect(mail.html).toContain("1 adult, 0 children");
    expect(`${mail.text}${mail.html}`).not.toMatch(/\b1 (adults|guests|childs)\b/);

    const owner = await staffActor(env);
    await recordPaymentAtEvent(
      env.t.db,
      { bookingId: b.id, method: "CASH" },
      { userId: owner.userId, role: "OWNER" },
      { cache: env.cache, now: () => NOW },
    );
    const [ref] = await receiptsOfBooking(env.t.db, b.id);
    const receipt = (await receiptFor(env.t.db, b.id, ref!.id))!;
    const text = receiptEmailText(receipt, CUSTOMER_URL).text;
    expect(text).toMatch(new RegExp(`Booking HB-[A-Z0-9]+: .+, 1 guest, Classic Hibachi`));
    await cleanup(b.id);
  });
});

/** A snapshot without the fields every read or unrelated write touches. */
function snapshotOf(s: Awaited<ReturnType<typeof snapshot>>) {
  return {
    ...s,
    lines: s.lines.map(({ id: _id, ...l }) => l),
    chefs: s.chefs.map(({ id: _id, ...c }) => c),
  };
}
