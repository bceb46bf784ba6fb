// A campaign step's email: the step's template filled in, as text and HTML (the same content,
// laid out like the booking emails: one column, inline styles, everything escaped; see
// messages/booking-email-html.ts, whose escaping and link helpers this reuses), with the
// unsubscribe link in the footer of both parts.
import { escapeHtml, textToHtml } from "../messages/booking-email-html";
import { smsText } from "../messages/sms";

export type TemplateValues = Record<string, string | undefined>;

/**
 * `{{name}}` replaced by its value. A placeholder without a value (an owner's typo, an offer
 * placeholder in a step without an offer) becomes nothing rather than braces in a customer's inbox.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template
    .replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_m, name: string) => values[name] ?? "")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/ {2,}/g, " ");
}

export interface CampaignEmail {
  subject: string;
  text: string;
  html: string;
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function renderCampaignEmail(p: {
  subject: string;
  template: string;
  values: TemplateValues;
  unsubscribeUrl: string;
}): CampaignEmail {
  const subject = fillTemplate(p.subject, p.values).trim();
  const body = fillTemplate(p.template, p.values).trim();
  const footer =
    "You get this because you booked or asked about a party with MyHibachi. " +
    "To stop these emails, unsubscribe here:";
  const text = `${body}\n\n--\n${footer}\n${p.unsubscribeUrl}\n`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#fafaf9">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;${FONT};font-size:15px;line-height:1.5;color:#1c1917">
<p style="margin:0 0 16px;white-space:pre-line">${textToHtml(body)}</p>
<p style="margin:32px 0 0;font-size:13px;color:#57534e">${escapeHtml(footer)} <a href="${escapeHtml(p.unsubscribeUrl)}" style="color:#57534e">Unsubscribe</a></p>
</div>
</body></html>`;
  return { subject, text, html };
}

/**
 * Every placeholder a step's subject or text may use (what `templateValues` in engine.ts and the
 * offer fill in), with what it becomes and a sample for the owner's preview. A template naming
 * anything else is refused by the step editor (an unknown one would become nothing).
 */
export const CAMPAIGN_PLACEHOLDERS = [
  { name: "firstName", means: 'the person\'s first name ("there" when unknown)', sample: "Jamie" },
  { name: "eventDate", means: "the event's date", sample: "Saturday, December 12, 2026" },
  { name: "bookUrl", means: "the booking page", sample: "/book" },
  { name: "menuUrl", means: "the menu page", sample: "/menu" },
  { name: "ratingUrl", means: "the 1-5 rating link (events only)", sample: "/feedback?token=…" },
  {
    name: "reviewUrl",
    means: "your Google review page (Settings), else your Yelp page, else our /reviews page",
    sample: "/reviews",
  },
  {
    name: "offerCode",
    means: "the single-use code of this step's offer",
    sample: "SAVE-7KQ2M9XD",
    needsOffer: true,
  },
  { name: "offerPercent", means: "this step's offer percent", sample: "5", needsOffer: true },
  {
    name: "offerExpires",
    means: "when the code stops working",
    sample: "Sunday, December 13, 2026 at 6:00 PM",
    needsOffer: true,
  },
  { name: "referralCode", means: "the customer's referral code", sample: "REF-AB12CD" },
  { name: "referralPercent", means: "what the referral code gives", sample: "10" },
] as const satisfies readonly {
  name: string;
  means: string;
  sample: string;
  needsOffer?: boolean;
}[];

export type CampaignPlaceholder = (typeof CAMPAIGN_PLACEHOLDERS)[number]["name"];

/** The `{{names}}` a text uses, in order, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!))];
}

/**
 * A campaign step's text message: the business's name (the owner's settings, "MyHibachi: ") and
 * the step's template filled in, as one plain line (GSM-7 friendly: ASCII spaces and punctuation),
 * ending with "Reply STOP to opt out." once (messages/sms.ts `smsText`). SMS steps have no
 * subject; keep their templates short (one text segment is 160 characters).
 */
export function renderCampaignSms(p: {
  template: string;
  values: TemplateValues;
  businessName: string;
}): string {
  const name = p.businessName.replace(/\s+/g, " ").trim();
  const body = fillTemplate(p.template, p.values);
  return smsText(name ? `${name}: ${body}` : body);
}
