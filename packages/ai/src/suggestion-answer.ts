// The customer's answer to the conversation's one menu suggestion (suggestion.ts), read without
// the database: a plain yes takes it (its change joins the frame: understanding.ts), a plain no
// declines it. Anything longer is a message of its own, answered as such.
import { foldAccents } from "./language";
import { normalizeText } from "./text";
import type { Memory } from "./providers/types";

/** A plain yes ("yes please", "sounds good", "sí, dale"), nothing else asked (normalised text). */
export const AFFIRMATIVE =
  /^(ok |okay |yes |yeah |yep |sure |great |perfect |awesome |cool )*(yes|yeah|yep|yup|sure|ok|okay|sounds good|that works|works for me|perfect|great|please do|do it|go ahead|si|dale|claro|de acuerdo|esta bien|perfecto)( please| thanks| thank you| por favor| gracias)*$/;

/** "add it", "let's do it", "we'll take it", "agrégalo": a yes that says what to do. */
const TAKE_IT =
  /^(?:(?:ok|okay|yes|yeah|yep|sure|great|perfect|si|claro|dale)\s+)*(?:please\s+)?(?:add (?:it|that|them|those)|let'?s (?:do|add) (?:it|that)|(?:i|we)'?(?:ll| will) take (?:it|that)|(?:i|we)'?d like (?:it|that)|include (?:it|that)|agregal[oa]s?|agreguel[oa]s?|anadel[oa]s?)(?: please| thanks| thank you| por favor| gracias| too| as well)*$/;

const NO =
  /^\s*(no|nope|nah|no thanks|no thank you|not interested|no gracias|no,? gracias)\b[\s.!]*/i;

/** A plain no to the suggestion ("no thanks", "nah"). */
export const saysNo = (text: string) => NO.test(text) && text.trim().length <= 40;

/** A plain yes to the suggestion ("yes please", "sure, add it", "sí, agrégalo"). */
export function saysYes(text: string, normalized?: string): boolean {
  if (text.trim().length > 40 || /\?/.test(text)) return false;
  const n = normalized ?? normalizeText(foldAccents(text));
  const plain = n
    .replace(/[^a-z0-9' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return AFFIRMATIVE.test(plain) || TAKE_IT.test(plain);
}

/**
 * The frame's change when this message is a yes to the suggestion the reply before it offered
 * (not answered since, not taken back).
 */
export function suggestionTaken(
  text: string,
  normalized: string,
  memory: Memory,
): Pick<Memory, "packageSlug" | "items" | "perGuest"> | null {
  const s = memory.suggestion;
  if (!s?.take || s.declined || s.accepted || s.closed || s.withdrawn) return null;
  if (!saysYes(text, normalized)) return null;
  return {
    packageSlug: s.take.packageSlug,
    items: s.take.items,
    perGuest: [...new Set([...(memory.perGuest ?? []), ...s.take.perGuest])],
  };
}
