// The owner pages' words: delays as people say them, the placeholders a text uses, and the
// preview (the engine's own rendering with sample data: no braces left).
import { describe, expect, it } from "vitest";
import { checkMessageWords, delayParts, delayWords, previewCampaignStep } from "./owner";
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

describe("checkMessageWords: who a message can reach decides what it may say", () => {
  const ok = {
    subject: "How was {{eventDate}}?",
    template: "Hi {{firstName}},\r\n\r\nRate us:\t{{ratingUrl}}",
    offerPercent: null,
    trigger: "POST_EVENT" as const,
    minRating: null,
  };
  const refusal = (patch: Partial<Parameters<typeof checkMessageWords>[0]>) => {
    try {
      checkMessageWords({ ...ok, ...patch });
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  it("accepts a post-event message with line breaks, tabs and the rating link", () => {
    expect(refusal({})).toBeNull();
    expect(refusal({ template: "Review us: {{reviewUrl}}", minRating: 4 })).toBeNull();
    expect(refusal({ template: "Review us: {{reviewUrl}}", minRating: 5 })).toBeNull();
  });

  it("refuses the review link where a low rater (or nobody who rated) could get it", () => {
    for (const minRating of [null, 1, 2, 3])
      expect(refusal({ template: "Review us: {{reviewUrl}}", minRating })).toMatch(
        /^Text: \{\{reviewUrl\}\} asks for a public review/,
      );
    for (const trigger of ["ABANDONED_BOOKING", "RE_ENGAGEMENT", "CHURN_RISK"] as const)
      expect(refusal({ template: "Review us: {{reviewUrl}}", minRating: 5, trigger })).toMatch(
        /only a post-event step can use it/,
      );
  });

  it("refuses the rating link outside the post-event sequence, and braces left open", () => {
    expect(refusal({ trigger: "CHURN_RISK" })).toMatch(/only the post-event sequence can use it/);
    expect(refusal({ template: "Hi {{firstName" })).toMatch(/a “\{\{” that isn't closed/);
    expect(refusal({ template: "Hi firstName}} {{bookUrl}}" })).toMatch(/a “\}\}” without/);
  });

  it("a subject is one line, without control characters", () => {
    for (const subject of ["a\r\nBcc: x@example.com", "a\nb", "a\rb", "a\u2028b", "a\u0085b"])
      expect(refusal({ subject })).toMatch(/^A subject must be one line\./);
    expect(refusal({ subject: "a\tb" })).toMatch(/invisible control character/);
    expect(refusal({ template: "Hi\u001b[31m {{bookUrl}}" })).toMatch(
      /^The text has an invisible control character/,
    );
  });
});
