import { describe, expect, it } from "vitest";
import {
  lookupEmail,
  memberWords,
  noTimesMessage,
  partyProblem,
  quoteWaitsFor,
  timesWaitFor,
} from "./form-words";

const at = { guests: 10, today: "2026-11-30", minNoticeHours: 48 };

describe("noTimesMessage: the real reason a date has no free time (attack R6-4)", () => {
  it("tomorrow, inside the notice: the 48-hour rule and the first day, not 'no free times'", () => {
    const m = noTimesMessage(
      { kind: "too_soon", firstDate: "2026-12-02", minNoticeHours: 48 },
      { ...at, date: "2026-12-01" },
    );
    expect(m).toBe(
      "Online bookings need 48 hours' notice, and phone bookings follow the same rule. The first day you can book is Wednesday, December 2. Only the owner can shorten the notice (Settings, minimum notice).",
    );
    expect(m).not.toMatch(/No free times/);
  });

  it("a past date, and one beyond the booking window", () => {
    // Not "choose today": the notice keeps today from being booked (attack R7-7).
    expect(
      noTimesMessage({ kind: "past" }, { ...at, date: "2026-11-29", firstFreeDate: "2026-12-02" }),
    ).toBe("That date has passed. The first day you can book is Wednesday, December 2.");
    expect(noTimesMessage({ kind: "past" }, { ...at, date: "2026-11-29" })).toBe(
      "That date has passed. Choose a later date.",
    );
    expect(
      noTimesMessage(
        { kind: "beyond_window", lastDate: "2027-05-29", bookingWindowDays: 180 },
        { ...at, date: "2027-06-30" },
      ),
    ).toBe(
      "We book up to 180 days ahead: the last day you can book now is Saturday, May 29, 2027.",
    );
  });

  it("chefs: a closed weekday, time off, too few chefs, all booked", () => {
    const date = "2026-12-06";
    expect(
      noTimesMessage({ kind: "closed_day", weekday: 0, otherAreas: true }, { ...at, date }),
    ).toBe("No chef serving this area works on Sundays (chefs of other areas do).");
    expect(noTimesMessage({ kind: "time_off" }, { ...at, date })).toMatch(
      /off on Sunday, December 6/,
    );
    expect(
      noTimesMessage({ kind: "too_few_chefs", chefsNeeded: 3 }, { ...at, guests: 60, date }),
    ).toBe(
      "A party of 60 needs 3 chefs, and fewer than that work on Sunday, December 6 in this area.",
    );
    expect(noTimesMessage({ kind: "fully_booked" }, { ...at, date })).toBe(
      "Every chef serving this area is already booked on Sunday, December 6 for a party of 10.",
    );
    expect(noTimesMessage({ kind: "fully_booked", tooSoonBefore: true }, { ...at, date })).toMatch(
      /inside the 48 hours' notice/,
    );
  });

  it("no reason known: the plain words", () => {
    expect(noTimesMessage(null, { ...at, date: "2026-12-06" })).toBe(
      "No free times on Sunday, December 6 for 10 guests.",
    );
  });
});

describe("what the form waits for, said as staff type (attack R6-9)", () => {
  it("a party outside the business's limits, at once", () => {
    const limits = { minGuests: 1, maxGuests: 60 };
    expect(partyProblem(10, limits)).toBeNull();
    expect(partyProblem(200, limits)).toBe(
      "Parties are 1 to 60 guests (your Settings); this one is 200.",
    );
    expect(partyProblem(0, limits)).toMatch(/this one is 0/);
  });

  it("the price: the ZIP, the party, the portions still to choose", () => {
    const base = { zipOk: true, partyProblem: null, portions: 20, portionsChosen: 20 };
    expect(quoteWaitsFor(base)).toEqual([]);
    expect(quoteWaitsFor({ ...base, portionsChosen: 18 })).toEqual([
      "Choose 20 portions (18 so far).",
    ]);
    expect(quoteWaitsFor({ ...base, zipOk: false })).toEqual(["Enter the ZIP."]);
    expect(quoteWaitsFor({ ...base, partyProblem: "Too many.", portionsChosen: 3 })).toEqual([
      "Too many.",
    ]);
  });

  it("the free times: what is still missing", () => {
    expect(timesWaitFor({ zipOk: true, partyOk: true, date: "2026-12-06" })).toBeNull();
    expect(timesWaitFor({ zipOk: false, partyOk: true, date: "" })).toBe(
      "Free times show once you enter the ZIP and choose a date.",
    );
    expect(timesWaitFor({ zipOk: true, partyOk: false, date: "2026-12-06" })).toBe(
      "Free times show once you fix the party size.",
    );
  });
});

describe("whose loyalty tier priced the quote (attack R6-3)", () => {
  it("names the member and the discount; an unknown email gets none", () => {
    expect(lookupEmail("casey@")).toBeUndefined();
    expect(lookupEmail(" casey@example.com ")).toBe("casey@example.com");
    expect(memberWords(undefined, null)).toBeNull();
    expect(
      memberWords("c@example.com", {
        name: "Casey Customer",
        tierName: "Silver",
        discountBps: 1000,
      }),
    ).toBe("Casey Customer is a Silver member: 10 % off food (in the price below).");
    expect(memberWords("x@example.com", null)).toBe(
      "No customer account with this email: no loyalty discount.",
    );
  });
});
