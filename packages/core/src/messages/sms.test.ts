import { describe, expect, it } from "vitest";
import { smsReplyKind } from "../campaigns/sms-replies";
import { renderCampaignSms } from "../campaigns/render";
import { phoneToE164 } from "../contact/phone";
import { smsText } from "./sms";

describe("campaign texts", () => {
  it("are one plain ASCII line with 'Reply STOP to opt out' once", () => {
    const t = smsText("Hi\u00a0Dana,\n\nyour party\u2019s on \u2013 book\u2009now…");
    expect(t).toBe("Hi Dana, your party's on - book now... Reply STOP to opt out.");
    expect(t).toMatch(/^[\x20-\x7e]+$/);
    expect(smsText("Book now. Reply STOP to opt out.")).toBe("Book now. Reply STOP to opt out.");
    expect(smsText("reply stop to opt out. Book now")).toBe("Book now. Reply STOP to opt out.");
  });

  it("fill the step's template after the business's name from the settings", () => {
    // No full stop glued to a link at the end: a phone would take it into the URL.
    expect(
      renderCampaignSms({
        template: "Hi {{firstName}}, {{bookUrl}}",
        values: { firstName: "Dana", bookUrl: "http://x/book" },
        businessName: "MyHibachi",
      }),
    ).toBe("MyHibachi: Hi Dana, http://x/book Reply STOP to opt out.");
    // Another business's name, typographic characters made plain (GSM-7).
    expect(
      renderCampaignSms({
        template: "Hi {{firstName}}",
        values: { firstName: "Dana" },
        businessName: "  Kenji’s  Hibachi – Bay ",
      }),
    ).toBe("Kenji's Hibachi - Bay: Hi Dana. Reply STOP to opt out.");
  });
});

describe("inbound keywords", () => {
  it("are the whole trimmed message, any case", () => {
    for (const w of [
      "STOP",
      "stop",
      " Stop ",
      "STOPALL",
      "quit",
      "END",
      "revoke",
      "opt out",
      "OPT  OUT",
      "cancel",
      "Unsubscribe",
      // Attack round 3: Twilio's OPTOUT, and opt-outs people actually type.
      "OPTOUT",
      "opt-out",
      "Stop.",
      "stop!",
      "STOP!",
      "STOP 🙏",
      "\uff33\uff34\uff2f\uff30",
      "Stop all",
      "Stop please",
      "optout please",
      "please stop texting me",
      "stop sending me messages",
      "REMOVE",
    ])
      expect(smsReplyKind(w), w).toBe("stop");
    for (const w of ["start", "UNSTOP", "Start."]) expect(smsReplyKind(w)).toBe("start");
    for (const w of ["help", " INFO", "help!"]) expect(smsReplyKind(w)).toBe("help");
    for (const w of [
      "stop it please",
      "",
      "can I cancel my booking",
      "stop sending me the link to 415 555 0123",
      "don't stop the party",
      "yes",
    ])
      expect(smsReplyKind(w), w).toBe("other");
  });
});

describe("phoneToE164", () => {
  it("turns the stored form into E.164, and refuses what isn't a phone", () => {
    expect(phoneToE164("(408) 555-0199")).toBe("+14085550199");
    expect(phoneToE164("+44 20 7946 0958")).toBe("+442079460958");
    expect(phoneToE164("12")).toBeNull();
  });
});
