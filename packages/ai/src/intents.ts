// Intent recognition for the built-in local tier and for cache canonicalisation: weighted
// patterns per intent, a confidence (best score) and a margin over the runner-up. Only a
// confident, unambiguous intent lets paraphrases share a cache entry.
import { extractSlots, type Slots } from "./extract";
import { normalizeText } from "./text";

export const INTENTS = [
  "greeting",
  "thanks",
  "pricing",
  "menu",
  "dietary",
  "service_area",
  "availability",
  "booking_request",
  "booking_status",
  "policy_cancel",
  "policy_deposit",
  "policy_gratuity",
  "included",
  "duration",
  "setup",
  "kids",
  "notice",
  "capacity",
  "human",
  "complaint",
  "unknown",
] as const;
export type Intent = (typeof INTENTS)[number];

/** Answers that depend only on the business's data (not on who asks): cacheable for long. */
export const FAQ_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  "greeting",
  "thanks",
  "pricing",
  "menu",
  "dietary",
  "service_area",
  "policy_cancel",
  "policy_deposit",
  "policy_gratuity",
  "included",
  "duration",
  "setup",
  "kids",
  "notice",
  "capacity",
]);

type Rule = [RegExp, number];

export const RULES: Record<Exclude<Intent, "unknown">, Rule[]> = {
  greeting: [
    [
      /^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening)|hola|sup)\b[ !.a-z]{0,20}$/,
      0.9,
    ],
  ],
  thanks: [
    [
      /^(thanks|thank you|thank u|thx|cheers|perfect|great|awesome|ok thanks|okay thanks|cool)\b[ !.a-z]{0,25}$/,
      0.9,
    ],
  ],
  pricing: [
    [/\bhow much\b/, 0.7],
    [
      /\b(price|prices|pricing|cost|costs|rate|rates|charge|fee|fees|expensive|cheap|afford|budget|quote)\b/,
      0.65,
    ],
    [/\bper (person|head|guest|plate)\b/, 0.6],
    // "we want 4 lobster upgrades too", "add two sushi platters": pricing a selection.
    [
      /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+([a-z]+\s+){0,2}(upgrades?|portions?|servings?|platters?|orders?)\b/,
      0.7,
    ],
    [
      /\b(party|food|order|spend|spending|dollar)\s+minimum\b|\bminimum\s+(order|spend|charge|price|amount|cost|fee)\b|\bwhat('?s| is) (the|your) minimum\b|\bis there a minimum\b/,
      0.8,
    ],
    [/\bminimum\b/, 0.35],
    [/\b\$\d/, 0.3],
  ],
  menu: [
    [/\bmenu\b/, 0.75],
    [/\bupgrad(e|es|ing)\b/, 0.6],
    [
      /\b(do|can|will) (you|u) (guys )?(have|do|serve|offer|make|cook)\b.*\b(steak|chicken|shrimp|salmon|scallops?|lobster|filet|wagyu|tofu|noodles|fried rice|gyoza|edamame|sushi)\b/,
      0.7,
    ],
    [/\bwhat (food|dishes|proteins?|meats?) do you\b|\bwhat do you (serve|cook|make|offer)\b/, 0.8],
    [
      /\b(proteins?|appetizers?|sides?|add[- ]?ons?|upgrades?|dessert|sushi|gyoza|edamame|noodles|fried rice|steak|chicken|shrimp|salmon|scallops|lobster|filet|wagyu|tofu)\b/,
      0.4,
    ],
    [/\b(options|choices|dishes)\b/, 0.3],
  ],
  dietary: [
    [
      /\b(vegetarians?|vegans?|veggies?|plant[- ]based|meatless|no meat|pescatarians?|pescetarians?)\b/,
      0.9,
    ],
    [
      /\b(gluten|celiac|coeliac|allerg\w*|dairy|lactose|peanuts?|nuts?|shellfish|sesame|halal|kosher|soy|eggs?)\b/,
      0.9,
    ],
    [/\bdiet(ary)?\b/, 0.7],
  ],
  service_area: [
    [
      /\b(service area|areas? (do )?you (serve|cover)|where do you (go|travel|serve|operate))\b/,
      0.9,
    ],
    [/\b(do|can|will) you (come|travel|go|deliver|drive|serve)\b/, 0.55],
    [/\b(travel|distance|how far|miles?|zip|zipcode|postal)\b/, 0.45],
    [/\b(are you in|in my area|near me|come to|travel to|serve) [a-z]/, 0.35],
    [/\bin (your|the) (service )?area\b/, 0.7],
  ],
  availability: [
    [
      /\b(available|availability|free|open|openings?|any (dates?|times?|slots?|spots?)|slots?)\b/,
      0.6,
    ],
    [/\b(what|which) (times?|dates?|days?)\b/, 0.45],
    [/\bdo you have (anything|something|room|a chef|time)\b/, 0.55],
    [/\b(can you do|could you do|are you booked)\b/, 0.5],
    // "we're planning a party for 14 in 95014": someone starting to plan wants dates.
    [
      /\b(planning|plan|having|throwing|hosting|organi[sz]ing|want to have|looking to have)\b.*\b(party|birthday|event|celebration|dinner|get[- ]together|reunion|graduation|anniversary|shower)\b/,
      0.55,
    ],
  ],
  booking_request: [
    [/\b(book|reserve|hold|schedule|lock (it|in)|secure)\b/, 0.6],
    [
      /\b(i'?d like to|i want to|we want to|we'?d like to|let'?s|can i|can we|please) (book|reserve|hold|schedule)\b/,
      0.85,
    ],
    [/\b(sign (me|us) up|take (it|that one|the)|go with|we'?ll take)\b/, 0.75],
  ],
  booking_status: [
    [/\bmy (booking|bookings|reservation|reservations|event|order|party)\b/, 0.85],
    [/\b(status|confirmation|confirmed|is my)\b/, 0.35],
    [/\bHB-[a-z0-9]{4,}\b/i, 0.7],
    [/\b(did|have) (you|i) (get|receive|book)/, 0.35],
  ],
  policy_cancel: [
    [
      /\b(cancel\w*|reschedul\w*|change (the|my) date|move (the|my) (date|event|booking)|postpone)\b/,
      0.75,
    ],
    [/\b(refund policy|refundable|get my deposit back)\b/, 0.7],
    [/\b(refund\w*|money back|get (my|the|our) (money|deposit) back)\b/, 0.7],
    [/\b(rain|weather)\b/, 0.45],
  ],
  policy_deposit: [
    [/\b(deposit|down payment|pay(ment)?|prepay|upfront|up front)\b/, 0.75],
    [/\b(credit card|venmo|cash|zelle|how do i pay)\b/, 0.6],
  ],
  policy_gratuity: [[/\b(tip|tips|tipping|gratuity|gratuities)\b/, 0.9]],
  included: [
    [
      /\b(difference|differences|compare|comparison|vs\.?|versus)\b.*\b(classic|premium|packages?)\b|\b(classic|premium)\b.*\b(vs\.?|versus|or)\b.*\b(classic|premium)\b/,
      0.85,
    ],
    [/\b(what'?s|what is|what all is|is) (included|in the package|part of)\b/, 0.9],
    [/\b(include|includes|included|come with|comes with)\b/, 0.65],
    [/\bwhat do (we|i) get\b/, 0.7],
  ],
  duration: [
    [/\bhow long\b/, 0.8],
    [/\b(duration|how many hours|length of the|last(s)? (for|about))\b/, 0.7],
  ],
  notice: [
    [
      /\bhow (far|long|much time|soon|early) (in advance|ahead|before)\b|\b(advance|short) notice\b|\bhow much notice\b|\blast[- ]minute\b|\bbook (ahead|in advance)\b|\bhow far out\b|\bhow early (should|do|can) (i|we)\b/,
      0.9,
    ],
  ],
  capacity: [
    [
      /\bhow many (people|guests|persons|ppl) (can|does|will|do) (one|a|the|each|your|1) (chef|cook)\b|\b(max|maximum|largest|biggest|most) (number of )?(guests|people|party|group)\b|\bhow (big|large) (a )?(party|group|event)\b|\b(second|two|2|another|more than one) chefs?\b|\bbig (party|group|event)\b/,
      0.85,
    ],
    [
      /\b(do|can|will) (you|u) (guys )?(do|cater|handle|work|take) (weddings?|corporate (events?|parties)|company part(y|ies)|banquets?|large (events?|parties|groups))\b/,
      0.75,
    ],
  ],
  setup: [
    [
      /\bwhat time (do|does|will) (you|the chef|your chef|he|she|they) (arrive|get here|show up|come)\b|\b(arrive|arrival)\b.*\b(before|early|ahead)\b|\bhow early (do|does|will) (you|the chef)\b/,
      0.9,
    ],
    [
      /\b(what do (we|i) need to (provide|have|prepare)|do (we|i) need (to provide|a grill|tables|plates)|bring (your|the|a|their) own|provide (plates|utensils|tables|grill)|cook (indoors|inside|outside|outdoors))\b/,
      0.9,
    ],
    [
      /\b(grill|setup|set up|indoors?|outdoors?|inside|outside|backyard|patio|space|smoke|plates|utensils|tables|chairs|propane)\b/,
      0.5,
    ],
  ],
  kids: [
    [
      /\b(kids?|children|child|toddlers?|babies|baby)\b.*\b(price|cost|charge|free|discount|menu|how much|count)\b/,
      0.9,
    ],
    [/\b(price|cost|charge|free|discount|how much)\b.*\b(kids?|children|child|toddlers?)\b/, 0.9],
    [/\b(kids?|children|child)\b.*\b(cheaper|less|discount)\b/, 0.9],
  ],
  human: [
    [
      /\b(talk|speak|chat) (to|with) (a |an |someone|somebody|a real|real|human|person|manager|agent|representative|rep|owner|staff)\b/,
      0.95,
    ],
    [
      /\b(human|real person|live agent|representative|customer service|manager|supervisor|call me|phone call|someone call)\b/,
      0.8,
    ],
  ],
  complaint: [
    [
      /\b(terrible|awful|horrible|worst|disgusting|unacceptable|ridiculous|rude|never showed|no[- ]show|didn'?t show|late|cold food|overcharged|scam|ripped off|disappointed|complain\w*)\b/,
      0.8,
    ],
    // Demanding money back is a complaint; asking whether one gets it back is the policy.
    [/\b(i want|i demand|give me|i expect) (a |my |our )?(full )?(refund|money back)\b/, 0.8],
    [/\b(not happy|unhappy|wtf|angry|furious|pissed|upset)\b/, 0.75],
  ],
};

export interface Recognition {
  intent: Intent;
  confidence: number;
  /** Confident and clearly ahead of the runner-up: paraphrases can share a cache entry. */
  confident: boolean;
  /** Other intents scoring nearly as high (the message asks several things). */
  also: Intent[];
  scores: Partial<Record<Intent, number>>;
  slots: Slots;
  normalized: string;
  questionCount: number;
}

const CONFIDENT = 0.6;
const MARGIN = 0.2;

export function recognize(text: string, now: Date, timeZone: string): Recognition {
  const normalized = normalizeText(text);
  const slots = extractSlots(text, now, timeZone);
  const scores: Partial<Record<Intent, number>> = {};
  for (const [intent, rules] of Object.entries(RULES) as [Exclude<Intent, "unknown">, Rule[]][]) {
    let score = 0;
    for (const [re, w] of rules) if (re.test(normalized)) score = score + w * (1 - score);
    if (score > 0) scores[intent] = score;
  }
  // Slots sharpen the picture: a date or party size with "free/available" is availability;
  // with "book/reserve" it is a booking request; a bare "Saturday for 12?" is availability too.
  const hasWhen = !!(slots.date || slots.from);
  const hasWho = slots.guests !== undefined;
  if (hasWhen || hasWho) {
    if (scores.booking_request) scores.booking_request = Math.min(1, scores.booking_request + 0.25);
    else scores.availability = Math.min(1, (scores.availability ?? 0.3) + (hasWhen ? 0.3 : 0.1));
    if (hasWhen && scores.availability && (scores.pricing ?? 0) < 0.7)
      scores.availability = Math.min(1, scores.availability + 0.1);
  }
  if (scores.booking_request && (scores.policy_cancel ?? 0) >= 0.75) delete scores.booking_request;
  if (scores.kids && scores.pricing) {
    // "how much for 15 adults and 3 kids" prices a party; "how much are kids?" is the kids FAQ.
    if (slots.adults !== undefined && slots.children !== undefined) scores.kids *= 0.5;
    else scores.pricing *= 0.6;
  }
  if (scores.dietary && scores.menu && scores.menu <= 0.75) scores.menu *= 0.6;
  if (scores.policy_deposit && scores.pricing && scores.pricing < 0.9) scores.pricing *= 0.6;
  if (scores.booking_status && scores.booking_request) scores.booking_request *= 0.5;
  if (scores.complaint && scores.pricing) scores.pricing *= 0.5;
  if (scores.complaint && scores.policy_cancel) scores.policy_cancel *= 0.6;
  if (scores.human && scores.service_area) scores.service_area *= 0.5;
  if (scores.dietary && scores.service_area && !slots.postalCode) scores.service_area *= 0.5;
  if (slots.postalCode && scores.service_area)
    scores.service_area = Math.min(1, scores.service_area + 0.3);
  if (slots.bookingCode) scores.booking_status = Math.max(scores.booking_status ?? 0, 0.75);
  if (scores.setup && scores.availability && (scores.setup ?? 0) < 0.9) scores.setup *= 0.5;
  if (scores.setup && (scores.setup ?? 0) >= 0.9 && scores.availability) scores.availability *= 0.5;
  if (scores.notice && scores.booking_request) scores.booking_request *= 0.5;
  if (scores.notice && scores.availability && !hasWhen) scores.availability *= 0.5;
  if (scores.capacity && scores.availability && !hasWhen) scores.availability *= 0.5;
  if (scores.dietary && scores.availability && !hasWhen && !hasWho) scores.availability *= 0.5;
  if (scores.duration && scores.availability) scores.duration *= 0.6;

  const ranked = (Object.entries(scores) as [Intent, number][]).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const questionCount = Math.max(1, (text.match(/\?/g) ?? []).length);
  if (!best || best[1] < 0.45)
    return {
      intent: "unknown",
      confidence: best?.[1] ?? 0,
      confident: false,
      also: [],
      scores,
      slots,
      normalized,
      questionCount,
    };
  const margin = best[1] - (second?.[1] ?? 0);
  const also = ranked
    .slice(1)
    .filter(([, s]) => s >= CONFIDENT && best[1] - s < MARGIN + 0.05)
    .map(([i]) => i);
  return {
    intent: best[0],
    confidence: best[1],
    confident: best[1] >= CONFIDENT && margin >= MARGIN,
    also,
    scores,
    slots,
    normalized,
    questionCount,
  };
}
