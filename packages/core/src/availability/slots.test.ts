import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  computeSlots,
  eventTiming,
  overlaps,
  whyNoSlot,
  type AvailabilitySettings,
  type ChefSchedule,
} from "./slots";

const S: AvailabilitySettings = {
  timeZone: "America/Los_Angeles",
  slotStartMinutes: [720, 900, 1020, 1080, 1170],
  eventDurationMinutes: 120,
  extraMinutesPer10Guests: 15,
  travelBufferMinutes: 60,
  cleanupBufferMinutes: 30,
  minNoticeHours: 48,
  bookingWindowDays: 180,
  maxGuestsPerChef: 25,
  maxGuests: 60,
};
const everyDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  startMinute: 600,
  endMinute: 1380,
}));
const chef = (id: string, extra: Partial<ChefSchedule> = {}): ChefSchedule => ({
  id,
  name: id,
  active: true,
  zoneIds: ["z"],
  hours: everyDay,
  timeOff: [],
  blocks: [],
  load: 0,
  ...extra,
});
const NOW = new Date("2026-06-01T17:00:00Z");
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe("computeSlots", () => {
  for (const tz of ["UTC", "Pacific/Auckland"]) {
    it(`offers the business's local start times whatever the server zone (TZ=${tz})`, () => {
      process.env.TZ = tz;
      const slots = computeSlots(S, [chef("a")], {
        from: "2026-06-10",
        to: "2026-06-10",
        guests: 10,
        zoneId: "z",
        now: NOW,
      });
      expect(slots.map((s) => s.label)).toEqual([
        "12:00 PM",
        "3:00 PM",
        "5:00 PM",
        "6:00 PM",
        "7:30 PM",
      ]);
      expect(slots[0]!.startsAt.toISOString()).toBe("2026-06-10T19:00:00.000Z");
    });
  }

  it("keeps local times on a daylight-saving change weekend", () => {
    const slots = computeSlots(S, [chef("a")], {
      from: "2026-10-31",
      to: "2026-11-01",
      guests: 10,
      zoneId: "z",
      now: new Date("2026-10-20T00:00:00Z"),
    });
    const byDate = (d: string) =>
      slots.filter((s) => s.date === d).map((s) => s.startsAt.toISOString());
    expect(byDate("2026-10-31")[0]).toBe("2026-10-31T19:00:00.000Z"); // PDT, UTC-7
    expect(byDate("2026-11-01")[0]).toBe("2026-11-01T20:00:00.000Z"); // PST, UTC-8
  });

  it("respects minimum notice and the booking window", () => {
    const soon = computeSlots(S, [chef("a")], {
      from: "2026-06-01",
      to: "2026-06-04",
      guests: 10,
      zoneId: "z",
      now: NOW,
    });
    expect(soon.every((s) => s.startsAt.getTime() >= NOW.getTime() + 48 * 3600_000)).toBe(true);
    expect(soon.some((s) => s.date === "2026-06-03")).toBe(true);
    const far = computeSlots(S, [chef("a")], {
      from: "2026-11-27",
      to: "2026-12-05",
      guests: 10,
      zoneId: "z",
      now: NOW,
    });
    expect(far.every((s) => s.date <= "2026-11-28")).toBe(true);
  });

  it("removes times that collide with a booking, time off, other zones or closed days", () => {
    const t = eventTiming(S, "2026-06-10", 1020, 10);
    const busy = chef("a", { blocks: [{ start: t.blockStart, end: t.blockEnd }] });
    const labels = computeSlots(S, [busy], {
      from: "2026-06-10",
      to: "2026-06-10",
      guests: 10,
      zoneId: "z",
      now: NOW,
    }).map((s) => s.label);
    expect(labels).toEqual(["12:00 PM"]); // 3pm ends 17:00+30 > 16:00 block start; 6pm/7:30 start inside block + travel
    const off = chef("a", {
      timeOff: [{ start: new Date("2026-06-10T07:00:00Z"), end: new Date("2026-06-11T07:00:00Z") }],
    });
    expect(
      computeSlots(S, [off], {
        from: "2026-06-10",
        to: "2026-06-10",
        guests: 10,
        zoneId: "z",
        now: NOW,
      }),
    ).toEqual([]);
    expect(
      computeSlots(S, [chef("a", { zoneIds: ["other"] })], {
        from: "2026-06-10",
        to: "2026-06-10",
        guests: 10,
        zoneId: "z",
        now: NOW,
      }),
    ).toEqual([]);
    expect(
      computeSlots(S, [chef("a", { hours: [] })], {
        from: "2026-06-10",
        to: "2026-06-10",
        guests: 10,
        zoneId: "z",
        now: NOW,
      }),
    ).toEqual([]);
  });

  it("needs two free chefs for a large party and lists the least loaded first", () => {
    const one = computeSlots(S, [chef("a")], {
      from: "2026-06-10",
      to: "2026-06-10",
      guests: 40,
      zoneId: "z",
      now: NOW,
    });
    expect(one).toEqual([]);
    const two = computeSlots(S, [chef("a", { load: 5 }), chef("b", { load: 1 })], {
      from: "2026-06-10",
      to: "2026-06-10",
      guests: 40,
      zoneId: "z",
      now: NOW,
    });
    expect(two.length).toBeGreaterThan(0);
    expect(two[0]!.chefsNeeded).toBe(2);
    expect(two[0]!.chefIds).toEqual(["b", "a"]);
  });

  it("property: no offered slot's block overlaps an existing booking of a chef it names", () => {
    const blockArb = fc.record({
      day: fc.integer({ min: 0, max: 6 }),
      startMinute: fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
      len: fc.integer({ min: 60, max: 480 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(blockArb, { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 60 }),
        (chefBlocks, guests) => {
          const chefs = chefBlocks.map((bs, i) =>
            chef(`c${i}`, {
              blocks: bs.map((b) => {
                const start = new Date(
                  Date.parse("2026-06-10T07:00:00Z") + b.day * 86400_000 + b.startMinute * 60_000,
                );
                return { start, end: new Date(start.getTime() + b.len * 60_000) };
              }),
            }),
          );
          const slots = computeSlots(S, chefs, {
            from: "2026-06-10",
            to: "2026-06-16",
            guests,
            zoneId: "z",
            now: NOW,
          });
          for (const s of slots) {
            const t = eventTiming(S, s.date, s.startMinute, guests);
            expect(s.chefIds.length).toBeGreaterThanOrEqual(s.chefsNeeded);
            for (const id of s.chefIds) {
              const c = chefs.find((x) => x.id === id)!;
              for (const b of c.blocks)
                expect(overlaps(b, { start: t.blockStart, end: t.blockEnd })).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("whyNoSlot: why nothing is free, from the same data", () => {
  // NOW is Monday 2026-06-01 10:00 in Los Angeles; 2026-06-10 is a Wednesday.
  const q = { from: "2026-06-10", to: "2026-06-10", guests: 10, zoneId: "z", now: NOW };
  const weds = (h: { startMinute: number; endMinute: number }) => [{ weekday: 3, ...h }];
  it("free: null", () => {
    expect(whyNoSlot(S, [chef("a")], q)).toBeNull();
  });
  it("inside the notice: too soon, with the first date far enough ahead", () => {
    expect(whyNoSlot(S, [chef("a")], { ...q, from: "2026-06-02", to: "2026-06-02" })).toEqual({
      kind: "too_soon",
      firstDate: "2026-06-03",
      minNoticeHours: 48,
    });
  });
  it("after the booking window, and in the past", () => {
    expect(whyNoSlot(S, [chef("a")], { ...q, from: "2026-12-20", to: "2026-12-20" })).toEqual({
      kind: "beyond_window",
      lastDate: "2026-11-28",
      bookingWindowDays: 180,
    });
    expect(whyNoSlot(S, [chef("a")], { ...q, from: "2026-05-20", to: "2026-05-20" })).toEqual({
      kind: "past",
    });
  });
  it("a weekday nobody in the area works: closed that day, not booked", () => {
    const mondaysOnly = chef("a", { hours: [{ weekday: 1, startMinute: 600, endMinute: 1380 }] });
    const elsewhere = chef("b", { zoneIds: ["other"] });
    expect(whyNoSlot(S, [mondaysOnly, elsewhere], q)).toEqual({
      kind: "closed_day",
      weekday: 3,
      otherAreas: true,
    });
    expect(whyNoSlot(S, [mondaysOnly], q)).toEqual({
      kind: "closed_day",
      weekday: 3,
      otherAreas: false,
    });
  });
  it("a time outside everyone's hours that day: closed then", () => {
    const late = chef("a", { hours: weds({ startMinute: 900, endMinute: 1380 }) });
    expect(whyNoSlot(S, [late], { ...q, startMinute: 720 })).toEqual({ kind: "closed_hours" });
    expect(whyNoSlot(S, [late], { ...q, startMinute: 1080 })).toBeNull();
  });
  it("the chefs who work that day are off (a vacation, a holiday)", () => {
    const off = chef("a", {
      timeOff: [{ start: new Date("2026-06-09T07:00:00Z"), end: new Date("2026-06-11T07:00:00Z") }],
    });
    expect(whyNoSlot(S, [off], q)).toEqual({ kind: "time_off" });
  });
  it("working and booked all day: fully booked (it wins over hours nobody works)", () => {
    const busy = chef("a", {
      hours: weds({ startMinute: 900, endMinute: 1380 }),
      blocks: [{ start: new Date("2026-06-10T19:00:00Z"), end: new Date("2026-06-11T07:00:00Z") }],
    });
    expect(whyNoSlot(S, [busy], q)).toEqual({ kind: "fully_booked" });
  });
  it("a day partly inside the notice, the rest booked: booked only after the notice", () => {
    // Asked on Monday at 5 pm PDT: 48 hours later is Wednesday 5 pm, so Wednesday's 12 and 3 pm
    // are too soon, and the chef is booked from 4 pm on.
    const later = new Date("2026-06-02T00:00:00Z");
    const busy = chef("a", {
      blocks: [{ start: new Date("2026-06-03T23:00:00Z"), end: new Date("2026-06-04T07:00:00Z") }],
    });
    const day = { ...q, from: "2026-06-03", to: "2026-06-03", now: later };
    expect(whyNoSlot(S, [busy], day)).toEqual({ kind: "fully_booked", tooSoonBefore: true });
    expect(whyNoSlot(S, [busy], { ...day, from: "2026-06-04", to: "2026-06-04" })).toBeNull();
  });
  it("a party bigger than the chefs working: too few chefs", () => {
    expect(whyNoSlot(S, [chef("a")], { ...q, guests: 40 })).toEqual({
      kind: "too_few_chefs",
      chefsNeeded: 2,
    });
  });
  it("a time that isn't a start time", () => {
    expect(whyNoSlot(S, [chef("a")], { ...q, startMinute: 1140 })).toEqual({
      kind: "not_a_start_time",
    });
  });
});
