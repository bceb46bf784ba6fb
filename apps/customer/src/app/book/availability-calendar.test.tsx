// The date-picking calendar (booking wizard and reschedule) while a month is still being checked
// (attack H7): a click on a day used to be dropped without a word. Now the click is remembered and
// applied when the month's answer arrives: the day is chosen if it has a free time, else the
// calendar says in words that it has none. The days stay clickable (not aria-disabled) while
// checking. Expected sentences are written here by hand.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  AvailabilityCalendar,
  notFreeWords,
  pendingWords,
  resolvePick,
} from "./availability-calendar";

/** Saturday, December 5, 2026. */
const DAY = "2026-12-05";
const TODAY = "2026-11-30";
const answer = (...dates: string[]) => ({ slots: dates.map((date) => ({ date })) });

describe("a day clicked while its month is checked", () => {
  it("waits for the answer (null: keep it)", () => {
    expect(resolvePick(DAY, undefined, { guests: 8, today: TODAY })).toBeNull();
  });

  it("is chosen when the answer has a free time that day", () => {
    expect(resolvePick(DAY, answer("2026-12-04", DAY), { guests: 8, today: TODAY })).toEqual({
      select: DAY,
    });
  });

  it("is said to have no free times otherwise, in words, the year only when it isn't this year's", () => {
    expect(resolvePick(DAY, answer("2026-12-04"), { guests: 8, today: TODAY })).toEqual({
      say: "Saturday, December 5 has no free times for 8 guests. Pick a day marked in green.",
    });
    expect(notFreeWords("2027-01-02", { guests: 1, today: TODAY })).toBe(
      "Saturday, January 2, 2027 has no free times for 1 guest. Pick a day marked in green.",
    );
  });

  it("while waiting, the status says the check and which day will be chosen", () => {
    expect(pendingWords(DAY, TODAY)).toBe(
      "Checking which chefs are free… We'll choose Saturday, December 5 as soon as we know it's free.",
    );
  });
});

describe("the calendar while the month is checked (the server's first render)", () => {
  const html = renderToStaticMarkup(
    <AvailabilityCalendar
      month="2026-12-01"
      onMonthChange={() => {}}
      selected={null}
      onSelect={() => {}}
      guests={8}
      postalCode="95125"
      today={TODAY}
    />,
  );

  it("says it is checking, in a status that is always there", () => {
    expect(html).toMatch(/role="status"[^>]*>Checking which chefs are free…</);
  });

  it("keeps the days clickable (a click is remembered, not refused) and labels them checking", () => {
    const days = [...html.matchAll(/<button[^>]*data-date="[^"]+"[^>]*>/g)].map((m) => m[0]);
    expect(days).toHaveLength(31);
    for (const d of days) expect(d).not.toMatch(/aria-disabled/);
    expect(html).toContain('aria-label="Saturday, December 5, 2026, checking"');
    expect(html).toMatch(/role="grid"[^>]*aria-busy="true"/);
  });
});
