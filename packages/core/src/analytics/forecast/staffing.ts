/**
 * Staffing advice from a demand forecast: expected bookings and chef-parties per day, the chefs needed
 * on an average day (forecast mean) and on a busy day (the upper 80% bound), against the chefs
 * scheduled, with suggestions as data (the UI words them).
 */
import { formatLocalDate } from "@myhibachi/shared";
import type { ForecastDay } from "../types";

export interface StaffingOptions {
  /** Chefs one booking takes (a chef cooks one party at a time; a big party takes two). */
  chefsPerBooking: number;
  /** Bookings one chef can cook in a day (the events that fit one after another in a shift). */
  bookingsPerChef: number;
  /** Chefs scheduled per day (YYYY-MM-DD -> count); a missing day counts as 0. */
  scheduledChefs: Record<string, number>;
  /**
   * A day is high demand when its expected bookings are at least this multiple of the period's
   * typical day (mean of the forecast means); default 1.25.
   */
  highDemandRatio?: number;
  /** ... and low demand at or below this multiple; default 0.75. */
  lowDemandRatio?: number;
  /** Typical bookings per day to compare with; default the mean of the forecast means. */
  typicalBookings?: number;
  /** Suggested price rise on high-demand days, in percent; default 5. */
  priceRisePercent?: number;
  /** Suggested discount on low-demand days, in percent; default 10. */
  discountPercent?: number;
  /**
   * The first and last dates customers can still book (YYYY-MM-DD: beyond the minimum notice,
   * within the booking window). Prices, promotions and steering only make sense for those dates:
   * no promotion for tomorrow when bookings need 48 hours' notice. Default: every date.
   */
  bookableFrom?: string;
  bookableUntil?: string;
}

/** short: fewer chefs than an average day needs; over: more than even a busy day needs. */
export type StaffingFlag = "short" | "over" | "ok";
export type DemandLevel = "high" | "normal" | "low";

export type StaffingSuggestion =
  | { kind: "add-chefs"; chefs: number; message: string }
  | { kind: "raise-prices"; percent: number; message: string }
  | { kind: "promote-quieter-days"; dates: string[]; message: string }
  | { kind: "run-promotion"; discountPercent: number; message: string }
  | { kind: "schedule-fewer-chefs"; chefs: number; message: string };

export interface StaffingDay {
  date: string;
  expectedBookings: number;
  /** Upper 80% bound of the bookings (the "busy" case). */
  busyBookings: number;
  expectedChefLoad: number;
  busyChefLoad: number;
  /** ceil(expected chef load / bookings per chef). */
  chefsNeeded: number;
  /** ceil(busy chef load / bookings per chef). */
  chefsNeededBusy: number;
  chefsScheduled: number;
  flag: StaffingFlag;
  demand: DemandLevel;
  suggestions: StaffingSuggestion[];
}

const EPS = 1e-9;

/** The three quiet days closest to `date`, in date order. */
function nearest(dates: string[], date: string): string[] {
  const dist = (q: string) =>
    Math.abs(Date.parse(`${q}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`));
  return [...dates]
    .sort((a, b) => dist(a) - dist(b))
    .slice(0, 3)
    .sort();
}

function chefsFor(guests: number, perChef: number): number {
  return guests <= EPS ? 0 : Math.ceil(guests / perChef - EPS);
}

export function staffingAdvice(forecast: ForecastDay[], options: StaffingOptions): StaffingDay[] {
  const { chefsPerBooking, bookingsPerChef, scheduledChefs } = options;
  if (!(chefsPerBooking > 0)) throw new Error("chefsPerBooking must be positive");
  if (!(bookingsPerChef > 0)) throw new Error("bookingsPerChef must be positive");
  const high = options.highDemandRatio ?? 1.25;
  const low = options.lowDemandRatio ?? 0.75;
  const priceRise = options.priceRisePercent ?? 5;
  const discount = options.discountPercent ?? 10;
  const typical =
    options.typicalBookings ??
    (forecast.length > 0 ? forecast.reduce((s, d) => s + d.mean, 0) / forecast.length : 0);

  const demandOf = (mean: number): DemandLevel => {
    if (typical <= 0) return "normal";
    if (mean >= high * typical) return "high";
    if (mean <= low * typical) return "low";
    return "normal";
  };
  const bookable = (date: string) =>
    (!options.bookableFrom || date >= options.bookableFrom) &&
    (!options.bookableUntil || date <= options.bookableUntil);

  const days = forecast.map((d) => {
    const expectedChefLoad = d.mean * chefsPerBooking;
    const busyBookings = Math.max(d.hi80, d.mean);
    const busyChefLoad = busyBookings * chefsPerBooking;
    const chefsNeeded = chefsFor(expectedChefLoad, bookingsPerChef);
    const chefsNeededBusy = chefsFor(busyChefLoad, bookingsPerChef);
    const chefsScheduled = scheduledChefs[d.date] ?? 0;
    const flag: StaffingFlag =
      chefsScheduled < chefsNeeded ? "short" : chefsScheduled > chefsNeededBusy ? "over" : "ok";
    return {
      d,
      expectedChefLoad,
      busyBookings,
      busyChefLoad,
      chefsNeeded,
      chefsNeededBusy,
      chefsScheduled,
      flag,
      demand: demandOf(d.mean),
      // A chef free on an average day: more bookings could be cooked.
      room: chefsScheduled > chefsNeeded,
      bookable: bookable(d.date),
    };
  });
  // Where customers can be steered: quiet days they can still book, with a chef free.
  const quietDates = days
    .filter((x) => x.demand === "low" && x.bookable && x.room)
    .map((x) => x.d.date);

  return days.map((x) => {
    const { d, expectedChefLoad, busyBookings, busyChefLoad, chefsNeeded, chefsNeededBusy } = x;
    const { chefsScheduled, flag, demand } = x;
    const suggestions: StaffingSuggestion[] = [];
    if (flag === "short") {
      const chefs = chefsNeeded - chefsScheduled;
      suggestions.push({
        kind: "add-chefs",
        chefs,
        message: `Schedule ${chefs} more chef${chefs === 1 ? "" : "s"} (${chefsNeeded} needed on an average day, ${chefsNeededBusy} if busy).`,
      });
    }
    // Raise prices and steer customers away only where the chefs are tight: never on a day with
    // more chefs than even a busy day needs ("room for more"), nor one nobody can book any more.
    if (demand === "high" && flag !== "over" && x.bookable) {
      suggestions.push({
        kind: "raise-prices",
        percent: priceRise,
        message: `High demand: consider raising prices about ${priceRise}%.`,
      });
      const others = quietDates.filter((q) => q !== d.date);
      if (others.length > 0) {
        suggestions.push({
          kind: "promote-quieter-days",
          dates: others,
          message: `Steer customers to quieter days nearby: ${nearest(others, d.date)
            .map((q) => formatLocalDate(q, "shortDay"))
            .join("; ")}.`,
        });
      }
    }
    // A promotion fills free chefs on a day customers can still book: not one whose scheduled
    // chefs are all needed, nor today or tomorrow inside the minimum notice.
    if (demand === "low" && x.room && x.bookable) {
      suggestions.push({
        kind: "run-promotion",
        discountPercent: discount,
        message: `Low demand: run a promotion or a ${discount}% discount for this day.`,
      });
    }
    if (flag === "over") {
      const chefs = chefsScheduled - chefsNeededBusy;
      suggestions.push({
        kind: "schedule-fewer-chefs",
        chefs,
        message: `${chefs} chef${chefs === 1 ? "" : "s"} more than even a busy day needs (${chefsNeededBusy}).`,
      });
    }
    return {
      date: d.date,
      expectedBookings: d.mean,
      busyBookings,
      expectedChefLoad,
      busyChefLoad,
      chefsNeeded,
      chefsNeededBusy,
      chefsScheduled,
      flag,
      demand,
      suggestions,
    };
  });
}
