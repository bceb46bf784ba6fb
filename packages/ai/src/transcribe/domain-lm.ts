// The local recognizer's language model (issue 17, voice on the web): what a customer says to a
// hibachi caterer, as a trigram model pocketsphinx reads (ARPA text), built here in TypeScript
// from sentence templates over the booking vocabulary (weekdays, months, dates said as ordinals,
// numbers, clock times as they are said, party sizes, diets) and the live menu's item and package
// names (the hints). A general model hears "book a table for eight on saturday" as "look up to go
// for it on saturday"; a model of what is said here hears it right (`pnpm bench voice` measures
// both). Words outside the templates keep a small share of the probability (the common-English
// unigrams of common-words.ts), so a sentence the templates never made is still transcribed word
// by word.
//
// Pure and deterministic: the same hints make the same model (a seeded generator), so the built
// files are cached by their hash (local.ts).
import { numberWords } from "../speech";
import { ORDINAL_TEENS, UNIT_ORDINALS } from "../understand/when";
import { MONTH_WORDS, WEEKDAY_WORDS } from "./written";

/** Part of the built model's cache key (local.ts): bump when the templates or the builder change. */
export const DOMAIN_MODEL_VERSION = 5;

const WEEKDAYS = WEEKDAY_WORDS;
const MONTHS = MONTH_WORDS;
/** "first" .. "nineteenth" by their number (0 unused). */
const ORDINAL_ONES = ["", ...UNIT_ORDINALS, ...Object.keys(ORDINAL_TEENS).slice(0, 10)];

/** 1..31 as said: "first", "twelfth", "twenty sixth", "thirtieth". */
export function ordinalWords(n: number): string {
  if (n < 20) return ORDINAL_ONES[n]!;
  if (n === 20) return "twentieth";
  if (n === 30) return "thirtieth";
  return `${n < 30 ? "twenty" : "thirty"} ${ORDINAL_ONES[n % 10]!}`;
}

/** 0..99 as said ("sixty", "seventy two"). */
export function cardinalWords(n: number): string {
  if (n < 60) return numberWords(n);
  const tens = ["sixty", "seventy", "eighty", "ninety"][Math.floor(n / 10) - 6]!;
  return n % 10 ? `${tens} ${numberWords(n % 10)}` : tens;
}

/**
 * Pronunciations (CMU phones) of menu words the CMU dictionary lacks. A hint word that is neither
 * there nor here can't be heard by pocketsphinx: its hint is left out (and listed as skipped).
 */
export const EXTRA_PRONUNCIATIONS: Record<string, string[]> = {
  gyoza: ["G Y OW Z AH", "G IY OW Z AH"],
  edamame: ["EH D AH M AA M EY"],
  yakisoba: ["Y AA K IY S OW B AH"],
  wagyu: ["W AA G Y UW"],
  mochi: ["M OW CH IY"],
  sake: ["S AA K IY"],
  teppanyaki: ["T EH P AH N Y AA K IY"],
  omakase: ["OW M AA K AA S EY"],
  tempura: ["T EH M P UH R AH"],
  miso: ["M IY S OW"],
  udon: ["UW D AA N"],
  ramen: ["R AA M AH N"],
  sashimi: ["S AA SH IY M IY"],
  nigiri: ["N IH G IH R IY"],
  ponzu: ["P AA N Z UW"],
  yuzu: ["Y UW Z UW"],
  halal: ["HH AH L AA L"],
  matcha: ["M AA CH AH"],
  katsu: ["K AA T S UW"],
  pescatarian: ["P EH S K AH T EH R IY AH N"],
  celiac: ["S IY L IY AE K"],
  // Diet words as Americans say them, beside the dictionary's forms: "vegan" as VEE-gun (the
  // dictionary has only VEH-gun), "gluten" with the t swallowed, "vegetarian" with a short i.
  vegan: ["V IY G AH N", "V EH G AH N", "V IY G AE N"],
  gluten: ["G L UW T AH N", "G L UW AH N", "G L UW T N"],
  vegetarian: ["V EH JH AH T EH R IY AH N", "V EH JH IH T EH R IY AH N", "V EH JH IH T EH R IY N"],
  // Numbers said quickly lose sounds ("twelve" as "twelv", "welve"): the party size is the word
  // a booking needs most, so its loose forms are the number too, never "we'll".
  twelve: ["T W EH L V", "T W EH L F", "W EH L V", "T W EH L"],
};

/** Abbreviations on menus, as they are said. */
const SAID_AS: Record<string, string> = {
  ny: "new york",
  bbq: "barbecue",
  "&": "and",
  w: "with",
  oz: "ounce",
  lb: "pound",
  lbs: "pounds",
};

/**
 * A menu name as words a person says: lower case, what is in brackets dropped ("Sushi platter
 * (40 pieces)" -> "sushi platter"), numbers and abbreviations in words.
 */
export function spokenHint(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/&/g, " and ")
    .replace(/\d+/g, (d) => (Number(d) < 100 ? ` ${cardinalWords(Number(d))} ` : " "))
    .split(/[^a-z']+/)
    .filter(Boolean)
    .map((w) => SAID_AS[w] ?? w)
    .join(" ")
    .trim();
}

// ---- the sentences ----------------------------------------------------------------------------

/** A small seeded generator (mulberry32): the same model from the same hints. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const maybe = (p: number, s: () => string) => (next() < p ? s() : "");
  return {
    next,
    pick,
    maybe,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  };
}
type Rng = ReturnType<typeof random>;

const HOURS = Array.from({ length: 12 }, (_, i) => numberWords(i + 1)); // "one" .. "twelve"
const DIETS = [
  "vegetarian",
  "vegan",
  "gluten free",
  "dairy free",
  "nut free",
  "kosher",
  "halal",
  "kids",
  "shellfish free",
  "low carb",
  "egg free",
  "soy free",
  "sesame free",
  "peanut free",
  "pescatarian",
  "allergy friendly",
];
/** The diets most asked about, more often than the rest (as customers ask). */
const COMMON_DIETS = ["vegetarian", "vegan", "gluten free", "nut free", "dairy free"];
const diet = (r: Rng) => (r.next() < 0.6 ? r.pick(COMMON_DIETS) : r.pick(DIETS));
/** What a diet question asks for ("vegetarian options", "vegan dishes"). */
const DISHES = ["options", "dishes", "food", "choices", "meals", "items", "menu", "proteins"];

/** A party size, mostly 6 to 40 as parties are. */
function count(r: Rng): number {
  const x = r.next();
  return x < 0.1 ? r.int(1, 5) : x < 0.85 ? r.int(6, 40) : r.int(41, 60);
}

/** A month and its day as said: "may twentieth", "june first", "december the third". */
function monthDay(r: Rng): string {
  const m = r.pick(MONTHS);
  const d = ordinalWords(r.int(1, 31));
  return r.next() < 0.85 ? `${m} ${d}` : `${m} the ${d}`;
}

function day(r: Rng): string {
  const wd = () => r.pick(WEEKDAYS);
  const md = () => monthDay(r);
  const forms = [
    wd,
    () => `this ${wd()}`,
    () => `next ${wd()}`,
    // A month and day is how most dates are said: twice the share of any other form, so "on may
    // twentieth" keeps its month (heard as "on the twentieth" otherwise).
    md,
    md,
    () => `the ${ordinalWords(r.int(1, 31))} of ${r.pick(MONTHS)}`,
    () => `the ${ordinalWords(r.int(1, 31))}`,
    () => `${wd()} the ${ordinalWords(r.int(1, 31))}`,
    () => `${wd()} ${md()}`,
    () =>
      r.pick([
        "tomorrow",
        "today",
        "tonight",
        "this weekend",
        "next weekend",
        "next week",
        "this week",
        "new year's eve",
        "new year's day",
        "christmas eve",
        "christmas day",
        "thanksgiving",
        "the day after tomorrow",
        "the weekend after next",
        `${wd()} after next`,
        `${wd()} next week`,
        `this ${wd()} or ${wd()}`,
        `in ${r.pick(MONTHS)}`,
        `early ${r.pick(MONTHS)}`,
        `the first week of ${r.pick(MONTHS)}`,
        `a week from ${wd()}`,
        `${wd()} night`,
        `${wd()} evening`,
        `${wd()} afternoon`,
      ]),
  ];
  const d = r.pick(forms)();
  return /^(the|this|next|in|early|a) /.test(d) || r.next() < 0.4 ? d : `on ${d}`;
}

function clock(r: Rng): string {
  const h = r.pick(HOURS);
  const t = r.pick([
    () => h,
    () => `${h} p m`,
    () => `${h} p m`,
    () => `${h} a m`,
    () => `${h} thirty`,
    () => `${h} thirty p m`,
    () => `${h} fifteen`,
    () => `${h} forty five`,
    () => `${h} o'clock`,
    () => `${h} in the evening`,
    () => "noon",
    () => "lunch time",
  ])();
  return r.pick(["at", "at", "at", "around", "about", "by", "from"]) + ` ${t}`;
}

function daypart(r: Rng): string {
  return r.pick([
    "in the evening",
    "in the afternoon",
    "in the morning",
    "for dinner",
    "for lunch",
    "at night",
  ]);
}

function party(r: Rng): string {
  const n = cardinalWords(count(r));
  const m = cardinalWords(r.int(1, 12));
  return r.pick([
    () => `${n} people`,
    () => `${n} people`,
    () => `${n} guests`,
    () => `${n} adults`,
    () => `${n} adults and ${m} kids`,
    () => `${n} adults and ${m} children`,
    () => `${n} adults ${m} children`,
    () => `${n} persons`,
    () => `a party of ${n}`,
    () => `a group of ${n}`,
    () => `about ${n} people`,
    () => `${n}`,
  ])();
}

function forParty(r: Rng): string {
  const p = party(r);
  return /^a /.test(p) ? p : `for ${p}`;
}

/** Date, time and party in some order, each maybe. */
function details(r: Rng, need = 1): string {
  const parts = [
    r.maybe(0.7, () => day(r)),
    r.maybe(0.5, () => (r.next() < 0.85 ? clock(r) : daypart(r))),
    r.maybe(0.5, () => forParty(r)),
  ].filter(Boolean);
  if (parts.length < need) parts.push(day(r));
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
  }
  return parts.join(" ");
}

function sentence(r: Rng, menu: string[]): string {
  const item = () => (menu.length ? r.pick(menu) : "hibachi chicken");
  const polite = () =>
    r.maybe(0.25, () => r.pick(["hi ", "hello ", "yes ", "okay ", "so ", "um "]));
  const please = () => r.maybe(0.15, () => " please");
  const frames: (() => string)[] = [
    () =>
      `${polite()}${r.pick(["i'd like to", "i want to", "we'd like to", "we want to", "can i", "can we", "could you", "i need to", "please", "let's", "i would like to", "we would like to"])} ${r.pick(["book", "reserve", "schedule", "hold", "get"])} ${r.pick(["a table", "a party", "a hibachi party", "a chef", "a hibachi chef", "an event", "it", "a dinner", "a birthday party", "you", "the chef"])} ${details(r)}${please()}`,
    () =>
      `${polite()}book ${r.pick(["it", "a table", "a party", "us", "me"])} ${details(r)}${please()}`,
    () =>
      `${polite()}do you have ${r.pick(["anything", "availability", "any openings", "a slot", "time", "space", "anything open", "a chef"])} ${details(r)}`,
    () =>
      `${polite()}is ${day(r).replace(/^on /, "")} ${r.pick(["free", "available", "open", "still open", "still available", "booked"])}${r.maybe(0.4, () => ` ${clock(r)}`)}${r.maybe(0.3, () => ` ${forParty(r)}`)}`,
    () => `are you ${r.pick(["free", "available", "open", "booked"])} ${details(r)}`,
    () =>
      `${r.pick(["what's available", "what is available", "what do you have", "what times are open", "what time slots do you have", "what times do you have", "which days are free", "what dates are open", "what dates are available", "when are you free", "what's open"])} ${details(r)}`,
    () =>
      `${r.pick(["what about", "how about", "can we do", "can we start", "can you come", "could we do", "let's do", "let's say", "maybe", "make it", "change it to", "move it to"])} ${details(r)}${r.maybe(0.2, () => " instead")}`,
    () =>
      `${r.pick(["we are", "we're", "we have", "we will be", "we'll be", "there will be", "there are", "it's for", "it will be", "it's", "we need a chef for", "it's going to be"])} ${party(r)}${r.maybe(0.3, () => ` ${details(r)}`)}`,
    () => `${party(r)} ${details(r)}`,
    () =>
      `${r.pick(["party of", "a party of", "group of", "table for"])} ${cardinalWords(count(r))}${r.maybe(0.6, () => ` ${details(r)}`)}`,
    () =>
      `${r.pick(["show me", "can i see", "can you show me", "what's on", "tell me about", "send me"])} ${r.pick(["the menu", "your menu", "the packages", "your prices", "the prices", "the options", "the upgrades", "the kids menu", "the premium package", "the classic package", `${r.pick(DIETS)} options`, `the ${item()}`])}`,
    // Diets and allergies: what the menu filter answers (voice commands on the web), so said in
    // many ways and given a larger share than any one booking form.
    () =>
      `${polite()}${r.pick(["do you have", "do you offer", "are there", "what are your", "what are the", "any", "show me", "show me the", "show me your", "can i see the", "can you show me", "i need", "we need", "list the", "what", "which", "i'm looking for", "we have"])} ${diet(r)} ${r.pick(DISHES)}${please()}`,
    () =>
      `${r.pick(["which dishes are", "what's", "what is", "is it", "is everything", "what dishes are", "anything", "is the food", "what can we eat that is", "what do you have that is", "what do you have that's"])} ${diet(r)}`,
    () =>
      r.next() < 0.5
        ? `${r.pick(["what can a", "what would a", "is there anything for a", "what do you have for a", "i have a", "we have a", "one guest is", "my wife is", "my son is", "some guests are", "two guests are"])} ${r.pick(["vegetarian", "vegan", "pescatarian", "celiac", "kid"])}${r.maybe(0.5, () => ` ${r.pick(["eat", "guest", "in the group", "coming"])}`)}`
        : `${diet(r)} ${r.pick(DISHES)}${r.maybe(0.3, () => " please")}`,
    () =>
      `${r.pick(["how much is", "how much does it cost for", "what's the price for", "what does it cost for", "what is the price of", "how much for", "price for", "what's the total for"])} ${r.pick([() => forParty(r).replace(/^for /, ""), () => `the ${item()}`, () => `the ${item()} ${forParty(r)}`])()}`,
    () =>
      `${r.pick(["we'd like", "i'd like", "we want", "can we get", "can we add", "add", "we'll have", "do you serve", "do you make", "is there", "does it come with", "i want"])} ${item()}${r.maybe(0.4, () => ` and ${item()}`)}${r.maybe(0.35, () => ` ${forParty(r)}`)}${r.maybe(0.3, () => ` ${day(r)}`)}`,
    () =>
      `${r.pick(["i want to", "i need to", "can i", "i'd like to", "please"])} ${r.pick(["cancel", "change", "move", "reschedule", "check on"])} my ${r.pick(["booking", "reservation", "party", "event", "order"])}${r.maybe(0.5, () => ` to ${day(r).replace(/^on /, "")}`)}`,
    // Cancelling or moving a booking, often said bare ("cancel my booking", "reschedule my
    // party"): a frame of its own, so "cancel my booking" is never heard as "can I book you".
    () => {
      const verb = r.pick(["cancel", "cancel", "change", "reschedule", "move"]);
      const what = `${r.pick(["my", "my", "the", "our"])} ${r.pick(["booking", "reservation", "party", "event", "hold", "order"])}`;
      const to = verb !== "cancel" && r.next() < 0.4 ? ` to ${day(r).replace(/^on /, "")}` : "";
      return r.next() < 0.75
        ? `${polite()}${r.pick(["", "", "", "i want to ", "i need to ", "i have to ", "we need to ", "we have to ", "i'd like to ", "can i ", "can we ", "can you ", "how do i ", "please "])}${verb} ${what}${to}${please()}`
        : r.pick([
            "i need to cancel",
            "i have to cancel",
            "we need to cancel",
            "i want to cancel",
            "i'd like to cancel",
            "cancel it",
            "cancel that",
            "cancel please",
            "i need to reschedule",
            "we need to reschedule",
            "can we reschedule",
            "i need to change the date",
            "i need to change the time",
            "can i change the date",
            "can i get a refund",
          ]);
    },
    // An answer to "which day?": the date alone, maybe with a time ("may twentieth", "on june
    // first at six").
    () =>
      `${polite()}${r.next() < 0.6 ? `${r.maybe(0.4, () => "on ")}${monthDay(r)}` : day(r)}${r.maybe(0.3, () => ` ${clock(r)}`)}${please()}`,
    () =>
      r.pick([
        "yes",
        "no",
        "yes please",
        "no thanks",
        "that works",
        "sounds good",
        "book it",
        "hold it",
        "go ahead",
        "the first one",
        "the second one",
        "the earlier one",
        "the later one",
        "talk to a person",
        "i want to talk to a person",
        "can i speak to someone",
        "thank you",
        "thanks",
        "never mind",
        "start over",
        "what's my booking code",
        "send me the link",
        "what's next",
        "show me more",
        "next",
        "the next one",
        "is that with tax",
        "is a deposit required",
        "do you come to my house",
        "what's included",
      ]),
  ];
  return r.pick(frames)().replace(/\s+/g, " ").trim();
}

/** `n` sentences of what customers say, with the menu's names (spoken forms) among them. */
export function domainSentences(menu: readonly string[], n = 30_000, seed = 17): string[] {
  const r = random(seed);
  const names = [...new Set(menu.map(spokenHint).filter(Boolean))];
  return Array.from({ length: n }, () => sentence(r, names));
}

// ---- the model --------------------------------------------------------------------------------

export interface ArpaOptions {
  /** Discount taken from every seen n-gram's count, for what was not seen (absolute discounting). */
  discount?: number;
  /**
   * Words outside the sentences with their share of unigram probability (a general English
   * vocabulary): together `generalWeight` of the unigram mass.
   */
  general?: ReadonlyMap<string, number>;
  generalWeight?: number;
}

const log10 = (p: number) => (p > 0 ? Math.log10(p) : -99);
const fmt = (x: number) => x.toFixed(4);

/**
 * A trigram ARPA model of `sentences` (words separated by single spaces): absolute discounting
 * with back-off weights that keep each context's probabilities summing to one; unigrams mixed with
 * the general vocabulary when given.
 */
export function buildArpa(sentences: readonly string[], opts: ArpaOptions = {}): string {
  const D = opts.discount ?? 0.7;
  const counts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const s of sentences) {
    const w = ["<s>", ...s.split(" "), "</s>"];
    for (let i = 0; i < w.length; i++) {
      if (i > 0) add(counts[0]!, w[i]!);
      if (i > 0) add(counts[1]!, `${w[i - 1]} ${w[i]}`);
      if (i > 1) add(counts[2]!, `${w[i - 2]} ${w[i - 1]} ${w[i]}`);
    }
  }
  // Unigrams: the sentences' relative frequencies, mixed with the general vocabulary.
  const total = [...counts[0]!.values()].reduce((a, b) => a + b, 0);
  const gw = opts.general?.size ? (opts.generalWeight ?? 0.05) : 0;
  const generalTotal = [...(opts.general?.values() ?? [])].reduce((a, b) => a + b, 0);
  const p1 = new Map<string, number>();
  for (const [w, c] of counts[0]!) p1.set(w, (1 - gw) * (c / total));
  for (const [w, g] of opts.general ?? []) p1.set(w, (p1.get(w) ?? 0) + (gw * g) / generalTotal);
  const words = [...p1.keys()].sort();

  // Followers of each context, for the back-off weights.
  const followers = (order: 1 | 2) => {
    const m = new Map<string, { words: string[]; total: number }>();
    for (const [k, c] of counts[order]!) {
      const cut = k.lastIndexOf(" ");
      const ctx = k.slice(0, cut);
      const e = m.get(ctx) ?? { words: [], total: 0 };
      e.words.push(k.slice(cut + 1));
      e.total += c;
      m.set(ctx, e);
    }
    return m;
  };
  const f2 = followers(1);
  const f3 = followers(2);
  const p2 = new Map<string, number>();
  const bo1 = new Map<string, number>();
  for (const [ctx, e] of f2) {
    let seen = 0;
    let lower = 0;
    for (const w of e.words) {
      const p = (counts[1]!.get(`${ctx} ${w}`)! - D) / e.total;
      p2.set(`${ctx} ${w}`, p);
      seen += p;
      lower += p1.get(w) ?? 0;
    }
    bo1.set(ctx, (1 - seen) / Math.max(1e-9, 1 - lower));
  }
  const pBigram = (a: string, b: string) =>
    p2.get(`${a} ${b}`) ?? (bo1.get(a) ?? 1) * (p1.get(b) ?? 0);
  const p3 = new Map<string, number>();
  const bo2 = new Map<string, number>();
  for (const [ctx, e] of f3) {
    const last = ctx.slice(ctx.indexOf(" ") + 1);
    let seen = 0;
    let lower = 0;
    for (const w of e.words) {
      const p = (counts[2]!.get(`${ctx} ${w}`)! - D) / e.total;
      p3.set(`${ctx} ${w}`, p);
      seen += p;
      lower += pBigram(last, w);
    }
    bo2.set(ctx, (1 - seen) / Math.max(1e-9, 1 - lower));
  }

  const out: string[] = [
    "\\data\\",
    `ngram 1=${words.length + 1}`,
    `ngram 2=${p2.size}`,
    `ngram 3=${p3.size}`,
    "",
    "\\1-grams:",
    `-99.0000 <s> ${fmt(log10(bo1.get("<s>") ?? 1))}`,
  ];
  for (const w of words)
    out.push(
      w === "</s>"
        ? `${fmt(log10(p1.get(w)!))} </s>`
        : `${fmt(log10(p1.get(w)!))} ${w} ${fmt(log10(bo1.get(w) ?? 1))}`,
    );
  out.push("", "\\2-grams:");
  for (const [k, p] of [...p2].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.push(
      bo2.has(k) ? `${fmt(log10(p))} ${k} ${fmt(log10(bo2.get(k)!))}` : `${fmt(log10(p))} ${k}`,
    );
  out.push("", "\\3-grams:");
  for (const [k, p] of [...p3].sort(([a], [b]) => (a < b ? -1 : 1)))
    out.push(`${fmt(log10(p))} ${k}`);
  out.push("", "\\end\\", "");
  return out.join("\n");
}
