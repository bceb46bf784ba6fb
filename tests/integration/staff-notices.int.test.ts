// Staff hear about what they must act on (issue 13 round 5, R5-1): a booking waiting for their
// confirmation, and a customer's own move or change of party. Each is exactly one entry in the
// owner's alert bell (leading to the booking) and one email to the business address and to each
// chef concerned, however often the same request is retried; staff's own changes tell nobody.
// Against real Postgres and Redis, through the customer site's tRPC procedures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeBookingParty,
  computeQuote,
  confirmHeldBooking,
  createBooking,
  issueAccessToken,
  listLocalMailbox,
  loadCatalogFromDb,
  rescheduleBooking,
  resolveLocation,
  type QuoteSelection,
} from "@myhibachi/core";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { setupEnv, type Env } from "./helpers";

const NOW = new Date("2026-06-01T17:00:00Z");
/** Intl puts a narrow no-break space before AM/PM on newer ICU versions. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const BUSINESS = "kitchen@business.test";

let env: Env;
let admin: AdminCallers;

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await env.t.db.businessSettings.update({
    where: { id: 1 },
    data: { email: BUSINESS, bookingRateLimit: 1000 },
  });
  admin = await adminCallers(env, () => NOW);
});
afterAll(async () => env?.close());

function site(now = NOW) {
  return createCallerFactory(customerRouter)({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    sendEmail: async () => {},
    customerUrl: "http://127.0.0.1:3999",
    cookieSecret: "c".repeat(40),
    payments: null,
    user: null,
    headers: new Headers(),
    now: () => now,
  } as Context);
}
const deps = () => ({ cache: env.cache, now: () => NOW });

/** The staff notice emails stored for a booking, oldest first. */
async function notices(bookingId: string) {
  const events = await env.t.db.bookingEvent.findMany({
    where: { bookingId },
    select: { id: true },
  });
  const rows = await env.t.db.emailMessage.findMany({
    where: {
      OR: events.map((e) => ({ idempotencyKey: { startsWith: `staff-notice:${e.id}:` } })),
    },
    orderBy: [{ createdAt: "asc" }, { to: "asc" }],
  });
  return rows.map((m) => ({ ...m, text: plain(m.text) }));
}

/** The owner's unread alerts about a booking (the bell's entries, each leading to the booking). */
async function bell(bookingId: string) {
  const all = await admin.caller("OWNER").costs.alerts({ limit: 100 });
  return all.items.filter((a) => !a.readAt && a.href === `/bookings/${bookingId}`);
}
const unreadCount = async () => (await admin.caller("OWNER").costs.unread()).count;

async function totalOf(selection: QuoteSelection) {
  const catalog = await loadCatalogFromDb(env.t.db);
  const loc = await resolveLocation(env.t.db, catalog, FIXTURE_ADDRESS.postalCode);
  return computeQuote(catalog, loc.zone, selection).totalCents;
}

let n = 0;
/** Booked online (HELD), then confirmed by the customer from the emailed link: PENDING. */
async function bookedAndConfirmed() {
  n++;
  const b = await createBooking(
    env.t.db,
    {
      idempotencyKey: `staff-notice-${n}-${Math.random()}`,
      // One chef: each booking on its own day (June 13, 14, ...), 12+ days ahead: past Today's
      // "next 7 days".
      date: `2026-06-${12 + n}`,
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: `Dana ${n}`, email: `dana${n}@example.com`, phone: "408-555-0100" },
    },
    deps(),
  );
  expect(b.status).toBe("HELD");
  const link = {
    kind: "token" as const,
    token: await issueAccessToken(env.t.db, b.id, { sentByEmail: true }),
  };
  await confirmHeldBooking(env.t.db, { bookingId: b.id, actor: link }, deps());
  return { id: b.id, code: b.code, token: b.accessToken, link };
}

describe("staff notices", () => {
  it("a booking the customer confirmed waits for staff: listed on Today whatever its date, one bell entry and one email each", async () => {
    const bellBefore = await unreadCount();
    const b = await bookedAndConfirmed();
    // A second press of the emailed link changes nothing and tells nobody again.
    await confirmHeldBooking(env.t.db, { bookingId: b.id, actor: b.link }, deps());

    const mails = await notices(b.id);
    expect(mails.map((m) => m.to).sort()).toEqual(["chef1@fixture.test", BUSINESS]);
    for (const m of mails) {
      expect(m.subject).toBe(`${b.code} is waiting for your confirmation`);
      expect(m.text).toContain("Dana 1 confirmed their booking from the emailed link.");
      expect(m.text).toContain("Saturday, June 13, 2026 at 5:00 PM");
      expect(m.text).toContain("Saturday, June 13, 2026 at 5:00 PM, Pacific Time (PDT)");
      expect(m.text).toContain(`Confirm it in the admin: Bookings → ${b.code}.`);
      // For people: no ids, no JSON.
      expect(m.text).not.toContain(b.id);
      expect(m.text).not.toMatch(/[{}]/);
    }
    const entries = await bell(b.id);
    expect(entries).toHaveLength(1);
    expect(await unreadCount()).toBe(bellBefore + 1);
    expect(entries[0]!.title).toBe(`${b.code} is waiting for your confirmation`);

    // Today lists it at the top although it is 12 days away; staff see it too.
    const today = await admin.caller("STAFF").bookings.today({ days: 7 });
    expect(today.waiting.map((w) => w.code)).toContain(b.code);
    expect(today.upcoming.flatMap((d) => d.bookings).map((x) => x.code)).not.toContain(b.code);

    // The local demo mailbox (customers' emails, open to this machine) never shows them.
    const mailbox = await listLocalMailbox(env.t.db, { siteUrl: "http://127.0.0.1:3999" });
    // Not even the subject, which names the booking: only that an email to the business exists.
    expect(JSON.stringify(mailbox)).not.toContain(`${b.code} is waiting`);
    const stored = (await notices(b.id)).filter((n) => n.subject.startsWith(b.code));
    const shown = mailbox.filter((m) => stored.some((n) => n.id === m.id));
    expect(shown).toHaveLength(2);
    for (const m of shown)
      expect(m).toMatchObject({ body: null, hidden: "staff", subject: "An email to the business" });

    // Once staff confirm it, it no longer waits (and confirming tells no one).
    await admin.caller("STAFF").bookings.setStatus({ id: b.id, action: "confirm" });
    const after = await admin.caller("STAFF").bookings.today({ days: 7 });
    expect(after.waiting.map((w) => w.code)).not.toContain(b.code);
    expect(await notices(b.id)).toHaveLength(2);
  });

  it("the customer's move is one notice naming the old and new time; a retry adds none", async () => {
    const b = await bookedAndConfirmed();
    const before = (await notices(b.id)).length;
    const bellBefore = await unreadCount();
    await site().booking.reschedule({
      id: b.id,
      token: b.token,
      date: "2026-06-20",
      startMinute: 18 * 60,
    });
    // The same move again is refused ("already your booking's time") and writes nothing.
    await expect(
      site().booking.reschedule({
        id: b.id,
        token: b.token,
        date: "2026-06-20",
        startMinute: 18 * 60,
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const moved = (await notices(b.id)).slice(before);
    expect(moved.map((m) => m.to).sort()).toEqual(["chef1@fixture.test", BUSINESS]);
    expect(moved[0]!.subject).toBe(`${b.code} moved by the customer`);
    expect(moved[0]!.text).toContain(
      "Date and time: Sunday, June 14, 2026 at 5:00 PM → Saturday, June 20, 2026 at 6:00 PM",
    );
    expect(await unreadCount()).toBe(bellBefore + 1);
    const entries = await bell(b.id);
    expect(entries.map((e) => e.title)).toEqual([
      `${b.code} moved by the customer`,
      `${b.code} is waiting for your confirmation`,
    ]);
  });

  it("the customer's cancellation of a party staff had tells staff and frees the chef's day, once", async () => {
    const b = await bookedAndConfirmed();
    const before = (await notices(b.id)).length;
    const bellBefore = await unreadCount();
    await site().booking.cancel({ id: b.id, token: b.token, reason: "Moving house" });
    const told = (await notices(b.id)).slice(before);
    expect(told.map((m) => m.to).sort()).toEqual(["chef1@fixture.test", BUSINESS]);
    expect(told[0]!.subject).toBe(`${b.code} cancelled by the customer`);
    expect(told[0]!.text).toContain("Reason: Moving house");
    expect(told[0]!.text).toMatch(/Chef: .+ \(free again at that time\)/);
    expect(await unreadCount()).toBe(bellBefore + 1);
    // Cancelling again is refused and tells nobody twice.
    await expect(
      site().booking.cancel({ id: b.id, token: b.token, reason: "again" }),
    ).rejects.toBeTruthy();
    expect((await notices(b.id)).slice(before)).toHaveLength(2);

    // A hold nobody confirmed, cancelled: staff never had it, nobody hears.
    n++;
    const held = await createBooking(
      env.t.db,
      {
        idempotencyKey: `staff-notice-held-${n}-${Math.random()}`,
        date: `2026-06-${12 + n}`,
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: `Held ${n}`, email: `held${n}@example.com`, phone: "408-555-0100" },
      },
      deps(),
    );
    await site().booking.cancel({ id: held.id, token: held.accessToken, reason: "" });
    expect(await notices(held.id)).toEqual([]);
  });

  it("the customer's new allergy is one notice the kitchen can act on", async () => {
    const b = await bookedAndConfirmed();
    const before = (await notices(b.id)).length;
    const change = {
      id: b.id,
      token: b.token,
      selection: classicSelection(10),
      allergies: "Two guests: severe peanut allergy",
      expectedTotalCents: await totalOf(classicSelection(10)),
    };
    expect((await site().booking.change(change)).changed).toBe(true);
    // The same change again (a second tab, a retry) changes nothing and tells nobody.
    expect((await site().booking.change(change)).changed).toBe(false);

    const changed = (await notices(b.id)).slice(before);
    expect(changed).toHaveLength(2);
    expect(changed[0]!.subject).toBe(`${b.code} changed by the customer`);
    expect(changed[0]!.text).toContain("Allergies: Two guests: severe peanut allergy");
    expect(changed[0]!.text).toMatch(
      /What changed:\n {2}Allergies and diets: none given → Two guests: severe peanut allergy/,
    );
    expect((await bell(b.id)).map((e) => e.title)[0]).toBe(`${b.code} changed by the customer`);
  });

  it("staff's own move or change tells nobody", async () => {
    const b = await bookedAndConfirmed();
    const mails = (await notices(b.id)).length;
    const entries = (await bell(b.id)).length;
    const staff = { kind: "staff" as const, userId: admin.users.STAFF.id, role: "STAFF" as const };
    await rescheduleBooking(
      env.t.db,
      { bookingId: b.id, date: "2026-06-27", startMinute: 17 * 60, actor: staff },
      deps(),
    );
    await changeBookingParty(
      env.t.db,
      {
        bookingId: b.id,
        change: { selection: classicSelection(12), allergies: "Shellfish" },
        expectedTotalCents: await totalOf(classicSelection(12)),
        actor: staff,
      },
      deps(),
    );
    const history = await env.t.db.bookingEvent.findMany({ where: { bookingId: b.id } });
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining(["rescheduled", "party-changed"]),
    );
    expect(await notices(b.id)).toHaveLength(mails);
    expect(await bell(b.id)).toHaveLength(entries);
  });
});
