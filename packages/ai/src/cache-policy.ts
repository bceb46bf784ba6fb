// Which answers may be served from the cache, and to which questions. An answer is shared only
// with questions whose whole meaning is the same: the same intents and EVERY entity the message
// names (menu items, package, adults and children, date, time, ZIP or city, diet, language,
// topic), the same conversation facts the answer uses, the same data generations, and the tier
// that answers. A local-tier answer is computed from exactly those (providers/local.ts reads the
// recognition and the frame, never the text), so paraphrases understood whole may share it. A
// model reads the text and the conversation: its answer is shared only with the same text. A message with words nothing understood may mean more than its recognition says:
// those are shared only with the very same normalised text.
import type { CacheScope } from "@myhibachi/core";
import { isPersonal } from "./personal";
import { FAQ_INTENTS, type Intent, type Recognition } from "./intents";
import type { Memory } from "./providers/types";
import type { Tier } from "./router";

/** Seconds an answer of each class stays in the cache. */
export const CACHE_TTL = { faq: 24 * 3600, quote: 3600, availability: 60, general: 3600 } as const;
export type CacheClass = keyof typeof CACHE_TTL | "none";

export interface CachePolicyInput {
  text: string;
  recognition: Recognition;
  known: Memory;
  residue: string[];
  depth: number;
  handoff: string | null;
}

export function cacheClassFor(p: CachePolicyInput): CacheClass {
  const r = p.recognition;
  if (p.handoff) return "none";
  // About the customer's own booking, money or event: the answer is theirs alone.
  if (isPersonal(p.text)) return "none";
  if (r.slots.email || r.slots.bookingCode) return "none";
  // An offer code said now or earlier prices this conversation's answers: never shared.
  if (r.slots.offerCode || p.known.offerCode) return "none";
  const intents = [r.intent, ...r.also];
  if (
    intents.some(
      (i) =>
        i === "booking_status" ||
        i === "booking_request" ||
        i === "human" ||
        i === "complaint" ||
        // The program for a visitor, the caller's own tier or referral code when signed in:
        // never shared.
        i === "loyalty" ||
        i === "referral",
    )
  )
    return "none";
  if (p.known.pendingBooking || p.known.hold) return "none";
  if (r.confident || r.also.length) {
    if (intents.includes("availability")) return "availability";
    if (intents.every((i) => FAQ_INTENTS.has(i)))
      return intents.includes("pricing") && p.known.guests ? "quote" : "faq";
  }
  // Unrecognised text: only a conversation's first message is free of context.
  return p.depth === 0 && r.intent !== "availability" ? "general" : "none";
}

/** Data generations an answer of this class is computed from (they join its key). */
export function dataScopes(c: Exclude<CacheClass, "none">): CacheScope[] {
  return c === "availability" ? ["catalog", "chefs", "calendar"] : ["catalog"];
}

/** The conversation facts (frame) an intent's answer uses. */
function factsUsed(intent: Intent, k: Memory): Record<string, unknown> {
  switch (intent) {
    case "pricing":
    case "kids":
    case "capacity":
      return {
        guests: k.guests,
        adults: k.adults,
        children: k.children,
        zip: k.postalCode,
        city: k.postalCode ? undefined : k.city,
        items: k.items ?? {},
        pkg: k.packageSlug,
      };
    case "availability":
      return {
        date: k.date,
        from: k.from,
        to: k.to,
        guests: k.guests,
        zip: k.postalCode,
        city: k.postalCode ? undefined : k.city,
      };
    case "dietary":
      return { diet: k.diet ?? [] };
    default:
      return {};
  }
}

/** What a message says, entity by entity (everything the slots carry, nothing left out). */
function meaningOf(r: Recognition): Record<string, unknown> {
  const { weekdayOnly: _w, ...slots } = r.slots;
  return slots;
}

/**
 * The question half of the cache key. `tier` is the tier that will answer: paraphrase sharing
 * only for the local tier, on a message understood whole.
 */
export function questionKey(
  p: CachePolicyInput,
  tier: Tier,
  cacheClass: Exclude<CacheClass, "none">,
): { question: string; facts: Record<string, unknown> } {
  const r = p.recognition;
  const intents = [r.intent, ...r.also].sort();
  // A message with no language of its own ("12", "95125") is answered in the conversation's.
  const language = r.slots.language ?? p.known.language ?? "en";
  // Shared by meaning only when the message is understood whole and the local tier answers: its
  // answer is computed from the recognition and the frame alone, so two questions of the same
  // meaning get the same answer. A model reads the words themselves ("is gratuity included?" and
  // "how much should we tip?" are both the gratuity policy, but a model answers them differently:
  // an independent fake model found 32 such wrong hits in 305): its answers are shared only with
  // the very same normalised text.
  const byMeaning = tier === "local" && cacheClass !== "general" && p.residue.length === 0;
  // A model may use anything the conversation knows; the local tier only what its intents use.
  const facts =
    tier === "local"
      ? Object.assign({}, ...intents.map((i) => factsUsed(i, p.known)))
      : frameFacts(p.known);
  return byMeaning
    ? {
        question: `meaning:${intents.join("+")}`,
        facts: { ...facts, said: meaningOf(r), language },
      }
    : { question: `text:${r.normalized}`, facts: { ...facts, language, intents } };
}

/** The frame without the bookkeeping (what a model is told the conversation knows). */
function frameFacts(k: Memory): Record<string, unknown> {
  const { turns: _t, recent: _r, lastIntent: _l, partyIntent: _p, ...facts } = k;
  return facts;
}
