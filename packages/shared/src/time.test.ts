import { afterAll, describe, expect, it } from "vitest";
import {
  addDays,
  formatInstant,
  formatLocalDate,
  formatMinutes,
  formatWhen,
  todayIn,
  zonedParts,
  zonedTimeToUtc,
} from "./time";

/** Intl puts a narrow no-break space before AM/PM on newer ICU versions. */
const plain = (s: string) => s.replace(/\s/g, " ");

// The process time zone must not change any answer: run every case under two TZ values.
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

for (const tz of ["UTC", "Asia/Tokyo"]) {
  describe(`time zone math with process TZ=${tz}`, () => {
    it("converts wall time to an instant in the event's zone", () => {
      process.env.TZ = tz;
      expect(zonedTimeToUtc("2026-07-04", 18 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-07-05T01:00:00.000Z",
      ); // PDT
      expect(zonedTimeToUtc("2026-12-24", 18 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-12-25T02:00:00.000Z",
      ); // PST
      expect(zonedTimeToUtc("2026-12-24", 18 * 60, "America/New_York").toISOString()).toBe(
        "2026-12-24T23:00:00.000Z",
      );
    });

    it("is right on both daylight-saving change days", () => {
      process.env.TZ = tz;
      // 2026-03-08 spring forward, 2026-11-01 fall back (US).
      expect(zonedTimeToUtc("2026-03-08", 12 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-03-08T19:00:00.000Z",
      );
      expect(zonedTimeToUtc("2026-03-07", 12 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-03-07T20:00:00.000Z",
      );
      expect(zonedTimeToUtc("2026-11-01", 17 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-11-02T01:00:00.000Z",
      );
      expect(zonedTimeToUtc("2026-10-31", 17 * 60, "America/Los_Angeles").toISOString()).toBe(
        "2026-11-01T00:00:00.000Z",
      );
      // 2:30 am does not exist on spring-forward day: it maps forward, never backward.
      const gap = zonedTimeToUtc("2026-03-08", 150, "America/Los_Angeles");
      expect(zonedParts(gap, "America/Los_Angeles").hour).toBe(3);
    });

    it("round-trips through zonedParts", () => {
      process.env.TZ = tz;
      for (const [d, m] of [
        ["2026-01-15", 720],
        ["2026-06-30", 1170],
        ["2026-11-01", 1020],
      ] as const) {
        const p = zonedParts(zonedTimeToUtc(d, m, "America/Los_Angeles"), "America/Los_Angeles");
        expect(p.date).toBe(d);
        expect(p.minutes).toBe(m);
      }
    });

    it("prints an instant on the event's wall clock, whatever the machine's zone", () => {
      process.env.TZ = tz;
      const sixPmPst = new Date("2026-11-29T02:00:00Z"); // Nov 28, 6 pm in Los Angeles
      const la = "America/Los_Angeles";
      expect(plain(formatInstant(sixPmPst, la, "fullDateTime"))).toBe(
        "Saturday, November 28, 2026 at 6:00 PM",
      );
      expect(plain(formatInstant(sixPmPst, la, "shortDayTime"))).toBe("Sat, Nov 28, 6:00 PM");
      expect(plain(formatInstant(sixPmPst, la, "shortDateTime"))).toBe(
        "Sat, Nov 28, 2026, 6:00 PM",
      );
      expect(plain(formatInstant(sixPmPst, la, "mediumDateTime"))).toBe("Nov 28, 2026, 6:00 PM");
      expect(plain(formatInstant(sixPmPst, la, "numericDateTime"))).toBe("11/28/26, 6:00 PM");
      expect(plain(formatInstant(sixPmPst.toISOString(), la, "timeWithZone"))).toBe("6:00 PM PST");
      expect(plain(formatInstant(sixPmPst, "America/New_York", "time"))).toBe("9:00 PM");
      expect(formatInstant(sixPmPst, "Asia/Tokyo", "fullDate")).toBe("Sunday, November 29, 2026");
      expect(todayIn(la, sixPmPst)).toBe("2026-11-28");
      expect(todayIn("Asia/Tokyo", sixPmPst)).toBe("2026-11-29");
    });

    it("prints a calendar date as written, with no zone shift", () => {
      process.env.TZ = tz;
      expect(formatLocalDate("2026-11-28", "fullDate")).toBe("Saturday, November 28, 2026");
      expect(formatLocalDate("2026-11-28", "weekdayDate")).toBe("Saturday, November 28");
      expect(formatLocalDate("2026-11-28", "shortDay")).toBe("Sat, Nov 28");
      expect(formatLocalDate("2026-01-01", "longDate")).toBe("January 1, 2026");
      expect(formatLocalDate("2026-12-01", "monthYear")).toBe("December 2026");
      expect(formatWhen("2026-11-28", 18 * 60 + 30)).toBe("Saturday, November 28, 2026 at 6:30 pm");
      expect(() => formatLocalDate("28/11/2026", "fullDate")).toThrow(RangeError);
    });
  });
}

describe("calendar helpers", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
  it("formats start times as people say them", () => {
    expect(formatMinutes(720)).toBe("12 pm");
    expect(formatMinutes(1170)).toBe("7:30 pm");
    expect(formatMinutes(540)).toBe("9 am");
  });
});
