import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { tipCentsFor, tipOptions } from "./balance";

const settings = { tipChoicesBps: [2000, 1500, 1800, 1800, 0], suggestedGratuityBps: 2000 };

describe("tip choices", () => {
  it("are percentages of the food, sorted, without duplicates or zero, the owner's suggestion marked", () => {
    expect(tipOptions(85_050, settings)).toEqual([
      { bps: 1500, label: "15%", cents: 12_758, suggested: false },
      { bps: 1800, label: "18%", cents: 15_309, suggested: false },
      { bps: 2000, label: "20%", cents: 17_010, suggested: true },
    ]);
    expect(tipOptions(10_000, { tipChoicesBps: [1250], suggestedGratuityBps: 2000 })).toEqual([
      { bps: 1250, label: "12.5%", cents: 1_250, suggested: false },
    ]);
  });

  it("a choice is none, one of the offered percentages, or a custom amount up to $5,000", () => {
    const o = tipOptions(100_00, settings);
    expect(tipCentsFor({ kind: "none" }, o)).toBe(0);
    expect(tipCentsFor({ kind: "percent", bps: 1800 }, o)).toBe(1_800);
    expect(tipCentsFor({ kind: "custom", cents: 4_321 }, o)).toBe(4_321);
    expect(() => tipCentsFor({ kind: "percent", bps: 9000 }, o)).toThrow(
      "Choose one of the tips offered (15%, 18%, 20%)",
    );
    expect(() => tipCentsFor({ kind: "custom", cents: 500_001 }, o)).toThrow(AppError);
  });
});
