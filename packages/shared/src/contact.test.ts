import { describe, expect, it } from "vitest";
import { telHref } from "./contact";

describe("telHref", () => {
  it("dials a US number written with punctuation in E.164", () => {
    expect(telHref("(408) 555-0142")).toBe("tel:+14085550142");
    expect(telHref("408.555.0142")).toBe("tel:+14085550142");
    expect(telHref("1 408 555 0142")).toBe("tel:+14085550142");
  });
  it("keeps the country code of an international number", () => {
    expect(telHref("+44 20 7946 0958")).toBe("tel:+442079460958");
  });
  it("keeps the digits of a number it cannot place", () => {
    expect(telHref("555-0142")).toBe("tel:5550142");
  });
});
