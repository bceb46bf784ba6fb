import { describe, expect, it } from "vitest";
import { dayNumber, summarizeTransactions } from "./summary";

describe("dayNumber", () => {
  it("reads dates and both string forms alike", () => {
    const d = dayNumber("1997-01-01");
    expect(dayNumber("19970101")).toBe(d);
    expect(dayNumber(new Date("1997-01-01T00:00:00Z"))).toBe(d);
    expect(dayNumber(new Date("1997-01-01T23:59:00Z"))).toBe(d);
    expect(dayNumber("1997-01-02") - d).toBe(1);
    expect(() => dayNumber("not a date")).toThrow(RangeError);
  });
});

describe("summarizeTransactions", () => {
  const rows = [
    { id: "a", date: "2024-01-01", value: 100 },
    { id: "a", date: "2024-01-01", value: 50 }, // same day: merged into one purchase day of 150
    { id: "a", date: "2024-01-15", value: 200 },
    { id: "a", date: "2024-01-15", value: 20 },
    { id: "a", date: "2024-01-29", value: 300 },
    { id: "a", date: "2024-03-01", value: 999 }, // after the calibration end
    { id: "b", date: new Date("2024-01-08T12:00:00Z"), value: 80 },
    { id: "c", date: "2024-03-01", value: 10 }, // first purchase after the end: not a customer yet
  ];

  it("follows lifetimes' convention", () => {
    const out = summarizeTransactions(rows, { calibrationEnd: "2024-02-12", unit: "week" });
    expect(out).toEqual([
      { id: "a", frequency: 2, recency: 4, T: 6, monetary: (220 + 300) / 2 },
      { id: "b", frequency: 0, recency: 0, T: 5, monetary: 0 },
    ]);
  });

  it("measures in days with unit 'day'", () => {
    const out = summarizeTransactions(rows, { calibrationEnd: "2024-02-12", unit: "day" });
    expect(out[0]).toMatchObject({ frequency: 2, recency: 28, T: 42 });
  });

  it("keeps only the cohort of firstPurchaseIn", () => {
    const out = summarizeTransactions(rows, {
      calibrationEnd: "2024-02-12",
      unit: "week",
      firstPurchaseIn: { from: "2024-01-05", to: "2024-01-31" },
    });
    expect(out.map((r) => r.id)).toEqual(["b"]);
  });
});
