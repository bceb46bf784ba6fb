// Text Postgres cannot store or that is broken: a NUL character (Postgres rejects it in text
// columns, which used to surface as HTTP 500) or half of a UTF-16 surrogate pair (not valid
// Unicode; it turns into "?" or an error on the way to the database). Checked once for every
// string anywhere in a request's input, keys included, before any procedure sees it. So is a key
// named "__proto__": JavaScript can't keep it as a name (zod and superjson drop it), so a
// protein sent under it would vanish from the order without a word.
import { notOnMenuMessage } from "./party";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 32;

export interface UnsafeText {
  /** Dotted path of the field ("contact.name"), "" for the input itself. */
  path: string;
  problem: "nul" | "surrogate" | "depth" | "proto";
}

function check(s: string): UnsafeText["problem"] | null {
  if (s.includes("\u0000")) return "nul";
  if (LONE_SURROGATE.test(s)) return "surrogate";
  return null;
}

/** The first unsafe string in `value` (a parsed JSON or superjson input), or null. */
export function findUnsafeText(value: unknown, path = "", depth = 0): UnsafeText | null {
  if (typeof value === "string") {
    const problem = check(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (depth > MAX_DEPTH) return { path, problem: "depth" };
  const join = (key: string | number) => (path ? `${path}.${key}` : String(key));
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value instanceof Map
      ? [...value.entries()].flatMap(([k, v]) => [
          ["(key)", k],
          [String(k), v],
        ])
      : value instanceof Set
        ? [...value].map((v, i) => [i, v])
        : Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof key === "string") {
      const problem = check(key);
      if (problem) return { path: join("(key)"), problem };
      if (key === "__proto__") return { path: join(key), problem: "proto" };
    }
    const found = findUnsafeText(v, join(key), depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A message a person can act on. Which field it was (`u.path`) is not in the words: a person
 * reads "The text contains ...", a program reads the path from the error's `fields`.
 */
export function describeUnsafeText(u: UnsafeText): string {
  if (u.problem === "nul")
    return "The text contains an invisible NUL character. Remove it and try again.";
  if (u.problem === "surrogate")
    return "The text contains a broken character (half of an emoji or symbol). Retype it and try again.";
  if (u.problem === "proto") {
    // The proteins or extras of a selection: said as any other name that is not on the menu.
    const parent = u.path.split(".").at(-2);
    return parent === "proteins" || parent === "extras"
      ? notOnMenuMessage(parent, "__proto__")
      : `A field named "__proto__" isn't one we take: leave it out.`;
  }
  return "The request is nested too deeply.";
}

// Characters that change how the text around them is shown without being seen themselves. The
// bidirectional controls (embeddings, overrides, isolates, the direction marks, the Arabic letter
// mark) make text read differently from what is stored: "\u202Eevil" shows as "live". Nothing a
// customer or the owner types in a comment or a subject needs them, so they are refused.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Zero-width and blank-looking characters (zero-width space, joiners, word joiner and the other
// invisible operators, BOM, soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel
// separator, variation selectors, braille blank). Inside words they are harmless (a zero-width
// joiner builds family emoji), but a text made only of them (and spaces) looks empty.
const INVISIBLE_OR_SPACE =
  // eslint-disable-next-line no-misleading-character-class -- each listed alone, on purpose: joiners and combining marks are what this finds
  /[\s\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200D\u2060-\u2064\uFE00-\uFE0F\uFEFF\u3164\uFFA0\u2800]/gu;

export type InvisibleText = "bidi" | "invisible";

/**
 * Why a piece of text someone will read (a public comment, an email subject or text) would read
 * differently from what was typed, or null: a bidirectional control character anywhere ("bidi"),
 * or nothing but invisible characters where something was typed ("invisible": a text of spaces
 * alone is not this: that is "empty", which each form says in its own words).
 */
export function findInvisibleText(s: string): InvisibleText | null {
  if (BIDI_CONTROL.test(s)) return "bidi";
  if (s.trim() !== "" && s.replace(INVISIBLE_OR_SPACE, "") === "") return "invisible";
  return null;
}

/** The sentence for `findInvisibleText`'s answer, naming the field ("comment", "subject"). */
export function describeInvisibleText(problem: InvisibleText, field: string): string {
  return problem === "bidi"
    ? `The ${field} contains an invisible character that changes the direction of the text (such as a right-to-left override), so it would read differently from what was typed. Take it out and try again.`
    : `The ${field} is made only of invisible characters (such as zero-width spaces), so it would look empty. Write it in words.`;
}

/**
 * The text without its bidirectional controls: for showing text stored before they were refused
 * (a comment on /reviews), so it reads as it is stored.
 */
export function withoutBidiControls(s: string): string {
  return s.replace(new RegExp(BIDI_CONTROL.source, "g"), "");
}

/** `findInvisibleText` and `describeInvisibleText` in one: the sentence, or null. */
export function invisibleTextProblem(s: string, field: string): string | null {
  const problem = findInvisibleText(s);
  return problem ? describeInvisibleText(problem, field) : null;
}
