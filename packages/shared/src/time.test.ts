import { afterAll, describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  formatCountdown,
  formatDay,
  formatInstant,
  formatLocalDate,
  formatMinutes,
  formatWhen,
  formatZoneName,
  monthEnd,
  monthStart,
  monthWeeks,
  parseTimeOfDay,
  shiftMonth,
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
      expect(formatWhen("2026-11-28", 18 * 60 + 30)).toBe("Saturday, November 28, 2026 at 6:30 PM");
      expect(() => formatLocalDate("28/11/2026", "fullDate")).toThrow(RangeError);
    });

    it("writes a day for a sentence, with the year only when it isn't this year's", () => {
      process.env.TZ = tz;
      expect(formatDay("2026-12-05", "2026-11-30")).toBe("Saturday, December 5");
      expect(formatDay("2027-01-02", "2026-11-30")).toBe("Saturday, January 2, 2027");
    });
  });
}

describe("calendar helpers", () => {
  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });
  it("formats start times as people say them", () => {
    expect(formatMinutes(720)).toBe("12:00 PM");
    expect(formatMinutes(1170)).toBe("7:30 PM");
    expect(formatMinutes(540)).toBe("9:00 AM");
  });
});

describe("calendar months", () => {
  it("finds a month's first and last day, leap years included", () => {
    expect(monthStart("2026-12-17")).toBe("2026-12-01");
    expect(monthEnd("2026-12-17")).toBe("2026-12-31");
    expect(monthEnd("2028-02-10")).toBe("2028-02-29");
    expect(monthEnd("2027-02-01")).toBe("2027-02-28");
    expect(monthEnd("2026-04-30")).toBe("2026-04-30");
    expect(() => monthStart("December 2026")).toThrow(RangeError);
  });

  it("moves whole months across year ends", () => {
    expect(shiftMonth("2026-12-17", 1)).toBe("2027-01-01");
    expect(shiftMonth("2026-01-31", -1)).toBe("2025-12-01");
    expect(shiftMonth("2026-05-01", 0)).toBe("2026-05-01");
    expect(shiftMonth("2026-05-20", 14)).toBe("2027-07-01");
  });

  it("keeps the day when moving by months, inside the shorter month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-15", -1)).toBe("2026-02-15");
    expect(addMonths("2026-12-31", 1)).toBe("2027-01-31");
  });

  it("lays a month out in Sunday-first weeks", () => {
    // November 2026 starts on a Sunday and has 30 days: 5 weeks, the last one padded.
    const nov = monthWeeks("2026-11-20");
    expect(nov).toHaveLength(5);
    expect(nov[0]).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
    ]);
    expect(nov[4]).toEqual(["2026-11-29", "2026-11-30", null, null, null, null, null]);
    // May 2026 starts on a Friday: five empty days first, six weeks in all.
    const may = monthWeeks("2026-05-01");
    expect(may).toHaveLength(6);
    expect(may[0]).toEqual([null, null, null, null, null, "2026-05-01", "2026-05-02"]);
    expect(may[5]).toEqual(["2026-05-31", null, null, null, null, null, null]);
    // February 2026 starts on a Sunday and fills exactly four weeks.
    expect(monthWeeks("2026-02-14")).toHaveLength(4);
    expect(monthWeeks("2026-02-14").flat().filter(Boolean)).toHaveLength(28);
  });

  it("prints a countdown as minutes and seconds", () => {
    expect(formatCountdown(30 * 60_000)).toBe("30:00");
    expect(formatCountdown(12 * 60_000 + 4_999)).toBe("12:04");
    expect(formatCountdown(59_000)).toBe("0:59");
    expect(formatCountdown(2 * 3_600_000 + 9_000)).toBe("2:00:09");
    expect(formatCountdown(-5_000)).toBe("0:00");
  });
});

describe("formatZoneName", () => {
  it("names the business zone the way people say it, with the abbreviation in force", () => {
    expect(formatZoneName("America/Los_Angeles", new Date("2026-11-30T06:00:00Z"))).toBe(
      "Pacific Time (PST)",
    );
    expect(formatZoneName("America/Los_Angeles", new Date("2026-07-01T19:00:00Z"))).toBe(
      "Pacific Time (PDT)",
    );
    expect(formatZoneName("America/New_York", new Date("2026-11-30T06:00:00Z"))).toBe(
      "Eastern Time (EST)",
    );
  });

  it("never shows a raw IANA key", () => {
    for (const tz of ["America/Los_Angeles", "America/Denver", "Pacific/Honolulu", "UTC"]) {
      const name = formatZoneName(tz, new Date("2026-11-30T06:00:00Z"));
      expect(name).not.toContain("/");
      expect(name).not.toContain("_");
    }
    expect(formatZoneName("UTC")).toBe("UTC");
  });

  it("falls back to the key with spaces for a zone Intl doesn't know", () => {
    expect(formatZoneName("Nowhere/Made_Up")).toBe("Nowhere/Made Up");
  });
});

describe("parseTimeOfDay", () => {
  it("reads 12-hour times as people type them", () => {
    expect(parseTimeOfDay("3:00 PM")).toBe(15 * 60);
    expect(parseTimeOfDay("3 pm")).toBe(15 * 60);
    expect(parseTimeOfDay(" 7:30pm ")).toBe(19 * 60 + 30);
    expect(parseTimeOfDay("12:00 PM")).toBe(12 * 60);
    expect(parseTimeOfDay("12:00 AM")).toBe(0);
    expect(parseTimeOfDay("11:15 a.m.")).toBe(11 * 60 + 15);
  });

  it("still reads 24-hour times", () => {
    expect(parseTimeOfDay("15:00")).toBe(15 * 60);
    expect(parseTimeOfDay("9:30")).toBe(9 * 60 + 30);
    expect(parseTimeOfDay("00:00")).toBe(0);
  });

  it("refuses junk instead of guessing", () => {
    for (const junk of [
      "",
      "noon",
      "25:00",
      "3:75 PM",
      "13:00 PM",
      "0 AM",
      "15",
      "3:0 PM",
      "1:00 XM",
    ])
      expect(parseTimeOfDay(junk)).toBeNull();
  });

  it("writes back what it reads", () => {
    for (const text of ["12:00 PM", "3:00 PM", "7:30 PM", "9:00 AM"])
      expect(formatMinutes(parseTimeOfDay(text)!)).toBe(text);
  });
});
