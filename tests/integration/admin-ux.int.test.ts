// What staff and the owner notice in the admin (issue 13): the Today view shows today's events in
// the business's time zone, tonight's included; an event can be marked completed only once it
// is over; the audit log reads as sentences with names; allergens and diets come from fixed lists;
// a service ZIP is added by its number alone. Real Postgres and Redis, through the admin router.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking, getCatalog, operations, quoteFor, runOperation } from "@myhibachi/core";
import { addDays, dietaryMatch, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { adminCallers, type AdminCallers } from "./admin-helpers";

const TZ = "America/Los_Angeles";
const REAL_NOW = new Date();
const DAY = addDays(zonedParts(REAL_NOW, TZ).date, 14); // past the 48 h notice
const at = (date: string, hour: number, minute = 0) => zonedTimeToUtc(date, hour * 60 + minute, TZ);

let env: Env;
let admin: AdminCallers;
let clock = REAL_NOW;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  admin = await adminCallers(env, () => clock);
});
afterAll(async () => env?.close());

let n = 0;
const book = (date: string, startMinute: number, name: string) =>
  createBooking(
    env.t.db,
    {
      idempotencyKey: `ux-${++n}-${Math.random()}`,
      date,
      startMinute,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name, email: `ux${n}@example.com`, phone: "408-555-0100" },
    },
    { cache: env.cache, now: () => REAL_NOW },
  );

describe("the staff's Today view and completing events", () => {
  it("shows tonight's event under today, tomorrow's apart, and completion only after the end", async () => {
    const tonight = await book(DAY, 17 * 60, "Tonight Guest"); // 5 pm
    const tomorrow = await book(addDays(DAY, 1), 12 * 60, "Tomorrow Guest");
    const staff = admin.caller("STAFF");
    clock = REAL_NOW;
    await staff.bookings.setStatus({ id: tonight.id, action: "confirm" });

    // 3 pm on the day of the event, business time: the event is tonight.
    clock = at(DAY, 15);
    const t = await staff.bookings.today({ days: 7 });
    expect(t.date).toBe(DAY);
    expect(t.timeZone).toBe(TZ);
    const row = t.today.find((b) => b.id === tonight.id);
    expect(row).toBeDefined();
    expect(row!.canComplete).toBe(false);
    expect(t.today.some((b) => b.id === tomorrow.id)).toBe(false);
    expect(t.upcoming[0]!.date).toBe(addDays(DAY, 1));
    expect(t.upcoming[0]!.bookings.map((b) => b.id)).toContain(tomorrow.id);

    // Marking it completed before it is over is a readable refusal that changes nothing.
    const endsAt = (await env.t.db.booking.findUniqueOrThrow({ where: { id: tonight.id } })).endsAt;
    await expect(staff.bookings.setStatus({ id: tonight.id, action: "complete" })).rejects.toThrow(
      /This event ends .*: mark it completed after that\./,
    );
    // Even once it has started (6 pm), it isn't over yet.
    clock = at(DAY, 18);
    expect(clock.getTime()).toBeLessThan(endsAt.getTime());
    await expect(
      staff.bookings.setStatus({ id: tonight.id, action: "complete" }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: tonight.id } })).status).toBe(
      "CONFIRMED",
    );

    // Once it is over it is offered and accepted; late in the evening it is still "today".
    clock = new Date(endsAt.getTime() + 60_000);
    const later = await staff.bookings.today({});
    expect(later.today.find((b) => b.id === tonight.id)!.canComplete).toBe(true);
    await staff.bookings.setStatus({ id: tonight.id, action: "complete" });
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: tonight.id } })).status).toBe(
      "COMPLETED",
    );

    // The owner reads it in the audit log as a sentence with the staff member's name.
    const log = await admin.caller("OWNER").owner.audit({ entity: "booking" });
    const code = (await env.t.db.booking.findUniqueOrThrow({ where: { id: tonight.id } })).code;
    const sentences = log.items.map((i) => i.sentence);
    expect(sentences).toContain(
      `${admin.users.STAFF.name} marked booking ${code} (Tonight Guest) completed.`,
    );
    expect(sentences).toContain(
      `${admin.users.STAFF.name} confirmed booking ${code} (Tonight Guest).`,
    );
    clock = REAL_NOW;
  });
});

describe("the audit log as sentences", () => {
  it("names the menu item and writes prices and rates as people do", async () => {
    const owner = admin.caller("OWNER");
    const steak = await env.t.db.menuItem.findUniqueOrThrow({ where: { slug: "steak" } });
    await owner.owner.menu.updateItem({
      id: steak.id,
      item: { priceCents: 375 },
      updatedAt: steak.updatedAt,
    });
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    await owner.owner.settings.update({ version: s.version, taxRateBps: 950 });
    const log = await owner.owner.audit({});
    const item = log.items.find((i) => i.action === "menu.item.update")!;
    expect(item.sentence).toBe(`${admin.users.OWNER.name} changed the menu item NY strip steak.`);
    expect(item.details).toEqual(["price from $0.00 to $3.75"]);
    const settings = log.items.find((i) => i.action === "settings.update")!;
    expect(settings.sentence).toBe(`${admin.users.OWNER.name} changed the business settings.`);
    expect(settings.details).toEqual(["tax rate from 9.38% to 9.5%"]);
    for (const i of log.items) expect(i.sentence).not.toMatch(/[{}]|c[a-z0-9]{20,}/);

    // Rates the page edits in percent are refused in percent, never in basis points.
    const now = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    await expect(
      owner.owner.settings.update({ version: now.version, taxRateBps: 15_000 }),
    ).rejects.toThrow("The tax rate must be at most 30%.");
    await expect(
      owner.owner.settings.update({ version: now.version, suggestedGratuityBps: 100_000 }),
    ).rejects.toThrow("The suggested gratuity must be at most 50%.");
    await expect(
      owner.owner.settings.update({ version: now.version, taxRateBps: 937.5 }),
    ).rejects.toThrow("The tax rate can have at most two decimals, like 9.38%.");
    expect(await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(now);
  });

  it("phone hours per weekday: saved, said in the log, a closing time before the opening refused naming the day", async () => {
    const owner = admin.caller("OWNER");
    const s = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const weekday = { open: 540, close: 1260 };
    const hours = [null, weekday, weekday, weekday, weekday, weekday, { open: 600, close: 960 }];
    await owner.owner.settings.update({ version: s.version, phoneHours: hours });
    const saved = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(saved.phoneHours).toEqual(hours);
    const log = await owner.owner.audit({});
    const entry = log.items.find((i) => i.action === "settings.update")!;
    expect(entry.details).toEqual([
      "phone hours from Every day 9:00 AM–9:00 PM to Mon–Fri 9:00 AM–9:00 PM, Sat 10:00 AM–4:00 PM, Sun closed",
    ]);
    // Refused in words naming the day; nothing written.
    const bad = [...hours];
    bad[2] = { open: 1020, close: 540 };
    await expect(
      owner.owner.settings.update({ version: saved.version, phoneHours: bad }),
    ).rejects.toThrow(
      "Tuesday: the phone closes at 9:00 AM, before it opens at 5:00 PM. Set the closing time later, or mark the day closed.",
    );
    await expect(
      owner.owner.settings.update({ version: saved.version, phoneHours: hours.slice(0, 6) }),
    ).rejects.toThrow("Set the phone hours for each day of the week, Sunday to Saturday.");
    expect(await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(saved);
    await owner.owner.settings.update({
      version: saved.version,
      phoneHours: s.phoneHours as typeof hours,
    });
  });
});

describe("allergens and diets from fixed lists", () => {
  const base = {
    slug: "edamame-spicy",
    name: "Spicy edamame",
    description: "Steamed soybeans, chili salt.",
    kind: "APPETIZER" as const,
    pricing: "PER_PERSON" as const,
    priceCents: 400,
    seasonalTags: [],
    active: true,
    sortOrder: 50,
  };

  it("refuses an allergen that isn't one of the nine, saving nothing", async () => {
    const owner = admin.caller("OWNER");
    const before = await env.t.db.menuItem.count();
    await expect(
      owner.owner.menu.createItem({ ...base, allergens: ["soy", "milkk"], dietaryTags: ["vegan"] }),
    ).rejects.toThrow(`"milkk" isn't one of the nine major allergens.`);
    await expect(
      owner.owner.menu.createItem({ ...base, allergens: ["soy"], dietaryTags: ["vegetarain"] }),
    ).rejects.toThrow(`"vegetarain" isn't a diet the menu knows.`);
    await expect(
      owner.owner.menu.createItem({
        ...base,
        allergens: ["soy"],
        dietaryTags: ["gluten-free", "gluten-free-on-request"],
      }),
    ).rejects.toThrow("Tick either gluten-free or gluten-free on request, not both.");
    expect(await env.t.db.menuItem.count()).toBe(before);

    const ok = await owner.owner.menu.createItem({
      ...base,
      allergens: ["Soy", "tree nuts"],
      dietaryTags: ["vegan", "gluten-free-on-request"],
    });
    const row = await env.t.db.menuItem.findUniqueOrThrow({ where: { id: ok.id } });
    expect(row.allergens).toEqual(["soy", "tree nuts"]);
    expect(row.dietaryTags).toEqual(["vegan", "gluten-free-on-request"]);
  });

  it("keeps a value stored before the lists existed, but never adds a new one", async () => {
    const owner = admin.caller("OWNER");
    const legacy = await env.t.db.menuItem.update({
      where: { slug: "edamame-spicy" },
      data: { allergens: ["soy", "lupin"] },
    });
    const saved = await owner.owner.menu.updateItem({
      id: legacy.id,
      item: { allergens: ["soy", "lupin", "sesame"] },
      updatedAt: legacy.updatedAt,
    });
    expect(saved.allergens).toEqual(["soy", "lupin", "sesame"]);
    await expect(
      owner.owner.menu.updateItem({
        id: legacy.id,
        item: { allergens: ["soy", "celery"] },
        updatedAt: saved.updatedAt,
      }),
    ).rejects.toThrow(`"celery" isn't one of the nine major allergens.`);
  });

  it("ticks ingredients from a fixed list; the public menu and the assistant count what they imply (issue 16)", async () => {
    const owner = admin.caller("OWNER");
    const before = await env.t.db.menuItem.count();
    const refused = owner.owner.menu.createItem({
      ...base,
      slug: "glazed-edamame",
      allergens: ["soy"],
      contains: ["soy-sauce", "ketchup"],
      dietaryTags: [],
    });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(refused).rejects.toThrow(`"ketchup" isn't an ingredient the menu knows.`);
    expect(await env.t.db.menuItem.count()).toBe(before);

    // Soy sauce implies wheat, butter milk: neither ticked, both contained.
    const item = await owner.owner.menu.createItem({
      ...base,
      slug: "glazed-edamame",
      name: "Glazed edamame",
      allergens: ["soy"],
      contains: ["soy-sauce", "butter"],
      dietaryTags: ["vegetarian"],
    });
    expect(item.contains).toEqual(["soy-sauce", "butter"]);
    const menu = await runOperation(
      operations.getMenu,
      {
        db: env.t.db,
        cache: env.cache,
        now: () => new Date(),
        caller: { user: null, address: null, surface: "internal" },
      },
      undefined,
    );
    const shown = menu.items.find((i) => i.slug === "glazed-edamame");
    expect(shown?.allergens).toEqual(["soy", "wheat", "milk"]);
    expect(shown?.contains).toEqual(["soy-sauce", "butter"]);
    const catalog = await getCatalog(env.t.db, env.cache);
    const row = catalog.items.find((i) => i.slug === "glazed-edamame");
    expect(row && dietaryMatch(row, "gluten")).toBe(false);
    expect(row && dietaryMatch(row, "wheat")).toBe(false);
    expect(row && dietaryMatch(row, "milk")).toBe(false);
    expect(row && dietaryMatch(row, "vegetarian")).toBe(true);

    // Unticking an ingredient takes what it implied away again.
    const saved = await owner.owner.menu.updateItem({
      id: item.id,
      item: { contains: ["butter"] },
      updatedAt: item.updatedAt,
    });
    expect(saved.contains).toEqual(["butter"]);
    await expect(
      owner.owner.menu.updateItem({
        id: item.id,
        item: { contains: ["Butter", "lard"] },
        updatedAt: saved.updatedAt,
      }),
    ).rejects.toThrow(`"lard" isn't an ingredient the menu knows.`);
  });
});

describe("how many orders of a flat-priced item a party can have (H4)", () => {
  const quote = (adults: number, extras: Record<string, number>) =>
    quoteFor(
      env.t.db,
      { selection: { ...classicSelection(adults), extras }, postalCode: "95125" },
      { cache: env.cache },
    );

  it("the owner says how many guests one order is for; the next quote holds a party to it", async () => {
    const owner = admin.caller("OWNER");
    // The demo's tables and chairs are for up to 20 guests: 1 set for 12, 2 for 25.
    await expect(quote(12, { "tables-chairs": 2 })).rejects.toThrow(
      "Tables and chairs: at most 1 order for a party of 12 (one order is for up to 20 guests).",
    );
    expect((await quote(25, { "tables-chairs": 2 })).totalCents).toBeGreaterThan(0);
    // The sake bar is one service for the whole party.
    await expect(quote(12, { "sake-service": 2 })).rejects.toThrow(
      "Sake bar service: one order is for the whole party.",
    );

    const tables = await env.t.db.menuItem.findUniqueOrThrow({ where: { slug: "tables-chairs" } });
    for (const [servesGuests, message] of [
      [0, "One order is for at least 1 guest."],
      [2.5, "How many guests one order is for must be a whole number."],
      [5000, "One order is for at most 1000 guests."],
    ] as const)
      await expect(
        owner.owner.menu.updateItem({
          id: tables.id,
          item: { servesGuests },
          updatedAt: tables.updatedAt,
        }),
      ).rejects.toThrow(message);
    expect(await env.t.db.menuItem.findUniqueOrThrow({ where: { id: tables.id } })).toEqual(tables);

    const saved = await owner.owner.menu.updateItem({
      id: tables.id,
      item: { servesGuests: 10 },
      updatedAt: tables.updatedAt,
    });
    expect(saved.servesGuests).toBe(10);
    expect((await quote(12, { "tables-chairs": 2 })).totalCents).toBeGreaterThan(0);
    await expect(quote(12, { "tables-chairs": 3 })).rejects.toThrow(
      "Tables and chairs: at most 2 orders for a party of 12 (one order is for up to 10 guests).",
    );
    const log = await owner.owner.audit({ entity: "menuItem" });
    expect(log.items.find((i) => i.action === "menu.item.update")?.details).toEqual([
      "guests one order is for from 20 to 10",
    ]);

    // Empty: one order for the whole party. A per-person item has no "for N guests".
    const whole = await owner.owner.menu.updateItem({
      id: tables.id,
      item: { servesGuests: null },
      updatedAt: saved.updatedAt,
    });
    await expect(quote(40, { "tables-chairs": 2 })).rejects.toThrow(
      "Tables and chairs: one order is for the whole party.",
    );
    const perPerson = await owner.owner.menu.updateItem({
      id: tables.id,
      item: { pricing: "PER_PERSON", servesGuests: 20 },
      updatedAt: whole.updatedAt,
    });
    expect(perPerson.servesGuests).toBeNull();
    await owner.owner.menu.updateItem({
      id: tables.id,
      item: { pricing: "FLAT", servesGuests: 20 },
      updatedAt: perPerson.updatedAt,
    });
  });
});

describe("service ZIPs by their number", () => {
  it("places a ZIP from the ZIP table, and says so when it can't", async () => {
    const owner = admin.caller("OWNER");
    const preview = await owner.owner.settings.lookUpPostalCode({ postalCode: "94022" });
    expect(preview).toMatchObject({ city: "Los Altos", state: "CA" });
    expect(preview!.miles).toBeGreaterThan(5);
    expect(preview!.miles).toBeLessThan(20);

    await owner.owner.settings.addPostalCode({ postalCode: "94022" });
    const row = await env.t.db.servicePostalCode.findUniqueOrThrow({
      where: { postalCode: "94022" },
    });
    expect(row).toMatchObject({ city: "Los Altos", state: "CA" });
    expect(row.lat).toBeCloseTo(37.38, 1);
    expect(row.lng).toBeCloseTo(-122.13, 1);

    const count = await env.t.db.servicePostalCode.count();
    await expect(owner.owner.settings.addPostalCode({ postalCode: "00000" })).rejects.toThrow(
      "We can't place ZIP 00000 on the map.",
    );
    await expect(owner.owner.settings.addPostalCode({ postalCode: "10001" })).rejects.toThrow(
      /ZIP 10001 \(New York, NY\) is 2,\d{3} miles from your base, beyond your farthest travel zone \(50 miles\)\./,
    );
    expect(await env.t.db.servicePostalCode.count()).toBe(count);

    // Removing and adding back (the page's undo) restores it.
    await owner.owner.settings.removePostalCode({ postalCode: "94022" });
    await owner.owner.settings.addPostalCode({ postalCode: "94022" });
    const log = await owner.owner.audit({ entity: "postalCode" });
    expect(log.items.slice(0, 3).map((i) => i.sentence)).toEqual([
      `${admin.users.OWNER.name} added ZIP 94022 (Los Altos) to the service area.`,
      `${admin.users.OWNER.name} removed ZIP 94022 (Los Altos) from the service area.`,
      `${admin.users.OWNER.name} added ZIP 94022 (Los Altos) to the service area.`,
    ]);
  });
});
