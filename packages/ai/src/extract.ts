// Reads dates, times, guest counts, ZIP codes and booking codes out of free text. Dates are
// resolved against `now` in the BUSINESS time zone, never the server's, so "next Saturday" means
// the same day on every machine.
import { addDays, weekdayOf, zonedParts } from "@myhibachi/shared";

export interface Slots {
  /** YYYY-MM-DD in the business time zone. */
  date?: string;
  /**
   * Set when the date came from a bare weekday ("saturday", "on sunday"): the weekday, so the
   * conversation can read it against a date already under discussion ("the weekend of Dec 12").
   */
  weekdayOnly?: number;
  /** A range when the customer named one ("this weekend", "in December"). */
  from?: string;
  to?: string;
  /** Minutes after local midnight. */
  startMinute?: number;
  guests?: number;
  adults?: number;
  children?: number;
  postalCode?: string;
  bookingCode?: string;
  email?: string;
  /** Priced upgrades and extras asked for with a count, by menu slug ("4 lobster upgrades"). */
  items?: Record<string, number>;
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
  /** Dietary or allergy topics mentioned (vegetarian, vegan, gluten, shellfish...). */
  diet?: string[];
  city?: string;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WD_RE = "(sun|mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat)(?:day|nesday|sday|urday|rsday)?";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_RE = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?";

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  "twenty five": 25,
  thirty: 30,
  forty: 40,
  fifty: 50,
  dozen: 12,
  "a dozen": 12,
  "two dozen": 24,
  "a couple": 2,
};

function weekdayIndex(token: string): number {
  const t = token.slice(0, 3);
  return WEEKDAYS.findIndex((w) => w.startsWith(t));
}

/** The first date on or after `today` (strictly after when `strict`) falling on `weekday`. */
function nextWeekday(today: string, weekday: number, strict: boolean): string {
  let d = strict ? addDays(today, 1) : today;
  while (weekdayOf(d) !== weekday) d = addDays(d, 1);
  return d;
}

function pad(n: number) {
  return String(n).padStart(2, "0");
}

function validDate(y: number, m: number, d: number): string | undefined {
  // Years we take bookings in only: "0001-01-01" or "99999-12-31" in a message used to throw
  // (an invalid Date's toISOString) and fail the whole turn.
  if (!Number.isInteger(y) || y < 2000 || y > 2100) return undefined;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : undefined;
}

/** A month/day without a year: this year, or next year when it already passed. */
function upcoming(today: string, m: number, d: number): string | undefined {
  const y = Number(today.slice(0, 4));
  const thisYear = validDate(y, m, d);
  if (thisYear && thisYear >= today) return thisYear;
  return validDate(y + 1, m, d);
}

export interface DateResult {
  date?: string;
  weekdayOnly?: number;
  from?: string;
  to?: string;
}

/** The nth `weekday` (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    let d = `${year}-${String(month).padStart(2, "0")}-01`;
    while (weekdayOf(d) !== weekday) d = addDays(d, 1);
    return addDays(d, 7 * (n - 1));
  }
  let d = addDays(
    `${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, "0")}-01`,
    -1,
  );
  while (weekdayOf(d) !== weekday) d = addDays(d, -1);
  return d;
}

/** US holidays people book parties on: "xmas eve", "new year's eve", "4th of july", "thanksgiving". */
function holidayDate(s: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const next = (f: (y: number) => string) => (f(year) >= today ? f(year) : f(year + 1));
  const fixed = (m: number, d: number) => (y: number) =>
    `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  if (/\b(christmas|xmas|x-mas) eve\b/.test(s)) return next(fixed(12, 24));
  if (/\b(christmas|xmas|x-mas)( day)?\b/.test(s)) return next(fixed(12, 25));
  if (/\bnew ?year'?s'? eve\b|\bnye\b/.test(s)) return next(fixed(12, 31));
  if (/\bnew ?year'?s'?( day)?\b/.test(s)) return next(fixed(1, 1));
  if (/\b(4th|fourth) of july\b|\bjuly (4th|4|fourth)\b|\bindependence day\b/.test(s))
    return next(fixed(7, 4));
  if (/\bhalloween\b/.test(s)) return next(fixed(10, 31));
  if (/\bvalentine'?s?( day)?\b/.test(s)) return next(fixed(2, 14));
  if (/\bthanksgiving\b/.test(s)) return next((y) => nthWeekday(y, 11, 4, 4));
  if (/\bmemorial day\b/.test(s)) return next((y) => nthWeekday(y, 5, 1, -1));
  if (/\blabor day\b/.test(s)) return next((y) => nthWeekday(y, 9, 1, 1));
  if (/\bmother'?s'? day\b/.test(s)) return next((y) => nthWeekday(y, 5, 0, 2));
  if (/\bfather'?s'? day\b/.test(s)) return next((y) => nthWeekday(y, 6, 0, 3));
  return undefined;
}

/**
 * Dates people write: today, tomorrow, (this|next) saturday, this/next weekend, Dec 12(th),
 * 12 December, 12/20(/2026), 2026-12-20, "the 20th". "next Saturday" is the first Saturday after
 * today (the reply always spells the date out, so the customer can correct it).
 */
export function extractDate(text: string, now: Date, timeZone: string): DateResult {
  const s = text.toLowerCase();
  const today = zonedParts(now, timeZone).date;
  let m: RegExpExecArray | null;
  if ((m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(s))) {
    const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) return { date: d };
  }
  if ((m = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(s))) {
    const mo = Number(m[1]);
    const da = Number(m[2]);
    const d = m[3]
      ? validDate(m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]), mo, da)
      : upcoming(today, mo, da);
    if (d) return { date: d };
  }
  if ((m = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(s))) {
    const d = upcoming(today, MONTHS.indexOf(m[1]!.slice(0, 3)) + 1, Number(m[2]));
    if (d) return { date: d };
  }
  if ((m = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}`).exec(s))) {
    const d = upcoming(today, MONTHS.indexOf(m[2]!.slice(0, 3)) + 1, Number(m[1]));
    if (d) return { date: d };
  }
  const holiday = holidayDate(s, today);
  if (holiday) return { date: holiday };
  if (/\btoday\b|\btonight\b/.test(s)) return { date: today };
  if (/\bday after tomorrow\b/.test(s)) return { date: addDays(today, 2) };
  if (/\btomorrow\b/.test(s)) return { date: addDays(today, 1) };
  if ((m = /\b(this|next|coming)?\s*weekend\b/.exec(s))) {
    const sat = nextWeekday(today, 6, false);
    const start =
      m[1] === "next" && weekdayOf(today) !== 6 && weekdayOf(today) !== 0 ? addDays(sat, 7) : sat;
    return { from: start, to: addDays(start, 1) };
  }
  if ((m = new RegExp(`\\b(this|next|coming|on)?\\s*${WD_RE}\\b`).exec(s))) {
    const wd = weekdayIndex(m[2]!);
    if (wd >= 0) {
      const qualifier = m[1];
      // "this saturday" includes today; plain/next/coming: the first one after today.
      const date = nextWeekday(today, wd, qualifier !== "this");
      return !qualifier || qualifier === "on" ? { date, weekdayOnly: wd } : { date };
    }
  }
  if ((m = /\bin (\d{1,2}) (day|week)s?\b/.exec(s))) {
    const n = Number(m[1]);
    return { date: addDays(today, m[2] === "week" ? n * 7 : n) };
  }
  if (/\bnext week\b/.test(s)) {
    const monday = nextWeekday(today, 1, true);
    return { from: monday, to: addDays(monday, 6) };
  }
  if ((m = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/.exec(s))) {
    const [y, mo] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const day = Number(m[1]);
    const thisMonth = validDate(y, mo, day);
    if (thisMonth && thisMonth >= today) return { date: thisMonth };
    const next = mo === 12 ? validDate(y + 1, 1, day) : validDate(y, mo + 1, day);
    if (next) return { date: next };
  }
  return {};
}

/** "at 6pm", "6:30 pm", "at 6" (evening assumed for 1-9), "18:00", "noon". */
export function extractTime(text: string): number | undefined {
  const s = text.toLowerCase();
  let m: RegExpExecArray | null;
  if (/\bnoon\b/.test(s)) return 12 * 60;
  if ((m = /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/.exec(s))) {
    let h = Number(m[1]) % 12;
    if (m[3]!.startsWith("p")) h += 12;
    const min = Number(m[2] ?? 0);
    if (h < 24 && min < 60) return h * 60 + min;
  }
  if ((m = /\b([01]?\d|2[0-3]):([0-5]\d)\b/.exec(s))) {
    let h = Number(m[1]);
    if (h >= 1 && h <= 9) h += 12;
    return h * 60 + Number(m[2]);
  }
  if (
    (m =
      /\b(?:at|around|by)\s+(\d{1,2})(?!\s*(?:people|guests|ppl|persons|adults|kids|children|\/|\d))\b/.exec(
        s,
      ))
  ) {
    let h = Number(m[1]);
    if (h >= 1 && h <= 9) h += 12; // "at 6" for a dinner party is 6 pm
    if (h >= 10 && h <= 23) return h * 60;
  }
  return undefined;
}

function num(token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  return NUMBER_WORDS[token];
}

const NUM =
  "(\\d{1,3}|a dozen|two dozen|dozen|a couple|twenty five|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)";
const PEOPLE = "(?:people|ppl|persons|guests|pax|folks|of us|heads|adults)";

/** Guest counts: "12 people", "party of 12", "for 12", "10 adults and 4 kids", "a dozen guests". */
export function extractGuests(text: string): Pick<Slots, "guests" | "adults" | "children"> {
  const s = text.toLowerCase();
  let m: RegExpExecArray | null;
  let adults: number | undefined;
  let children: number | undefined;
  if ((m = new RegExp(`\\b${NUM}\\s+(?:adults?|grown ?ups)\\b`).exec(s))) adults = num(m[1]!);
  if ((m = new RegExp(`\\b${NUM}\\s+(?:kids?|children|child|little ones)\\b`).exec(s)))
    children = num(m[1]!);
  if (adults !== undefined)
    return { adults, children: children ?? 0, guests: adults + (children ?? 0) };
  const patterns = [
    new RegExp(`\\b${NUM}\\s+${PEOPLE}`),
    new RegExp(`\\bparty of\\s+${NUM}\\b`),
    new RegExp(`\\bgroup of\\s+${NUM}\\b`),
    new RegExp(
      `\\bfor\\s+(?:about|around|like|roughly)?\\s*${NUM}\\b(?!\\s*(?:am|pm|:|/|\\d|hours?|hrs?|mins?|minutes?|o'?clock|th|st|nd|rd))`,
    ),
    new RegExp(
      `\\b(?:we are|we're|there are|there will be|we'll be|we will be|expecting|serving|feed|feeding|cook for)\\s+(?:about|around|like)?\\s*${NUM}\\b(?!\\s*(?:am|pm|:|/))`,
    ),
    new RegExp(`\\b${NUM}\\s*(?:-|to)\\s*\\d{1,3}\\s+${PEOPLE}`),
  ];
  for (const re of patterns) {
    m = re.exec(s);
    if (m) {
      const n = num(m[1]!);
      if (n !== undefined && n > 0 && n <= 500) return { guests: n, adults: n, children: 0 };
    }
  }
  return {};
}

const DIET_TERMS: [RegExp, string][] = [
  [/\b(vegetarian|veggie|no meat|meatless)/, "vegetarian"],
  [/\b(vegan|plant[- ]based)/, "vegan"],
  [/\b(gluten|celiac|coeliac)/, "gluten"],
  [/\b(shellfish|shrimp allerg|crustacean)/, "shellfish"],
  [/\b(peanut|tree nut|nuts?\b|nut allerg)/, "nuts"],
  [/\b(dairy|lactose|milk)\b/, "milk"],
  [/\beggs?\b/, "egg"],
  [/\bsesame\b/, "sesame"],
  [/\bsoy\b/, "soy"],
  [/\b(fish allerg|allergic to fish|no fish)\b/, "fish"],
  [/\bhalal\b/, "halal"],
  [/\bkosher\b/, "kosher"],
  [/\b(pescatarian|pescetarian)/, "pescatarian"],
];

export function extractDiet(text: string): string[] {
  const s = text.toLowerCase();
  const out = DIET_TERMS.filter(([re]) => re.test(s)).map(([, t]) => t);
  return [...new Set(out)].sort();
}

/** Everything the assistant can read from one message. */
export function extractSlots(text: string, now: Date, timeZone: string): Slots {
  const slots: Slots = {};
  const d = extractDate(text, now, timeZone);
  Object.assign(slots, d);
  const t = extractTime(text);
  if (t !== undefined) slots.startMinute = t;
  Object.assign(slots, extractGuests(text));
  const zip = /\b(\d{5})(?:-\d{4})?\b/.exec(text);
  if (zip) slots.postalCode = zip[1];
  const code = /\bHB-([A-Z0-9]{4,8})\b/i.exec(text);
  if (code) slots.bookingCode = `HB-${code[1]!.toUpperCase()}`;
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text);
  if (email) slots.email = email[0].toLowerCase();
  const diet = extractDiet(text);
  if (diet.length) slots.diet = diet;
  return slots;
}

export interface ItemWords {
  slug: string;
  words: string[];
}

const GENERIC_ITEM_WORDS = new Set([
  "extra",
  "service",
  "with",
  "pork",
  "hibachi",
  "american",
  "jumbo",
  "tiger",
  "pieces",
]);

/**
 * The distinctive words of each active menu item: priced ones only (upgrades and extras a count
 * can go with) unless `all`.
 */
export function itemWordsOf(
  items: readonly { slug: string; name: string; priceCents: number; active: boolean }[],
  all = false,
): ItemWords[] {
  return items
    .filter((i) => i.active && (all || i.priceCents > 0))
    .map((i) => ({
      slug: i.slug,
      words: i.name
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length >= 4 && !GENERIC_ITEM_WORDS.has(w))
        .map((w) => w.replace(/s$/, "")),
    }))
    .filter((i) => i.words.length > 0);
}

// "a lobster tail" counts one; longest words first so "a dozen" is not read as "a".
const COUNT_WORDS: Record<string, number> = { ...NUMBER_WORDS, a: 1, an: 1 };
const COUNT_RE = `(\\d{1,3}|${Object.keys(COUNT_WORDS)
  .sort((x, y) => y.length - x.length)
  .join("|")})`;

// Patterns per menu word, compiled once: this runs on every chat message, cache hits included.
const patterns = new Map<string, RegExp>();
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

/** Menu items asked for with a count: "4 lobster upgrades", "two sushi platters". */
export function extractItems(
  text: string,
  itemWords: readonly ItemWords[],
): Record<string, number> {
  const t = text.toLowerCase();
  const out: Record<string, number> = {};
  for (const { slug, words } of itemWords) {
    for (const w of words) {
      const m = compiled(`\\b${COUNT_RE}\\s+(?:[a-z]+\\s+){0,2}?${w}s?\\b`).exec(t);
      if (m) {
        const n = /^[0-9]/.test(m[1]!) ? Number(m[1]) : COUNT_WORDS[m[1]!]!;
        if (n > 0 && n <= 500) out[slug] = n;
        break;
      }
    }
  }
  return out;
}

/** Menu items named in the text by one of their distinctive words ("the gyoza", "fried rice"). */
export function namedItems(text: string, itemWords: readonly ItemWords[]): string[] {
  const t = text.toLowerCase();
  return itemWords
    .filter(({ words }) => words.some((w) => compiled(`\\b${w}s?\\b`).test(t)))
    .map((i) => i.slug);
}
