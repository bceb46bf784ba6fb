import { describe, expect, it } from "vitest";
import type { ForecastDay } from "../types";
import { staffingAdvice } from "./staffing";

const day = (date: string, mean: number, lo80: number, hi80: number): ForecastDay => ({
  date,
  mean,
  lo80,
  hi80,
});

describe("staffingAdvice", () => {
  // Typical day = mean of the means = 3 bookings.
  const forecast = [
    day("2026-06-05", 5, 2, 8), // high demand
    day("2026-06-06", 3, 1, 6),
    day("2026-06-07", 3, 1, 5),
    day("2026-06-08", 1, 0, 3), // low demand
  ];
  const options = {
    chefsPerBooking: 10,
    bookingsPerChef: 20,
    scheduledChefs: { "2026-06-05": 2, "2026-06-06": 2, "2026-06-07": 4, "2026-06-08": 3 },
  };
  const advice = staffingAdvice(forecast, options);
  const at = (date: string) => {
    const a = advice.find((d) => d.date === date);
    if (!a) throw new Error(date);
    return a;
  };

  it("computes guests and chefs for the average and the busy case", () => {
    const a = at("2026-06-05");
    expect(a.expectedBookings).toBe(5);
    expect(a.expectedChefLoad).toBe(50);
    expect(a.busyBookings).toBe(8);
    expect(a.busyChefLoad).toBe(80);
    expect(a.chefsNeeded).toBe(3); // ceil(50 / 20)
    expect(a.chefsNeededBusy).toBe(4); // ceil(80 / 20)
    expect(a.chefsScheduled).toBe(2);
    // Exact multiples don't round up.
    expect(at("2026-06-07").chefsNeededBusy).toBe(3); // 50 / 20 -> 3; 5 x 10 = 50
    expect(at("2026-06-06").chefsNeeded).toBe(2); // 30 / 20 -> 2
  });

  it("flags short, over and ok days", () => {
    expect(at("2026-06-05").flag).toBe("short"); // 2 < 3
    expect(at("2026-06-06").flag).toBe("ok"); // 2 needed, 3 if busy, 2 scheduled
    expect(at("2026-06-07").flag).toBe("over"); // 4 > 3 busy
    expect(at("2026-06-08").flag).toBe("over"); // 3 > ceil(30 / 20) = 2
  });

  it("suggests adding chefs, raising prices and promoting quieter days when demand is high", () => {
    const a = at("2026-06-05");
    expect(a.demand).toBe("high");
    expect(a.suggestions.map((s) => s.kind)).toEqual([
      "add-chefs",
      "raise-prices",
      "promote-quieter-days",
    ]);
    expect(a.suggestions[0]).toMatchObject({ kind: "add-chefs", chefs: 1 });
    expect(a.suggestions[1]).toMatchObject({ kind: "raise-prices", percent: 5 });
    expect(a.suggestions[2]).toMatchObject({ kind: "promote-quieter-days", dates: ["2026-06-08"] });
    for (const s of a.suggestions) expect(s.message.length).toBeGreaterThan(10);
  });

  it("suggests promotions and fewer chefs when demand is low", () => {
    const a = at("2026-06-08");
    expect(a.demand).toBe("low");
    expect(a.suggestions.map((s) => s.kind)).toEqual(["run-promotion", "schedule-fewer-chefs"]);
    expect(a.suggestions[1]).toMatchObject({ kind: "schedule-fewer-chefs", chefs: 1 });
    expect(at("2026-06-06").suggestions).toEqual([]);
    expect(at("2026-06-06").demand).toBe("normal");
  });

  it("treats an unscheduled day as zero chefs and a zero forecast as needing none", () => {
    const out = staffingAdvice([day("2026-06-09", 0, 0, 0), day("2026-06-10", 2, 0, 4)], {
      chefsPerBooking: 8,
      bookingsPerChef: 30,
      scheduledChefs: {},
      typicalBookings: 2,
    });
    expect(out[0]).toMatchObject({
      chefsNeeded: 0,
      chefsNeededBusy: 0,
      chefsScheduled: 0,
      flag: "ok",
      demand: "low",
    });
    expect(out[1]).toMatchObject({
      chefsNeeded: 1,
      chefsNeededBusy: 2,
      flag: "short",
      demand: "normal",
    });
  });

  it("honours custom thresholds and rejects bad capacities", () => {
    const out = staffingAdvice([day("2026-06-09", 3, 1, 6)], {
      chefsPerBooking: 8,
      bookingsPerChef: 30,
      scheduledChefs: { "2026-06-09": 1 },
      typicalBookings: 2,
      highDemandRatio: 1.4,
      priceRisePercent: 3,
    });
    expect(out[0]?.demand).toBe("high");
    expect(out[0]?.suggestions).toContainEqual(
      expect.objectContaining({ kind: "raise-prices", percent: 3 }),
    );
    expect(() =>
      staffingAdvice([], { chefsPerBooking: 0, bookingsPerChef: 10, scheduledChefs: {} }),
    ).toThrow();
    expect(() =>
      staffingAdvice([], { chefsPerBooking: 5, bookingsPerChef: -1, scheduledChefs: {} }),
    ).toThrow();
  });

  describe("suggestions that agree with the rest of the row (attack 15 round 2, F8)", () => {
    // Typical day = 2 bookings; one chef cooks one party (one booking each).
    const opts = { chefsPerBooking: 1, bookingsPerChef: 1, typicalBookings: 2 };
    const kinds = (a: ReturnType<typeof staffingAdvice>, date: string) =>
      a.find((d) => d.date === date)!.suggestions.map((s) => s.kind);

    it("suggests no promotion for a day inside the minimum notice window", () => {
      const out = staffingAdvice([day("2026-11-30", 0.5, 0, 1), day("2026-12-01", 0.5, 0, 1)], {
        ...opts,
        scheduledChefs: { "2026-11-30": 4, "2026-12-01": 4 },
        bookableFrom: "2026-12-02",
      });
      for (const d of out) {
        expect(d.demand).toBe("low");
        expect(d.suggestions.map((s) => s.kind)).not.toContain("run-promotion");
      }
    });

    it("suggests no promotion beyond the booking window either", () => {
      const out = staffingAdvice([day("2027-03-01", 0.5, 0, 1)], {
        ...opts,
        scheduledChefs: { "2027-03-01": 4 },
        bookableUntil: "2027-02-28",
      });
      expect(kinds(out, "2027-03-01")).not.toContain("run-promotion");
    });

    it("steers customers only to quiet dates they can still book, with a chef free", () => {
      const out = staffingAdvice(
        [
          day("2026-12-01", 0.5, 0, 1), // quiet, inside the notice window
          day("2026-12-02", 0.5, 0, 1), // quiet, bookable, chefs free
          day("2026-12-03", 0.5, 0, 1), // quiet, bookable, its one chef needed
          day("2026-12-04", 4, 3, 5), // busy
        ],
        {
          ...opts,
          scheduledChefs: { "2026-12-01": 3, "2026-12-02": 3, "2026-12-03": 1, "2026-12-04": 4 },
          bookableFrom: "2026-12-02",
        },
      );
      const steer = out
        .find((d) => d.date === "2026-12-04")!
        .suggestions.find((s) => s.kind === "promote-quieter-days");
      expect(steer).toMatchObject({ dates: ["2026-12-02"] });
      expect(steer!.message).not.toMatch(/Dec 1|Dec 3/);
    });

    it("never says raise prices or steer away on a day with room for more", () => {
      const out = staffingAdvice([day("2026-12-04", 3, 2, 3), day("2026-12-05", 0.5, 0, 1)], {
        ...opts,
        scheduledChefs: { "2026-12-04": 4, "2026-12-05": 3 },
      });
      const busy = out.find((d) => d.date === "2026-12-04")!;
      expect(busy.demand).toBe("high");
      expect(busy.flag).toBe("over");
      expect(busy.suggestions.map((s) => s.kind)).toEqual(["schedule-fewer-chefs"]);
    });

    it("still says raise prices on a busy day whose chefs are all needed", () => {
      const out = staffingAdvice([day("2026-12-04", 3, 2, 4)], {
        ...opts,
        scheduledChefs: { "2026-12-04": 4 },
      });
      expect(kinds(out, "2026-12-04")).toEqual(["raise-prices"]);
    });

    it("never says run a promotion on a day whose scheduled chefs are all needed", () => {
      const out = staffingAdvice([day("2026-12-14", 1.2, 1, 2), day("2026-12-15", 1.2, 1, 2)], {
        ...opts,
        typicalBookings: 3,
        scheduledChefs: { "2026-12-14": 2, "2026-12-15": 3 },
      });
      // 2 chefs needed, 2 scheduled: nobody free to cook a promoted party.
      expect(out[0]).toMatchObject({ demand: "low", chefsNeeded: 2, chefsScheduled: 2 });
      expect(kinds(out, "2026-12-14")).toEqual([]);
      // 2 needed, 3 scheduled: a chef is free, the promotion stands.
      expect(kinds(out, "2026-12-15")).toContain("run-promotion");
    });
  });
});
