import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_HOURS } from "@myhibachi/shared";
import { fromDayForms, toDayForms } from "./phone-hours";

describe("the phone hours form", () => {
  it("round-trips the saved hours; midnight shows as 23:59 and saves as the end of the day", () => {
    const hours = [null, { open: 540, close: 1440 }, ...DEFAULT_PHONE_HOURS.slice(2)];
    const days = toDayForms(hours);
    expect(days[0]).toEqual({ answered: false, open: "09:00", close: "21:00" });
    expect(days[1]).toEqual({ answered: true, open: "09:00", close: "23:59" });
    expect(fromDayForms(days)).toEqual({ hours });
  });

  it("names the day to fix: a closing time before the opening, or a time left empty", () => {
    const days = toDayForms(DEFAULT_PHONE_HOURS);
    days[3] = { answered: true, open: "17:00", close: "09:00" };
    expect(fromDayForms(days)).toEqual({
      error:
        "Phone hours, Wednesday: the closing time must be after the opening time (or untick the day).",
    });
    days[3] = { answered: true, open: "", close: "09:00" };
    expect(fromDayForms(days)).toEqual({
      error: "Phone hours, Wednesday: enter both times, like 9:00 AM.",
    });
    days[3] = { answered: false, open: "", close: "" };
    expect(fromDayForms(days)).toEqual({
      hours: [...DEFAULT_PHONE_HOURS.slice(0, 3), null, ...DEFAULT_PHONE_HOURS.slice(4)],
    });
  });
});
