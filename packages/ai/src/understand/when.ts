// Dates and times in free text, English and Spanish, read with chrono-node in the BUSINESS time
// zone (never the server's): chrono works on a reference instant whose wall clock is the
// business's, so "tomorrow" is the business's tomorrow on every machine. Around chrono, the
// readings chrono has no parser for: holidays (date-holidays, US/California), weekends as a
// range, "a week from Saturday", "the Saturday after next", "first Saturday in January",
// "the 12th", "5ish", Spanish clock times ("a las 7 de la tarde").
// Holiday data: date-holidays by commenthol, licensed CC-BY-3.0 (code ISC).
import * as chrono from "chrono-node";
import Holidays from "date-holidays";
import { addDays, weekdayOf, zonedParts } from "@myhibachi/shared";
import {
  CORRECTION,
  HOLIDAY_ALIASES,
  NOT_DATES,
  NUMBER_WORDS,
  NUMBER_WORD_RE,
  TEXTING,
  numberOf,
} from "./words";

export interface DateResult {
  date?: string;
  /**
   * Set when the date came from a bare weekday ("saturday", "on sunday"): the weekday, so the
   * conversation can read it against a date already under discussion.
   */
  weekdayOnly?: number;
  /**
   * Set when the date came from a day of the month without its month ("the 22nd", "Sunday the
   * 7th"): the day, and the weekday said with it, so the conversation can read it in the month
   * of a date already under discussion ("sorry, I meant the 22nd" after Friday January 15).
   */
  monthDay?: MonthDay;
  /**
   * Set when the day is said relative to the date under discussion ("the saturday after", "push
   * it a week", "the day after", "la semana siguiente"); `date`, if any, is the reading without
   * one (the weekday after today).
   */
  shift?: DateShift;
  from?: string;
  to?: string;
}

export interface MonthDay {
  day: number;
  weekday?: number;
}

/** A day said relative to another one. */
export interface DateShift {
  /** Days after it (negative: before). */
  days?: number;
  /** The first `weekday` after it (with `before`, the last one before it). */
  weekday?: number;
  before?: boolean;
  /** With `weekday`: that day in the Monday-to-Sunday week `weeks` after its week. */
  weeks?: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Years we take bookings in only; anything else is not a date (and never throws). */
export function validDate(y: number, m: number, d: number): string | undefined {
  if (!Number.isInteger(y) || y < 2000 || y > 2100) return undefined;
  if (!Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > 31)
    return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : undefined;
}

/** The first date on or after `today` (strictly after when `strict`) falling on `weekday`. */
function nextWeekday(today: string, weekday: number, strict: boolean): string {
  let d = strict ? addDays(today, 1) : today;
  while (weekdayOf(d) !== weekday) d = addDays(d, 1);
  return d;
}

const WEEKDAY_WORDS: [RegExp, number][] = [
  [/^(?:sun|sunday|domingo|dom)$/, 0],
  [/^(?:mon|monday|lunes|lun)$/, 1],
  [/^(?:tue|tues|tuesday|martes)$/, 2],
  [/^(?:wed|weds|wednesday|miércoles|miercoles)$/, 3],
  [/^(?:thu|thur|thurs|thursday|jueves)$/, 4],
  [/^(?:fri|friday|viernes|vie)$/, 5],
  [/^(?:sat|saturday|sábado|sabado|sab)$/, 6],
];
const WD =
  "(sun(?:day)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|domingo|lunes|martes|miércoles|jueves|viernes|sábado)";
const MONTH_NAMES = [
  ["jan", "ene"],
  ["feb"],
  ["mar"],
  ["apr", "abr"],
  ["may"],
  ["jun"],
  ["jul"],
  ["aug", "ago"],
  ["sep", "set"],
  ["oct"],
  ["nov"],
  ["dec", "dic"],
];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";

function weekdayOfWord(w: string): number | undefined {
  const t = w.toLowerCase();
  return WEEKDAY_WORDS.find(([re]) => re.test(t))?.[1];
}

function monthOfWord(w: string): number | undefined {
  const t = w.toLowerCase().slice(0, 3);
  const i = MONTH_NAMES.findIndex((names) => names.includes(t));
  return i >= 0 ? i + 1 : undefined;
}

const ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  primer: 1,
  primero: 1,
  second: 2,
  "2nd": 2,
  segundo: 2,
  third: 3,
  "3rd": 3,
  tercer: 3,
  fourth: 4,
  "4th": 4,
  cuarto: 4,
  last: -1,
  ultimo: -1,
  último: -1,
};

/** The nth `weekday` (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string | undefined {
  if (n > 0) {
    let d = `${year}-${pad(month)}-01`;
    while (weekdayOf(d) !== weekday) d = addDays(d, 1);
    const out = addDays(d, 7 * (n - 1));
    return Number(out.slice(5, 7)) === month ? out : undefined;
  }
  let d = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
  while (weekdayOf(d) !== weekday) d = addDays(d, -1);
  return d;
}

/** The Monday of the (Monday to Sunday) week of `d`. */
function mondayOf(d: string): string {
  return addDays(d, -((weekdayOf(d) + 6) % 7));
}

/** `weekday` in the Monday-to-Sunday week `weeks` after the week of `d`. */
function weekdayInWeek(d: string, weekday: number, weeks: number): string {
  return addDays(mondayOf(d), 7 * weeks + ((weekday + 6) % 7));
}

/** The day `shift` says, counted from `anchor` ("the saturday after" Jan 23 is Jan 30). */
export function shiftDate(anchor: string, shift: DateShift): string {
  if (shift.weekday === undefined) return addDays(anchor, shift.days ?? 0);
  if (shift.weeks !== undefined) return weekdayInWeek(anchor, shift.weekday, shift.weeks);
  const step = shift.before ? -1 : 1;
  let d = addDays(anchor, step);
  while (weekdayOf(d) !== shift.weekday) d = addDays(d, step);
  return d;
}

/**
 * The first date, from the month of `from` on and not before `today`, with the day of the month
 * (and the weekday, when one was said with it) of `md`: "Sunday the 7th" on Tuesday December 1
 * is February 7 (December 7 is a Monday); "the 22nd" while January 15 is discussed is January 22.
 */
export function monthDayFrom(from: string, md: MonthDay, today: string): string | undefined {
  let [y, mo] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let i = 0; i < 28; i++) {
    const d = validDate(y, mo, md.day);
    if (d && d >= today && (md.weekday === undefined || weekdayOf(d) === md.weekday)) return d;
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  }
  return undefined;
}

// date-holidays is built once; each year's list once.
let holidays: Holidays | undefined;
const holidayYears = new Map<number, { name: string; date: string }[]>();
function holidaysOf(year: number): { name: string; date: string }[] {
  let list = holidayYears.get(year);
  if (!list) {
    holidays ??= new Holidays("US", "CA", {
      types: ["public", "bank", "school", "optional", "observance"],
    });
    list = holidays
      .getHolidays(year, "en")
      .filter((h) => !h.substitute)
      .map((h) => ({ name: h.name, date: h.date.slice(0, 10) }));
    if (holidayYears.size > 20) holidayYears.clear();
    holidayYears.set(year, list);
  }
  return list;
}

/** The next day (today included) a holiday falls on. */
function holidayDate(name: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  for (const y of [year, year + 1]) {
    const h = holidaysOf(y).find((x) => x.name === name && x.date >= today);
    if (h) return h.date;
  }
  return undefined;
}

/** Replace a span with spaces so that later readers skip it but positions stay. */
export function mask(s: string, start: number, end: number): string {
  return s.slice(0, start) + " ".repeat(end - start) + s.slice(end);
}

function maskAll(s: string, re: RegExp): string {
  return s.replace(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`), (m) =>
    " ".repeat(m.length),
  );
}

/**
 * A street address, "123 Main St", "600 N. Oak Avenue", "1234 Calle Real": its house number is
 * not a time ("at 123 Main St" is not 1:23) nor a day. One to three words between the number and
 * the street's kind.
 */
const STREET_ADDRESS =
  /\b\d{1,6}[a-z]?\s+(?:[nsew]\.?\s+)?(?:[a-z0-9'.-]+\s+){1,3}(?:st|street|ave|avenue|av|rd|road|blvd|boulevard|ln|lane|dr|drive|way|ct|court|pl|place|ter|terrace|cir|circle|pkwy|parkway|hwy|highway|loop|trail|trl|sq|square|alley|row|plaza)\b\.?|\b\d{1,6}\s+(?:calle|avenida|camino)\s+[a-z]+/gi;

/** Hours in words, English and Spanish, from the number words: "five" 5, "siete" 7. */
const HOUR_WORDS: Record<string, number> = Object.fromEntries(
  Object.entries(NUMBER_WORDS).filter(
    ([w, n]) => n >= 1 && n <= 12 && /^[a-z]+$/.test(w) && !/couple|dozen|docena/.test(w),
  ),
);
const HOUR_WORD_RE = Object.keys(HOUR_WORDS).join("|");

export const UNIT_ORDINALS = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
];
export const ORDINAL_TEENS: Record<string, number> = {
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
/** English ordinal days in words, "first" to "thirty-first". */
const EN_DAY_WORD_RE = [
  `(?:twenty|thirty)[- ]?(?:${UNIT_ORDINALS.join("|")})`,
  ...Object.keys(ORDINAL_TEENS),
  ...UNIT_ORDINALS,
].join("|");
const DAY_WORD_RE = [
  EN_DAY_WORD_RE,
  `(?:veinti\\w+|treinta(?: y uno)?)`,
  "uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte",
].join("|");
const MONTH_WORD =
  "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)";
/** English ordinal days in words, "fourth" to "thirty-first" ("the first" is often a pick). */
const EN_DAY_ORDINAL_RE = [
  `(?:twenty|thirty)[- ]?(?:${UNIT_ORDINALS.join("|")})`,
  ...Object.keys(ORDINAL_TEENS),
  ...UNIT_ORDINALS.slice(3),
].join("|");
/** What may follow "the fifteenth" when it is not a day ("the fifth option", "the fourth time"). */
const NOT_A_DAY_WORD_AFTER =
  "(?!\\s+(?:one|ones|option|options|choice|slot|time|times|week|weekend|hour|row|floor|person|guest|grade|anniversary|birthday|bday)s?\\b)";
/** "twenty-seventh" -> "27th", "trece" -> "13" (a day of the month in words). */
function dayWord(w: string): string {
  const th = (n: number) =>
    `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;
  const en = /^(twenty|thirty)[- ]?(\w+)$/.exec(w);
  if (en) return th((en[1] === "twenty" ? 20 : 30) + UNIT_ORDINALS.indexOf(en[2]!) + 1);
  if (ORDINAL_TEENS[w] !== undefined) return th(ORDINAL_TEENS[w]);
  const i = UNIT_ORDINALS.indexOf(w);
  if (i >= 0) return th(i + 1);
  const n = numberOf(w);
  return n !== undefined && n >= 1 && n <= 31 ? String(n) : w;
}

/** Lower case, texting spellings spelled out. */
function prepare(text: string): string {
  let s = text.toLowerCase().replace(/[’‘`]/g, "'");
  for (const [re, to] of TEXTING) s = s.replace(re, to);
  // Hours in words as digits where they are a time: "at five", "six o'clock", "five pm",
  // "a las siete y media"; and "@ 730" / "at 730" as 7:30.
  s = s
    .replace(
      new RegExp(
        `\\b(at|@|around|about|by|like|say|a las|a la|push it to|move it to|change it to|make it at)\\s+(${HOUR_WORD_RE})\\b(?=\\s*(?:$|[,.!?;:)]|pm|am|p\\.m|a\\.m|o'?clock|thirty|fifteen|forty-five|y media|y cuarto|menos cuarto|de la|in the|at night|-?ish|on|for|please|pls|then|or|and|instead|works|would|sharp|tonight|que|para|el|del))`,
        "g",
      ),
      // "at once" is not 11 o'clock: "once" is an hour only in Spanish ("a las once").
      (all: string, lead: string, w: string) =>
        w === "once" && !lead.startsWith("a la") ? all : `${lead} ${HOUR_WORDS[w]}`,
    )
    .replace(
      new RegExp(
        `\\b(${HOUR_WORD_RE})(?=\\s*(?:o'?clock|pm|am|p\\.m|a\\.m|in the (?:evening|afternoon|morning)|at night|thirty|fifteen|forty-five|y media|y cuarto|de la (?:tarde|noche|mañana)))`,
        "g",
      ),
      (w: string) => String(HOUR_WORDS[w]),
    )
    // "six o'clock", "the 6 o'clock one": a time even without "at" (chrono needs the "at").
    .replace(/(?<!\b(?:at|@|around|about|by|a las?)\s)\b(\d{1,2}) o'?clock\b/g, "at $1")
    .replace(/\b(\d{1,2}) o'?clock\b/g, "$1")
    // "push it to 3", "move it to 5:30": the new time.
    .replace(
      /\b(?:push|move|change|switch|bump)(?: it| that| the time| the start)? to (\d{1,2}(?::[0-5]\d)?)\b(?!\s*(?:people|ppl|guests|adults|kids|of us|\/|-|th\b))/g,
      "at $1",
    )
    // Days of the month in words before or after the month: "the twenty-seventh of february",
    // "trece de marzo".
    .replace(
      new RegExp(`\\b(${DAY_WORD_RE})(?=\\s+(?:of|de)\\s+${MONTH_WORD})`, "g"),
      (w: string) => `${dayWord(w)}`,
    )
    // "december fifteenth", "the twenty-first", "on the sixteenth": a day of the month (the
    // month's name before it, or "the" before a day that is not "first" to "third").
    .replace(
      new RegExp(`\\b(${MONTH_WORD}[a-z]*\\.?\\s+(?:the\\s+)?)(${EN_DAY_WORD_RE})\\b`, "g"),
      (_all: string, month: string, w: string) => `${month}${dayWord(w)}`,
    )
    .replace(
      new RegExp(`\\b(the\\s+)(${EN_DAY_ORDINAL_RE})\\b${NOT_A_DAY_WORD_AFTER}`, "g"),
      (_all: string, the: string, w: string) => `${the}${dayWord(w)}`,
    )
    .replace(/\b(\d{1,2}) thirty\b/g, "$1:30")
    .replace(
      /(?:@|\bat)\s*([1-9]|1[0-2])([0-5]\d)\b(?!\s*(?:people|ppl|guests|adults|kids))/g,
      "at $1:$2",
    );
  // "the weekend before christmas": its Saturday (its Sunday when the message names Sunday), so
  // the day shift reads it from the holiday, not as this weekend.
  s = s.replace(
    /\b(?:the )?weekend (before|after)\b(?!\s+next\b)/,
    (_all, dir: string) =>
      `the ${/\b(?:sunday|sun)\b/.test(s) && !/\b(?:saturday|sat)\b/.test(s) ? "sunday" : "saturday"} ${dir}`,
  );
  return s;
}

/** Things that only look like dates blanked ("super bowl sunday", "we sat down", "the sun"). */
function blankNotDates(s: string): string {
  for (const re of NOT_DATES) s = maskAll(s, re);
  return blankImpossibleYears(blankSun(s));
}

/**
 * "sun" is Sunday only where a day makes sense: after a word that leads to a day ("on sun",
 * "this sun", "how bout sun", "sat or sun"), before one that follows a day ("sun then", "sun at
 * 5", "sun works", "sun 12/6", "sun night"), or said alone ("sun?"). Elsewhere it is the sun
 * ("sun or rain?", "no sun", "a tent for sun and wind").
 */
function blankSun(s: string): string {
  return s.replace(/\bsun\b/g, (word, at: number) => {
    const before = s.slice(Math.max(0, at - 24), at);
    const after = s.slice(at + word.length, at + word.length + 24);
    const leads =
      /(?:^|\b)(?:on|this|next|coming|until|till|til|thru|through|every|each|by|say|try|do|maybe|about|bout|abt|instead|prefer|rather)\s+$/.test(
        before,
      ) || new RegExp(`\\b${WD}\\s*(?:or|and|&|/|-|to|thru|through|n)\\s*$`).test(before);
    const follows =
      /^\s*(?:then|instead|works?|ok|okay|good|better|best|fine|free|open|available|avail|possible|at\b|@|\d|night|nite|evening|afternoon|morning|brunch|lunch|dinner|the \d|same|too|also|or (?:sat|mon|fri)|and (?:sat|mon|fri)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|,?\s*(?:same|at|@))/.test(
        after,
      );
    const alone =
      /^\W*$/.test(after) &&
      /(?:^|[.!?,]|\b(?:ok|okay|hmm|ya|yeah|and|or|then|k))\s*$/.test(before);
    return leads || follows || alone ? word : " ".repeat(word.length);
  });
}

/** The wall clock of `now` in the business zone, as a Date in the server's zone for chrono. */
function wallClock(now: Date, timeZone: string): Date {
  const p = zonedParts(now, timeZone);
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute);
}

const casualEn = chrono.en.casual;
const casualEs = chrono.es.casual;

interface Found {
  result: DateResult;
  index: number;
}

type Reader = (s: string, today: string) => Found | undefined;

/** "this weekend", "next weekend", "the weekend after next", "este fin de semana". */
const weekend: Reader = (s, today) => {
  const m =
    /\b(?:the )?(this|next|coming|upcoming|este|el próximo|el proximo|próximo|proximo)?\s*(?:weekend|fin de semana)(\s+after next|\s+que viene|\s+siguiente)?\b(?!\s+(?:of|del|de)\b)/.exec(
      s,
    );
  if (!m) return undefined;
  // "last weekend", "the past weekend", "el fin de semana pasado": gone, no date to book.
  if (
    /\b(?:last|past|previous)\s+(?:weekend|fin de semana)/.test(
      s.slice(Math.max(0, m.index - 12), m.index + m[0].length),
    ) ||
    /^\s*(?:pasado|anterior)\b/.test(s.slice(m.index + m[0].length))
  )
    return undefined;
  const wd = weekdayOf(today);
  // On a Sunday "this weekend" is the one under way (it started yesterday).
  const thisSat = wd === 0 ? addDays(today, -1) : nextWeekday(today, 6, false);
  const q = m[1] ?? "";
  const tail = m[2] ?? "";
  let start = thisSat;
  if (/after next/.test(tail)) start = addDays(thisSat, 14);
  else if (/next|próximo|proximo/.test(q) || /que viene|siguiente/.test(tail))
    start = addDays(thisSat, 7);
  const from = start < today ? today : start;
  return { result: { from, to: addDays(start, 1) }, index: m.index };
};

/** "a week from saturday", "two weeks from friday", "the saturday after next". */
const relativeWeekday: Reader = (s, today) => {
  let m = new RegExp(`\\b(a|one|two|three|\\d) weeks? from (?:this |next )?${WD}\\b`).exec(s);
  if (m) {
    const n = m[1] === "a" ? 1 : (numberOf(m[1]!) ?? 1);
    const wd = weekdayOfWord(m[2]!)!;
    return { result: { date: addDays(nextWeekday(today, wd, true), 7 * n) }, index: m.index };
  }
  m = new RegExp(`\\b(?:a|one) week from (today|tomorrow)\\b`).exec(s);
  if (m)
    return {
      result: { date: addDays(today, m[1] === "today" ? 7 : 8) },
      index: m.index,
    };
  // "the saturday after next", "the saturday after this one", "not this saturday but the next
  // one", "two saturdays from now", "in two saturdays": counted from the coming one.
  m =
    new RegExp(`\\b(?:the )?${WD} after (?:next|this(?: one| coming one| week(?:end)?)?)\\b`).exec(
      s,
    ) ??
    new RegExp(`\\bnot (?:this|the coming) ${WD},? but the (?:next|following)(?: one)?\\b`).exec(s);
  if (m) {
    const wd = weekdayOfWord(m[1]!)!;
    return { result: { date: addDays(nextWeekday(today, wd, true), 7) }, index: m.index };
  }
  m =
    new RegExp(`\\b(two|three|four|\\d) ${WD}s from (?:now|today)\\b`).exec(s) ??
    new RegExp(`\\bin (two|three|four|\\d) ${WD}s\\b`).exec(s);
  if (m) {
    const n = numberOf(m[1]!) ?? 1;
    const wd = weekdayOfWord(m[2]!)!;
    return { result: { date: addDays(nextWeekday(today, wd, true), 7 * (n - 1)) }, index: m.index };
  }
  // "saturday in two weeks", "in 2 weeks on saturday", "el sábado en dos semanas", "dentro de
  // dos semanas el sábado": that day in the Monday-to-Sunday week so many weeks from this one.
  const weeks = "(a|one|two|three|four|\\d|una|dos|tres|cuatro)";
  m =
    new RegExp(
      `\\b${WD},?\\s+(?:in|en|dentro de)\\s+${weeks}\\s+(?:weeks?|semanas?)(?:'? time)?\\b`,
    ).exec(s) ??
    new RegExp(
      `\\b(?:in|en|dentro de)\\s+${weeks}\\s+(?:weeks?|semanas?)(?: from now| time)?,?\\s+(?:on\\s+|el\\s+)?(?:the\\s+)?${WD}\\b`,
    ).exec(s);
  if (m) {
    const [word, n] = weekdayOfWord(m[1]!) !== undefined ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    const date = weekdayInWeek(today, weekdayOfWord(word)!, countOf(n) ?? 1);
    if (date > today) return { result: { date }, index: m.index };
  }
  return undefined;
};

/** "first saturday in january", "the 2nd sat of dec", "el primer sábado de enero". */
const nthWeekdayOfMonth: Reader = (s, today) => {
  const ord = Object.keys(ORDINALS).join("|");
  const m = new RegExp(`\\b(${ord}) ${WD}\\s+(?:in|of|de|en)\\s+${MONTH}\\b`).exec(s);
  if (!m) return undefined;
  const n = ORDINALS[m[1]!]!;
  const wd = weekdayOfWord(m[2]!)!;
  const month = monthOfWord(m[3]!)!;
  const y = Number(today.slice(0, 4));
  for (const year of [y, y + 1]) {
    const d = nthWeekday(year, month, wd, n);
    if (d && d >= today) return { result: { date: d }, index: m.index };
  }
  return undefined;
};

/** "on the 12th", "el día 12": the next such day of a month. */
const dayOfMonth: Reader = (s, today) => {
  const m = new RegExp(
    `\\bthe (\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?${MONTH})|\\bel d[ií]a (\\d{1,2})\\b(?!\\s*de)`,
  ).exec(s);
  if (!m) return undefined;
  const monthDay = { day: Number(m[1] ?? m[2]) };
  const date = monthDayFrom(today, monthDay, today);
  return date ? { result: { date, monthDay }, index: m.index } : undefined;
};

/** What follows a number that makes it a time or a count, not a day of the month. */
const NOT_A_DAY = `(?![:/.]?\\d|\\s*(?:am|pm|a\\.m|p\\.m|o'?clock|ish|-ish|de la|people|ppl|guests|personas|invitados|adult|kid|niñ|hrs?\\b|hours?|horas?))`;
const WD_ES = "(domingo|lunes|martes|miércoles|jueves|viernes|sábado)";

/**
 * A weekday with a day of the month and no month: "Sunday the 7th", "tues 12th", "friday, the
 * 21st", "el domingo 7". The first date on or after today where both agree (the conversation may
 * read it in the month under discussion instead, see `monthDay`).
 */
const weekdayAndDay: Reader = (s, today) => {
  const notMonth = `(?!\\s+(?:of\\s+|de\\s+|del\\s+)?${MONTH})`;
  const m =
    new RegExp(`\\b${WD},?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b${notMonth}`).exec(s) ??
    new RegExp(`\\b${WD},?\\s+the\\s+(\\d{1,2})\\b${NOT_A_DAY}${notMonth}`).exec(s) ??
    new RegExp(`\\b${WD_ES},?\\s+(?:d[ií]a\\s+)?(\\d{1,2})\\b${NOT_A_DAY}${notMonth}`).exec(s);
  if (!m) return undefined;
  const monthDay = { day: Number(m[2]), weekday: weekdayOfWord(m[1]!)! };
  const date = monthDayFrom(today, monthDay, today);
  return date ? { result: { date, monthDay }, index: m.index } : undefined;
};

/**
 * "friday next week", "next week friday", "el viernes de la semana que viene": that day in the
 * next Monday-to-Sunday week (Friday December 11 on Tuesday December 1). "Next friday" alone
 * keeps the business's reading, the coming Friday (December 4; see `chronoDate`). "This week"
 * the same way; a day of it already past is no date.
 */
const weekdayOfWeek: Reader = (s, today) => {
  const next = "(next|this|the coming|this coming)";
  const nextEs = "(próxima semana|semana que viene|semana entrante|esta semana)";
  const m =
    new RegExp(`\\b${WD},?\\s+(?:of\\s+)?${next}\\s+week\\b`).exec(s) ??
    new RegExp(`\\b${next}\\s+week(?:'s)?,?\\s+(?:on\\s+)?${WD}\\b`).exec(s);
  const es =
    m ??
    new RegExp(`\\b${WD_ES}\\s+(?:de\\s+)?(?:la\\s+)?${nextEs}`).exec(s) ??
    new RegExp(`\\b(?:la\\s+)?${nextEs},?\\s+(?:el\\s+)?${WD_ES}\\b`).exec(s);
  if (!es) return undefined;
  const [word, which] = weekdayOfWord(es[1]!) !== undefined ? [es[1]!, es[2]!] : [es[2]!, es[1]!];
  const date = weekdayInWeek(
    today,
    weekdayOfWord(word)!,
    which === "this" || which === "esta semana" ? 0 : 1,
  );
  // A day of this week already past ("monday this week" on a Tuesday) is no day to book.
  return { result: date >= today ? { date } : {}, index: es.index };
};

/** "a", "one", "two", "2", "un", "una": how many days or weeks. */
function countOf(w: string | undefined): number | undefined {
  if (!w || /^(?:a|an|one|un|una|the)$/.test(w)) return 1;
  return numberOf(w);
}

/**
 * Questions about policies and the party's day ("can I cancel a week before?", "what if it rains
 * the day before?"), where a shift is no change of day.
 */
const POLICY =
  /\b(?:rain\w*|weather|happens?|leftovers?|clean\w*|bring|llueve|lluvia|cancel\w*|refund\w*|deposit|pay\w*|charge\w*|notice|remind\w*|confirm\w*|call|text|e-?mail|final (?:count|number)|head ?count|arriv\w*|set ?up|prep\w*|deliver\w*|shop\w*|cancela\w*|reembols\w*|dep[oó]sito|pag\w*|aviso|avis\w*|confirma\w*|llam\w*|lleg\w*)\b/;

/** The sentence of `s` around position `at`. */
function sentenceAt(s: string, at: number): string {
  const start = Math.max(...[".", "!", "?", ";", "\n"].map((c) => s.lastIndexOf(c, at))) + 1;
  const ends = [".", "!", "?", ";", "\n"].map((c) => s.indexOf(c, at)).filter((i) => i >= 0);
  return s.slice(start, ends.length ? Math.min(...ends) : s.length);
}

/** "a week before the party": a time around the party's day, not another day for it. */
const OF_PARTY =
  "\\s+(?:(?:the|our|my|your)\\s+(?:party|event|booking|reservation|dinner|celebration)|it\\b|(?:de |a )?(?:la fiesta|el evento|la reserva))";
const COUNT = "(a|an|one|two|three|four|\\d|un|una|dos|tres|cuatro)";
const LATER =
  "(after|later|afterwards?|before|earlier|sooner|después|despues|más tarde|mas tarde|antes)";

/**
 * A day said relative to another: "the saturday after", "the day after, Saturday", "a day
 * earlier", "the week after", "push it a week", "the following friday", "el sábado siguiente",
 * "un día después", "la semana siguiente". Relative to the date that follows when one does
 * ("the saturday after thanksgiving", "a week before christmas"): that date; otherwise relative to
 * the date under discussion (`shift`, read by the conversation).
 */
function readShift(s: string): { shift: DateShift; index: number; end: number } | undefined {
  const found: { shift: DateShift; index: number; end: number }[] = [];
  const add = (re: RegExp, shift: (m: RegExpExecArray) => DateShift | undefined) => {
    const m = re.exec(s);
    const sh = m && shift(m);
    // Only the sentence the shift is in says whether it is about a policy ("Headcount is 26"
    // elsewhere in a long message does not make "the next day" a policy question).
    if (m && sh && !POLICY.test(sentenceAt(s, m.index)))
      found.push({ shift: sh, index: m.index, end: m.index + m[0].length });
  };
  const earlier = (w: string) => /before|earlier|sooner|antes/.test(w);
  // "the day after", "a week later", "2 days earlier", "una semana después"; not "the day after
  // tomorrow", "the week after next", "3 days ago".
  add(
    new RegExp(
      `\\b(?:the |el |la |al |a la )?(?:${COUNT} )?(days?|weeks?|d[ií]as?|semanas?) ${LATER}\\b(?!\\s+(?:tomorrow|next|mañana)|${OF_PARTY})`,
    ),
    (m) => {
      const n = countOf(m[1]);
      const week = /^(?:week|semana)/.test(m[2]!);
      return n ? { days: (earlier(m[3]!) ? -n : n) * (week ? 7 : 1) } : undefined;
    },
  );
  // "the following week", "el día siguiente", "la semana anterior", "al día siguiente".
  add(
    /\b(?:the (following|next) (day|week)|(?:el|al|la|a la) (d[ií]a|semana) (siguiente|anterior|después|despues)|la (siguiente) (semana))\b(?!\s+(?:next|tomorrow))/,
    (m) => {
      const unit = m[2] ?? m[3] ?? m[6] ?? "";
      const days = /week|semana/.test(unit) ? 7 : 1;
      // "the next day" and "the following day" only: "the next week" is next week from today.
      if (m[1] === "next" && days === 7) return undefined;
      return { days: m[4] === "anterior" ? -days : days };
    },
  );
  // "a week from then", "two weeks after that", "un día después de eso".
  add(new RegExp(`\\b${COUNT} (days?|weeks?) (?:from|after) (?:then|that)\\b`), (m) => {
    const n = countOf(m[1]) ?? 1;
    return { days: /week/.test(m[2]!) ? 7 * n : n };
  });
  // "push it a week", "move it up a day", "bump it back 2 weeks", "posponerla una semana",
  // "adelantarlo un día".
  add(
    new RegExp(
      `\\b(push|move|bump|shift|delay|postpone|slide|reschedule|pospon\\w*|mover\\w*|muév\\w*|muev\\w*|recorr\\w*|atras\\w*|adelant\\w*|pasar\\w*)\\b((?:\\s+(?:it|that|this|us|the party|the date|the booking|the hold|la|lo|la fiesta|back|out|up|forward|ahead|by|por))*)\\s+${COUNT}\\s+(days?|weeks?|d[ií]as?|semanas?)\\b((?:\\s+(?:earlier|sooner|later|back|out|forward|ahead|antes|después|despues|más tarde))?)`,
    ),
    (m) => {
      const n = countOf(m[3]) ?? 1;
      const days = /^(?:week|semana)/.test(m[4]!) ? 7 * n : n;
      const said = `${m[2]} ${m[5]}`;
      const sooner =
        /\b(?:up|earlier|sooner|antes)\b/.test(said) ||
        /^adelant/.test(m[1]!) ||
        (/^(?:move|mover|muev|muév)/.test(m[1]!) && /\b(?:forward|ahead)\b/.test(said));
      return { days: sooner ? -days : days };
    },
  );
  // "the saturday after", "the friday before", "the following friday", "el sábado siguiente",
  // "el siguiente sábado", "el viernes anterior"; not "the saturday after next" (from today).
  add(
    new RegExp(
      `\\b(?:the |el )?${WD} (after|before|siguiente|anterior|después|despues)\\b(?!\\s+(?:next|this)\\b|${OF_PARTY})|\\b(?:the following|el siguiente) ${WD}\\b`,
    ),
    (m) => {
      const wd = weekdayOfWord(m[1] ?? m[3]!);
      if (wd === undefined) return undefined;
      return { weekday: wd, ...(/before|anterior/.test(m[2] ?? "") ? { before: true } : {}) };
    },
  );
  // "saturday of the following week", "the week after on saturday", "el sábado de la semana
  // siguiente".
  add(
    new RegExp(
      `\\b${WD},?\\s+(?:of |de )?(?:the |la )?(?:following week|week after|semana siguiente|siguiente semana)\\b|\\b(?:the following week|the week after|la semana siguiente),?\\s+(?:on |el )?${WD}\\b`,
    ),
    (m) => {
      const wd = weekdayOfWord(m[1] ?? m[2]!);
      return wd === undefined ? undefined : { weekday: wd, weeks: 1 };
    },
  );
  // The longest reading at the first place ("the saturday of the following week" over "the
  // following week").
  return found.sort((a, b) => a.index - b.index || b.end - a.end)[0];
}

const holiday: Reader = (s, today) => {
  for (const [re, name] of HOLIDAY_ALIASES) {
    const m = re.exec(s);
    if (m) {
      // "July 4th 2028", "christmas 2027": that year's, else the next one from today.
      const year = /^\s*,?\s*(\d{4})\b/.exec(s.slice(m.index + m[0].length))?.[1];
      const date = year
        ? holidaysOf(Number(year)).find((x) => x.name === name)?.date
        : holidayDate(name, today);
      if (date) return { result: { date }, index: m.index };
    }
  }
  return undefined;
};

/** "pasado mañana" / "day after tomorrow" (chrono reads only the "mañana"/"tomorrow" in it). */
const dayAfterTomorrow: Reader = (s, today) => {
  const m = /\b(?:pasado mañana|(?:the )?day after tomorrow)\b/.exec(s);
  return m ? { result: { date: addDays(today, 2) }, index: m.index } : undefined;
};

/** A written year outside the bookable range ("12/31/0001", "0001-01-01") is no date at all. */
// After a month name only a number of 3 to 5 digits is a year: "january 2nd, 7:30pm" is a time.
const IMPOSSIBLE_YEAR =
  /\b\d{1,2}[/-]\d{1,2}[/-](\d{1,5})\b|\b(\d{1,5})-\d{1,2}-\d{1,2}\b|\b[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? (\d{3,5})\b/g;

function blankImpossibleYears(s: string): string {
  return s.replace(IMPOSSIBLE_YEAR, (all, a?: string, b?: string, c?: string) => {
    const raw = a ?? b ?? c ?? "";
    const y = raw.length === 2 ? 2000 + Number(raw) : Number(raw);
    return raw.length === 3 || raw.length === 1 || y < 2000 || y > 2100
      ? " ".repeat(all.length)
      : all;
  });
}

function chronoDate(
  parsed: chrono.ParsedResult[],
  s: string,
  today: string,
  spanish: boolean,
): Found | undefined {
  for (const r of parsed) {
    const k = r.start;
    const text = r.text.toLowerCase();
    if (spanish && /^\d{1,2}\/\d{1,2}/.test(text)) continue; // numeric dates are US ones
    // "about this for a week", "within two weeks": how long, not which day.
    if (/^(?:for|within)\s/.test(text)) continue;
    if (!isBookingWhen(r, s)) continue;
    if (k.isCertain("day")) {
      const d = validDate(k.get("year")!, k.get("month")!, k.get("day")!);
      const recent = (x: string | undefined) => !!x && x < today && x >= addDays(today, -62);
      // "Saturday November 28" two days after it: the weekday said fits this year's day, not
      // next year's (a Sunday): the customer means the day that has just passed.
      if (d && d >= today && k.isCertain("weekday") && !k.isCertain("year")) {
        const wd = k.get("weekday")!;
        const lastYear = validDate(k.get("year")! - 1, k.get("month")!, k.get("day")!);
        if (weekdayOf(d) !== wd && recent(lastYear) && weekdayOf(lastYear!) === wd)
          return { result: { date: lastYear! }, index: r.index };
      }
      if (d && d >= today) return { result: { date: d }, index: r.index };
      // "Saturday, November 28, 2026" with its year, just gone: that day (it has passed). A day
      // already past read from today ("a week before") is no day to book.
      if (/\b20\d\d\b/.test(text) && recent(d)) return { result: { date: d! }, index: r.index };
      continue;
    }
    if (k.isCertain("weekday")) {
      const wd = k.get("weekday")!;
      const before = s.slice(Math.max(0, r.index - 12), r.index);
      const q = `${before} ${text}`;
      if (/\b(?:this|este|esta)\s+\S+\s*$/.test(q) || /\b(?:this|este|esta)\b/.test(text))
        return { result: { date: nextWeekday(today, wd, false) }, index: r.index };
      if (/\b(?:next|coming|próximo|proximo|que viene)\b/.test(q))
        return { result: { date: nextWeekday(today, wd, true) }, index: r.index };
      return { result: { date: nextWeekday(today, wd, true), weekdayOnly: wd }, index: r.index };
    }
  }
  return undefined;
}

/**
 * Not a day to book: "now", "2 hours late", "20 min ago" (an instant, to the second), "yesterday",
 * "last saturday", "hace una semana" (the past).
 */
function isBookingWhen(r: chrono.ParsedResult, s: string): boolean {
  if (r.start.isCertain("second")) return false;
  // Part of a word: chrono's word edges are ASCII, so "Mar" (martes) in "María" is a match.
  const edge = /[\p{L}\p{M}]/u;
  if (edge.test(s.charAt(r.index - 1)) || edge.test(s.charAt(r.index + r.text.length)))
    return false;
  const before = s.slice(Math.max(0, r.index - 8), r.index);
  const after = s.slice(r.index + r.text.length, r.index + r.text.length + 8);
  return !PAST.test(`${before} ${r.text.toLowerCase()}`) && !/^\s*(?:pasad[oa]|ago)\b/.test(after);
}
const PAST = /\b(?:yesterday|ago|last|ayer|anoche|pasad[oa]|hace)\b/;

/** "in december", "en diciembre": the whole month, the next time it comes. */
const monthRange: Reader = (s, today) => {
  const m = new RegExp(
    `\\b(?:in|during|for|en|durante)\\s+(?:early |late |mid )?${MONTH}\\b(?!\\s*\\d)`,
  ).exec(s);
  if (!m) return undefined;
  const month = monthOfWord(m[1]!)!;
  const y = Number(today.slice(0, 4));
  const year = month < Number(today.slice(5, 7)) ? y + 1 : y;
  const first = `${year}-${pad(month)}-01`;
  const last = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);
  return { result: { from: first < today ? today : first, to: last }, index: m.index };
};

export interface WhenReading extends DateResult {
  startMinute?: number;
}

/**
 * Clauses about something other than the party: someone confirming, paying or deciding later,
 * school, work, a flight ("finance will confirm next week", "the kids have school monday", "we
 * land friday"). A day or time said there is not the party's. A clause that also speaks of the
 * party or asks for a day keeps it ("the party is the day we land", "can we do monday instead",
 * "is friday open", "do you work christmas eve?").
 */
const ASIDE =
  /\b(?:confirm\w*|let (?:you|u|y'?all|ya) know|get back|hear back|approv\w*|sign(?:s|ed)? off|finali[sz]\w*|pay ?day|paid|pays?|paying|(?:have|has|got|after|before|from|off|at)\s+(?:\w+\s+)?(?:school|class(?:es)?|church|practice|work|a flight|an? exam|an? appointment|a meeting)|school (?:night|day)|flights?|fly(?:ing)?|flies|land(?:s|ing)?|arriv\w*|leav(?:e|es|ing)|(?:i|we|he|she|they|husband|wife|hubby|mom|dad|boss) works?|vacation|out of town|back from|trabajo|trabajamos|(?:tengo|tenemos|tiene|tienen) que trabajar|(?:tengo|tenemos|tiene|tienen) (?:escuela|clases?|trabajo)|vuelo|avis\w*|llega\w*|regres\w*|doesn'?t work|does not work|won'?t work|will not work|not work(?:ing)? for|no good|not good|(?:is|are) out|(?:we|i) can'?t (?:do|make)|no longer works|too early|too late|muy temprano|muy tarde|no (?:nos )?(?:funciona|sirve|puedo|podemos))\b/;
/**
 * Another occasion's day ("their ceremony is Friday March 12"): not the party's when the message
 * names the party's own day as well; alone it is the party's ("for our wedding on June 5").
 */
const OTHER_EVENT =
  /\b(?:ceremony|graduation|commencement|wedding|funeral|recital|concert|ceremonia|graduaci[oó]n|boda)\b/;
const ABOUT_PARTY =
  /\b(?:party|event|dinner|lunch|celebrat\w*|book\w*|reserv\w*|hold|hibachi|chef|cook\w*|instead|how about|what about|can (?:we|you|u)|could (?:we|you|u)|do (?:you|u)|are (?:you|u)|you guys|y'?all|ustedes|trabajan|pueden|move|switch|change|open|free|available|avail|means|meaning|fiesta|cena|comida|evento|celebra\w*|apart\w*|en vez|mejor|cambi\w*|libre|disponible)\b/;
const CLAUSE_BREAK =
  /[.!?;,\n]|\b(?:but|because|since|cuz|cause|bc|so|then|while|pero|porque|ya que|mientras|entonces)\b/g;

/** `s` with the clauses that match `aside` and say nothing of the party blanked. */
function blankAsides(s: string, aside: RegExp): string {
  if (!aside.test(s)) return s;
  let out = s;
  let start = 0;
  const clause = (end: number) => {
    const c = s.slice(start, end);
    if (aside.test(c) && !ABOUT_PARTY.test(c)) out = mask(out, start, end);
  };
  for (const m of s.matchAll(CLAUSE_BREAK)) {
    clause(m.index);
    start = m.index + m[0].length;
  }
  clause(s.length);
  return out;
}

const MONTH_FULL = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH_APART =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const ORD = "(\\d{1,2})(?:st|nd|rd|th)?";

/**
 * A month said apart from its day, written next to it (round 7, H2): "in February on the 10th"
 * and "on the 10th in February" are "February 10th"; "next month on the 15th", "the 20th of next
 * month" and "the first Sunday of next month" name the coming month ("two months from now on the
 * 5th" the one after).
 */
function monthsJoined(text: string, now: Date, timeZone: string): string {
  const { date: today } = zonedParts(now, timeZone);
  const ahead = (n: number) => MONTH_FULL[(Number(today.slice(5, 7)) - 1 + n) % 12]!;
  const NEXT = "(next month|(?:two|2) months from now|in (?:two|2) months)";
  const monthOf = (said: string) => (/next/i.test(said) ? ahead(1) : ahead(2));
  return text
    .replace(
      new RegExp(`\\b${NEXT},?\\s+(?:on\\s+)?(?:the\\s+)?${ORD}\\b`, "gi"),
      (_, when: string, d: string) => `${monthOf(when)} ${d}`,
    )
    .replace(
      new RegExp(`\\b(?:on\\s+)?the\\s+${ORD}\\s+(?:of\\s+)?${NEXT}`, "gi"),
      (_, d: string, when: string) => `${monthOf(when)} ${d}`,
    )
    .replace(
      new RegExp(`\\b(?:of|in)\\s+${NEXT}`, "gi"),
      (_, when: string) => `of ${monthOf(when)}`,
    )
    .replace(
      new RegExp(`\\bin\\s+${MONTH_APART},?\\s+(?:on\\s+)?the\\s+${ORD}\\b`, "gi"),
      (_, m: string, d: string) => `${m} ${d}`,
    )
    .replace(
      new RegExp(`\\b(?:on\\s+)?the\\s+${ORD}\\s+in\\s+${MONTH_APART}\\b`, "gi"),
      (_, d: string, m: string) => `${m} ${d}`,
    )
    .replace(
      new RegExp(`\\b(?:on\\s+)?the\\s+${ORD},?\\s+${MONTH_APART}\\b(?!\\s+\\d)`, "gi"),
      (_, d: string, m: string) => `${m} ${d}`,
    );
}

/** Dates and times in `text` (already masked of counts, prices and codes by the caller). */
export function readWhen(typed: string, now: Date, timeZone: string): WhenReading {
  const text = monthsJoined(typed, now, timeZone);
  const whole = readWhenOnce(text, now, timeZone);
  // "Sunday March 28? oh wait that's Easter. Sunday April 4 then": a day said after taking the
  // first back is the day; the last sentence after the correction that names one says it.
  const marks = [...text.matchAll(CORRECTION)];
  const last = marks.at(-1);
  if (!last || (!whole.date && !whole.from && whole.startMinute === undefined)) return whole;
  const sentences = text
    .slice(last.index + last[0].length)
    // "actually make that 3", "I mean at 6": the time said again.
    .replace(
      /^\W*(?:(?:make|change|move)\s+(?:it|that)\s+(?:to\s+)?|at\s+)(\d{1,2}(?::\d{2})?)(?![\d:])/i,
      " at $1",
    )
    .replace(
      /^[\s,.]*(\d{1,2}(?::\d{2})?)(?=\s*(?:$|[.,!?;]|[ap]\.?\s?m\b|o'?clock|instead|then|please|in the))/i,
      " at $1",
    )
    .split(/(?<=[.!?;])\s+/);
  for (let i = sentences.length - 1; i >= 0; i--) {
    const later = readWhenOnce(sentences[i]!, now, timeZone);
    // "at 3 pm, no sorry, 5 pm": a time said again is the time (the day stays).
    if (!later.date && !later.from) {
      if (later.startMinute !== undefined) return { ...whole, startMinute: later.startMinute };
      continue;
    }
    if (later.date === whole.date && later.from === whole.from) return whole;
    // "January 21st, sorry, the 22nd": the day again, in the month said before.
    if (later.monthDay && whole.date && !whole.monthDay) {
      const today = zonedParts(now, timeZone).date;
      const date = monthDayFrom(whole.date, later.monthDay, today);
      if (date) {
        const { startMinute: _l, monthDay: _m, ...dayOnly } = later;
        return {
          ...dayOnly,
          date,
          ...(whole.startMinute !== undefined ? { startMinute: whole.startMinute } : {}),
          ...(later.startMinute !== undefined ? { startMinute: later.startMinute } : {}),
        };
      }
    }
    const { startMinute: _t, ...day } = later;
    return {
      ...day,
      ...(whole.startMinute !== undefined ? { startMinute: whole.startMinute } : {}),
      ...(later.startMinute !== undefined ? { startMinute: later.startMinute } : {}),
    };
  }
  return whole;
}

/** A day taken back: "not the 15th", "not December 15", "instead of the 15th of December". */
const DENIED_DAY = new RegExp(
  `\\b(?:not|instead of|rather than)\\s+(?:on\\s+)?(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)(?:\\s+of\\s+${MONTH})?|${MONTH}\\.?\\s+(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?)\\b`,
  "g",
);

function readWhenOnce(text: string, now: Date, timeZone: string): WhenReading {
  const today = zonedParts(now, timeZone).date;
  const ref = wallClock(now, timeZone);
  const prepared = prepare(maskAll(text, STREET_ADDRESS));
  let s = blankAsides(prepared, ASIDE);
  // "no wait, not the 15th, the 16th": the day taken back is not the day, when another is said.
  const denied = maskAll(s, DENIED_DAY);
  if (denied !== s && dateIn(blankNotDates(denied), today, ref)) s = denied;
  const others = blankAsides(s, OTHER_EVENT);
  if (others !== s) {
    const b = blankNotDates(others);
    if (readShift(b) || dateIn(b, today, ref)) s = others;
  }
  const out: WhenReading = {};

  // Clock times first, so that "a las 6 de la mañana" is not left for a date reader.
  const time = readTime(blankImpossibleYears(s), ref);
  if (time) {
    out.startMinute = time.minute;
    for (const [a, b] of time.spans) s = mask(s, a, b);
  }
  s = blankNotDates(s);

  const shift = readShift(s);
  if (shift) {
    // "the saturday after thanksgiving": from the date that follows; otherwise from the date
    // under discussion ("the day after, Saturday": the weekday only says the same day again).
    const base = dateIn(mask(s, 0, shift.end), today, ref);
    const date = base?.result.date;
    const gap = shift.end + /^\s*(?:of |de |del )?/.exec(s.slice(shift.end))![0].length;
    if (date && base.index <= gap && /[\p{L}\d]/u.test(s[gap] ?? "")) {
      const shifted = shiftDate(date, shift.shift);
      // "the saturday before memorial day, may 22": a whole date said with it, on the weekday
      // asked, is the day meant (the customer may count the holiday differently).
      const noHoliday = maskAll(
        HOLIDAY_ALIASES.reduce((t, [re]) => maskAll(t, re), mask(s, 0, shift.end)),
        /\bweekend\b/g,
      );
      const said = dateIn(noHoliday, today, ref)?.result;
      const wd = shift.shift.weekday;
      if (
        said?.date &&
        said.weekdayOnly === undefined &&
        !said.monthDay &&
        said.date !== shifted &&
        wd !== undefined &&
        weekdayOf(said.date) === wd
      )
        return { ...out, date: said.date };
      return { ...out, date: shifted };
    }
    // "the next day, Saturday March 13": the date said with it is the day.
    if (
      date &&
      base.result.weekdayOnly === undefined &&
      !base.result.monthDay &&
      /^\s*(?:[,:(–—-]|i\.?e\.?|which is|that is|so)?\s*(?:on\s+|the\s+)?$/.test(
        s.slice(shift.end, base.index),
      )
    )
      return { ...out, date };
    if (!date) {
      // "we land on jan 8 and want the party the day after": from the day said before it; "is
      // dec 12 free, or else the saturday after?": the first day asked.
      // Only a day said in full: a bare weekday ("monday") is read against the day under
      // discussion by the conversation, and so is the shift then.
      const full = (f: Found | undefined) =>
        f?.result.date && f.result.weekdayOnly === undefined && !f.result.monthDay ? f : undefined;
      const before = full(dateIn(mask(s, shift.index, s.length), today, ref));
      if (before?.result.date)
        return {
          ...out,
          date: /\b(?:if not|or|otherwise|else|si no|o)\b/.test(s.slice(before.index, shift.index))
            ? before.result.date
            : shiftDate(before.result.date, shift.shift),
        };
      // "their ceremony is Friday March 12, so the party has to be the day after": from the day
      // said aside, when nothing before the shift names the party's own day.
      const aside = full(dateIn(mask(blankNotDates(prepared), shift.index, s.length), today, ref));
      if (aside?.result.date) return { ...out, date: shiftDate(aside.result.date, shift.shift) };
    }
    const wd = shift.shift.weekday;
    const fallback =
      date ??
      (wd !== undefined && !shift.shift.before && shift.shift.weeks === undefined
        ? nextWeekday(today, wd, true)
        : undefined);
    return { ...out, shift: shift.shift, ...(fallback ? { date: fallback } : {}) };
  }
  const found = dateIn(s, today, ref);
  return found ? { ...out, ...found.result } : out;
}

/** The date `s` names, the first of the readers' in their order of trust. */
function dateIn(text: string, today: string, ref: Date): Found | undefined {
  // A time blanked after the day ("the 27th of february at 6") leaves spaces, not an end.
  const s = text.replace(/[\s.,;:!?]+$/, "");
  const found: Found[] = [];
  for (const reader of [
    holiday,
    weekend,
    relativeWeekday,
    nthWeekdayOfMonth,
    dayAfterTomorrow,
    weekdayAndDay,
    weekdayOfWeek,
  ]) {
    const f = reader(s, today);
    if (f) found.push(f);
  }
  const explicit = found.sort((a, b) => a.index - b.index)[0];
  if (explicit) return explicit;

  // Spans blanked by earlier readers leave runs of spaces, which chrono may read across
  // ("the 15th of december          , ok" is a month alone to it): each run keeps its length
  // but not its emptiness.
  const c = s.replace(/ {3,}/g, (m) => ` ${"\u00b7".repeat(m.length - 2)} `);
  const en = casualEn.parse(c, ref, { forwardDate: true });
  const enDay = chronoDate(
    en.filter((r) => r.start.isCertain("day")),
    s,
    today,
    false,
  );
  const dom = dayOfMonth(s, today);
  if (enDay && !(dom && dom.index < enDay.index)) return enDay;
  if (dom) return dom;
  const es = casualEs.parse(c, ref, { forwardDate: true });
  const esDay = chronoDate(
    es.filter((r) => r.start.isCertain("day")),
    s,
    today,
    true,
  );
  if (esDay) return esDay;
  const range = monthRange(s, today);
  if (range) return range;
  return chronoDate(
    [...en, ...es].filter((r) => r.start.isCertain("weekday")),
    s,
    today,
    false,
  );
}

interface TimeFound {
  minute: number;
  spans: [number, number][];
}

/** "at 6" for a dinner party is 6 pm: hours 1-9 without am/pm are evening. */
function evening(h: number, meridiemKnown: boolean): number {
  return !meridiemKnown && h >= 1 && h <= 9 ? h + 12 : h;
}

const NUM_HOUR = `(\\d{1,2}|${NUMBER_WORD_RE})`;

/** What may not follow a number that is a time: a count, a date, a duration, money. */
const NOT_A_TIME_AFTER =
  "(?![\\d/%$]|\\s*(?:people|ppl|guests|persons|pax|folks|adults?|kids?|children|of us|personas|invitados|ni[ñn]os|adultos|days?|weeks?|hours?|hrs?|mins?|minutes?|dollars|bucks|d[ií]as|semanas|horas)\\b)";

/** "5 or 6 both fine, let's say 6", "ideally 7": the time settled on, over any said before it. */
const SETTLED = new RegExp(
  `\\b(?:let'?s say|lets say|let'?s do|lets do|let'?s go with|lets go with|go with|we'?ll (?:do|go with)|settle on|ideally|preferably|digamos|que sea a las|mejor a las)\\s+(?:at\\s+|around\\s+|like\\s+)?(\\d{1,2})(?::([0-5]\\d))?\\s*(am|pm|a\\.m\\.?|p\\.m\\.?)?\\b${NOT_A_TIME_AFTER}`,
  "g",
);

/** "evening, 6 would be ideal", "dinner time around 7", "tarde, 5": a part of the day, then its hour. */
const DAYPART_HOUR = new RegExp(
  `\\b(?:evening|night|tonight|dinner ?time|dinner|afternoon|tarde|noche)\\b[\\s,:-]*(?:(?:please|pls|plz|ideally|preferably|maybe|probably|at|around|about|like|say|a las|por favor)[\\s,:-]+){0,2}(\\d{1,2})(?::([0-5]\\d))?\\b(?!\\s*(?:am|a\\.m|st|nd|rd|th|de|del|of)\\b)${NOT_A_TIME_AFTER}`,
);

const TAKEN_BACK_TIME =
  /\bnot\s+(?:at\s+)?(noon|midday|\d{1,2}(?::[0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?)\s*(?:,|;|-|\bbut\b)\s*(.*)$/i;

/**
 * Clock times: the time settled on ("let's say 6"), Spanish "a las 7 de la tarde", "5ish", "half
 * past six", an hour after a part of the day ("evening, 6"), then chrono.
 */
export function readTime(s: string, ref: Date): TimeFound | undefined {
  // "not noon, 3 pm please", "not 6 but 7:30": a time taken back is not the time said (attack 5
  // M3); blanked, so the positions of the rest stay.
  s = s.replace(TAKEN_BACK_TIME, (m, _t: string, rest: string) =>
    /\d|noon/i.test(rest) ? " ".repeat(m.length - rest.length) + rest : m,
  );
  let m: RegExpExecArray | null;
  const settled = [...s.matchAll(SETTLED)].at(-1);
  if (settled) {
    const h = Number(settled[1]);
    const min = Number(settled[2] ?? 0);
    const part = settled[3] ?? "";
    const hour = /^p/.test(part) && h < 12 ? h + 12 : /^a/.test(part) ? h % 12 : evening(h, h > 12);
    if ((h <= 12 || settled[2] !== undefined) && hour < 24)
      return {
        minute: hour * 60 + min,
        spans: [[settled.index, settled.index + settled[0].length]],
      };
  }
  // Spanish: "a las 7", "a las 7:30", "a las 8 y media de la noche", "a la 1"
  m =
    /\b(?:a|para|desde|tipo|como a)\s+las?\s+(\d{1,2})(?::(\d{2}))?(\s+y\s+media|\s+y\s+cuarto|\s+menos\s+cuarto)?(?:\s+(?:de|por|en)\s+la\s+(tarde|noche|mañana|manana|madrugada)|\s*(pm|am|p\.m\.|a\.m\.))?/.exec(
      s,
    );
  if (m) {
    let h = Number(m[1]);
    let min = Number(m[2] ?? 0);
    if (m[3]?.includes("media")) min = 30;
    else if (m[3]?.includes("menos")) {
      h -= 1;
      min = 45;
    } else if (m[3]?.includes("cuarto")) min = 15;
    const part = m[4] ?? m[5] ?? "";
    if (/tarde|noche|pm|p\.m\./.test(part) && h < 12) h += 12;
    else if (!/mañana|manana|madrugada|am|a\.m\./.test(part)) h = evening(h, false);
    if (h < 24 && min < 60)
      return { minute: h * 60 + min, spans: [[m.index, m.index + m[0].length]] };
  }
  // "5ish", "around 6-ish", "noonish"
  m = /\b(?:around |about |like |at )?(\d{1,2})(?::(\d{2}))?\s*-?ish\b/.exec(s);
  if (m) {
    const h = evening(Number(m[1]), false);
    if (h < 24)
      return { minute: h * 60 + Number(m[2] ?? 0), spans: [[m.index, m.index + m[0].length]] };
  }
  m = /\bnoon-?ish\b|\bmidday\b|\bmediod[ií]a\b/.exec(s);
  if (m) return { minute: 720, spans: [[m.index, m.index + m[0].length]] };
  // "half past six", "quarter to seven"
  m = new RegExp(
    `\\b(half past|quarter past|quarter to|quarter til|quarter after)\\s+${NUM_HOUR}\\b`,
  ).exec(s);
  if (m) {
    let h = numberOf(m[2]!);
    if (h !== undefined && h >= 1 && h <= 12) {
      let min = m[1] === "half past" ? 30 : 15;
      if (/to|til/.test(m[1]!)) {
        h -= 1;
        min = 45;
      }
      const pm = /\b(?:pm|evening|night|tonight)\b/.test(
        s.slice(m.index + m[0].length, m.index + m[0].length + 20),
      );
      return {
        minute: (pm && h < 12 ? h + 12 : evening(h, false)) * 60 + min,
        spans: [[m.index, m.index + m[0].length]],
      };
    }
  }
  // "at 7 in the evening", "6 at night"
  m =
    /\b(?:at |around |by )?(\d{1,2})(?::(\d{2}))?\s+(?:in the (evening|afternoon|morning)|at night)\b/.exec(
      s,
    );
  if (m) {
    let h = Number(m[1]);
    if (m[3] !== "morning" && h < 12) h += 12;
    if (h < 24)
      return { minute: h * 60 + Number(m[2] ?? 0), spans: [[m.index, m.index + m[0].length]] };
  }
  m = DAYPART_HOUR.exec(s);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) {
    const h = Number(m[1]);
    return {
      minute: (h < 12 ? h + 12 : 12) * 60 + Number(m[2] ?? 0),
      // The hour only: "tonight" still names the day.
      spans: [[m.index + m[0].search(/\d/), m.index + m[0].length]],
    };
  }
  // "around 6", "by 7" (chrono reads only "at 6")
  m =
    /\b(?:around|by|about|like|aprox|approx)\s+(\d{1,2})(?::([0-5]\d))?(?:\s*(am|pm|a\.m\.?|p\.m\.?))?\b(?!\s*(?:people|ppl|guests|persons|pax|folks|adults|kids|children|of us|personas|\/|\d|%))/.exec(
      s,
    );
  if (m && Number(m[1]) <= 12) {
    // "like 7:30pm": the minutes and the am/pm are part of the time.
    const h = Number(m[1]);
    const hour = m[3] ? (/^p/.test(m[3]) ? (h % 12) + 12 : h % 12) : evening(h, false);
    return { minute: hour * 60 + Number(m[2] ?? 0), spans: [] };
  }
  for (const r of casualEn.parse(blankNotDates(s), ref)) {
    const k = r.start;
    if (!k.isCertain("hour") || !isBookingWhen(r, s)) continue;
    if (/^(?:the )?(?:second|now|moment)$/.test(r.text.trim())) continue;
    let h = k.get("hour")!;
    const min = k.get("minute") ?? 0;
    const meridiem = k.isCertain("meridiem") || h === 0 || h >= 13;
    if (!meridiem && /\b(?:tonight|night)\b/.test(r.text) && h < 12) h += 12;
    else h = evening(h, meridiem);
    // Spans of chrono's times are not blanked: "12/12 at 12" still holds its date.
    return { minute: h * 60 + min, spans: [] };
  }
  return undefined;
}

const WEEKDAY_STEMS = ["sun", "mon", "tues", "wednes", "thurs", "fri", "satur"];
const WEEKDAY_STEMS_ES = [
  "domingo",
  "lunes",
  "martes",
  "mi[eé]rcoles",
  "jueves",
  "viernes",
  "s[aá]bado",
];
const ABOUT_DAYS =
  /\b(open|closed?|work|cook|come|do (parties|events|bookings)|take bookings|available|abiert|cerrad|trabaj|cocin|vienen)/;

/**
 * The weekdays a general question asks about (plural: one Sunday is a date, which the frame
 * reads): one ("are you open on Sundays?", "¿trabajan los domingos?"), the weekend
 * ("do you work on weekends?": Saturday and Sunday), weekdays (Monday to Friday), or every day
 * ("what days are you closed?", "which days do you cook?"). Undefined when none is asked.
 */
export function weekdaysAsked(text: string): number[] | undefined {
  const t = text.toLowerCase();
  if (!ABOUT_DAYS.test(t)) return undefined;
  if (/\b(?:weekends|fines de semana)\b/.test(t)) return [6, 0];
  if (/\bweekdays\b|\bentre semana\b/.test(t)) return [1, 2, 3, 4, 5];
  if (/\b(?:what|which) days\b|\bqu[eé] d[ií]as\b/.test(t)) return [0, 1, 2, 3, 4, 5, 6];
  const en = WEEKDAY_STEMS.findIndex((d) => new RegExp(`\\b${d}days\\b`).test(t));
  if (en >= 0) return [en];
  const es = WEEKDAY_STEMS_ES.findIndex((d) => new RegExp(`\\blos ${d}s?\\b`).test(t));
  return es >= 0 ? [es] : undefined;
}
