// Phone numbers that can't exist are refused beside the field (attack R5-6), and the Review step
// writes a North American number the way the rest of the product does (attack R5-12). Expected
// answers written here by hand.
import { describe, expect, it } from "vitest";
import { contactSchema } from "./booking-schemas";
import { formatPhoneForDisplay, phoneProblem } from "./phone";

const contact = (phone: string) => ({ name: "Dana Lee", email: "dana@example.com", phone });
const phoneMessage = (phone: string) => {
  const r = contactSchema.safeParse(contact(phone));
  return r.success ? null : r.error.issues.find((i) => i.path[0] === "phone")?.message;
};

describe("phoneProblem", () => {
  it("takes real North American numbers however they are written", () => {
    for (const p of [
      "4085551234",
      "(408) 555-1234",
      "408.555.1234",
      "+1 408 555 1234",
      "1-408-555-1234",
      "(408) 555-0199 ext. 12",
    ])
      expect(phoneProblem(p), p).toBeNull();
  });

  it("refuses numbers that cannot exist, in words", () => {
    expect(phoneProblem("(000) 000-0000")).toBe(
      "That phone number can't be right. Enter the number we can reach you on.",
    );
    expect(phoneProblem("1111111111")).toBe(
      "That phone number can't be right. Enter the number we can reach you on.",
    );
    expect(phoneProblem("(123) 555-1234")).toBe(
      "There is no area code 123. Check the first 3 digits of the number.",
    );
    expect(phoneProblem("(023) 555-1234")).toMatch(/no area code 023/);
    expect(phoneProblem("(408) 055-1234")).toBe(
      "A phone number can't have 055 after the area code. Check the number.",
    );
    expect(phoneProblem("+1 408 155 1234")).toMatch(/can't have 155/);
  });

  it("keeps numbers of other countries (with +) to the digit count", () => {
    expect(phoneProblem("+44 20 7946 0958")).toBeNull();
    expect(phoneProblem("+52 55 1234 5678")).toBeNull();
    expect(phoneProblem("+44 123")).toBe("Enter a phone number with area code.");
    expect(phoneProblem("555-1234")).toBe("Enter a phone number with area code.");
  });

  it("is the contact schema's message beside the phone field", () => {
    expect(phoneMessage("(000) 000-0000")).toBe(
      "That phone number can't be right. Enter the number we can reach you on.",
    );
    expect(phoneMessage("555-1234")).toBe("Enter a phone number with area code.");
    expect(phoneMessage("(408) 555-0142")).toBeNull();
  });
});

describe("formatPhoneForDisplay", () => {
  it("writes a North American number as (408) 555-1234", () => {
    expect(formatPhoneForDisplay("4085551234")).toBe("(408) 555-1234");
    expect(formatPhoneForDisplay("408 555 1234")).toBe("(408) 555-1234");
    expect(formatPhoneForDisplay("+1 408-555-1234")).toBe("(408) 555-1234");
    expect(formatPhoneForDisplay(" (408) 555-1234 ")).toBe("(408) 555-1234");
  });

  it("leaves other numbers as typed", () => {
    expect(formatPhoneForDisplay("+44 20 7946 0958")).toBe("+44 20 7946 0958");
    expect(formatPhoneForDisplay("(408) 555-0199 ext. 12")).toBe("(408) 555-0199 ext. 12");
  });
});
