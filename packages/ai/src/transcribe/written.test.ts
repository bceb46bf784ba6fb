import { describe, expect, it } from "vitest";
import { writtenForm } from "./written";

describe("the recognizer's words as a person types them", () => {
  it.each([
    [
      "do you have six p m on december nineteenth for twelve people",
      "Do you have 6 pm on December 19th for 12 people",
    ],
    ["is the twenty sixth of december free at five thirty", "Is the 26th of December free at 5:30"],
    [
      "we need a chef for eleven people on sunday the thirteenth",
      "We need a chef for 11 people on Sunday the 13th",
    ],
    ["we are fourteen adults and three kids", "We are 14 adults and 3 kids"],
    ["saturday at six for twenty five people", "Saturday at 6 for 25 people"],
    ["can we start at seven thirty on wednesday", "Can we start at 7:30 on Wednesday"],
    ["nine adults three children sunday five thirty", "9 adults 3 children Sunday 5:30"],
    ["at nine oh five a m", "At 9:05 am"],
    ["seven o'clock", "7 o'clock"],
    ["is january second open at noon", "Is January 2nd open at noon"],
    ["thirty first of december", "31st of December"],
  ])("%s", (spoken, written) => {
    expect(writtenForm(spoken)).toBe(written);
  });

  it("leaves words that only look like numbers alone", () => {
    expect(writtenForm("the first one please")).toBe("The first one please");
    expect(writtenForm("i'd like the second option")).toBe("I'd like the second option");
    expect(writtenForm("which one is vegan")).toBe("Which one is vegan");
    expect(writtenForm("a table for one person")).toBe("A table for 1 person");
    expect(writtenForm("may i see the menu")).toBe("May I see the menu");
    expect(writtenForm("is it free in may")).toBe("Is it free in may");
    expect(writtenForm("may fifth")).toBe("May 5th");
    expect(writtenForm("book a party")).toBe("Book a party");
    expect(writtenForm("")).toBe("");
  });
});
