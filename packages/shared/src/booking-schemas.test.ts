// What people type is stored as they meant it to read: bidirectional override characters, which
// make "Gate code <RLO>4321" show as "1234" on the prep sheet and in emails, are taken out.
import { describe, expect, it } from "vitest";
import { addressSchema, allergiesSchema, contactSchema, notesSchema } from "./booking-schemas";

describe("bidi controls in typed text", () => {
  it("are taken out of notes, allergies, names and addresses; right-to-left letters stay", () => {
    expect(notesSchema.parse("Gate code \u202E4321\u202C")).toBe("Gate code 4321");
    expect(allergiesSchema.parse(" \u2067peanuts\u2069 ")).toBe("peanuts");
    expect(
      contactSchema.parse({
        name: "Eve \u202Etset",
        email: "eve@example.com",
        phone: "408 555 0177",
      }).name,
    ).toBe("Eve tset");
    const a = addressSchema.parse({
      line1: "12 \u202DMain St",
      line2: null,
      city: "San Jose",
      state: "CA",
      postalCode: "95125",
    });
    expect(a.line1).toBe("12 Main St");
    expect(notesSchema.parse("שלום, مرحبا")).toBe("שלום, مرحبا");
  });

  it("a value that is only controls is empty, so a required field still asks for it", () => {
    expect(
      contactSchema.safeParse({ name: "\u202E\u202E", email: "e@x.co", phone: "408 555 0177" })
        .success,
    ).toBe(false);
  });
});
