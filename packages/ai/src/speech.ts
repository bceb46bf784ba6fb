// The assistant's reply written for the ear (phone calls, issue 17): the same answer as the chat,
// reshaped so a caller can follow it. Pure and deterministic (unit tested, speech.test.ts):
//
//   - short: at most `maxSentences` sentences, and one question at a time (the first question is
//     kept, with what leads to it; later sentences wait for the caller's answer);
//   - times as they are said: "6:00 PM" -> "six p m", "8:30 pm" -> "eight thirty p m";
//   - prices rounded to the dollar ("$612.50" -> "about 613 dollars"): the exact figures go in the
//     text message with the link, never read out to the cent;
//   - no links, markdown, bullets or symbols (a link is "texted", never read);
//   - abbreviated weekdays and months in full ("Sat, Dec 12" -> "Saturday, December 12").
// `spellDigits` reads a phone number back digit by digit, grouped as it is written.

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty"];

/** 0..59 in words ("seven", "forty five"). */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n]!;
  const t = TENS[Math.floor(n / 10)]!;
  return n % 10 ? `${t} ${ONES[n % 10]!}` : t;
}

/**
 * A clock time as said: (18, 0) -> "six p m", (20, 30) -> "eight thirty p m", (9, 5) -> "nine oh
 * five a m", (12, 0) -> "noon".
 */
export function spokenTime(hour24: number, minute: number): string {
  // "twelve p m" is easy to mishear as midnight.
  if (hour24 === 12 && minute === 0) return "noon";
  if (hour24 === 0 && minute === 0) return "midnight";
  const h12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const mm = minute === 0 ? "" : minute < 10 ? ` oh ${ONES[minute]!}` : ` ${numberWords(minute)}`;
  return `${ONES[h12]!}${mm} ${hour24 >= 12 ? "p m" : "a m"}`;
}

const UNOS_ES = [
  "",
  "una",
  "dos",
  "tres",
  "cuatro",
  "cinco",
  "seis",
  "siete",
  "ocho",
  "nueve",
  "diez",
  "once",
  "doce",
];

/**
 * A clock time as said in Spanish, after "a las" / "las": (18, 0) -> "seis de la tarde", (18,
 * 30) -> "seis y media de la tarde", (9, 15) -> "nueve y cuarto de la mañana". Noon is "doce
 * del mediodía".
 */
export function spokenTimeEs(hour24: number, minute: number): string {
  if (hour24 === 12 && minute === 0) return "doce del mediodía";
  const h12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const mm =
    minute === 0 ? "" : minute === 30 ? " y media" : minute === 15 ? " y cuarto" : ` y ${minute}`;
  const part = hour24 < 12 ? "de la mañana" : hour24 < 20 ? "de la tarde" : "de la noche";
  return `${h12 === 1 ? "una" : UNOS_ES[h12]!}${mm} ${part}`;
}

/** Whole dollars, half up, with thousands separators: 61250 -> "613". */
const roundedDollars = (cents: number) => Math.floor((cents + 50) / 100).toLocaleString("en-US");

const WEEKDAYS: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  tues: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  thur: "Thursday",
  thurs: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};
const MONTHS: Record<string, string> = {
  jan: "January",
  feb: "February",
  mar: "March",
  apr: "April",
  jun: "June",
  jul: "July",
  aug: "August",
  sep: "September",
  sept: "September",
  oct: "October",
  nov: "November",
  dec: "December",
};

const URL_RE = /\bhttps?:\/\/[^\s)>\]]+/gi;

/** Sentences of plain text (a sentence ends with . ! or ? followed by a space or the end). */
function sentences(text: string): string[] {
  return (text.match(/[^.!?]+(?:[.!?]+|$)/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z0-9]/.test(s));
}

export interface EarOptions {
  /** Sentences spoken at most (default 3); the question, when there is one, is always kept. */
  maxSentences?: number;
  /** The reply's language: Spanish says times and prices in Spanish (default English). */
  lang?: "en" | "es";
}

export function forTheEar(text: string, opts: EarOptions = {}): string {
  const max = Math.max(1, opts.maxSentences ?? 3);
  const es = opts.lang === "es";
  let t = text
    // Markdown links keep their words; bare links are texted, never read.
    .replace(/\[([^\]]+)\]\((?:[^)]+)\)/g, "$1")
    .replace(URL_RE, "")
    // A line left ending in a colon (its link gone) ends there.
    .replace(/[ \t]*:[ \t]*$/gm, ".")
    // Bullets and numbered list items become sentences.
    .replace(/^\s*(?:[-*\u2022]|\d+[.)])\s+(.*)$/gm, (_, item: string) =>
      /[.!?:]$/.test(item.trim()) ? item : `${item}.`,
    )
    .replace(/[*_`#>|~]+/g, "")
    // A range is said as one: "Mon–Fri 9:00 AM–5:00 PM" -> "Mon to Fri 9:00 AM to 5:00 PM".
    .replace(/(?<=[\p{L}\d.])\u2013(?=[\p{L}\d])/gu, " to ")
    .replace(/[\u2014\u2013]/g, ", ")
    .replace(/\s*\u00b7\s*/g, ", ")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    // Emoji and other pictographs.
    .replace(/[\p{Extended_Pictographic}\uFE0F]/gu, "")
    // Nothing is "below" on the phone: the link is texted.
    .replace(/\b(?:the |a )?(link|button)s? below\b/gi, "the link I'm texting you")
    // An email address as said: "hello@myhibachi.local" -> "hello at myhibachi dot local".
    .replace(
      /\b([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b/g,
      (_, user: string, host: string) =>
        `${user.replace(/\./g, " dot ")} at ${host.replace(/\./g, " dot ")}`,
    )
    // Decimals keep their point (a sentence ends at a full stop): "2.9 mi" -> "2 point 9 miles".
    .replace(/\b(\d+)\.(\d+)\s?mi\b/g, (_, a: string, b: string) => `${a} point ${b} miles`)
    .replace(/\b(\d+)\s?mi\b/g, (_, a: string) => `${a} ${a === "1" ? "mile" : "miles"}`);
  // Prices: "$1,234.56" -> "about 1,235 dollars"; "$600" / "$600.00" -> "600 dollars".
  t = t.replace(
    /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/g,
    (_, whole: string, c?: string) => {
      const cents = Number(whole.replace(/,/g, "")) * 100 + (c ? Number(c.padEnd(2, "0")) : 0);
      const exact = cents % 100 === 0;
      const dollars = roundedDollars(cents);
      if (es) return `${exact ? "" : "unos "}${dollars} ${dollars === "1" ? "dólar" : "dólares"}`;
      return `${exact ? "" : "about "}${dollars} ${dollars === "1" ? "dollar" : "dollars"}`;
    },
  );
  // "4 × Crispy tofu" (a count of a dish) -> "4 Crispy tofu".
  t = t.replace(/\b(\d+) × /g, "$1 ");
  // Other decimals (prices are words by now): "4.5" -> "4 point 5".
  t = t.replace(/\b(\d+)\.(\d+)\b/g, es ? "$1 punto $2" : "$1 point $2");
  // The quote's travel line: the zone's own words in it (city, miles, zone name, one inside the
  // other) are for the eye, in the text message, never read out. With no fee it is "no travel
  // fee"; a fee is said alone ("travel 50 dollars"). Priced before a ZIP was given, the zone
  // shown is our local one: the fee is said to depend on the ZIP.
  t = t.replace(
    /\b(travel|viaje) ((?:about )?\d[\d,]*) dollars? \(((?:[^()]|\([^()]*\))*)\)/gi,
    (whole: string, word: string, amount: string, inside: string) => {
      const es = word.toLowerCase() === "viaje";
      const none = amount === "0";
      const dollars = `${amount} ${amount === "1" ? "dollar" : "dollars"}`;
      if (inside.includes("("))
        return none ? (es ? "sin costo de viaje" : "no travel fee") : `${word} ${dollars}`;
      if (!/depends on the ZIP/i.test(inside)) return whole;
      // Priced for one ZIP of a city that spans zones: the fee said is that ZIP's.
      const shown = /shown for (\d{5})\b/.exec(inside)?.[1];
      if (shown)
        return `a travel fee that depends on your ZIP code, ${none ? "none" : dollars} for ${shown}`;
      return es
        ? `un costo de viaje que depende del código postal, ${none ? "sin costo" : dollars} en nuestra zona local`
        : `a travel fee that depends on your ZIP code, ${none ? "none" : dollars} in our local zone`;
    },
  );
  // "travel fee 0 dollars" -> "no travel fee".
  t = t.replace(/\b((?:[a-z]+ )?fee):? (?:0|zero) dollars\b/gi, "no $1");
  // A long list of times is too much to hold in the ear: the first three (in the order written,
  // so "the second one" is the same time on the phone as in the chat) and the last (the range);
  // any time of the list can still be asked for.
  const TIME = String.raw`(?:1[0-2]|0?[1-9])(?::[0-5]\d)?\s*(?:[AaPp]\.\s?[Mm]\.|[AaPp]\s?[Mm]\b)`;
  t = t.replace(
    new RegExp(String.raw`${TIME}(?:,\s*${TIME})+(?:,?\s+(?:and|or)\s+${TIME})?`, "g"),
    (list: string) => {
      const times = list.match(new RegExp(TIME, "g")) ?? [];
      if (times.length <= 4) return list;
      const [a, b, c] = times.map((x) => x.trim());
      return es
        ? `${a}, ${b}, ${c} y otras hasta las ${times.at(-1)!.trim()}`
        : `${a}, ${b}, ${c} and others up to ${times.at(-1)!.trim()}`;
    },
  );
  // Times: "6:00 PM", "6 pm", "6:30p.m.", "18:00" is left alone (we never write it).
  t = t.replace(
    /\b(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*(?:([AaPp])\.\s?[Mm]\.|([AaPp])\s?[Mm]\b)/g,
    (match: string, h: string, m: string | undefined, dotted?: string, plain?: string, ...rest) => {
      const ap = (dotted ?? plain ?? "a").toLowerCase();
      const hour = (Number(h) % 12) + (ap === "p" ? 12 : 0);
      // "p.m." at the end of a sentence was also its full stop.
      const at = rest[0] as number;
      const after = (rest[1] as string).slice(at + match.length);
      const ends = dotted !== undefined && (/^\s*$/.test(after) || /^\s+[A-Z]/.test(after));
      const said = es ? spokenTimeEs(hour, m ? Number(m) : 0) : spokenTime(hour, m ? Number(m) : 0);
      return `${said}${ends ? "." : ""}`;
    },
  );
  // A booking code is spelled (after the times: "HB-2BB9PM" is no "nine p m"): "HB-NEB3PB" -> "H B, N E B 3 P B".
  t = t.replace(
    /\b([A-Z]{2})-([A-Z0-9]{4,10})\b/g,
    (_, a: string, b: string) => `${a.split("").join(" ")}, ${b.split("").join(" ")}`,
  );
  // "Sat, Dec 12" -> "Saturday, December 12".
  t = t.replace(
    /\b(Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?(?=,|\s)/g,
    (w: string) => WEEKDAYS[w.toLowerCase().replace(".", "")] ?? w,
  );
  t = t.replace(
    /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?=\s+\d)/g,
    (w: string) => MONTHS[w.toLowerCase().replace(".", "")] ?? w,
  );
  // Lines become sentences; spaces collapse; punctuation left dangling by removed links goes.
  t = t
    .replace(/\s*\n+\s*/g, (m) => (m.includes("\n\n") ? ". " : " "))
    .replace(/\(\s*\)/g, "")
    .replace(/\s+([,.!?:;])/g, "$1")
    .replace(/:\s*([.!?]|$)/g, "$1")
    .replace(/([.!?]){2,}/g, "$1")
    .replace(/,\s*([.!?])/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
  // "Done! I'm holding ...": one sentence, so the hold's details all fit in the ones said; the
  // link's use is said by the call when it texts it.
  t = t
    .replace(/^¡?(Done|Listo)! /, "$1, ")
    .replace(/(?<=[.!?]) Use the link I'm texting you to choose your menu[^.!?]*[.!?]/g, "")
    .replace(/(?<=[.!?]) Use el enlace de abajo para escoger su menú[^.!?]*[.!?]/g, "")
    .replace(/\bel enlace de abajo\b/g, "el enlace que le envío por mensaje")
    .replace(/\b(?:los|las) (?:enlaces|botones) de abajo\b/g, "el enlace que le envío por mensaje");
  const all = sentences(t);
  const q = all.findIndex((s) => s.endsWith("?"));
  let kept: string[];
  if (q === -1) kept = all.slice(0, max);
  else if (q < max) kept = all.slice(0, q + 1);
  else kept = [...all.slice(0, max - 1), all[q]!];
  return kept.join(" ");
}

/** A phone number read back digit by digit in its groups: "(408) 555-0199" -> "4 0 8, 5 5 5, 0 1 9 9". */
export function spellDigits(phone: string): string {
  const groups = phone.match(/\d+/g) ?? [];
  const digits = groups.join("");
  // A US number with its country code: "+1 408 ..." reads as the ten digits.
  const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  const parts = ten.length === 10 ? [ten.slice(0, 3), ten.slice(3, 6), ten.slice(6)] : groups;
  return parts.map((g) => g.split("").join(" ")).join(", ");
}

/** Words the speech recognizer should expect: the live menu, numbers, weekdays, months, yes/no. */
export function speechHints(menuWords: string[]): string {
  const fixed = [
    ...Object.values(WEEKDAYS).filter((v, i, a) => a.indexOf(v) === i),
    ...Object.values(MONTHS).filter((v, i, a) => a.indexOf(v) === i),
    "May",
    "today",
    "tomorrow",
    "this weekend",
    "next week",
    ...ONES.slice(1),
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "guests",
    "adults",
    "kids",
    "p m",
    "a m",
    "hold it",
    "book it",
    "yes",
    "no",
    "talk to a person",
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of [...menuWords, ...fixed]) {
    const clean = w.replace(/[,\n]/g, " ").replace(/\s+/g, " ").trim().slice(0, 100);
    const k = clean.toLowerCase();
    if (!clean || seen.has(k)) continue;
    seen.add(k);
    out.push(clean);
  }
  // Twilio takes a comma-separated list; keep it well under its limits.
  return out.slice(0, 450).join(", ");
}

/**
 * A chat reply as a text message: the chat's page words ("right here in this chat, keep this page
 * open") become the text thread's. Prices and links stay exact.
 */
export function forTheText(reply: string): string {
  return reply
    .replace(/right here in this chat, so keep this page open\./g, "right here by text.")
    .replace(/right here in this chat/g, "right here by text")
    .replace(
      /aquí mismo en este chat; mantenga esta página abierta\./g,
      "aquí mismo por mensaje de texto.",
    )
    .replace(/aquí mismo en este chat/g, "aquí mismo por mensaje de texto")
    .replace(/\beven if you leave this page\b/g, "even if this thread goes quiet")
    .replace(/\baunque salga de esta página\b/g, "aunque no conteste por aquí");
}
