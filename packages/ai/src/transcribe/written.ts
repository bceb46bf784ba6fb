// The local recognizer's words as a person would type them (inverse text normalisation), so a
// spoken message reads in the chat, and to the assistant, like a typed one (and like OpenAI's
// transcripts, which are written this way): "do you have six p m on december nineteenth for
// twelve people" -> "Do you have 6 pm on December 19th for 12 people".
//
//   - counts as digits ("twenty five" -> "25"); "one" stays a word unless people follow it;
//   - clock times: "six p m" -> "6 pm", "five thirty p m" -> "5:30 pm", "at seven thirty" -> "at
//     7:30", "seven o'clock" -> "7 o'clock";
//   - dates: an ordinal after a month or "the" ("december nineteenth", "the twenty sixth of
//     december", "sunday the thirteenth") -> "19th", "26th", "13th" ("the first one" stays);
//   - capitals: the first word, "I", weekdays and months.
// Pure and deterministic (unit tested, written.test.ts).
import { numberWords } from "../speech";
import { ORDINAL_TEENS, UNIT_ORDINALS } from "../understand/when";
import { EN_TENS, EN_UNITS } from "../understand/words";

// The number, ordinal, month and weekday words are the understanding's own (one list each).
const ONES: Record<string, number> = Object.fromEntries(EN_UNITS.map((w, i) => [w, i + 1]));
const TEENS: Record<string, number> = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [numberWords(10 + i), 10 + i]),
);
const TENS: Record<string, number> = Object.fromEntries(EN_TENS.map((w, i) => [w, (i + 2) * 10]));
const ORDINAL_ONES: Record<string, number> = Object.fromEntries(
  UNIT_ORDINALS.map((w, i) => [w, i + 1]),
);
export const MONTH_WORDS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
export const WEEKDAY_WORDS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];
const MONTHS = new Set(MONTH_WORDS);
const WEEKDAYS = new Set(WEEKDAY_WORDS);
/** Words after "one" that make it a count ("one adult"), not a pronoun ("the first one"). */
const COUNTED = /^(people|persons?|guests?|adults?|kids?|child(ren)?|chefs?|hours?|table|more)$/;
/** Words after "the <ordinal>" that make it "the first one", not a date. */
const NOT_A_DATE =
  /^(one|ones|time|times|person|chef|place|week|weekend|thing|option|slot|package)$/;
/** Words before a bare number that make it a clock time. */
const CLOCK_BEFORE = /^(at|around|by|from|until|til|till|before|after)$/;

/** A number said at `i` (1..99): its value and how many words it took. */
function cardinalAt(w: readonly string[], i: number): [number, number] | null {
  const a = w[i];
  if (!a) return null;
  if (a in TENS) {
    const b = w[i + 1];
    return b && b in ONES ? [TENS[a]! + ONES[b]!, 2] : [TENS[a]!, 1];
  }
  if (a in TEENS) return [TEENS[a]!, 1];
  if (a in ONES) return [ONES[a]!, 1];
  return null;
}

/** An ordinal said at `i` (1st..31st): its value and how many words it took. */
function ordinalAt(w: readonly string[], i: number): [number, number] | null {
  const a = w[i];
  if (!a) return null;
  if (a in ORDINAL_ONES) return [ORDINAL_ONES[a]!, 1];
  if (a in ORDINAL_TEENS) return [ORDINAL_TEENS[a]!, 1];
  const b = w[i + 1];
  if ((a === "twenty" || a === "thirty") && b && b in ORDINAL_ONES) {
    const n = TENS[a]! + ORDINAL_ONES[b]!;
    return n <= 31 ? [n, 2] : null;
  }
  return null;
}

const suffix = (n: number) =>
  n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");

/** Minutes said after an hour ("thirty", "fifteen", "forty five", "oh five"): value and words. */
function minutesAt(w: readonly string[], i: number): [number, number] | null {
  if (w[i] === "oh") {
    const n = w[i + 1] && w[i + 1]! in ONES ? ONES[w[i + 1]!]! : null;
    return n ? [n, 2] : null;
  }
  const c = cardinalAt(w, i);
  return c && c[0] >= 10 && c[0] <= 59 ? c : null;
}

export function writtenForm(spoken: string): string {
  const w = spoken.toLowerCase().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let i = 0;
  while (i < w.length) {
    const prev = out.at(-1) ?? "";
    // "p m" on its own ("a m" only after a number: "a" is mostly the article).
    if ((w[i] === "p" || (w[i] === "a" && /^\d/.test(prev))) && w[i + 1] === "m") {
      out.push(`${w[i]}m`);
      i += 2;
      continue;
    }
    // Ordinals of dates.
    const ord = ordinalAt(w, i);
    if (ord) {
      const next = w[i + ord[1]] ?? "";
      const dated =
        MONTHS.has(prev) ||
        (prev === "the" && !NOT_A_DATE.test(next)) ||
        MONTHS.has(w[i + ord[1] + 1] ?? "");
      if (dated) {
        out.push(`${ord[0]}${suffix(ord[0])}`);
        i += ord[1];
        continue;
      }
    }
    const num = cardinalAt(w, i);
    if (num) {
      const [n, len] = num;
      const j = i + len;
      // A clock time: an hour, maybe minutes, then "p m" / "a m" / "o'clock", or after "at".
      if (n >= 1 && n <= 12) {
        const mins = minutesAt(w, j);
        const k = mins ? j + mins[1] : j;
        // "p m" (two words, as pocketsphinx says it) or "pm".
        const split = (w[k] === "p" || w[k] === "a") && w[k + 1] === "m";
        const meridiem = split ? `${w[k]}m` : w[k] === "pm" || w[k] === "am" ? w[k]! : null;
        // "five thirty" is a time wherever it is said; "six" only after "at" and the like.
        const counted = COUNTED.test(w[k] ?? "");
        const clock =
          meridiem ||
          w[k] === "o'clock" ||
          (mins && !counted) ||
          (CLOCK_BEFORE.test(prev) && !counted);
        if (clock) {
          out.push(`${n}${mins ? `:${String(mins[0]).padStart(2, "0")}` : ""}`);
          if (meridiem) out.push(meridiem);
          i = meridiem ? k + (split ? 2 : 1) : k;
          continue;
        }
      }
      if (n === 1 && !COUNTED.test(w[j] ?? "")) {
        out.push(w[i]!);
        i++;
        continue;
      }
      out.push(String(n));
      i = j;
      continue;
    }
    out.push(w[i]!);
    i++;
  }
  return out
    .map((t, k) => {
      if (t === "i" || t.startsWith("i'")) return `I${t.slice(1)}`;
      // "may" is a month only before a date ("May 3rd"), else the verb.
      const month = MONTHS.has(t) && (t !== "may" || /^\d/.test(out[k + 1] ?? ""));
      if (month || WEEKDAYS.has(t)) return t[0]!.toUpperCase() + t.slice(1);
      return k === 0 ? t[0]!.toUpperCase() + t.slice(1) : t;
    })
    .join(" ");
}
