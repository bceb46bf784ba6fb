// Reads dates, times, party size, menu items and packages, ZIP codes, booking codes and emails
// out of free text (English and Spanish, texting style). Dates are resolved against `now` in the
// BUSINESS time zone, never the server's, so "next Saturday" means the same day on every machine.
// The readers live in ./understand: when.ts (chrono-node + date-holidays), people.ts, menu.ts
// (the live menu with typo tolerance); this file runs them in an order that keeps them apart:
// codes, ZIPs and prices first, then dishes with their counts, then the party, then dates and
// times, each blanking what it used so that "4 lobster tails" is never 4 guests and "for 12 at 6"
// never a 12 o'clock party.
import { extractDietaryProfile } from "@myhibachi/shared";
import {
  type MenuIndex,
  type MenuReading,
  type MenuSource,
  menuIndexOf,
  readMenu,
} from "./understand/menu";
import { readPeople } from "./understand/people";
import {
  type DateResult,
  type DateShift,
  type MonthDay,
  mask,
  readTime,
  readWhen,
} from "./understand/when";
import {
  CORRECTION,
  NUMBER_WORD_RE,
  fixMonthTypos,
  hundredsInDigits,
  KEEP_TIME,
  numberOf,
} from "./understand/words";

export { menuIndexOf, readMenu, type MenuIndex, type MenuSource, type DateResult };

export interface Slots {
  /** YYYY-MM-DD in the business time zone. */
  date?: string;
  /**
   * Set when the date came from a bare weekday ("saturday", "on sunday"): the weekday, so the
   * conversation can read it against a date already under discussion ("the weekend of Dec 12").
   */
  weekdayOnly?: number;
  /**
   * Set when the date came from a day of the month said without its month ("the 22nd", "Sunday
   * the 7th"): read in the month of a date already under discussion when there is one.
   */
  monthDay?: MonthDay;
  /**
   * A day said relative to the date under discussion ("the saturday after", "push it a week",
   * "the day after"); `date`, when set too, is the reading without a date under discussion.
   */
  shift?: DateShift;
  /** A range when the customer named one ("this weekend", "in December"). */
  from?: string;
  to?: string;
  /** Minutes after local midnight. */
  startMinute?: number;
  guests?: number;
  adults?: number;
  children?: number;
  /**
   * Which counts add to the party already discussed ("plus 3 kids", "2 more adults", "2 more
   * people"); with `guests` as well ("make it 16, 2 more kids") that is the new total.
   */
  addToParty?: "adults" | "children" | "guests" | "both";
  /** Which counts leave the party already discussed ("2 couples just bailed", "3 fewer"). */
  removeFromParty?: "adults" | "children" | "guests";
  /** The children are inside the party already given ("4 of them are kids"). */
  childrenOfTotal?: boolean;
  /** The share of the party already given that is children ("half of them are kids"). */
  childrenShare?: number;
  postalCode?: string;
  bookingCode?: string;
  /** An offer code said in the message ("I have a code SAVE-7K2QXA9M"). */
  offerCode?: string;
  email?: string;
  /** Priced upgrades and extras asked for with a count, by menu slug ("4 lobster upgrades"). */
  items?: Record<string, number>;
  /**
   * A count of people said for a priced dish ("filet mignon for 5 people", "upgrade 4 people to
   * lobster"): the dish's count (in `items`); the party's size only while none is known yet.
   */
  guestsOfItem?: number;
  /**
   * "filet mignon for 5" with no verb: 5 of the dish when the party is known already (the count
   * read as guests is then not the party), else the party (frame.ts).
   */
  looseItem?: { slug: string; n: number };
  /** Priced items asked for the whole party ("lobster for everyone"): one per guest. */
  itemsForEveryone?: string[];
  /** Menu items the message names, with or without a count ("is the gyoza gluten free?"), by slug. */
  named?: string[];
  /** The package the message names ("premium"), by slug. */
  packageSlug?: string;
  /** Language the message is written in (answers in the local tier follow it). */
  language?: "en" | "es";
  /**
   * What exactly is asked within the intent when that changes the answer ("minimum" within
   * pricing, "arrival" within setup). Answers read this, never the raw text, so that the
   * recognition is the whole input of an answer (and so of its cache key).
   */
  topic?: string;
  /** "same time", "keep the time": a change of day that keeps the time already chosen. */
  keepTime?: boolean;
  /** "push it an hour later", "half an hour earlier": the chosen time moved by these minutes. */
  moveMinutes?: number;
  /** Dietary or allergy topics mentioned (vegetarian, vegan, gluten, shellfish...). */
  diet?: string[];
  city?: string;
  /**
   * Start times (and days) offered as a choice, in the order said: by the customer ("5 or 7:30",
   * "Sat Feb 27 at 3, or Sun Feb 28 at 6"), or by the assistant's list of free times. No time is
   * chosen until one is picked.
   */
  options?: { date?: string; startMinute: number }[];
  /** Which of the options said before is chosen ("the earlier one", "the second option"). */
  pick?:
    | "first"
    | "second"
    | "third"
    | "fourth"
    | "fifth"
    | "sixth"
    | "middle"
    | "secondLast"
    | "last"
    | "earlier"
    | "later";
}

/** Dates people write ("next saturday", "this weekend", "dec 12th", "xmas eve", "el sábado"). */
export function extractDate(text: string, now: Date, timeZone: string): DateResult {
  const { startMinute: _t, ...date } = readWhen(text, now, timeZone);
  return date;
}

/** "at 6pm", "6:30" (evening assumed for 1-9), "18:00", "noon", "5ish", "a las 7 de la tarde". */
export function extractTime(text: string): number | undefined {
  return readTime(text.toLowerCase(), new Date(2000, 0, 1, 12))?.minute;
}

/** Party size: "12 ppl", "party of 12", "10 adults and 4 kids", "15 of us incl 4 kids". */
export function extractGuests(text: string): Pick<Slots, "guests" | "adults" | "children"> {
  const { spans: _s, ...people } = readPeople(blankNonPeople(text));
  return people;
}

const DIET_TERMS: [RegExp, string][] = [
  [/\b(vegetarian|veggie|no meat|meatless|vegetarian[oa])/, "vegetarian"],
  [/\b(vegan[oa]?|plant[- ]based)/, "vegan"],
  [/\b(gluten|celiac|coeliac|cel[ií]ac[oa])/, "gluten"],
  [/\b(shellfish|shrimp allerg|crustacean|mariscos)/, "shellfish"],
  [/\b(peanut|tree nut|nuts?\b|nut allerg|cacahuate|man[ií]|nueces)/, "nuts"],
  [/\b(dairy|lactose|milk|l[aá]cteos|lactosa)\b/, "milk"],
  [/\beggs?\b|\bhuevos?\b/, "egg"],
  [/\bsesame\b|\bs[eé]samo\b/, "sesame"],
  [/\bsoy\b|\bsoya\b/, "soy"],
  [/\b(fish allerg|allergic to fish|no fish)\b/, "fish"],
  [/\bhalal\b/, "halal"],
  [/\bkosher\b/, "kosher"],
  [/\b(pescatarian|pescetarian)/, "pescatarian"],
];

const AGES =
  /\b(?:under|over|below|above|aged?|ages?|menores de|mayores de)\s+(?:of\s+)?\d{1,2}(?:\s*(?:,|and|&|y|-|to)\s*\d{1,2})*\b|\b\d{1,2}\s*(?:years?|yrs?|y\/?o|años)(?:\s+old)?\b|\b\d{1,2}\s+(?:and|&|y)\s+\d{1,2}\s+(?:years?|yrs?|años)\b/gi;

/** The profile reader's needs as diet topics (allergens named as the topics above name them). */
const PROFILE_TOPIC: Record<string, string> = {
  "gluten-free": "gluten",
  peanuts: "nuts",
  "tree nuts": "nuts",
};

export function extractDiet(text: string): string[] {
  const s = text.toLowerCase();
  const out = DIET_TERMS.filter(([re]) => re.test(s)).map(([, t]) => t);
  // What the party's profile reader hears too ("my wife does not eat meat": vegetarian).
  const profile = extractDietaryProfile(text);
  for (const n of [...profile.diets, ...profile.avoid])
    if (n.value !== "wheat") out.push(PROFILE_TOPIC[n.value] ?? n.value);
  return [...new Set(out)].sort();
}

const ZIP = /\b(\d{5})(?:-\d{4})?\b/g;
const CODE = /\bHB-([A-Z0-9]{4,8})\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
const MONEY =
  /\$\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|bucks|usd|d[oó]lares)\b|\b\d+\s?%/gi;

function blankAll(s: string, re: RegExp): string {
  return s.replace(re, (m) => " ".repeat(m.length));
}

/**
 * Emails, booking codes, phone numbers, ZIP codes (written, or said digit by digit: "nine five
 * one two five") and prices are never dates, times or guests.
 */
function blankNonPeople(text: string): string {
  let s = text;
  for (const re of [EMAIL, CODE, PHONE, ZIP, SPOKEN_ZIP, GROUPED_ZIP, MONEY]) s = blankAll(s, re);
  return s;
}

const MOVE_BY =
  /\b(an|one|two|three|four|five|six|half an|a half|\d{1,3}|una|dos|tres|cuatro|1\/2|media)\s*(hours?|hrs?|hr|minutes|mins|horas?)\s+(later|earlier|sooner|after|before|m[aá]s tarde|m[aá]s temprano|antes|despu[eé]s)\b/;

// "5 or 7:30", "noon or 6", "a las 3 o a las 5": two clock times as a choice (not counts, days
// of the month or durations: "10 or 12 people", "the 5th or 6th", "2 or 3 hours").
const CLOCK = "(noon|mediod[ií]a|\\d{1,2}(?::\\d{2})?(?:\\s*(?:am|pm|a\\.m\\.|p\\.m\\.))?)";
const NOT_CLOCK_AFTER =
  "(?!\\s*(?:people|ppl|guests|persons|pax|adults|adultos|kids|children|niños|personas|invitados|th\\b|st\\b|nd\\b|rd\\b|hours?|hrs?|mins?|minutes?|horas?|days?|d[ií]as|weeks?|[/-]\\d))";
const TWO_CLOCKS = new RegExp(
  `\\b(?:at |a las |@ ?)?${CLOCK}\\s*,?\\s*(?:or|o)\\s+(?:at |a las |@ ?)?${CLOCK}\\b${NOT_CLOCK_AFTER}`,
  "i",
);

function clockMinute(token: string, other: string): number | undefined {
  const t = token.trim().toLowerCase();
  if (/^(noon|mediod[ií]a)$/.test(t)) return 720;
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (min > 59 || h > 23) return undefined;
  const part = m[3] ?? (/(pm|p\.m\.)$/.test(other) ? "pm" : /(am|a\.m\.)$/.test(other) ? "am" : "");
  if (h > 12) return h * 60 + min;
  // Parties are in the day: 1-10 without am/pm is the afternoon or evening, 11 and 12 as said.
  const hour = /^p/.test(part) ? (h % 12) + 12 : /^a/.test(part) ? h % 12 : h <= 10 ? h + 12 : h;
  return hour * 60 + min;
}

/** Two start times (and days) offered as a choice, in the order said. */
function timeOptions(
  rest: string,
  now: Date,
  timeZone: string,
): { date?: string; startMinute: number }[] | undefined {
  const s = rest.toLowerCase();
  const two = TWO_CLOCKS.exec(s);
  // "so it's either 6 or 7:30? ok 7:30 works then": a time chosen after the choice is the time.
  if (two && readTime(s.slice(two.index + two[0].length), new Date(2000, 0, 1, 12)))
    return undefined;
  if (two) {
    const a = clockMinute(two[1]!, two[2]!);
    const b = clockMinute(two[2]!, two[1]!);
    if (a !== undefined && b !== undefined && a !== b)
      return [{ startMinute: a }, { startMinute: b }];
  }
  // "Saturday Feb 27 at 3, or Sunday Feb 28 at 6": a day and a time on each side.
  const or = /,?\s+\b(?:or|o)\s+/.exec(s);
  if (!or) return undefined;
  const left = readWhen(s.slice(0, or.index), now, timeZone);
  const right = readWhen(s.slice(or.index + or[0].length), now, timeZone);
  if (
    left.date &&
    right.date &&
    left.startMinute !== undefined &&
    right.startMinute !== undefined &&
    (left.date !== right.date || left.startMinute !== right.startMinute)
  )
    return [
      { date: left.date, startMinute: left.startMinute },
      { date: right.date, startMinute: right.startMinute },
    ];
  return undefined;
}

// "the earlier one", "the later one", "the second option", "la segunda", "the first", "the 4th
// one", "number two", "the middle one", "the second to last": one of the options said before
// (not "on second thought", "the first time", "a second").
const ORDINAL_WORDS: Record<string, NonNullable<Slots["pick"]>> = {
  first: "first",
  "1st": "first",
  former: "first",
  primer: "first",
  primera: "first",
  primero: "first",
  second: "second",
  "2nd": "second",
  segunda: "second",
  segundo: "second",
  third: "third",
  "3rd": "third",
  tercer: "third",
  tercera: "third",
  tercero: "third",
  fourth: "fourth",
  "4th": "fourth",
  cuarta: "fourth",
  cuarto: "fourth",
  fifth: "fifth",
  "5th": "fifth",
  quinta: "fifth",
  quinto: "fifth",
  sixth: "sixth",
  "6th": "sixth",
  last: "last",
  latter: "last",
  ultima: "last",
  ultimo: "last",
  última: "last",
  último: "last",
  middle: "middle",
  earlier: "earlier",
  earliest: "earlier",
  later: "later",
  latest: "later",
  temprano: "earlier",
  tarde: "later",
};
const ORDINAL = Object.keys(ORDINAL_WORDS)
  .filter((w) => w !== "temprano" && w !== "tarde")
  .sort((a, b) => b.length - a.length)
  .join("|");
const COUNTED: Record<string, NonNullable<Slots["pick"]>> = {
  one: "first",
  uno: "first",
  "1": "first",
  two: "second",
  dos: "second",
  "2": "second",
  three: "third",
  tres: "third",
  "3": "third",
  four: "fourth",
  cuatro: "fourth",
  "4": "fourth",
  five: "fifth",
  cinco: "fifth",
  "5": "fifth",
  six: "sixth",
  "6": "sixth",
};
const PICK = new RegExp(
  [
    String.raw`\b(?:second|next)[ -]to[ -]last\b|\bpenultimate\b`,
    // "the third", "go with the last", "let's do the 4th one"
    String.raw`\b(?:the|la|el|go with|do|take|lets do|let's do|let's go with)\s+(${ORDINAL})(?![\wáéíóú])(?![ -]to[ -]last)(?!\s+(?:thought|of all|of the month|week|weekend|minute)\b)(?!(?<=first|1st|primera?)\s+(?:time|vez))`,
    // "first one", "4th option", "middle slot"
    String.raw`(?<!to[ -])\b(${ORDINAL})\s+(?:one|option|slot|choice|time|que dije|opci[oó]n|hora)\b(?!\s+(?:we|i|you|they|he|she)\b)`,
    // "number two", "option 3"
    String.raw`\b(?:number|option|choice|n[uú]mero|opci[oó]n)\s+(one|two|three|four|five|six|uno|dos|tres|cuatro|cinco|[1-6])\b`,
    String.raw`\bm[aá]s (temprano|tarde)\b(?=.*\b(?:la|esa|ap[aá]rt))`,
  ].join("|"),
  "g",
);

/**
 * The option picked: of several said, the last that isn't taken back ("not the first one, the
 * second one" is the second; "the last one, no wait, the first one" the first).
 */
function pickOf(s: string): Slots["pick"] {
  let picked: Slots["pick"];
  for (const m of s.matchAll(PICK)) {
    if (/\b(?:not|isn'?t)\s+(?:the\s+)?$/.test(s.slice(Math.max(0, m.index - 12), m.index)))
      continue;
    const w = m[1] ?? m[2] ?? m[3] ?? m[4];
    picked = w === undefined ? "secondLast" : (ORDINAL_WORDS[w] ?? COUNTED[w] ?? picked);
  }
  return picked;
}

/** "push it an hour later", "30 mins earlier", "una hora más tarde": minutes to move the time. */
function movedBy(s: string): number | undefined {
  const m = MOVE_BY.exec(s);
  if (!m) return undefined;
  const n = /^(an|una)$/.test(m[1]!)
    ? 1
    : /^(half an|a half|1\/2|media)$/.test(m[1]!)
      ? 0.5
      : (numberOf(m[1]!) ?? Number(m[1]));
  const minutes = /^h|^hr/.test(m[2]!) ? n * 60 : n;
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 12 * 60) return undefined;
  const sign = /later|after|tarde|despu/.test(m[3]!) ? 1 : -1;
  return sign * minutes;
}

/**
 * The message's ZIP code: not one it rules out ("95123 not 95132", "instead of 95125"), and of
 * two, the one said after taking the first back ("95125... wait no, we moved. It's 95118").
 */
const DIGIT_WORDS: Record<string, string> = {
  zero: "0",
  oh: "0",
  o: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  cero: "0",
  uno: "1",
  dos: "2",
  tres: "3",
  cuatro: "4",
  cinco: "5",
  seis: "6",
  siete: "7",
  ocho: "8",
  nueve: "9",
};
const DIGIT_WORD = Object.keys(DIGIT_WORDS).join("|");
/**
 * "nine five one three two", "9 5 1 2 5", "nine 5 one 2 five" (a ZIP said digit by digit, as a
 * phone's speech recognizer writes it down) as "95132".
 */
const SPOKEN_ZIP = new RegExp(
  `(?<![\\d.,:/-])\\b(?:(?:${DIGIT_WORD}|\\d)[\\s,-]+){4}(?:${DIGIT_WORD}|\\d)\\b(?![.,:/-]?\\d)`,
  "gi",
);
/** "zip code 951 25", "ZIP 95 1 25": digits in groups right after the words ZIP or postal code. */
const GROUPED_ZIP =
  /\b(zip(?:\s*code)?|postal\s+code|c[oó]digo\s+postal)(\s*(?:is|es|:)?\s*)(\d{1,4}(?:[\s.-]+\d{1,4}){1,4})(?![\d])/gi;

/** A ZIP said in pieces written as one ("zip code 9 5 1 2 5" is "zip code 95125"). */
function joinedZips(text: string): string {
  return text
    .replace(GROUPED_ZIP, (m, lead: string, sep: string, digits: string) => {
      // The first groups that make five digits ("951 25 10 people": 95125, then the 10).
      const groups = digits.split(/[\s.-]+/);
      let d = "";
      for (let k = 0; k < groups.length && d.length < 5; k++) {
        d += groups[k];
        if (d.length === 5) {
          const used = groups.slice(0, k + 1).join(" ").length;
          const rest = groups.slice(k + 1).join(" ");
          return `${lead}${sep}${d}${" ".repeat(Math.max(1, used - 5))}${rest}`;
        }
      }
      return m;
    })
    .replace(SPOKEN_ZIP, (m) => {
      const d = m
        .toLowerCase()
        .split(/[\s,-]+/)
        .map((w) => DIGIT_WORDS[w] ?? w)
        .join("");
      return d + " ".repeat(Math.max(0, m.length - d.length));
    });
}

function postalCodeIn(text: string): string | undefined {
  const s = joinedZips(text.replace(PHONE, (m) => " ".repeat(m.length)));
  const found = [...s.matchAll(/\b(\d{5})(?:-\d{4})?\b/g)].filter(
    (m) => !/\b(?:not|no|instead of|en vez de|en lugar de)\s*$/i.test(s.slice(0, m.index)),
  );
  if (found.length === 0) return undefined;
  let pick = found[0]!;
  for (const m of found.slice(1))
    if (new RegExp(CORRECTION.source, "i").test(s.slice(pick.index + pick[0].length, m.index)))
      pick = m;
  return pick[1];
}

/**
 * A booking reference as a caller spells it, or as speech writes it down: "H B B B R Y 2 5",
 * "HB BBRY25", "H B dash B B R Y 2 5", "H.B.B.B.R.Y.2.5": HB, then six capitals or digits (the
 * length of our codes).
 */
const SPELLED_CODE =
  /\bH[\s.]*B[\s.,]*(?:(?:-|dash|hyphen)[\s.,]*)?((?:[A-Z0-9][\s.,-]*){5}[A-Z0-9])(?![A-Za-z0-9])/g;

/** The text with every booking reference spelled out written as one ("HB-BBRY25"). */
export function withBookingCodes(text: string): string {
  return text.replace(SPELLED_CODE, (_, chars: string) => `HB-${chars.replace(/[\s.,-]/g, "")}`);
}

const PARTY_WORDS = "people|guests|adults|persons|ppl|pax|of us|personas|invitados";
const COUNT = `(?:\\d{1,3}|${NUMBER_WORD_RE})`;
/** "10 people, scratch that, 14 people": a count taken back in the same breath (round 7, H3). */
const COUNT_RETRACTED = new RegExp(
  `\\b${COUNT}\\s+(?:${PARTY_WORDS})\\b[\\s,.;-]*(?:(?:no+|nope|sorry|oops|wait|actually|i mean|i meant|or rather|rather|make (?:it|that)|scratch that|correction|my bad|perd[oó]n|mejor dicho|digo)\\b[\\s,.!;-]*)+(?=${COUNT}\\b)`,
  "gi",
);

const N = (w: string) => (/^\d+$/.test(w) ? Number(w) : (numberOf(w) ?? NaN));
const NUMBER_ANY = `(\\d{1,3}|${NUMBER_WORD_RE})`;
const PARTY_NOUN = "(people|guests|adults|persons|ppl|pax|kids|children|of us)";

/**
 * Group sizes said the ordinary way, as one count (round 7, H1): "a dozen and a half people" is
 * 18, "2 dozen" 24, "three families of four" 12, "two families, 5 people each" 10, "my family of
 * five and my sister's family of six" 11, "eleven people plus me" 12, "me and 9 friends" 10.
 */
function groupsCounted(text: string): string {
  return (
    text
      // "ten adults and a baby", "our twin babies", "my newborn": children of the party (the
      // child price covers every child 12 and under, babies too; round 7, M5). Not "a baby shower".
      .replace(
        /\b(?:our|my|the)?\s*(?:twin\s+(?:babies|toddlers|boys|girls)|twins)\b(?!\s+(?:shower|party|birthday))/gi,
        " 2 babies",
      )
      .replace(
        /\b(?:a|an|one|our|my)\s+(?:little\s+|new\s+)?(?:baby|toddler|infant|newborn|(?:1|one)[- ]year[- ]old|(?:2|two)[- ]year[- ]old)\b(?!\s+(?:shower|party|birthday|gender|reveal|announcement|sprinkle|food|seat|chair|sitter|need|eat|eats|count|counts|free|pay|pays))/gi,
        " 1 baby",
      )
      // "2 kids and a baby": three children.
      .replace(
        /\b(\d{1,2})\s+(kids?|children|child)\s*,?\s+(?:and|plus|\+)\s+(\d)\s+bab(?:y|ies)\b/gi,
        (_, a: string, _w: string, b: string) => `${Number(a) + Number(b)} kids`,
      )
      .replace(/\b(?:a|one)\s+dozen\s+and\s+a\s+half\b/gi, "18")
      .replace(new RegExp(`\\b${NUMBER_ANY}\\s+dozen\\b`, "gi"), (m, n: string) =>
        Number.isFinite(N(n)) ? String(N(n) * 12) : m,
      )
      .replace(
        new RegExp(`\\b${NUMBER_ANY}\\s+families\\s+of\\s+${NUMBER_ANY}\\b`, "gi"),
        (m, a: string, b: string) => (Number.isFinite(N(a) * N(b)) ? `${N(a) * N(b)} people` : m),
      )
      .replace(
        new RegExp(
          `\\b${NUMBER_ANY}\\s+families,?\\s+(?:of\\s+)?${NUMBER_ANY}\\s+(?:people\\s+|persons\\s+)?each\\b`,
          "gi",
        ),
        (m, a: string, b: string) => (Number.isFinite(N(a) * N(b)) ? `${N(a) * N(b)} people` : m),
      )
      .replace(
        new RegExp(
          `\\bfamily\\s+of\\s+${NUMBER_ANY}\\s+and\\s+(?:my|our|his|her|their|the)\\s+(?:[\\w']+\\s+)?family\\s+of\\s+${NUMBER_ANY}\\b`,
          "gi",
        ),
        (m, a: string, b: string) => (Number.isFinite(N(a) + N(b)) ? `${N(a) + N(b)} people` : m),
      )
      .replace(
        new RegExp(
          `\\b${NUMBER_ANY}\\s+${PARTY_NOUN}\\s+(?:plus|and|\\+)\\s+(?:me|myself|us two)\\b`,
          "gi",
        ),
        (m, a: string, noun: string) =>
          Number.isFinite(N(a)) ? `${N(a) + (/us two/i.test(m) ? 2 : 1)} ${noun}` : m,
      )
      .replace(
        new RegExp(
          `\\b(?:me|myself)\\s+(?:and|plus|\\+)\\s+${NUMBER_ANY}\\s+(?:friends|others|people|guests|coworkers|colleagues|family members|relatives)\\b`,
          "gi",
        ),
        (m, a: string) => (Number.isFinite(N(a)) ? `${N(a) + 1} people` : m),
      )
  );
}

/** The count said last stands for the one taken back before it. */
function countsRetracted(text: string): string {
  return text.replace(COUNT_RETRACTED, "");
}

/**
 * Everything the assistant can read from one message. With `menu` (the live menu's index, from
 * the knowledge-base stamp) also the dishes and package it names and the counts asked for.
 */
export function extractSlots(typed: string, now: Date, timeZone: string, menu?: MenuIndex): Slots {
  // A reference spelled letter by letter is one code, never a ZIP or a party ("H B B B R Y 2 5").
  const text = groupsCounted(
    countsRetracted(hundredsInDigits(fixMonthTypos(withBookingCodes(typed)))),
  );
  const slots: Slots = {};
  const zip = postalCodeIn(text);
  if (zip) slots.postalCode = zip;
  const code = /\bHB-([A-Z0-9]{4,8})\b/i.exec(text);
  if (code) slots.bookingCode = `HB-${code[1]!.toUpperCase()}`;
  const offer = /\b((?:SAVE|REF)-[A-Z0-9]{4,12})\b/i.exec(text);
  if (offer) slots.offerCode = offer[1]!.toUpperCase();
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text);
  if (email) slots.email = email[0].toLowerCase();

  let rest = blankNonPeople(text);
  if (menu) {
    const m = readMenu(rest, menu);
    Object.assign(slots, slotsOfMenu(m));
    for (const [a, b] of m.spans) rest = mask(rest, a, b);
  }
  const people = readPeople(rest);
  for (const [a, b] of people.spans) rest = mask(rest, a, b);
  if (people.guests !== undefined) slots.guests = people.guests;
  if (people.adults !== undefined) slots.adults = people.adults;
  if (people.children !== undefined) slots.children = people.children;
  // "9 adults and no kids", "just adults": no children, said (a count of adults alone keeps them).
  else if (
    people.adults !== undefined &&
    !people.more &&
    !people.less &&
    /\b(?:no|without|zero|0)\s+(?:kids?|children|child|little ones|niños)\b|\b(?:just|only|all)\s+(?:the\s+)?(?:adults|grown-?ups)\b/i.test(
      rest,
    )
  )
    slots.children = 0;
  if (people.more) slots.addToParty = people.more;
  if (people.less) slots.removeFromParty = people.less;
  if (people.ofTotal) slots.childrenOfTotal = true;
  if (people.childrenShare) slots.childrenShare = people.childrenShare;

  // Ages are never times: "3 kids under 12", "ages 5 and 7", "aged 10", "8 years old".
  for (const m of rest.matchAll(AGES)) rest = mask(rest, m.index, m.index + m[0].length);
  const when = readWhen(rest, now, timeZone);
  for (const k of [
    "date",
    "weekdayOnly",
    "monthDay",
    "shift",
    "from",
    "to",
    "startMinute",
  ] as const)
    if (when[k] !== undefined) (slots as Record<string, unknown>)[k] = when[k];
  const options = timeOptions(rest, now, timeZone);
  if (options) {
    slots.options = options;
    delete slots.startMinute;
    if (options[0]!.date) slots.date = options[0]!.date;
  } else if (slots.startMinute === undefined) {
    const pick = pickOf(text.toLowerCase());
    if (pick) slots.pick = pick;
    // "the 4th one" is a place in a list, not the 4th of the month (no month said).
    if (
      pick &&
      slots.date &&
      /\b\d(?:st|nd|rd|th)\s+(?:one|option|slot|choice)\b/i.test(text) &&
      !/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i.test(text)
    )
      delete slots.date;
  }
  if (KEEP_TIME.test(text.toLowerCase())) slots.keepTime = true;
  if (slots.startMinute === undefined && !slots.options) {
    const moved = movedBy(text.toLowerCase());
    if (moved) slots.moveMinutes = moved;
  }
  const diet = extractDiet(text);
  if (diet.length) slots.diet = diet;
  return slots;
}

/**
 * The dishes and package a message names and the counts asked for, against the live menu's index
 * (the knowledge-base stamp's `menu`; nothing is read without one).
 */
export function menuSlots(
  text: string,
  menu: MenuIndex | undefined,
): Pick<
  Slots,
  "named" | "items" | "itemsForEveryone" | "packageSlug" | "guestsOfItem" | "looseItem"
> {
  return slotsOfMenu(readMenu(blankNonPeople(text), menu));
}

function slotsOfMenu(
  m: MenuReading,
): Pick<
  Slots,
  "named" | "items" | "itemsForEveryone" | "packageSlug" | "guestsOfItem" | "looseItem"
> {
  return {
    ...(m.named.length ? { named: m.named } : {}),
    ...(Object.keys(m.items).length ? { items: m.items } : {}),
    ...(m.forEveryone?.length ? { itemsForEveryone: m.forEveryone } : {}),
    ...(m.packageSlug ? { packageSlug: m.packageSlug } : {}),
    ...(m.forPeople ? { guestsOfItem: m.forPeople } : {}),
    ...(m.looseFor ? { looseItem: m.looseFor } : {}),
  };
}
