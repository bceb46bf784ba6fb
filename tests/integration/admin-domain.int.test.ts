// Admin writes against the real Postgres and Redis cache: each change is audited, invalidates the
// caches the customer site reads (so the change shows at once), conflicts are reported with names,
// and bad input is refused with nothing saved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  addTimeOff,
  adminBookingDetail,
  createBooking,
  createChef,
  getAvailability,
  listBookings,
  listCustomers,
  quoteFor,
  reassignBooking,
  setChefActive,
  setWorkingHours,
  updateMenuItem,
  updateSettings,
  type AdminActor,
} from "@myhibachi/core";
import { addDays, weekdayOf, zonedParts } from "@myhibachi/shared";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

// Real "now": the roster only loads time off that hasn't ended yet by the wall clock.
const NOW = new Date();
const TZ = "America/Los_Angeles";
const TODAY = zonedParts(NOW, TZ).date;
const DATE = addDays(TODAY, 14); // past the 48 h notice
const DATE2 = addDays(TODAY, 21);
const DATE3 = addDays(TODAY, 28);
const dayLabel = (date: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));
let env: Env;
let actor: AdminActor;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  const owner = await createUser(env.t.db, "OWNER");
  actor = { userId: owner.id, role: "OWNER" };
});
afterAll(async () => env?.close());

const deps = () => ({ cache: env.cache, now: () => NOW });
const availability = (date = DATE) =>
  getAvailability(
    env.t.db,
    { from: date, to: date, guests: 10, postalCode: FIXTURE_ADDRESS.postalCode },
    { cache: env.cache, now: NOW },
  );
let n = 0;
const book = (startMinute: number, date = DATE) =>
  createBooking(
    env.t.db,
    {
      idempotencyKey: `admin-${++n}-${Math.random()}`,
      date,
      startMinute,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: `Guest ${n}`, email: `guest${n}@example.com`, phone: "408-555-0100" },
    },
    deps(),
  );
const audits = () => env.t.db.auditLog.count();

async function rejects(p: Promise<unknown>, code: AppError["code"], message: RegExp) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).message).toMatch(message);
}

describe("chef time off", () => {
  it("removes the chef's times from the customer's availability at once, and is audited", async () => {
    const [chefA, chefB] = env.biz.chefIds as [string, string];
    const before = await availability(); // warms the cache
    expect(before.slots.length).toBeGreaterThan(0);
    expect(before.slots.every((s) => s.chefIds.includes(chefA))).toBe(true);
    const logged = await audits();
    await addTimeOff(
      env.t.db,
      { actor, chefId: chefA, from: `${DATE}T00:00`, to: `${DATE}T23:59`, reason: "Wedding" },
      deps(),
    );
    const after = await availability();
    expect(after.slots.length).toBe(before.slots.length); // chef B still works
    expect(after.slots.some((s) => s.chefIds.includes(chefA))).toBe(false);
    expect(after.slots.every((s) => s.chefIds.includes(chefB))).toBe(true);
    const row = await env.t.db.auditLog.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(await audits()).toBe(logged + 1);
    expect(row).toMatchObject({
      actorId: actor.userId,
      action: "chef.timeoff.add",
      entity: "chef",
      entityId: chefA,
    });
    expect(row.after).toMatchObject({ reason: "Wedding" });
  });

  it("refuses time off that ends before it starts, saving nothing", async () => {
    const logged = await audits();
    const rows = await env.t.db.chefTimeOff.count();
    await rejects(
      addTimeOff(
        env.t.db,
        { actor, chefId: env.biz.chefIds[1]!, from: `${DATE2}T18:00`, to: `${DATE2}T09:00` },
        deps(),
      ),
      "BAD_REQUEST",
      /must end after it starts/,
    );
    await rejects(
      addTimeOff(
        env.t.db,
        { actor, chefId: env.biz.chefIds[1]!, from: "2026-02-30T09:00", to: "2026-03-01T09:00" },
        deps(),
      ),
      "BAD_REQUEST",
      /doesn't exist/,
    );
    expect(await env.t.db.chefTimeOff.count()).toBe(rows);
    expect(await audits()).toBe(logged);
  });

  it("refuses overlapping shifts in weekly hours and keeps the old hours", async () => {
    const chefId = env.biz.chefIds[1]!;
    const before = await env.t.db.chefWorkingHours.findMany({
      where: { chefId },
      orderBy: { weekday: "asc" },
    });
    await rejects(
      setWorkingHours(
        env.t.db,
        {
          actor,
          chefId,
          hours: [
            { weekday: 2, startMinute: 600, endMinute: 900 },
            { weekday: 2, startMinute: 800, endMinute: 1000 },
          ],
        },
        deps(),
      ),
      "BAD_REQUEST",
      /Tuesday: two shifts overlap/,
    );
    expect(
      await env.t.db.chefWorkingHours.findMany({ where: { chefId }, orderBy: { weekday: "asc" } }),
    ).toEqual(before);
  });

  it("a duplicate chef email is a CONFLICT with a readable message", async () => {
    await rejects(
      createChef(env.t.db, { actor, chef: { name: "Copy", email: "CHEF1@fixture.test" } }, deps()),
      "CONFLICT",
      /Another chef already uses this email/,
    );
  });
});

describe("reassignment", () => {
  it("moves a booking to another chef, audited; a clash names the chef and the booking in the way", async () => {
    const [chefA, chefB] = env.biz.chefIds as [string, string];
    await env.t.db.chefTimeOff.deleteMany({});
    await env.cache.invalidate("chefs");
    const date = DATE2;
    const first = await book(17 * 60, date);
    const second = await book(17 * 60, date); // the two chefs are now both busy at 5 pm
    const chefOf = async (id: string) =>
      (await env.t.db.bookingChef.findMany({ where: { bookingId: id, live: true } })).map(
        (c) => c.chefId,
      );
    const [a] = await chefOf(first.id);
    const [b] = await chefOf(second.id);
    expect(new Set([a, b])).toEqual(new Set([chefA, chefB]));

    const chefBName = (await env.t.db.chef.findUniqueOrThrow({ where: { id: b! } })).name;
    const logged = await audits();
    await rejects(
      reassignBooking(env.t.db, { actor, bookingId: first.id, chefIds: [b!] }, deps()),
      "CONFLICT",
      new RegExp(`${chefBName} is already booked for ${second.code} on ${dayLabel(date)}, 5:00 PM`),
    );
    expect(await chefOf(first.id)).toEqual([a]); // unchanged
    expect(await audits()).toBe(logged);

    await env.t.db.booking.update({ where: { id: second.id }, data: { status: "CANCELLED" } });
    await availability(date); // warm the calendar cache
    const moved = await reassignBooking(
      env.t.db,
      { actor, bookingId: first.id, chefIds: [b!] },
      deps(),
    );
    expect(moved.liveChefs.map((c) => c.id)).toEqual([b]);
    const row = await env.t.db.auditLog.findFirstOrThrow({ where: { action: "booking.reassign" } });
    expect(row).toMatchObject({
      entityId: first.id,
      before: { chefIds: [a] },
      after: { chefIds: [b] },
    });
    // The customer's availability sees chef a free and chef b busy at 5 pm at once.
    const slot = (await availability(date)).slots.find((s) => s.startMinute === 17 * 60)!;
    expect(slot.chefIds).toEqual([a]);
  });

  it("a chef with no working hours then is listed as not available and can't be assigned", async () => {
    const date = DATE3;
    const b = await book(15 * 60, date);
    const [assigned] = (
      await env.t.db.bookingChef.findMany({ where: { bookingId: b.id, live: true } })
    ).map((c) => c.chefId);
    const other = env.biz.chefIds.find((id) => id !== assigned)!;
    const otherName = (await env.t.db.chef.findUniqueOrThrow({ where: { id: other } })).name;
    // The other chef doesn't work that weekday (free, no time off, no other event).
    const hours = await env.t.db.chefWorkingHours.findMany({
      where: { chefId: other, weekday: weekdayOf(date) },
    });
    await env.t.db.chefWorkingHours.deleteMany({ where: { id: { in: hours.map((h) => h.id) } } });

    const detail = await adminBookingDetail(env.t.db, b.id, NOW);
    const option = detail.chefOptions.find((c) => c.id === other)!;
    expect(option.busy).toMatch(
      /^not working then \(no working hours covering 3:00 – .+ that day\)$/,
    );
    expect(detail.chefOptions.find((c) => c.id === assigned)!.busy).toBeNull();

    const logged = await audits();
    await rejects(
      reassignBooking(env.t.db, { actor, bookingId: b.id, chefIds: [other] }, deps()),
      "CONFLICT",
      new RegExp(
        `^${otherName} isn't working then \\(${dayLabel(date)}, 3:00 PM – .+\\): their working hours don't cover this event\\. Choose another chef`,
      ),
    );
    expect(
      (await env.t.db.bookingChef.findMany({ where: { bookingId: b.id, live: true } })).map(
        (c) => c.chefId,
      ),
    ).toEqual([assigned]);
    expect(await audits()).toBe(logged);
    await env.t.db.chefWorkingHours.createMany({ data: hours.map(({ id: _id, ...h }) => h) });
    await env.t.db.booking.update({ where: { id: b.id }, data: { status: "CANCELLED" } });
  });

  it("won't deactivate a chef who still has upcoming events", async () => {
    const busy = (await env.t.db.bookingChef.findFirstOrThrow({ where: { live: true } })).chefId;
    await rejects(
      setChefActive(env.t.db, { actor, chefId: busy, active: false }, deps()),
      "PRECONDITION_FAILED",
      /still has upcoming events \(HB-/,
    );
    expect((await env.t.db.chef.findUniqueOrThrow({ where: { id: busy } })).active).toBe(true);
  });
});

describe("menu and settings", () => {
  it("a protein price change shows in the next quote at once and bumps the knowledge-base version", async () => {
    const q = () =>
      quoteFor(
        env.t.db,
        { selection: classicSelection(10), postalCode: "95125" },
        { cache: env.cache },
      );
    const before = await q(); // warms the catalog cache
    const steak = await env.t.db.menuItem.findUniqueOrThrow({ where: { slug: "steak" } });
    const version = (await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } }))
      .version;
    await updateMenuItem(env.t.db, { actor, itemId: steak.id, item: { priceCents: 350 } }, deps());
    const after = await q();
    const line = after.lines.find((l) => l.label.includes(steak.name));
    expect(line).toMatchObject({ quantity: 10, unitCents: 350, totalCents: 3500 });
    expect(after.totalCents).toBeGreaterThan(before.totalCents);
    expect((await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).version).toBe(
      version + 1,
    );
    const row = await env.t.db.auditLog.findFirstOrThrow({ where: { action: "menu.item.update" } });
    expect(row).toMatchObject({
      entityId: steak.id,
      before: { priceCents: 0 },
      after: { priceCents: 350 },
    });
  });

  it("bad settings are refused with a specific message and nothing is saved", async () => {
    const before = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    const logged = await audits();
    await rejects(
      updateSettings(
        env.t.db,
        {
          actor,
          patch: { depositCents: 10_000, minGuests: 80, maxGuests: 60 },
          version: before.version,
        },
        deps(),
      ),
      "BAD_REQUEST",
      /minimum number of guests can't be above the maximum/,
    );
    await rejects(
      updateSettings(
        env.t.db,
        { actor, patch: { timeZone: "Mars/Olympus" }, version: before.version },
        deps(),
      ),
      "BAD_REQUEST",
      /time zone/,
    );
    expect(await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    expect(await audits()).toBe(logged);
  });

  it("a shorter booking window applies to the customer's availability at once", async () => {
    expect((await availability(DATE3)).slots.length).toBeGreaterThan(0);
    const { version } = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    await updateSettings(env.t.db, { actor, patch: { bookingWindowDays: 10 }, version }, deps());
    expect((await availability(DATE3)).slots).toEqual([]);
    const row = await env.t.db.auditLog.findFirstOrThrow({ where: { action: "settings.update" } });
    expect(row).toMatchObject({
      before: { bookingWindowDays: 180 },
      after: { bookingWindowDays: 10 },
    });
  });
});

describe("staff search takes what was typed literally", () => {
  it("%, _ and \\ are characters, not wildcards: 'k_m' doesn't find Kim, '%' doesn't find everyone", async () => {
    const db = env.t.db;
    await db.customer.create({
      data: { name: "Kim Lee", email: "kim.lee@example.com", phone: "4085550111" },
    });
    await db.customer.create({
      data: { name: "Pat 100% Pure_Joy", email: "pat@example.com", phone: "4085550112" },
    });
    const names = async (search: string) =>
      (await listCustomers(db, { search })).customers.map((c) => c.name);
    expect(await names("k_m")).toEqual([]);
    expect(await names("%")).toEqual(["Pat 100% Pure_Joy"]);
    expect(await names("pure_joy")).toEqual(["Pat 100% Pure_Joy"]);
    expect(await names("\\")).toEqual([]);
    expect(await names("kim")).toEqual(["Kim Lee"]);
    const codes = await listBookings(db, { search: "%" }, "America/Los_Angeles");
    expect(codes).toEqual([]);
  });
});
