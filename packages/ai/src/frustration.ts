// Frustration: a score in [0, 1] per message (word list + rules) and a rolling score per
// conversation. Over the threshold the conversation is handed to staff.

export const FRUSTRATION_THRESHOLD = 0.6;

const NEGATIVE: [RegExp, number][] = [
  [
    /\b(terrible|awful|horrible|worst|disgusting|unacceptable|ridiculous|pathetic|useless|incompetent)\b/,
    0.4,
  ],
  [/\b(scam|ripped off|rip[- ]off|fraud|lawyer|sue|bbb|yelp review|bad review)\b/, 0.45],
  [
    /\b(angry|furious|pissed|livid|upset|frustrat\w*|annoy\w*|fed up|sick of|disappoint\w*|not happy|unhappy)\b/,
    0.35,
  ],
  [/\b(wtf|wth|omg|ffs|damn|hell|crap|bs|bullshit|stupid|dumb)\b/, 0.3],
  [
    /\b(rude|late|never showed|no[- ]show|didn'?t show|cold food|raw|food poisoning|sick after|overcharged|double charged|charged twice)\b/,
    0.35,
  ],
  [
    /\b(still (waiting|no)|no one (answers|called|replied)|nobody (answers|called|replied)|again\?|already told you|doesn'?t (work|help|understand)|not (helpful|working)|you('re| are) not (listening|helping))\b/,
    0.3,
  ],
];

const ESCALATION: [RegExp, number][] = [
  [/\b(manager|supervisor|owner|complaint|complain)\b/, 0.35],
  [/\b(refund|money back|chargeback|dispute)\b/, 0.3],
  [/\b(human|real person|live agent|representative|talk to (someone|somebody|a person))\b/, 0.25],
];

const POSITIVE = /\b(thanks|thank you|great|awesome|perfect|love|amazing|appreciate)\b/;

export interface FrustrationInput {
  text: string;
  /** Recent replies that failed or did not know the answer, in this conversation. */
  recentFailures?: number;
}

export interface FrustrationScore {
  score: number;
  reasons: string[];
}

export function messageFrustration({
  text,
  recentFailures = 0,
}: FrustrationInput): FrustrationScore {
  const lower = text.toLowerCase();
  const reasons: string[] = [];
  let score = 0;
  const add = (w: number, why: string) => {
    score = score + w * (1 - score);
    reasons.push(why);
  };
  for (const [re, w] of NEGATIVE) {
    const m = re.exec(lower);
    if (m) add(w, `negative:${m[0]}`);
  }
  for (const [re, w] of ESCALATION) {
    const m = re.exec(lower);
    if (m) add(w, `escalation:${m[0]}`);
  }
  const letters = text.replace(/[^A-Za-z]/g, "");
  const upper = text.replace(/[^A-Z]/g, "").length;
  if (letters.length >= 8 && upper / letters.length > 0.7) add(0.35, "shouting");
  if (/!{3,}|\?{3,}|[!?]{4,}/.test(text)) add(0.25, "repeated punctuation");
  if (recentFailures > 0) add(Math.min(0.45, 0.2 * recentFailures), `failures:${recentFailures}`);
  if (POSITIVE.test(lower) && score > 0) score *= 0.6;
  return { score: Math.round(Math.min(1, score) * 1000) / 1000, reasons };
}

/** Rolling conversation score: recent anger weighs most and calm messages let it decay. */
export function conversationFrustration(previous: number, message: number): number {
  const rolled = Math.max(message, previous * 0.7 + message * 0.5);
  return Math.round(Math.min(1, rolled) * 1000) / 1000;
}
