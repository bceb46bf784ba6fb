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
