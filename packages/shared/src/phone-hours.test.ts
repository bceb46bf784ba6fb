import { describe, expect, it } from "vitest";
import {
  DEFAULT_PHONE_HOURS,
  describePhoneHours,
  phoneHoursSchema,
  readPhoneHours,
} from "./phone-hours";

const w = (open: number, close: number) => ({ open, close });

describe("phone hours", () => {
  it("read as a sign reads: days with the same hours together, Monday first", () => {
    expect(describePhoneHours(DEFAULT_PHONE_HOURS)).toBe("Every day 9:00 AM–9:00 PM");
    const week = [
      null,
      w(540, 1020),
      w(540, 1020),
      w(540, 1020),
      w(540, 1020),
      w(540, 1200),
      w(600, 960),
    ];
    expect(describePhoneHours(week)).toBe(
      "Mon–Thu 9:00 AM–5:00 PM, Fri 9:00 AM–8:00 PM, Sat 10:00 AM–4:00 PM, Sun closed",
    );
    expect(describePhoneHours([w(0, 1440), ...Array(6).fill(null)])).toBe(
      "Mon–Sat closed, Sun all day",
    );
  });

  it("refuse a day that closes before it opens, or not seven days, in words", () => {
    const bad = phoneHoursSchema.safeParse([...DEFAULT_PHONE_HOURS.slice(0, 6), w(600, 600)]);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe(
      "Saturday: the phone closes at 10:00 AM, before it opens at 10:00 AM. Set the closing time later, or mark the day closed.",
    );
    expect(phoneHoursSchema.safeParse(DEFAULT_PHONE_HOURS.slice(1)).success).toBe(false);
    expect(phoneHoursSchema.safeParse([...DEFAULT_PHONE_HOURS.slice(1), w(-5, 60)]).success).toBe(
      false,
    );
    // What can't be read falls back to the default, never to "closed for good".
    expect(readPhoneHours({ open: 1 })).toEqual(DEFAULT_PHONE_HOURS);
  });
});
