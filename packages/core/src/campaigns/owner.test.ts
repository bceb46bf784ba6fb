// The owner pages' words: delays as people say them, the placeholders a text uses, and the
// preview (the engine's own rendering with sample data: no braces left).
import { describe, expect, it } from "vitest";
import { delayParts, delayWords, previewCampaignStep } from "./owner";
import { CAMPAIGN_PLACEHOLDERS, placeholdersIn } from "./render";

describe("campaign step words", () => {
  it("says a delay in days, hours or minutes, and edits it in days or hours", () => {
    expect(delayWords(120)).toBe("2 hours");
    expect(delayWords(60)).toBe("1 hour");
    expect(delayWords(1440)).toBe("1 day");
    expect(delayWords(43_200)).toBe("30 days");
    expect(delayWords(2160)).toBe("36 hours");
    expect(delayWords(90)).toBe("90 minutes");
    expect(delayParts(2880)).toEqual({ value: 2, unit: "days" });
    expect(delayParts(2160)).toEqual({ value: 36, unit: "hours" });
    expect(delayParts(90)).toEqual({ value: 1.5, unit: "hours" });
  });

  it("finds each placeholder once, spaces inside the braces or not", () => {
    expect(placeholdersIn("Hi {{firstName}}, {{ eventDate }} {{firstName}} {{not known}}")).toEqual(
      ["firstName", "eventDate", "not known"],
    );
    expect(placeholdersIn("no braces, {single}")).toEqual([]);
  });

  it("previews every placeholder filled with sample data and the unsubscribe footer", () => {
    const all = CAMPAIGN_PLACEHOLDERS.map((p) => `{{${p.name}}}`).join(" ");
    const p = previewCampaignStep(
      { subject: "{{offerPercent}} % off, {{firstName}}", template: all, offerPercent: 5 },
      "https://site.example",
    );
    expect(p.subject).toBe("5 % off, Jamie");
    expect(p.text).not.toMatch(/\{\{|\}\}/);
    expect(p.text).toContain("https://site.example/book");
    expect(p.text).toContain("https://site.example/unsubscribe?token=");
  });
});
