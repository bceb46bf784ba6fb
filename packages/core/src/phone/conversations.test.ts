import { describe, expect, it } from "vitest";
import { holdIdOfLink, nameFromSpeech, phoneIsOpen, phoneFromSpeech } from "./conversations";

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

describe("phoneIsOpen", () => {
  const s = { timeZone: "America/Los_Angeles", phoneOpenMinute: 540, phoneCloseMinute: 1260 };
  it("is the phone hours in the business's zone", () => {
    expect(phoneIsOpen(s, new Date("2026-11-24T17:00:00Z"))).toBe(true); // 9:00 in LA
    expect(phoneIsOpen(s, new Date("2026-11-24T16:59:00Z"))).toBe(false); // 8:59
    expect(phoneIsOpen(s, new Date("2026-11-25T05:00:00Z"))).toBe(false); // 21:00
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
    ["Yeah it's María José Pérez", "María José Pérez"],
    ["no, my name is Dana Leigh", "Dana Leigh"],
    ["this is O'Brien", "O'brien"],
    ["Dana", "Dana"],
    ["put it under Sam Smith please", "Sam Smith"],
  ])("%j is the name %j", (said, name) => {
    expect(nameFromSpeech(said)).toBe(name);
  });
  it.each([
    "sounds good",
    "no thanks",
    "what time is it",
    "can you make it Sunday instead",
    "415 555 0123",
    "lobster",
    "yes",
    "that's all, goodbye",
    "I'd like to add four lobster tails to the order please",
  ])("%j is not a name", (said) => {
    expect(nameFromSpeech(said)).toBeNull();
  });
});
