// A yes or a no to the chat's menu suggestion, from a hand-written list of replies customers
// send (not derived from the patterns): a yes takes it, a no declines it, anything that asks or
// says more is a message of its own.
import { describe, expect, it } from "vitest";
import { saysNo, saysYes, suggestionTaken } from "./suggestion-answer";

const YES = [
  "yes",
  "Yes please",
  "yeah",
  "sure",
  "Sure, add it",
  "ok",
  "sounds good",
  "yes add it",
  "let's do it",
  "we'll take it",
  "I'd like that",
  "yes please, thanks",
  "Sí",
  "sí, agrégalo",
  "claro",
  "ok add them",
];
const NOT_YES = [
  "no thanks",
  "no",
  "yes but how much is the lobster?",
  "is it vegan?",
  "what's in the spring rolls",
  "yes, and can you make it 14 people instead of 12",
  "add lobster instead",
  "maybe",
  "not sure yet, let me ask my wife",
  "ok what times are free on saturday",
];

describe("answers to the chat's suggestion", () => {
  it.each(YES)("takes %j as a yes", (text) => {
    expect(saysYes(text)).toBe(true);
    expect(saysNo(text)).toBe(false);
  });
  it.each(NOT_YES)("does not take %j as a yes", (text) => {
    expect(saysYes(text)).toBe(false);
  });
  it("a yes takes only an offer that is still open", () => {
    const take = { packageSlug: "classic", items: { edamame: 10 }, perGuest: ["edamame"] };
    const mem = (s: object) => ({ suggestion: { rule: "r", take, ...s }, perGuest: ["lobster"] });
    expect(suggestionTaken("yes", "yes", mem({}))).toEqual({
      packageSlug: "classic",
      items: { edamame: 10 },
      perGuest: ["lobster", "edamame"],
    });
    expect(suggestionTaken("yes", "yes", mem({ declined: true }))).toBeNull();
    expect(suggestionTaken("yes", "yes", mem({ accepted: true }))).toBeNull();
    // A yes to another question asked since, or after a need said since made it unsafe.
    expect(suggestionTaken("yes", "yes", mem({ closed: true }))).toBeNull();
    expect(suggestionTaken("yes", "yes", mem({ withdrawn: true }))).toBeNull();
    expect(suggestionTaken("yes", "yes", { suggestion: { rule: "r" } })).toBeNull();
    expect(suggestionTaken("yes", "yes", {})).toBeNull();
  });
});
