// The model router: a deterministic complexity score from what we know about the turn, mapped to
// a tier. Same inputs -> same tier; the reasons are recorded with every call.
import type { Intent } from "./intents";

export const TIERS = ["local", "small", "medium", "strong"] as const;
export type Tier = (typeof TIERS)[number];

export interface RouteInput {
  intent: Intent;
  confident: boolean;
  /** Further intents in the same message. */
  also: Intent[];
  text: string;
  questionCount: number;
  /** Messages already in the conversation. */
  depth: number;
  /** Conversation frustration after this message, 0..1. */
  frustration: number;
  frustrationThreshold: number;
  /** Replies in this conversation that failed or didn't know. */
  recentFailures: number;
}

export interface Route {
  tier: Tier;
  score: number;
  reasons: string[];
}

/** Base complexity by intent: FAQs the local tier answers from data are cheap; open talk is not. */
const INTENT_BASE: Record<Intent, number> = {
  greeting: 0,
  thanks: 0,
  pricing: 0.1,
  menu: 0.1,
  dietary: 0.15,
  service_area: 0.1,
  policy_cancel: 0.1,
  policy_deposit: 0.1,
  policy_gratuity: 0.05,
  included: 0.05,
  duration: 0.05,
  setup: 0.15,
  kids: 0.1,
  notice: 0.05,
  capacity: 0.1,
  contact: 0,
  availability: 0.3,
  booking_request: 0.35,
  booking_status: 0.3,
  loyalty: 0.2,
  referral: 0.2,
  human: 0.5,
  complaint: 0.6,
  unknown: 0.5,
};

const TOOL_INTENTS: Partial<Record<Intent, number>> = {
  availability: 1,
  booking_request: 2,
  booking_status: 1,
  loyalty: 2,
  referral: 1,
  pricing: 0,
};

export const TIER_CUTS: { tier: Tier; below: number }[] = [
  { tier: "local", below: 0.3 },
  { tier: "small", below: 0.5 },
  { tier: "medium", below: 0.72 },
  { tier: "strong", below: Infinity },
];

export function routeTurn(i: RouteInput): Route {
  const reasons: string[] = [];
  let score = INTENT_BASE[i.intent];
  reasons.push(`intent:${i.intent}=${score}`);
  if (!i.confident && i.intent !== "unknown") {
    score += 0.15;
    reasons.push("low-confidence:+0.15");
  }
  const tools = TOOL_INTENTS[i.intent] ?? 0;
  if (tools > 0) {
    score += 0.05 * tools;
    reasons.push(`tools:${tools}:+${0.05 * tools}`);
  }
  if (i.also.length) {
    score += 0.1 * Math.min(2, i.also.length);
    reasons.push(`multi-intent:${i.also.join("+")}`);
  }
  const len = i.text.length;
  if (len > 400) {
    score += 0.2;
    reasons.push("length>400:+0.2");
  } else if (len > 160) {
    score += 0.1;
    reasons.push("length>160:+0.1");
  }
  if (i.questionCount > 1) {
    const q = Math.min(0.2, 0.1 * (i.questionCount - 1));
    score += q;
    reasons.push(`questions:${i.questionCount}:+${q}`);
  }
  if (i.depth > 12) {
    score += 0.1;
    reasons.push(`depth:${i.depth}:+0.1`);
  }
  if (i.frustration > 0) {
    const f = Math.round(i.frustration * 0.4 * 100) / 100;
    score += f;
    reasons.push(`frustration:${i.frustration}:+${f}`);
  }
  if (i.recentFailures > 0) {
    const f = Math.min(0.3, 0.15 * i.recentFailures);
    score += f;
    reasons.push(`recent-failures:${i.recentFailures}:+${f}`);
  }
  score = Math.round(score * 1000) / 1000;
  let tier = TIER_CUTS.find((c) => score < c.below)!.tier;
  if (i.frustration >= i.frustrationThreshold) {
    tier = "strong";
    reasons.push("frustrated:strong");
  }
  return { tier, score, reasons };
}

/** Tiers to try, best first: the routed tier, then each cheaper one, ending at local. */
export function fallbackChain(tier: Tier): Tier[] {
  return TIERS.slice(0, TIERS.indexOf(tier) + 1).reverse();
}
