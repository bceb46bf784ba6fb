import { describe, expect, it } from "vitest";
import { isPersonal } from "./personal";

// Written by hand for this rule; the held-out assistant trace (bench/data) grades it separately.
describe("personal questions are recognised (never answered from the shared cache)", () => {
  it.each([
    "how much do I still owe?",
    "whats my balance",
    "did i pay the deposit already",
    "when is my party again?",
    "can u move our event to 7",
    "is my booking confirmed",
    "what time is my chef coming",
    "I paid $100, what's left?",
    "HB-7K2QX9 status?",
    "¿Cuánto debo todavía?",
    "cuando es mi fiesta",
    "quiero cambiar mi reserva",
    "what's my referral code?",
    "my ref code?",
    "¿Cuál es mi código de referido?",
  ])("%s", (text) => expect(isPersonal(text)).toBe(true));
});

describe("general questions stay shareable", () => {
  it.each([
    "how much is the premium package per adult?",
    "what's the party minimum",
    "do you do vegetarian?",
    "what is your cancellation policy",
    "how much is a lobster tail upgrade",
    "are you free next saturday for 12?",
    "¿Cuánto cuesta por adulto?",
    "do you charge a travel fee to san jose",
  ])("%s", (text) => expect(isPersonal(text)).toBe(false));
});
