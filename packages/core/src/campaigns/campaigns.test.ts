import { describe, expect, it } from "vitest";
import { insideSendWindow, nextAllowedSendTime } from "./quiet-hours";
import { fillTemplate, renderCampaignEmail } from "./render";
import { signCampaignToken, verifyCampaignToken } from "./tokens";

const LA = "America/Los_Angeles";
const NY = "America/New_York";

describe("quiet hours (8 am - 9 pm in the event's time zone)", () => {
  it("lets a time inside the window through unchanged", () => {
    const noonLA = new Date("2026-12-05T20:00:00Z"); // 12:00 PST
    expect(nextAllowedSendTime(noonLA, LA)).toEqual(noonLA);
    expect(insideSendWindow(noonLA, LA)).toBe(true);
  });
  it("postpones a late evening to 8 am the next local day", () => {
    const ninePmLA = new Date("2026-12-06T05:00:00Z"); // 21:00 PST Dec 5
    expect(nextAllowedSendTime(ninePmLA, LA).toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });
  it("postpones the small hours to 8 am the same local day", () => {
    const threeAmNY = new Date("2026-12-05T08:00:00Z"); // 03:00 EST
    expect(nextAllowedSendTime(threeAmNY, NY).toISOString()).toBe("2026-12-05T13:00:00.000Z");
  });
  it("reads the window in the event's zone, not the server's", () => {
    const t = new Date("2026-12-05T14:00:00Z"); // 9 am in New York, 6 am in Los Angeles
    expect(insideSendWindow(t, NY)).toBe(true);
    expect(insideSendWindow(t, LA)).toBe(false);
  });
  it("opens at 8 am local across a daylight saving change", () => {
    // 2027-03-14: clocks go forward in the US; 1 am PST -> 8 am PDT the same day.
    const t = new Date("2027-03-14T09:00:00Z");
    expect(nextAllowedSendTime(t, LA).toISOString()).toBe("2027-03-14T15:00:00.000Z");
  });
});

describe("campaign tokens", () => {
  const secret = "s".repeat(40);
  const now = new Date("2026-12-01T12:00:00Z");
  const token = signCampaignToken(secret, {
    purpose: "unsubscribe",
    subject: "ann@example.com",
    expiresAt: now.getTime() + 1000,
  });
  it("verifies its own token for its purpose until it expires", () => {
    expect(verifyCampaignToken(secret, token, "unsubscribe", now)?.subject).toBe("ann@example.com");
    expect(verifyCampaignToken(secret, token, "rate", now)).toBeNull();
    expect(
      verifyCampaignToken(secret, token, "unsubscribe", new Date(now.getTime() + 1000)),
    ).toBeNull();
  });
  it("refuses a token signed with another secret, altered or junk", () => {
    expect(verifyCampaignToken("t".repeat(40), token, "unsubscribe", now)).toBeNull();
    expect(verifyCampaignToken(secret, `${token}x`, "unsubscribe", now)).toBeNull();
    for (const junk of ["", ".", "abc", "a.b.c", "%%%.%%%", "x".repeat(2000)])
      expect(verifyCampaignToken(secret, junk, "unsubscribe", now)).toBeNull();
  });
});

describe("campaign email rendering", () => {
  it("fills placeholders and drops unknown ones instead of showing braces", () => {
    expect(fillTemplate("Hi {{firstName}}, {{nope}}see you", { firstName: "Ann" })).toBe(
      "Hi Ann, see you",
    );
  });
  it("writes the same words in text and HTML, escaped, with the unsubscribe link in both", () => {
    const m = renderCampaignEmail({
      subject: "Still thinking about {{eventDate}}?",
      template: "Hi {{firstName}},\n\nBook here: {{bookUrl}}",
      values: {
        firstName: "<Ann>",
        eventDate: "Saturday, December 5",
        bookUrl: "https://x.test/book",
      },
      unsubscribeUrl: "https://x.test/unsubscribe?token=abc",
    });
    expect(m.subject).toBe("Still thinking about Saturday, December 5?");
    expect(m.text).toContain("Hi <Ann>,");
    expect(m.text).toContain("https://x.test/unsubscribe?token=abc");
    expect(m.html).toContain("Hi &lt;Ann&gt;,");
    expect(m.html).toContain('<a href="https://x.test/book"');
    expect(m.html).toContain('href="https://x.test/unsubscribe?token=abc"');
  });
});
