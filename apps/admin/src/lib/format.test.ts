import { describe, expect, it } from "vitest";
import { formatTimeList, parseTimeList } from "./format";

describe("Settings: start times offered", () => {
  it("shows the times in AM/PM, as every other screen does", () => {
    expect(formatTimeList([720, 900, 1020, 1080, 1170])).toBe(
      "12:00 PM, 3:00 PM, 5:00 PM, 6:00 PM, 7:30 PM",
    );
  });

  it("reads back what it shows, and 24-hour typing too", () => {
    expect(parseTimeList("12:00 PM, 3:00 PM, 5:00 PM, 6:00 PM, 7:30 PM")).toEqual({
      minutes: [720, 900, 1020, 1080, 1170],
    });
    expect(parseTimeList("19:30, 3 pm,12:00 PM, 15:00")).toEqual({ minutes: [720, 900, 1170] });
  });

  it("names what it could not read, in words", () => {
    const r = parseTimeList("12:00 PM, lunch, 25:00");
    expect(r.minutes).toBeUndefined();
    expect(r.error).toBe(
      '"lunch", "25:00" aren\'t times. List start times like 12:00 PM, 3:00 PM, 7:30 PM, separated by commas.',
    );
    expect(parseTimeList(" , ").error).toMatch(/at least one start time/);
  });
});
