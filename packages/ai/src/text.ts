import { createHash } from "node:crypto";

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

// One canonical JSON for the platform (idempotency fingerprints in core use it too).
import { canonicalJson } from "@myhibachi/core";
export { canonicalJson };

export const hashOf = (v: unknown, len = 32): string => sha256(canonicalJson(v)).slice(0, len);

const TYPOS: [RegExp, string][] = [
  [/\bu\b/g, "you"],
  [/\bur\b/g, "your"],
  [/\br\b/g, "are"],
  [/\bpls\b|\bplz\b/g, "please"],
  [/\bppl\b/g, "people"],
  [/\bthx\b|\bty\b/g, "thanks"],
  [/\bwat\b|\bwut\b/g, "what"],
  [/\bhw\b/g, "how"],
  [/\bwhats\b/g, "what is"],
  [/\bwhat's\b/g, "what is"],
  [/\bvegeterian|vegitarian|vegatarian|vegetarion\b/g, "vegetarian"],
  [/\bavailible|availble|avaliable|avalable\b/g, "available"],
  [/\bavailibility|availabilty|availablity\b/g, "availability"],
  [/\bsaturdy|satruday|saterday\b/g, "saturday"],
  [/\bprise|pricng|pricin\b/g, "pricing"],
  [/\bresevation|reservaton\b/g, "reservation"],
  [/\bglutten|gluton\b/g, "gluten"],
  [/\balergy|allergie\b/g, "allergy"],
  [/\bmenue\b/g, "menu"],
  [/\bcancell\b/g, "cancel"],
  [/\btommorow|tomorow|tmrw|tmr\b/g, "tomorrow"],
];

/**
 * A customer's message as the assistant reads it, whichever surface it came from (the site's chat,
 * a text, a call's speech): Unicode compatibility forms folded (NFKC: fullwidth "１０" is "10",
 * "ｚｉｐ" is "zip", "＠" is "@", a no-break space a space) and invisible zero-width characters
 * dropped (a "1\u200b0" is 10). Letters keep their case and accents ("Zoë", "José"), so names and
 * emails read as written.
 */
export function customerText(text: string): string {
  return text.normalize("NFKC").replace(/[\u200B\u2060\uFEFF]/g, "");
}

/** Lower case, common typos and texting shortcuts fixed, punctuation dropped, spaces collapsed. */
export function normalizeText(text: string): string {
  let s = text.toLowerCase().normalize("NFKC").replace(/[’‘`]/g, "'");
  for (const [re, to] of TYPOS) s = s.replace(re, to);
  return s
    .replace(/[^a-z0-9@'$/:.\- ]+/g, " ")
    .replace(/(?<!\d)[.:](?!\d)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Stable id of a question (groups "top expensive questions"; never reversible to the text). */
export const fingerprintOf = (text: string): string => sha256(normalizeText(text)).slice(0, 16);

/** The question with emails, phone numbers, booking codes and long digit runs masked. */
export function redactPreview(text: string, max = 140): string {
  const s = text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]")
    .replace(/\bHB-[A-Z0-9]{4,}\b/gi, "[booking]")
    .replace(/\+?\d[\d\s().-]{8,}\d/g, "[phone]")
    .replace(/\d{6,}/g, "[number]")
    .replace(/\s+/g, " ")
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
