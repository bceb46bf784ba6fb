import { describe, expect, it } from "vitest";
import { extraLimitWords, maxExtraUnits, tooManyExtraMessage } from "./party";

const gyoza = { name: "Pork gyoza", pricing: "PER_PERSON" as const, servesGuests: null };
const tables = { name: "Tables and chairs", pricing: "FLAT" as const, servesGuests: 20 };
const sake = { name: "Sake bar service", pricing: "FLAT" as const, servesGuests: null };
const platter = { name: "Fruit platter", pricing: "FLAT" as const, servesGuests: 1 };

describe("how much of one extra a party can have (H4)", () => {
  it("per-person items: one serving per guest, whatever servesGuests says", () => {
    expect(maxExtraUnits(gyoza, 12)).toBe(12);
    expect(maxExtraUnits({ ...gyoza, servesGuests: 20 }, 12)).toBe(12);
    expect(maxExtraUnits(gyoza, 0)).toBe(0);
  });

  it("flat items: enough orders to cover the party, never more", () => {
    // Tables for up to 20: 1 for 1-20 guests, 2 for 21-40, 3 for 41-60.
    expect([1, 12, 20, 21, 40, 41, 60].map((g) => maxExtraUnits(tables, g))).toEqual([
      1, 1, 1, 2, 2, 3, 3,
    ]);
    // One order for the whole party, however big.
    expect([1, 12, 60].map((g) => maxExtraUnits(sake, g))).toEqual([1, 1, 1]);
    expect(maxExtraUnits(platter, 12)).toBe(12);
    expect(maxExtraUnits(tables, 0)).toBe(0);
    expect(maxExtraUnits(sake, 0)).toBe(0);
  });

  it("the refusal says the limit and why", () => {
    expect(tooManyExtraMessage(gyoza, 12)).toBe(
      "Pork gyoza: at most 12 servings for a party of 12.",
    );
    expect(tooManyExtraMessage(tables, 12)).toBe(
      "Tables and chairs: at most 1 order for a party of 12 (one order is for up to 20 guests).",
    );
    expect(tooManyExtraMessage(tables, 25)).toBe(
      "Tables and chairs: at most 2 orders for a party of 25 (one order is for up to 20 guests).",
    );
    expect(tooManyExtraMessage(sake, 30)).toBe(
      "Sake bar service: one order is for the whole party.",
    );
    expect(tooManyExtraMessage(platter, 3)).toBe(
      "Fruit platter: at most 3 orders for a party of 3.",
    );
  });

  it("the line under a flat item on the booking pages and the menu", () => {
    expect(extraLimitWords(tables, 25)).toBe(
      "Up to 2 orders for your party of 25 (one is for up to 20 guests).",
    );
    expect(extraLimitWords(tables, 8)).toBe(
      "Up to 1 order for your party of 8 (one is for up to 20 guests).",
    );
    expect(extraLimitWords(sake, 8)).toBe("One order for the whole party.");
    expect(extraLimitWords(platter, 4)).toBe("Up to 4 orders for your party of 4 (one per guest).");
    expect(extraLimitWords(tables, 0)).toBe("One order is for up to 20 guests.");
    expect(extraLimitWords(platter, 0)).toBe("One order per guest.");
  });
});
