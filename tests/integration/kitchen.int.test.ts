// Issue 13, points 1 and 12: the kitchen order reaches the customer's emails and the staff's run
// and prep sheets; the admin booking page's data says which chefs are busy, by the same rule the
// reassignment enforces. Bookings are made through the real operations (the customer site's tRPC
// router, the admin router), emails are read from the EmailMessage rows they wrote, and the
// sheets are compared with the Booking rows in the database and hand-written expectations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter, type ServerDeps } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { FIXTURE_ADDRESS, classicSelection } from "@myhibachi/seed/fixtures";
import { customerServerDeps, setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
let staff: SessionUser;
let owner: SessionUser;

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  // Many bookings from one test client: lift the per-client booking limit (not under test here).
  await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
  deps = customerServerDeps(env);
  staff = await createUser(env.t.db, "STAFF");
  owner = await createUser(env.t.db, "OWNER");
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const customer = () =>
  createCallerFactory(customerRouter)({
    ...(deps as ServerDeps),
    headers: new Headers(),
    user: null,
  });
const admin = (user: SessionUser = staff) =>
  createCallerFactory(adminRouter)({ ...(deps as ServerDeps), headers: new Headers(), user });

/** A local date `days` from now (the business is in Los Angeles; far enough to be bookable). */
const future = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(
    new Date(Date.now() + days * 86400_000),
  );
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

const PARTY = {
  packageSlug: "classic",
  adults: 15,
  children: 0,
  proteins: { chicken: 15, steak: 14, "filet-mignon": 1 },
  extras: { gyoza: 15 },
};
const ALLERGY = "Two guests: severe peanut allergy <no sesame oil>";

async function book(over: {
  date: string;
  startMinute: number;
  selection?: unknown;
  allergies?: string | null;
  name?: string;
}) {
  return customer().booking.create({
    idempotencyKey: `kitchen-${uniq()}`,
    date: over.date,
    startMinute: over.startMinute,
    selection: (over.selection ?? classicSelection(10)) as typeof PARTY,
    address: { ...FIXTURE_ADDRESS, line2: "Side gate" },
    contact: {
      name: over.name ?? "Dana Lee",
      email: `dana-${uniq()}@example.com`,
      phone: "(408) 555-0199",
    },
    notes: "Park on the street; the grill goes on the patio.",
    allergies: over.allergies ?? null,
  });
}

/** The booking's selection and allergies as stored (the source of truth for the sheets). */
async function storedRow(id: string) {
  const [row] = await env.t.db.$queryRaw<
    {
      selection: { proteins: Record<string, number>; extras: Record<string, number> };
      allergies: string | null;
      chefs: string[];
    }[]
  >`SELECT b."selection", b."allergies",
           array(SELECT c."chefId" FROM "BookingChef" c WHERE c."bookingId" = b."id" AND c."live") AS chefs
      FROM "Booking" b WHERE b."id" = ${id}`;
  return row!;
}

const proteinCounts = (lines: { slug: string; count: number }[]) =>
  Object.fromEntries(lines.map((l) => [l.slug, l.count]));

describe("the kitchen order in the customer's emails", () => {
  it("15 chicken, 14 steak, 1 filet and the allergy are in the held and the confirmed email, text and HTML", async () => {
    const date = future(20);
    const made = await book({ date, startMinute: 17 * 60, selection: PARTY, allergies: ALLERGY });
    expect(made.status).toBe("HELD");

    const held = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: `Please confirm your booking ${made.code}` },
    });
    // Names and counts as the menu writes them (packages/seed data), by hand.
    expect(held.text).toContain(
      "Proteins: 15 Hibachi chicken, 14 NY strip steak, 1 Filet mignon (upgrade)",
    );
    expect(held.text).toContain("Extras: 15 servings of Pork gyoza");
    expect(held.text).toContain(`Allergies and diets: ${ALLERGY}`);
    expect(held.text).toContain("Notes: Park on the street; the grill goes on the patio.");
    // The HTML part: the same facts, the customer's words escaped (never markup).
    expect(held.html).toContain("<strong>15</strong> × Hibachi chicken");
    expect(held.html).toContain("<strong>14</strong> × NY strip steak");
    expect(held.html).toContain("<strong>1</strong> × Filet mignon (upgrade)");
    expect(held.html).toContain("<strong>15</strong> servings of Pork gyoza");
    expect(held.html).toContain("Two guests: severe peanut allergy &lt;no sesame oil&gt;");
    expect(held.html).not.toContain("<no sesame oil>");
    expect(held.html).toMatch(/^<!doctype html>/);
    // The whole address as entered: the gate line and the ZIP too (attack R5-13).
    expect(held.text).toContain("123 Maple Ave, Side gate, San Jose, CA 95125");
    expect(held.html).toContain("123 Maple Ave, Side gate, San Jose, CA 95125");
    // The hold's end with its zone, as the hold pages say it.
    expect(held.text).toMatch(/\d{1,2}:\d{2} [AP]M P[SD]T/);

    // Staff confirm it: the confirmation email says the same.
    await admin().bookings.setStatus({ id: made.id, action: "confirm" });
    const confirmed = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: `Your hibachi party is confirmed (${made.code})` },
    });
    expect(confirmed.text).toContain(
      "Proteins: 15 Hibachi chicken, 14 NY strip steak, 1 Filet mignon (upgrade)",
    );
    expect(confirmed.text).toContain(`Allergies and diets: ${ALLERGY}`);
    expect(confirmed.html).toContain("<strong>14</strong> × NY strip steak");
    expect(confirmed.html).toContain("&lt;no sesame oil&gt;");
  });
});

describe("the run sheet and the prep sheet", () => {
  it("show a chef's day with the counts and allergies stored on each booking, and the day's totals", async () => {
    const date = future(21);
    // Three chefs free: the first booking takes one; a second at noon takes the same chef if
    // free... so read who got what from the database rather than assuming.
    const big = await book({ date, startMinute: 17 * 60, selection: PARTY, allergies: ALLERGY });
    const lunch = await book({
      date,
      startMinute: 12 * 60,
      selection: classicSelection(10),
      name: "Lunch Party",
    });
    const elsewhere = await book({ date: future(22), startMinute: 17 * 60, selection: PARTY });
    const bigRow = await storedRow(big.id);
    const lunchRow = await storedRow(lunch.id);
    const chefId = bigRow.chefs[0]!;
    expect(bigRow.chefs).toHaveLength(1);

    const sheet = await admin().bookings.runSheet({ date, chefId });
    expect(sheet.date).toBe(date);
    expect(sheet.chefs.map((c) => c.id)).toEqual([chefId]);
    const events = sheet.chefs[0]!.events;
    const expectedIds = [lunch.id, big.id].filter((id) =>
      (id === big.id ? bigRow : lunchRow).chefs.includes(chefId),
    );
    expect(events.map((e) => e.id)).toEqual(expectedIds); // in time order, only that day
    expect(events.map((e) => e.id)).not.toContain(elsewhere.id);

    const e = events.find((x) => x.id === big.id)!;
    // Compared with the stored selection row, and with the numbers asked for.
    expect(proteinCounts(e.kitchenOrder.proteins)).toEqual(bigRow.selection.proteins);
    expect(proteinCounts(e.kitchenOrder.proteins)).toEqual({
      chicken: 15,
      steak: 14,
      "filet-mignon": 1,
    });
    expect(e.kitchenOrder.proteins.find((p) => p.slug === "filet-mignon")?.upgrade).toBe(true);
    expect(e.kitchenOrder.allergies).toBe(bigRow.allergies);
    expect(e.kitchenOrder.allergies).toBe(ALLERGY);
    expect(e.kitchenOrder.extras).toEqual([
      { slug: "gyoza", name: "Pork gyoza", count: 15, unit: "serving" },
    ]);
    // Times in the business's zone: 5 pm, with the travel and cleanup buffers around it.
    const la = (d: Date) =>
      new Intl.DateTimeFormat("en-US", {
        timeZone: "America/Los_Angeles",
        hour: "numeric",
        minute: "2-digit",
      }).format(d);
    expect([la(e.leaveBy), la(e.startsAt), la(e.endsAt), la(e.freeBy)]).toEqual([
      "4:00 PM",
      "5:00 PM",
      "7:00 PM",
      "7:30 PM",
    ]);
    expect(e.address.mapUrl).toBe(
      "https://www.google.com/maps/search/?api=1&query=123%20Maple%20Ave%2C%20San%20Jose%2C%20CA%2095125",
    );
    expect(e.address.text).toBe("123 Maple Ave, Side gate, San Jose, CA 95125");
    expect(e.contact.phoneHref).toBe("tel:+14085550199");

    // The chef's totals: the sum of the stored selections of the chef's events that day.
    const want: Record<string, number> = {};
    for (const row of [bigRow, lunchRow].filter((r) => r.chefs.includes(chefId)))
      for (const [slug, count] of Object.entries(row.selection.proteins))
        want[slug] = (want[slug] ?? 0) + count;
    expect(proteinCounts(sheet.chefs[0]!.totals.proteins)).toEqual(want);
    expect(sheet.totals).toEqual(sheet.chefs[0]!.totals);

    // Every chef: both events once each, whoever cooks them.
    const all = await admin(owner).bookings.runSheet({ date });
    expect(all.chefs).toHaveLength(3);
    expect(proteinCounts(all.totals.proteins)).toEqual({
      chicken: 15 + lunchRow.selection.proteins.chicken!,
      steak: 14 + lunchRow.selection.proteins.steak!,
      "filet-mignon": 1,
    });
    expect(all.totals.events).toBe(2);

    // The prep sheet is the same entry.
    const prep = await admin().bookings.prepSheet({ id: big.id });
    expect(prep.event).toEqual(e);
  });

  it("leaves out cancelled events, defaults to today, and answers bad input in words", async () => {
    const date = future(23);
    const gone = await book({ date, startMinute: 15 * 60 });
    await admin().bookings.cancel({ id: gone.id, reason: "Customer moved away" });
    const sheet = await admin().bookings.runSheet({ date });
    expect(sheet.totals.events).toBe(0);

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(
      new Date(),
    );
    expect((await admin().bookings.runSheet({})).date).toBe(today);

    await expect(admin().bookings.runSheet({ date: "2026-02-30" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("That date doesn't exist."),
    });
    await expect(admin().bookings.runSheet({ date, chefId: "no-such-chef" })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
        message: "That chef doesn't exist any more. Reload the page.",
      },
    );
    await expect(admin().bookings.prepSheet({ id: "no-such-booking" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "There is no booking at this address.",
    });
    // An id that is a word ("new" is now its own page, but an old link or a typed word is not an
    // id): no such booking, not "reload the page".
    await expect(admin().bookings.get({ id: "new" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "There is no booking at this address.",
    });
  });
});

describe("busy chefs on the admin booking page (point 12)", () => {
  it("a chef busy at another event is reported busy by the page's data and refused by the reassignment", async () => {
    const date = future(24);
    const first = await book({ date, startMinute: 17 * 60, name: "First Party" });
    const second = await book({ date, startMinute: 18 * 60, name: "Second Party" });
    const firstChef = (await storedRow(first.id)).chefs[0]!;
    const secondChef = (await storedRow(second.id)).chefs[0]!;
    expect(secondChef).not.toBe(firstChef);
    const third = env.biz.chefIds.find((c) => c !== firstChef && c !== secondChef)!;

    const page = await admin().bookings.get({ id: first.id });
    const option = (id: string) => page.chefOptions.find((o) => o.id === id)!;
    expect(option(firstChef)).toMatchObject({ assigned: true, busy: null });
    expect(option(third)).toMatchObject({ assigned: false, busy: null, warnings: [] });
    // The second party's chef: busy from 5:00 (6 pm less an hour's travel) to 8:30 (after cleanup).
    expect(option(secondChef).assigned).toBe(false);
    expect(option(secondChef).busy).toBe(
      `busy 5:00 – 8:30 PM at another event (${second.code}, travel and cleanup included)`,
    );

    // What the page shows as busy, the operation refuses, naming the booking in the way.
    await expect(
      admin().bookings.reassign({ id: first.id, chefIds: [secondChef] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`is already booked for ${second.code}`),
    });
    expect((await storedRow(first.id)).chefs).toEqual([firstChef]);

    // Time off is busy too, with its reason.
    await env.t.db.chefTimeOff.create({
      data: {
        chefId: third,
        startsAt: new Date(Date.parse(`${date}T00:00:00Z`) + 8 * 3600_000),
        endsAt: new Date(Date.parse(`${date}T00:00:00Z`) + 32 * 3600_000),
        reason: "Family wedding",
      },
    });
    const again = await admin().bookings.get({ id: first.id });
    expect(again.chefOptions.find((o) => o.id === third)!.busy).toMatch(
      /^on time off .* \(Family wedding\)$/,
    );
    await expect(
      admin().bookings.reassign({ id: first.id, chefIds: [third] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is on time off then"),
    });

    // Once the second party is cancelled its chef is free, and the move goes through.
    await admin().bookings.cancel({ id: second.id, reason: "Plans changed" });
    const freed = await admin().bookings.get({ id: first.id });
    expect(freed.chefOptions.find((o) => o.id === secondChef)).toMatchObject({ busy: null });
    await admin().bookings.reassign({ id: first.id, chefIds: [secondChef] });
    expect((await storedRow(first.id)).chefs).toEqual([secondChef]);

    // The history reads as sentences with names, not ids.
    const chefName = async (id: string) =>
      (await env.t.db.chef.findUniqueOrThrow({ where: { id } })).name;
    const history = (await admin().bookings.get({ id: first.id })).history.map((h) => h.sentence);
    expect(history).toEqual([
      `First Party (customer) booked it with ${await chefName(firstChef)}, held until it is confirmed.`,
      `${staff.name} (staff) changed the chef from ${await chefName(firstChef)} to ${await chefName(secondChef)}.`,
    ]);
    expect(history.join(" ")).not.toContain(staff.id);
  });
});
