// The facts a customer reads in a reply, for the benchmark's wrong-hit check (issue 11, point 7a):
// money amounts, dates, weekdays, times, guest/portion counts, ZIP codes, and menu items and
// packages by their names in the catalog (read from the database, never from the assistant's
// code). Two replies to the same question must carry the same facts, however they are worded.
// Written independently of the assistant: no intents, slots, cache keys or its parsers.
import type { Db } from "@myhibachi/db";

/** A catalog entry (menu item or package) as the database has it. */
export interface CatalogName {
  slug: string;
  name: string;
}

/** Names to look for, longest first, each with the catalog name it stands for. */
export interface Vocabulary {
  aliases: { pattern: RegExp; name: string }[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every catalog entry is found by its name, its name without a parenthetical ("Sushi platter
 * (40 pieces)" -> "sushi platter") and its slug read as words ("lobster-tail" -> "lobster tail"),
 * singular or plural. A longer alias wins over a shorter one inside it ("jumbo tiger shrimp" is
 * not also "shrimp").
 */
export function vocabulary(entries: CatalogName[]): Vocabulary {
  const byAlias = new Map<string, string>();
  for (const e of entries) {
    const forms = [e.name, e.name.replace(/\s*\([^)]*\)\s*/g, " "), e.slug.replace(/[-_]+/g, " ")];
    for (const f of forms) {
      const alias = f.toLowerCase().replace(/\s+/g, " ").trim();
      if (alias.length >= 3 && !byAlias.has(alias)) byAlias.set(alias, e.name);
    }
  }
  const aliases = [...byAlias]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([alias, name]) => ({
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}])${alias.split(" ").map(escape).join("[\\s-]+")}(?:s|es)?(?![\\p{L}\\p{N}])`,
        "giu",
      ),
      name,
    }));
  return { aliases };
}

/** The vocabulary of the catalog in `db`: every menu item and package, on sale or not. */
export async function loadVocabulary(db: Db): Promise<Vocabulary> {
  const [items, packages] = await Promise.all([
    db.menuItem.findMany({ select: { slug: true, name: true } }),
    db.package.findMany({ select: { slug: true, name: true } }),
  ]);
  return vocabulary([...items, ...packages]);
}

const MONTHS: [RegExp, number][] = [
  [/^(jan(uary)?|enero)$/, 1],
  [/^(feb(ruary)?|febrero)$/, 2],
  [/^(mar(ch)?|marzo)$/, 3],
  [/^(apr(il)?|abril)$/, 4],
  [/^(may|mayo)$/, 5],
  [/^(jun(e)?|junio)$/, 6],
  [/^(jul(y)?|julio)$/, 7],
  [/^(aug(ust)?|agosto)$/, 8],
  [/^(sept?(ember)?|septiembre|setiembre)$/, 9],
  [/^(oct(ober)?|octubre)$/, 10],
  [/^(nov(ember)?|noviembre)$/, 11],
  [/^(dec(ember)?|diciembre)$/, 12],
];
const MONTH_WORD =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";
const MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const WEEKDAYS: [RegExp, string][] = [
  [/^(sunday|domingo)/, "Sunday"],
  [/^(monday|lunes)/, "Monday"],
  [/^(tuesday|martes)/, "Tuesday"],
  [/^(wednesday|mi[eé]rcoles)/, "Wednesday"],
  [/^(thursday|jueves)/, "Thursday"],
  [/^(friday|viernes)/, "Friday"],
  [/^(saturday|s[aá]bado)/, "Saturday"],
];
const NUMBER_WORDS: Record<string, number> = {
  ...Object.fromEntries(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
      .split(" ")
      .map((w, i) => [w, i + 1]),
  ),
  thirty: 30,
  forty: 40,
  fifty: 50,
  dozen: 12,
  "a dozen": 12,
};
const NUM = `(\\d+|a dozen|${Object.keys(NUMBER_WORDS).join("|")})`;
const numberOf = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);
const UNITS: [string, string][] = [
  ["adults", "adults?|adultos?|grown-?ups"],
  ["children", "kids?|children|child|ni[ñn][oa]s?|menores"],
  ["guests", "guests?|people|persons?|ppl|pax|folks|personas?|invitados?|comensales"],
  ["portions", "portions?|servings?|upgrades?|porci[oó]n(?:es)?"],
];
/** Not a party size: "for 2 hours", "for 48 hours' notice", "for 20%". */
const NOT_A_PARTY =
  "(?!\\s*(?:hours?|hrs?|h\\b|minutes?|mins?|days?|weeks?|months?|years?|miles?|mi\\b|%|[:/.,]\\d|am\\b|pm\\b|a\\.m|p\\.m|\\d))";

const money = (cents: number) => {
  const d = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `$${d}.${String(cents % 100).padStart(2, "0")}`;
};
const clock = (minutes: number) => {
  const h = Math.floor(minutes / 60) % 24;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(minutes % 60).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
};
const date = (month: number, day: number) =>
  month >= 1 && month <= 12 && day >= 1 && day <= 31
    ? `date ${MONTH_NAMES[month - 1]} ${day}`
    : null;
const monthOf = (word: string) =>
  MONTHS.find(([re]) => re.test(word.toLowerCase().replace(/\.$/, "")))?.[1] ?? 0;

/**
 * The facts in `text`, as a set of normalised strings ("$1,234.56", "date Dec 12", "Saturday",
 * "5:00 PM", "20 guests", "4 × Lobster tail", "item Lobster tail", "ZIP 95125"). Each character
 * belongs to one fact at most: a menu name first, then money, dates, times, ZIPs and counts.
 */
export function factsOf(text: string, vocab: Vocabulary): Set<string> {
  const facts = new Set<string>();
  const taken = new Uint8Array(text.length);
  const free = (start: number, end: number) => !taken.subarray(start, end).some((x) => x);
  const scan = (re: RegExp, fact: (m: RegExpExecArray) => string | null) => {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const f = fact(m);
      if (f === null) continue;
      facts.add(f);
      taken.fill(1, start, end);
    }
  };

  // Menu items and packages, with a count in front when there is one ("4 lobster tails").
  for (const a of vocab.aliases)
    scan(a.pattern, (m) => {
      const lead = text.slice(Math.max(0, m.index - 12), m.index);
      const count = new RegExp(`(?<![$\\d.,:/])\\b${NUM}\\s+$`, "i").exec(lead);
      if (count && free(m.index - count[0].length, m.index)) {
        facts.add(`${numberOf(count[1]!)} × ${a.name}`);
        taken.fill(1, m.index - count[0].length, m.index);
      }
      return `item ${a.name}`;
    });

  // Money: "$1,234.56", "$60", "60 dollars".
  scan(/(?:US)?\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?/g, (m) =>
    money(Number(m[1]!.replaceAll(",", "")) * 100 + Number((m[2] ?? "0").padEnd(2, "0"))),
  );
  scan(/\b(\d+)(?:\.(\d{2}))?\s*(?:dollars|bucks|d[oó]lares)\b/gi, (m) =>
    money(Number(m[1]) * 100 + Number(m[2] ?? 0)),
  );

  // Dates: ISO, US numeric (12/19, 12/19/2026), "Dec 12th", "December 12", "12 de diciembre".
  scan(/\b\d{4}-(\d{2})-(\d{2})\b/g, (m) => date(Number(m[1]), Number(m[2])));
  scan(/\b(\d{1,2})\/(\d{1,2})(?:\/(?:\d{4}|\d{2}))?\b/g, (m) => date(Number(m[1]), Number(m[2])));
  scan(new RegExp(`\\b(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![:\\d])`, "gi"), (m) =>
    date(monthOf(m[1]!), Number(m[2])),
  );
  scan(
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+|de\\s+)?(${MONTH_WORD})\\b`, "gi"),
    (m) => date(monthOf(m[2]!), Number(m[1])),
  );
  // Weekdays, English and Spanish ("Saturday", "saturdays", "sábado").
  scan(
    /(?<![\p{L}])(sunday|monday|tuesday|wednesday|thursday|friday|saturday|domingo|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado)s?(?![\p{L}])/giu,
    (m) => WEEKDAYS.find(([re]) => re.test(m[1]!.toLowerCase()))![1],
  );

  // Times: "5:00 PM", "5pm", "7:30 p.m.", "17:00", "noon".
  scan(/\b(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?/gi, (m) => {
    const h = Number(m[1]);
    if (h < 1 || h > 12) return null;
    return clock(((h % 12) + (m[3]!.toLowerCase() === "p" ? 12 : 0)) * 60 + Number(m[2] ?? 0));
  });
  scan(/\b([01]?\d|2[0-3]):([0-5]\d)\b/g, (m) => clock(Number(m[1]) * 60 + Number(m[2])));
  scan(/\bnoon\b|\bmediod[ií]a\b/gi, () => clock(12 * 60));

  scan(/\b\d{5}\b/g, (m) => `ZIP ${m[0]}`);

  // Counts of people and portions: "20 people", "10 adults and 2 kids", "a party of 15",
  // "for 12?", "4 upgrades".
  for (const [unit, words] of UNITS)
    scan(
      new RegExp(`\\b${NUM}(?:\\s*-\\s*|\\s+)(?:[a-z]+\\s+)?(?:${words})\\b`, "gi"),
      (m) => `${numberOf(m[1]!)} ${unit}`,
    );
  scan(
    new RegExp(`\\b(?:party of|group of|for|para)\\s+${NUM}\\b${NOT_A_PARTY}`, "gi"),
    (m) => `${numberOf(m[1]!)} guests`,
  );
  return facts;
}

/** Facts only in `a` and only in `b`; both empty when the replies agree. */
export function factDiff(a: Set<string>, b: Set<string>): { onlyA: string[]; onlyB: string[] } {
  return {
    onlyA: [...a].filter((f) => !b.has(f)).sort(),
    onlyB: [...b].filter((f) => !a.has(f)).sort(),
  };
}

/** Every dollar amount in a reply, in cents ("$1,039.11" -> 103911, "$60" -> 6000). */
export function centsIn(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\$\s?(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g))
    out.add(Number(m[1]!.replaceAll(",", "")) * 100 + Number(m[2] ?? 0));
  return out;
}
