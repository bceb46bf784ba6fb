import { describe, expect, it } from "vitest";
import { isTimeRefusal, placeRefusal } from "./field-errors";

describe("the New booking form places a refusal", () => {
  it("puts each field's sentence beside its box, never the path", () => {
    const r = placeRefusal(
      {
        data: {
          fields: {
            "address.state": "The ZIP 95125 is in CA.",
            "contact.phone": "Enter a phone number that can receive calls.",
            idempotencyKey: "Send a request id.",
          },
        },
      },
      "joined",
    );
    expect(r.fields).toEqual({
      state: "The ZIP 95125 is in CA.",
      phone: "Enter a phone number that can receive calls.",
    });
    expect(r.text).toBe("Send a request id.");
  });

  it("a refusal about one field (details.field) goes beside it; others by the button", () => {
    expect(
      placeRefusal({ data: { details: { field: "postalCode" } } }, "We don't serve 99999 yet."),
    ).toEqual({ fields: { postalCode: "We don't serve 99999 yet." }, text: null });
    expect(placeRefusal({ data: {} }, "Sorry, that time is already booked.")).toEqual({
      fields: {},
      text: "Sorry, that time is already booked.",
    });
    expect(placeRefusal(null, null)).toEqual({ fields: {}, text: null });
  });

  it("a time no longer free goes by the time list (attack R7-4); other conflicts by the button", () => {
    const taken = {
      data: {
        code: "CONFLICT",
        details: { alternatives: [{ date: "2026-12-16", startMinute: 720, label: "…" }] },
      },
    };
    const words = "Sorry, that time is not available. These times are still free: …";
    expect(isTimeRefusal(taken)).toBe(true);
    expect(placeRefusal(taken, words)).toEqual({ fields: { startMinute: words }, text: null });
    const other = { data: { code: "CONFLICT", details: { reason: "something-else" } } };
    expect(isTimeRefusal(other)).toBe(false);
    expect(placeRefusal(other, "No.")).toEqual({ fields: {}, text: "No." });
    expect(isTimeRefusal(null)).toBe(false);
  });
});
