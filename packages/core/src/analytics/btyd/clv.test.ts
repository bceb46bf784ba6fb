import { describe, expect, it } from "vitest";
import type { RfmRow } from "../types";
import { expectedPurchases, fitMbgNbd } from "./bgnbd";
import { customerClv, DAYS_PER_MONTH, SEGMENT_ACTIONS } from "./clv";
import { fitGammaGamma } from "./gammaGamma";
import { summarizeTransactions } from "./summary";
import { cdnowTransactions } from "./testing";
import { CDNOW_PERIODS } from "./validation";

const params = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const gammaGamma = { p: 6.25, q: 3.74, v: 15.44 };

describe("customerClv", () => {
  const rows: RfmRow[] = [
    { id: "loyal", frequency: 10, recency: 36, T: 38, monetary: 40 },
    { id: "regular", frequency: 3, recency: 30, T: 38, monetary: 25 },
    { id: "lapsed", frequency: 2, recency: 5, T: 38, monetary: 30 },
    { id: "new-one-time", frequency: 0, recency: 0, T: 1, monetary: 0 },
    { id: "old-one-time", frequency: 0, recency: 0, T: 38, monetary: 0 },
  ];

  it("discounts the monthly expected bookings times the expected value", () => {
    const out = customerClv(rows, { model: "bgnbd", params, gammaGamma }, { unit: "week" });
    const loyal = out[0];
    expect(loyal?.id).toBe("loyal");
    const perMonth = DAYS_PER_MONTH / 7;
    const e12 = expectedPurchases("bgnbd", params, rows[0] as RfmRow, 12 * perMonth);
    expect(loyal?.expectedBookings).toBeCloseTo(e12, 10);
    // Discounting: below the undiscounted value, above it discounted for the whole year.
    const undiscounted = (loyal?.expectedValue ?? 0) * e12;
    expect(loyal?.clv).toBeLessThan(undiscounted);
    expect(loyal?.clv).toBeGreaterThan(undiscounted / 1.01 ** 12);
    const noDiscount = customerClv(
      rows,
      { model: "bgnbd", params, gammaGamma },
      { unit: "week", monthlyDiscount: 0 },
    );
    expect(noDiscount[0]?.clv).toBeCloseTo(undiscounted, 8);
  });

  it("uses the same scale in days", () => {
    const days = rows.map((r) => ({ ...r, recency: r.recency * 7, T: r.T * 7 }));
    const dayParams = { ...params, alpha: params.alpha * 7 };
    const w = customerClv(rows, { model: "bgnbd", params, gammaGamma }, { unit: "week" });
    const d = customerClv(days, { model: "bgnbd", params: dayParams, gammaGamma }, { unit: "day" });
    w.forEach((c, i) => expect(d[i]?.clv).toBeCloseTo(c.clv, 8));
  });

  it("segments by CLV, and a one-time customer with few expected bookings is low", () => {
    const fits = { model: "mbgnbd" as const, params, gammaGamma };
    const out = customerClv(rows, fits, { unit: "week" });
    const seg = Object.fromEntries(out.map((c) => [c.id, c.segment]));
    expect(seg["loyal"]).toBe("high");
    expect(seg["regular"]).toBe("medium");
    expect(seg["old-one-time"]).toBe("low");
    // A brand-new customer is expected to book again (> 0.5 in a year): ranked by CLV like anyone.
    expect(out.find((c) => c.id === "new-one-time")?.expectedBookings).toBeGreaterThan(0.5);
    expect(seg["new-one-time"]).toBe("medium");
    expect(out.every((c) => c.pAlive >= 0 && c.pAlive <= 1)).toBe(true);

    // An old one-time customer ranked in the top half (among lapsed customers) is still low.
    const lapsed: RfmRow[] = [
      { id: "loyal", frequency: 10, recency: 36, T: 38, monetary: 40 },
      { id: "old-one-time", frequency: 0, recency: 0, T: 38, monetary: 0 },
      { id: "l1", frequency: 1, recency: 0.5, T: 38, monetary: 5 },
      { id: "l2", frequency: 1, recency: 0.5, T: 38, monetary: 5 },
      { id: "l3", frequency: 1, recency: 0.5, T: 38, monetary: 5 },
    ];
    const ranked = customerClv(lapsed, fits, { unit: "week" });
    const oneTime = ranked.find((c) => c.id === "old-one-time");
    const byClv = [...ranked].sort((a, b) => b.clv - a.clv).map((c) => c.id);
    expect(byClv.indexOf("old-one-time")).toBeLessThan(3); // medium by rank
    expect(oneTime?.expectedBookings).toBeLessThan(0.5);
    expect(oneTime?.segment).toBe("low");
  });

  it("gives 20% / 30% / 50% on CDNOW, one-time customers low", () => {
    const rfm = summarizeTransactions(cdnowTransactions(), {
      calibrationEnd: CDNOW_PERIODS.calibrationEnd,
      unit: "week",
    });
    const fits = {
      model: "mbgnbd" as const,
      params: fitMbgNbd(rfm).params,
      gammaGamma: fitGammaGamma(rfm).params,
    };
    const out = customerClv(rfm, fits, { unit: "week" });
    const count = (s: string): number => out.filter((c) => c.segment === s).length;
    expect(count("high")).toBeLessThanOrEqual(Math.ceil(0.2 * rfm.length));
    expect(count("high")).toBeGreaterThan(0.15 * rfm.length);
    expect(count("high") + count("medium")).toBeLessThanOrEqual(Math.ceil(0.5 * rfm.length));
    const minHigh = Math.min(...out.filter((c) => c.segment === "high").map((c) => c.clv));
    const maxLow = Math.max(
      ...out
        .filter((c, i) => c.segment === "low" && (rfm[i]?.frequency ?? 0) > 0)
        .map((c) => c.clv),
    );
    expect(minHigh).toBeGreaterThan(maxLow);
    out.forEach((c, i) => {
      if (rfm[i]?.frequency === 0 && c.expectedBookings < 0.5) expect(c.segment).toBe("low");
    });
  });

  it("exports the owner's actions per segment", () => {
    expect(SEGMENT_ACTIONS.high.actions.join(" ")).toMatch(/loyalty/i);
    expect(SEGMENT_ACTIONS.high.actions.join(" ")).toMatch(/thank-you/i);
    // Titles say what a segment is: expected value, not loyalty or "one-time".
    expect(SEGMENT_ACTIONS.high.title).toBe("High expected value");
    expect(SEGMENT_ACTIONS.low.title).toBe("Low expected value");
    expect(
      Object.values(SEGMENT_ACTIONS)
        .map((a) => a.title)
        .join(" "),
    ).not.toMatch(/one-time|VIP/i);
    expect(SEGMENT_ACTIONS.medium.actions.join(" ")).toMatch(/upsell/i);
    expect(SEGMENT_ACTIONS.medium.actions.join(" ")).toMatch(/review/i);
    expect(SEGMENT_ACTIONS.medium.actions.join(" ")).toMatch(/referral/i);
    expect(SEGMENT_ACTIONS.low.actions.join(" ")).toMatch(/review and a referral/i);
    // A lapsed repeat customer in "low" is sent to the churn-risk offer, not told off.
    expect(SEGMENT_ACTIONS.low.actions.join(" ")).toMatch(/churn-risk offer/i);
    expect(SEGMENT_ACTIONS.low.actions.join(" ")).not.toMatch(/over-invest/i);
  });
});
