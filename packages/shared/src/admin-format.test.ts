import { afterAll, describe, expect, it } from "vitest";
import { formatStamp, formatStampShort } from "./stamp";
import { bpsToPercent, describeChange, formatBps, percentToBps } from "./percent";
import { DIETARY_TAGS, MAJOR_ALLERGENS, dietaryTagLabel, isMajorAllergen } from "./allergens";
import { dietaryMatch } from "./dietary";
import { formatMicros } from "./money";

const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe("times of things that happened, in the business's zone", () => {
  for (const tz of ["UTC", "Asia/Tokyo"]) {
    it(`prints the business's wall clock whatever the machine's zone (TZ=${tz})`, () => {
      process.env.TZ = tz;
      // 02:05 UTC on Nov 29 is 6:05 PM on Nov 28 in California (PST, UTC-8).
      expect(formatStamp("2026-11-29T02:05:00Z", "America/Los_Angeles")).toBe(
        "Nov 28, 2026, 6:05 PM PST",
      );
      expect(formatStampShort(new Date("2026-07-04T19:30:00Z"), "America/New_York")).toBe(
        "Jul 4, 3:30 PM EDT",
      );
    });
  }
});

describe("percentages over basis points", () => {
  it("reads what an owner types", () => {
    expect(percentToBps("9.38")).toBe(938);
    expect(percentToBps(" 9.38 % ")).toBe(938);
    expect(percentToBps("20")).toBe(2000);
    expect(percentToBps("12.5")).toBe(1250);
    expect(percentToBps("0")).toBe(0);
    expect(percentToBps("9.375")).toBeNull();
    expect(percentToBps("-1")).toBeNull();
    expect(percentToBps("ten")).toBeNull();
    expect(percentToBps("")).toBeNull();
  });
  it("writes basis points back as the owner would type them", () => {
    expect(bpsToPercent(938)).toBe("9.38");
    expect(bpsToPercent(2000)).toBe("20");
    expect(bpsToPercent(1250)).toBe("12.5");
    expect(bpsToPercent(5)).toBe("0.05");
    expect(formatBps(938)).toBe("9.38%");
  });
});

describe("trend changes", () => {
  const usd = (m: number) => formatMicros(m);
  it("gives a percentage on a real base", () => {
    expect(describeChange(110, 100)).toBe("+10.0%");
    expect(describeChange(90, 100)).toBe("-10.0%");
    expect(describeChange(5_000_000, 1_000_000, { minBase: 1_000_000, format: usd })).toBe(
      "+400.0%",
    );
  });
  it("gives the absolute change on a tiny base instead of +28,399.4%", () => {
    // 3 cents last week, $8.55 this week.
    expect(describeChange(8_550_000, 30_000, { minBase: 1_000_000, format: usd })).toBe("+$8.52");
    expect(describeChange(10_000, 40_000, { minBase: 1_000_000, format: usd })).toBe("-$0.03");
  });
  it("says new or no change where a percentage means nothing", () => {
    expect(describeChange(5, 0)).toBe("new");
    expect(describeChange(0, 0)).toBe("no change");
    expect(describeChange(7, 7)).toBe("no change");
  });
});

describe("the fixed allergen and diet lists", () => {
  it("are the nine major US allergens", () => {
    expect([...MAJOR_ALLERGENS].sort()).toEqual(
      ["egg", "fish", "milk", "peanuts", "sesame", "shellfish", "soy", "tree nuts", "wheat"].sort(),
    );
    expect(isMajorAllergen("milk")).toBe(true);
    expect(isMajorAllergen("milkk")).toBe(false);
  });
  it("include every diet with its on-request form", () => {
    expect(DIETARY_TAGS).toContain("gluten-free-on-request");
    expect(DIETARY_TAGS).toContain("halal-on-request");
    expect(DIETARY_TAGS).toContain("vegan");
    expect(dietaryTagLabel("gluten-free-on-request")).toBe("gluten-free on request");
  });
  it("are read by the menu filter as the customer means them", () => {
    const satay = { allergens: ["peanuts", "soy"], dietaryTags: [] };
    const salad = { allergens: ["tree nuts"], dietaryTags: ["vegan"] };
    // "nuts" (what a customer or the assistant asks for) covers both kinds.
    expect(dietaryMatch(satay, "nuts")).toBe(false);
    expect(dietaryMatch(salad, "nuts")).toBe(false);
    expect(dietaryMatch(salad, "peanuts")).toBe(true);
    expect(dietaryMatch(salad, "vegetarian")).toBe(true);
  });
});
