import { describe, expect, it } from "vitest";
import { normalizeOptionalPhone, normalizePhone, phoneSearchForm } from "./phone";

describe("phone numbers in one written form", () => {
  it("writes a US number the national way however it was typed", () => {
    for (const typed of [
      "4085550199",
      "408.555.0199",
      "408-555-0199",
      " (408)555-0199 ",
      "+1 408 555 0199",
      "1 (408) 555-0199",
      "+14085550199",
    ])
      expect(normalizePhone(typed), typed).toBe("(408) 555-0199");
  });

  it("keeps an extension, writes other countries the international way", () => {
    expect(normalizePhone("408-555-0199 x12")).toBe("(408) 555-0199 ext. 12");
    expect(normalizePhone("+44 20-7946-0958")).toBe("+44 20 7946 0958");
    expect(normalizePhone("+52 55 1234 5678")).toBe("+52 55 1234 5678");
  });

  it("keeps what it can't read as typed, and a blank optional number is none", () => {
    expect(normalizePhone("1-800-HIBACHI")).toBe("1-800-HIBACHI");
    expect(normalizeOptionalPhone("  ")).toBeNull();
    expect(normalizeOptionalPhone(undefined)).toBeNull();
    expect(normalizeOptionalPhone("408 555 0100")).toBe("(408) 555-0100");
  });

  it("searches a whole number in the stored form, anything shorter as typed", () => {
    expect(phoneSearchForm("4085550199")).toBe("(408) 555-0199");
    expect(phoneSearchForm("555-0199")).toBeNull();
    expect(phoneSearchForm("dana 4085550199")).toBeNull();
  });
});
