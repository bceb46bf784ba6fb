import { describe, expect, it } from "vitest";
import { DEFAULT_PHONE_HOURS } from "@myhibachi/shared";
import {
  holdIdOfLink,
  internationalInSpeech,
  nameFromSpeech,
  phoneIsOpen,
  phoneFromSpeech,
  phoneOpensNext,
  textableNumber,
  usTextNumber,
} from "./conversations";

describe("phoneFromSpeech", () => {
  it("reads a number said as digits or words", () => {
    expect(phoneFromSpeech("send it to 415-555-0123 please")).toBe("(415) 555-0123");
    expect(phoneFromSpeech("four one five five five five zero one two three")).toBe(
      "(415) 555-0123",
    );
    expect(phoneFromSpeech("+1 415 555 0123")).toBe("(415) 555-0123");
  });
  it("is not a number otherwise", () => {
    expect(phoneFromSpeech("12 guests at 6 pm")).toBeNull();
    expect(phoneFromSpeech("415 555 012")).toBeNull();
    expect(phoneFromSpeech("015 555 0123")).toBeNull(); // no area code starts with 0
    expect(
      phoneFromSpeech("actually can we move it to Sunday and make it 20 guests 415 555 0123 ok"),
    ).toBeNull();
  });
});

describe("internationalInSpeech", () => {
  it.each([
    ["text it to plus 44 7911 123456", "447911123456"],
    ["my wife is on plus 2 650 555 1212", "26505551212"],
    ["+86 28 2452 2530", "862824522530"],
    ["plus four four seven nine one one one two three four five six", "447911123456"],
  ])("%s", (said, digits) => expect(internationalInSpeech(said)).toBe(digits));

  it.each(["plus 1 415 555 0123", "plus 2 more people", "text it to 415 555 0123", "plus 44"])(
    "not abroad: %s",
    (said) => expect(internationalInSpeech(said)).toBeNull(),
  );
});

describe("phoneIsOpen", () => {
  const s = { timeZone: "America/Los_Angeles", phoneHours: DEFAULT_PHONE_HOURS };
  it("is the phone hours in the business's zone", () => {
    expect(phoneIsOpen(s, new Date("2026-11-24T17:00:00Z"))).toBe(true); // 9:00 in LA
    expect(phoneIsOpen(s, new Date("2026-11-24T16:59:00Z"))).toBe(false); // 8:59
    expect(phoneIsOpen(s, new Date("2026-11-25T05:00:00Z"))).toBe(false); // 21:00
  });
  it("each weekday has its own hours; a closed day is closed all day", () => {
    // Sunday closed, Saturday 10-4, weekdays 9-9 (Tuesday 2026-11-24).
    const week = {
      timeZone: "America/Los_Angeles",
      phoneHours: [
        null,
        ...Array.from({ length: 5 }, () => ({ open: 540, close: 1260 })),
        { open: 600, close: 960 },
      ],
    };
    expect(phoneIsOpen(week, new Date("2026-11-24T17:30:00Z"))).toBe(true); // Tue 9:30
    expect(phoneIsOpen(week, new Date("2026-11-28T17:30:00Z"))).toBe(false); // Sat 9:30
    expect(phoneIsOpen(week, new Date("2026-11-28T18:00:00Z"))).toBe(true); // Sat 10:00
    expect(phoneIsOpen(week, new Date("2026-11-29T20:00:00Z"))).toBe(false); // Sun 12:00
    // When a person answers next, as said to a caller.
    expect(phoneOpensNext(week, new Date("2026-11-29T20:00:00Z"))).toBe("tomorrow at 9:00 AM");
    expect(phoneOpensNext(week, new Date("2026-11-28T06:00:00Z"))).toBe("tomorrow at 10:00 AM"); // Fri 22:00
    expect(phoneOpensNext(week, new Date("2026-11-28T16:00:00Z"))).toBe("later today at 10:00 AM"); // Sat 8:00
    expect(phoneOpensNext(week, new Date("2026-11-29T01:00:00Z"))).toBe("on Monday at 9:00 AM"); // Sat 17:00
    // Unreadable stored hours read as the default (every day 9-9), never as closed for good.
    expect(phoneIsOpen({ ...s, phoneHours: "junk" }, new Date("2026-11-24T17:00:00Z"))).toBe(true);
  });
});

describe("holdIdOfLink", () => {
  it("finds the hold in its finish link", () => {
    expect(holdIdOfLink("/book/finish/cmabc12345?token=x")).toBe("cmabc12345");
    expect(holdIdOfLink("https://x.test/bookings/cmabc12345")).toBeNull();
  });
});

describe("a name said on the phone", () => {
  it.each([
    ["Dana Lee.", "Dana Lee"],
    ["my name is dana lee", "Dana Lee"],
    // Attack round 4: "under" leads the name, it is not part of it.
    ["it's under Garcia", "Garcia"],
    ["put it under the name Ana Ruiz", "Ana Ruiz"],
    ["the booking is under Kim", "Kim"],
    ["Yeah it's María José Pérez", "María José Pérez"],
    ["no, my name is Dana Leigh", "Dana Leigh"],
    ["this is O'Brien", "O'Brien"],
    ["this is o'brien", "O'Brien"],
    // Attack round 3: a weekday in a name is a name, not a change of date.
    ["my name is Sunday Adeyemi", "Sunday Adeyemi"],
    ["I'm Jack Friday", "Jack Friday"],
    ["the name is Tuesday Weld", "Tuesday Weld"],
    // Capitals of its own are kept.
    ["my name is Mary-Jane McDonald", "Mary-Jane McDonald"],
    ["my name is mary-jane mcdonald", "Mary-Jane Mcdonald"],
    ["Dana", "Dana"],
    ["put it under Sam Smith please", "Sam Smith"],
    // Spelled out (round 3 L1): letters said one by one are the word.
    ["my name is S I O B H A N Kelly", "Siobhan Kelly"],
    ["Shivon Kelly, S I O B H A N", "Siobhan Kelly"],
    ["Dana Lee, L E E", "Dana Lee"],
    ["Sam Smyth, S M I T H", "Sam Smith"],
    ["it's spelled S-I-O-B-H-A-N", "Siobhan"],
    ["this is A. J. Brown", "Aj Brown"],
    // Attack round 6 (H6, L1): Spanish, the words that say which part is which, a correction.
    ["Me llamo María González", "María González"],
    ["hola, me llamo josé de la cruz", "José de la Cruz"],
    ["mi nombre es Lupe Ortiz", "Lupe Ortiz"],
    ["This is Dana, D A N A, last name Kowalski", "Dana Kowalski"],
    ["my first name is Ana and my last name is Ruiz", "Ana Ruiz"],
    ["no wait, the name is Lisa Lee not Lee", "Lisa Lee"],
  ])("%j is the name %j", (said, name) => {
    expect(nameFromSpeech(said)).toBe(name);
  });
  it.each([
    ["no it's spelled S I O B H A N", "Shivon Kelly", "Siobhan Kelly"],
    ["that's spelled K E L L E Y", "Siobhan Kelly", "Siobhan Kelley"],
    ["it's spelled D A N A", "Dayna", "Dana"],
    ["it's spelled S M I T H", "Sam Smyth", "Sam Smith"],
  ])("%j corrects %j to %j", (said, current, name) => {
    expect(nameFromSpeech(said, current)).toBe(name);
  });
  it.each([
    "sounds good",
    "no thanks",
    "what time is it",
    "can you make it Sunday instead",
    "Sunday",
    "it's Saturday",
    "my name is Friday",
    "415 555 0123",
    "lobster",
    "yes",
    "that's all, goodbye",
    "I'd like to add four lobster tails to the order please",
    "it's spelled",
    // Attack 5 H3: a party described is no name.
    "two are vegetarian",
    "Two are vegetarian.",
    "and both kids are vegan",
    "all of us are allergic to nuts",
    "no it's spelled like it sounds",
    // Round 6 H6: the same in Spanish.
    "dos personas son vegetarianas",
    "soy vegetariana",
    "tres son veganos",
  ])("%j is not a name", (said) => {
    expect(nameFromSpeech(said)).toBeNull();
  });
});

describe("usTextNumber: only US numbers get texts (issue 17 round 5, M6)", () => {
  it.each([
    "+14085550466",
    "(408) 555-0466",
    "+1 650 555 1234",
    "(604) 555-0100", // Canada: NANP, billed as a US text
  ])("%s is texted", (n) => expect(usTextNumber(n)).toBe(true));
  it.each([
    "+88216550447", // international networks
    "+252612345678", // Somalia
    "+2348031234567", // Nigeria
    "+37060000001", // Lithuania
    "+442071838750", // UK
    "+44 20 7183 8750",
    "+4420718387", // ten digits, but not +1
    "+1 900 555 1212", // premium
    "+1 800 555 1212", // toll free
    "+1 876 555 1212", // Jamaica (NANP, billed abroad)
    "+1 191 555 1212", // no area code starts with 1
    "+1 290 555 1212", // N9X is not an area code
    "+1 411 555 1212", // N11 is a service code
    "+1 408 976 1212", // premium exchange
    "anonymous",
    "",
  ])("%s is not", (n) => expect(usTextNumber(n)).toBe(false));
  it("textableNumber is a US number that is none of ours", () => {
    expect(textableNumber("+14085550466", ["(408) 555-0466"])).toBe(false);
    expect(textableNumber("+14085550466", ["(408) 555-0100"])).toBe(true);
    expect(textableNumber("+442071838750", [])).toBe(false);
  });
});
