import { describe, expect, it } from "vitest";
import { contactIn } from "./handoff";
import { recognize } from "./intents";
import { customerText } from "./text";

const NOW = new Date("2026-12-01T18:00:00Z");
const TZ = "America/Los_Angeles";

describe("customerText: a customer's message as the assistant reads it (issue 17 r4 L7)", () => {
  it("folds fullwidth digits, letters and punctuation", () => {
    expect(customerText("Book for １０ people on May ６th at ６ pm, zip ９５１２５")).toBe(
      "Book for 10 people on May 6th at 6 pm, zip 95125",
    );
    expect(customerText("ｈｏｗ　ｍｕｃｈ？")).toBe("how much?");
    expect(customerText("1\u200b0 people")).toBe("10 people");
  });

  it("reads the fullwidth message as the ASCII one", () => {
    const wide = recognize(
      customerText("Book for １０ people on May ６th at ６ pm, zip ９５１２５"),
      NOW,
      TZ,
    );
    const ascii = recognize("Book for 10 people on May 6th at 6 pm, zip 95125", NOW, TZ);
    expect(wide.intent).toBe(ascii.intent);
    expect(wide.slots).toEqual(ascii.slots);
    expect(wide.slots).toMatchObject({ guests: 10, postalCode: "95125", startMinute: 18 * 60 });
  });

  it("keeps names, accents, case, emails and other scripts as written", () => {
    for (const s of [
      "Zoë O'Brien-Núñez",
      "José García, jo.garcia+party@example.com",
      "Mary-Jane McDonald",
      "こんにちは 王小明",
      "Привет, Ольга",
      "My number is (408) 555-0199",
      "Reference HB-QX7K2M",
    ])
      expect(customerText(s)).toBe(s.normalize("NFC"));
    // A fullwidth email is the address it shows.
    expect(contactIn(customerText("ｊｏ＠ｅｘａｍｐｌｅ．ｃｏｍ")).email).toBe("jo@example.com");
  });
});
