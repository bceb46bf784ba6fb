// Runs the hand-labelled table (testing/understand-cases.ts: customer phrasings written from the
// seed menu and a calendar before the reader was) against the reader with the seed's menu.
import { beforeAll, describe, expect, it } from "vitest";
import { extractSlots, menuIndexOf, type MenuIndex } from "./extract";
import { SEED_MENU_ITEMS, SEED_PACKAGES } from "./testing/seed-menu";
import { NOW, TZ, UNDERSTAND_CASES, pickSlots, sorted } from "./testing/understand-cases";
import { englishWords } from "./understand/dictionary";

let menu: MenuIndex;
beforeAll(async () => {
  menu = menuIndexOf({ items: SEED_MENU_ITEMS, packages: SEED_PACKAGES }, await englishWords());
});

describe("what customers mean (hand-labelled, NOW = Tue 2026-11-24 10:00 Los Angeles)", () => {
  const all = Object.values(UNDERSTAND_CASES).flat();
  it("has enough cases to mean something", () => {
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all.map(([t]) => t)).size).toBe(all.length);
  });
  for (const [group, cases] of Object.entries(UNDERSTAND_CASES)) {
    describe(group.toLowerCase(), () => {
      it.each(cases)("%s", (text, expected) => {
        expect(pickSlots(extractSlots(text, NOW, TZ, menu), expected)).toEqual(sorted(expected));
      });
    });
  }
});

describe("a package chosen by price", () => {
  it.each([
    ["Hmm on second thought premium is a bit much. Switch us to the cheaper one?", "classic"],
    ["let's go with the cheapest package", "classic"],
    ["mejor el paquete más barato", "classic"],
    ["actually upgrade us to the fancier one", "premium"],
  ])("%s", (text, slug) => {
    expect(extractSlots(text, NOW, TZ, menu).packageSlug).toBe(slug);
  });
  it("a price question names no package", () => {
    expect(extractSlots("is it cheaper on weekdays?", NOW, TZ, menu).packageSlug).toBeUndefined();
  });
});

describe("the server's time zone does not change the reading", () => {
  for (const serverTz of ["UTC", "Asia/Tokyo", "Pacific/Kiritimati"]) {
    it(`late Friday evening in Los Angeles (${serverTz})`, () => {
      const before = process.env.TZ;
      process.env.TZ = serverTz;
      try {
        // 2026-11-28 06:30 UTC is Friday Nov 27, 22:30 in Los Angeles.
        const at = new Date("2026-11-28T06:30:00Z");
        expect(extractSlots("tmrw at 6", at, TZ)).toMatchObject({
          date: "2026-11-28",
          startMinute: 1080,
        });
        expect(extractSlots("mañana a las 6", at, TZ)).toMatchObject({
          date: "2026-11-28",
          startMinute: 1080,
        });
        expect(extractSlots("this weekend", at, TZ)).toMatchObject({
          from: "2026-11-28",
          to: "2026-11-29",
        });
      } finally {
        process.env.TZ = before;
      }
    });
  }
});

describe("ordinary words and typos", () => {
  it("reads a typo of a menu word, but not an English word one letter away", () => {
    const named = (t: string) => extractSlots(t, NOW, TZ, menu).named ?? [];
    expect(named("fillet mignon please")).toEqual(["filet-mignon"]);
    expect(named("lobstr")).toEqual(["lobster-tail"]);
    expect(named("what files do you need")).toEqual([]);
    expect(named("a mocha for me")).toEqual([]);
    expect(named("do you have chains for the tent")).toEqual([]);
    expect(named("is the salon open")).toEqual([]);
  });
  it("never reads a menu word from the index of another catalog", () => {
    const other = menuIndexOf({
      items: [{ slug: "paella", name: "Seafood paella", priceCents: 900, active: true }],
      packages: [{ slug: "deluxe", name: "Deluxe feast", active: true }],
    });
    expect(extractSlots("2 paellas, the deluxe, and gyoza", NOW, TZ, other)).toMatchObject({
      named: ["paella"],
      items: { paella: 2 },
      packageSlug: "deluxe",
    });
    expect(extractSlots("gyoza and premium", NOW, TZ, other).named).toBeUndefined();
  });
});
