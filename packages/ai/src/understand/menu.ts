// Finds the menu items and packages a message names, against the LIVE menu (item and package
// names from the catalog), with typo tolerance: one edit (insert, delete, substitute or swap two
// neighbours) on words of five letters or more. The index is plain JSON (it lives in the
// knowledge-base stamp in Redis); the lookup tables built from it are kept per index key, so a
// message costs a tokenisation and a few Map lookups.
import { distance } from "fastest-levenshtein";
import {
  ADULT_WORDS,
  CHILD_WORDS,
  CONNECTORS,
  COUNT_FILLERS,
  FOOD_SYNONYMS,
  GENERIC_MENU_WORDS,
  NUMBER_WORD_RE,
  PEOPLE_WORDS,
  numberOf,
} from "./words";

export interface MenuEntry {
  slug: string;
  /** A package rather than a menu item. */
  pkg?: boolean;
  /** Priced upgrades and extras (a count next to them is an order); included proteins are not. */
  priced?: boolean;
  /** The name's words, lower case, accents and plurals off ("lobster", "tail"). */
  words: string[];
}

export interface MenuIndex {
  /** Changes whenever the names change (the compiled tables are kept per key). */
  key: string;
  entries: MenuEntry[];
  /**
   * Ordinary English words one edit away from a menu word ("steam" ~ "steak", "files" ~ "filet"):
   * never read as that menu word unless another word of the same name stands next to them.
   */
  nearWords: string[];
  /** Active packages by price per adult, the cheapest first ("the cheaper one"). */
  packagesByPrice?: string[];
}

export interface MenuReading {
  /** Slugs of every menu item named, in order of appearance. */
  named: string[];
  /** Priced items asked for with a count, slug -> count. */
  items: Record<string, number>;
  /** Priced items asked for "for everyone" ("lobster for all of them", "todos con langosta"). */
  forEveryone?: string[];
  packageSlug?: string;
  /**
   * A count of people said for a priced dish ("add filet mignon for five people", "upgrade 4
   * people to lobster"): the dish's count (in `items`), never the party's size; the party only
   * while none is known yet ("filet mignon for 10 people on Saturday").
   */
  forPeople?: number;
  /**
   * "filet mignon for 5" with no verb: the dish's count when the party is already known, else
   * the party (the people reader takes "for 5" as the party; the frame decides).
   */
  looseFor?: { slug: string; n: number };
  /** Character spans [start, end) the reading used (counts included), for the other readers. */
  spans: [number, number][];
}

export function stripAccents(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** Plural to singular for matching ("tails" -> "tail", "gyozas" -> "gyoza"). */
export function stem(w: string): string {
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(?:ch|sh|x|ss)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us"))
    return w.slice(0, -1);
  return w;
}

/** A word as the matcher compares it: synonyms first (on the raw and the singular), then stem. */
function canonical(raw: string): string {
  const lower = raw.toLowerCase();
  const syn = FOOD_SYNONYMS[lower] ?? FOOD_SYNONYMS[stripAccents(lower)];
  if (syn) return syn;
  const s = stem(stripAccents(lower));
  return FOOD_SYNONYMS[s] ?? s;
}

function nameWords(name: string): string[] {
  return name
    .replace(/\([^)]*\)/g, " ")
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0)
    .map(canonical)
    .filter((w) => w !== "and" && w !== "of" && w !== "with" && w !== "the");
}

const ASCII_WORD = /^[a-z]+$/;

export interface MenuSource {
  items: readonly { slug: string; name: string; priceCents: number; active: boolean }[];
  packages?: readonly { slug: string; name: string; active?: boolean; adultPriceCents?: number }[];
}

/** True when a and b are one insert, delete, substitution or swap of neighbours apart. */
export function oneEditApart(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (a === b || la - lb > 1 || lb - la > 1) return false;
  // insert or delete: fastest-levenshtein's bit-parallel distance
  if (la !== lb) return distance(a, b) === 1;
  let i = 0;
  while (a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let j = la - 1;
  while (a.charCodeAt(j) === b.charCodeAt(j)) j--;
  // one substitution, or two neighbours swapped
  return i === j || (j === i + 1 && a[i] === b[j] && a[j] === b[i]);
}

/** Per process, per menu vocabulary: a catalog refresh with the same names costs nothing. */
const nearByVocab = new Map<string, string[]>();

/** The dictionary's words (five letters or more) one edit away from a menu word. */
function nearWordsOf(vocab: Set<string>, dictionary: Iterable<string>): string[] {
  // A word one edit away from a menu word shares its first two or its last two letters (both
  // are five letters or more), so only those menu words are compared.
  const head = (w: string) => w.charCodeAt(0) * 65536 + w.charCodeAt(1);
  const tail = (w: string) => -(w.charCodeAt(w.length - 1) * 65536 + w.charCodeAt(w.length - 2));
  const byEnds = new Map<number, string[]>();
  for (const v of vocab)
    if (v.length >= 4)
      for (const k of new Set([head(v), tail(v)])) byEnds.set(k, [...(byEnds.get(k) ?? []), v]);
  const near = new Set<string>();
  for (const w of dictionary) {
    // Typos are only read on words of five letters or more, so only those can be mistaken.
    if (w.length < 5 || w.length > 24 || vocab.has(w)) continue;
    const c = ASCII_WORD.test(w) ? (FOOD_SYNONYMS[w] ?? stem(w)) : canonical(w);
    if (c.length < 5 || vocab.has(c)) continue; // a plural or synonym of a menu word is that word
    const first = byEnds.get(head(c));
    const last = byEnds.get(tail(c));
    if (first?.some((v) => oneEditApart(c, v)) || last?.some((v) => oneEditApart(c, v)))
      near.add(c);
  }
  return [...near].sort();
}

/**
 * The index of the live menu. `dictionary` (ordinary English words) marks the words a typo must
 * not be read from; it is read once per catalog change, never per message.
 */
export function menuIndexOf(source: MenuSource, dictionary: Iterable<string> = []): MenuIndex {
  const entries: MenuEntry[] = [
    ...source.items
      .filter((i) => i.active)
      .map((i) => ({
        slug: i.slug,
        ...(i.priceCents > 0 ? { priced: true } : {}),
        words: nameWords(i.name),
      })),
    ...(source.packages ?? [])
      .filter((p) => p.active !== false)
      .map((p) => ({ slug: p.slug, pkg: true, words: [...new Set([...nameWords(p.name)])] })),
  ].filter((e) => e.words.length > 0);
  const vocab = new Set(entries.flatMap((e) => e.words));
  const vocabKey = [...vocab].sort().join(" ");
  let near = nearByVocab.get(vocabKey);
  if (!near) {
    near = nearWordsOf(vocab, dictionary);
    // an empty list (no dictionary) is not kept: the next build may have one
    if (near.length) {
      if (nearByVocab.size > 8) nearByVocab.clear();
      nearByVocab.set(vocabKey, near);
    }
  }
  const packagesByPrice = (source.packages ?? [])
    .filter((p) => p.active !== false && p.adultPriceCents !== undefined)
    .sort((a, b) => a.adultPriceCents! - b.adultPriceCents!)
    .map((p) => p.slug);
  const key = hashKey(JSON.stringify([entries, packagesByPrice]));
  return { key, entries, nearWords: near, packagesByPrice };
}

function hashKey(s: string): string {
  // FNV-1a, 32 bits twice: a cache key for compiled tables, not a security boundary.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

interface Compiled {
  entries: MenuEntry[];
  /** word -> indexes of entries whose name has it */
  byWord: Map<string, number[]>;
  /** words that name one entry on their own */
  keys: Set<string>;
  vocab: string[];
  near: Set<string>;
  /** fuzzy lookups already made (bounded) */
  fuzzy: Map<string, string | null>;
}

const compiledByKey = new Map<string, Compiled>();

function compile(index: MenuIndex): Compiled {
  const hit = compiledByKey.get(index.key);
  if (hit) return hit;
  const byWord = new Map<string, number[]>();
  index.entries.forEach((e, i) => {
    for (const w of new Set(e.words)) byWord.set(w, [...(byWord.get(w) ?? []), i]);
  });
  const keys = new Set<string>();
  for (const [w, list] of byWord) {
    const solo = list.length === 1 || list.some((i) => index.entries[i]!.words.length === 1);
    if (solo && w.length >= 3 && !GENERIC_MENU_WORDS.has(w)) keys.add(w);
  }
  const c: Compiled = {
    entries: index.entries,
    byWord,
    keys,
    vocab: [...byWord.keys()],
    near: new Set(index.nearWords),
    fuzzy: new Map(),
  };
  if (compiledByKey.size > 8) compiledByKey.clear();
  compiledByKey.set(index.key, c);
  return c;
}

interface Token {
  raw: string;
  word: string;
  start: number;
  end: number;
  /** the menu word it stands for (exact, synonym, plural or a typo of it) */
  menu?: string;
  fuzzy?: boolean;
}

const TOKEN_RE = /[\p{L}\d]+(?:['’-][\p{L}]+)*|[&+]/gu;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    out.push({ raw, word: canonical(raw), start: m.index, end: m.index + raw.length });
  }
  return out;
}

function fuzzyWord(c: Compiled, w: string): string | undefined {
  if (w.length < 5 || /\d/.test(w)) return undefined;
  const cached = c.fuzzy.get(w);
  if (cached !== undefined) return cached ?? undefined;
  const hits = c.vocab.filter((v) => v.length >= 4 && oneEditApart(w, v));
  const found = hits.length === 1 ? hits[0]! : null;
  if (c.fuzzy.size > 2000) c.fuzzy.clear();
  c.fuzzy.set(w, found);
  return found ?? undefined;
}

const COUNT_RE = new RegExp(`^(?:\\d{1,3}|${NUMBER_WORD_RE}|a|an|x\\d{1,3}|\\d{1,3}x)$`, "i");

function countOf(raw: string): number | undefined {
  const r = raw.toLowerCase();
  if (r === "a" || r === "an") return 1;
  const x = /^x(\d{1,3})$|^(\d{1,3})x$/.exec(r);
  if (x) return Number(x[1] ?? x[2]);
  return numberOf(r);
}

/** "switch from classic to premium": the package left behind is not the one asked for. */
const LEAVING = /\b(?:from|not|instead of|than|rather than|en vez de|en lugar de|no)\s*$/i;
/** "switch to classic", "let's go with the premium", "cambiar al clásico": the package chosen. */
const TOWARD =
  /\b(?:switch(?:ing)?|chang(?:e|ing)|go(?:ing)?|mov(?:e|ing)|downgrad(?:e|ing)|upgrad(?:e|ing)|make it|let'?s do|we'?ll (?:take|do)|cambia(?:r|mos)?|mejor)\s+(?:(?:it|us|that|back|over)\s+)?(?:to|with|a|al|por|para)?\s*(?:the|el|la)?\s*$/i;

/** Every menu item and package the text names, with the counts asked for. */
export function readMenu(text: string, index: MenuIndex | undefined): MenuReading {
  const reading: MenuReading = { named: [], items: {}, spans: [] };
  if (!index?.entries?.length) return reading;
  const c = compile(index);
  const tokens = tokenize(text);
  for (const t of tokens) {
    if (c.byWord.has(t.word)) t.menu = t.word;
    else {
      const f = c.near.has(t.word) ? undefined : fuzzyWord(c, t.word);
      if (f) {
        t.menu = f;
        t.fuzzy = true;
      }
    }
  }
  // Ordinary words near a menu word count only next to another word of the same name
  // ("fillet mignon"), never alone ("steam the veggies").
  tokens.forEach((t, i) => {
    if (t.menu || !c.near.has(t.word) || t.word.length < 5) return;
    const candidates = c.vocab.filter((v) => oneEditApart(t.word, v));
    for (const v of candidates) {
      const owners = c.byWord.get(v) ?? [];
      const neighbour = [tokens[i - 1], tokens[i + 1]].some(
        (n) => n?.menu && !n.fuzzy && owners.some((o) => c.entries[o]!.words.includes(n.menu!)),
      );
      if (neighbour) {
        t.menu = v;
        t.fuzzy = true;
        break;
      }
    }
  });

  // Runs of consecutive menu words; a connector joins two words of one name ("tables and chairs").
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.menu) {
      run.push(t);
      continue;
    }
    const prev = run[run.length - 1];
    const next = tokens[i + 1];
    const between = prev ? text.slice(prev.end, t.start) : "";
    if (
      prev &&
      next?.menu &&
      CONNECTORS.has(t.word) &&
      !/[,;.!?]/.test(between) &&
      c.entries.some((e) => e.words.includes(prev.menu!) && e.words.includes(next.menu!))
    )
      continue; // "tables and chairs": one name
    if (run.length) runs.push(run);
    run = [];
  }
  if (run.length) runs.push(run);

  const packages: { slug: string; start: number }[] = [];
  for (const r of runs) {
    const words = new Set(r.map((t) => t.menu!));
    let best: { i: number; covered: number } | undefined;
    const candidates = new Set(r.flatMap((t) => c.byWord.get(t.menu!) ?? []));
    for (const i of candidates) {
      const e = c.entries[i]!;
      const covered = e.words.filter((w) => words.has(w)).length;
      const hasKey = e.words.some((w) => words.has(w) && c.keys.has(w));
      if (!hasKey && covered < 2) continue;
      if (
        !best ||
        covered > best.covered ||
        (covered === best.covered && e.words.length < c.entries[best.i]!.words.length) ||
        (covered === best.covered &&
          e.words.length === c.entries[best.i]!.words.length &&
          firstIndex(r, e) < firstIndex(r, c.entries[best.i]!))
      )
        best = { i, covered };
    }
    if (!best) continue;
    const e = c.entries[best.i]!;
    const start = r[0]!.start;
    const end = r[r.length - 1]!.end;
    if (e.pkg) {
      packages.push({ slug: e.slug, start });
      reading.spans.push([start, end]);
      continue;
    }
    if (!reading.named.includes(e.slug)) reading.named.push(e.slug);
    const count = countBefore(tokens, tokens.indexOf(r[0]!), text) ?? countAfter(tokens, r, text);
    let who: { n: number; start: number; end: number } | undefined;
    if (count) {
      reading.spans.push([Math.min(count.start, start), Math.max(count.end, end)]);
      if (e.priced && count.n > 0 && count.n <= 500) reading.items[e.slug] = count.n;
    } else if (e.priced && (who = peopleFor(text, start, end))) {
      // "filet mignon for five people", "can 5 of us get filet mignon": that many portions.
      reading.spans.push([Math.min(who.start, start), Math.max(who.end, end)]);
      if (who.n <= 500) {
        reading.items[e.slug] = who.n;
        reading.forPeople = who.n;
      }
    } else if (e.priced && (who = forPeopleAfter(text, end))) {
      // "filet mignon for 5": the party or the dish's count, as the frame knows (nothing taken).
      reading.spans.push([start, end]);
      if (who.n <= 500) reading.looseFor = { slug: e.slug, n: who.n };
    } else if (e.priced && REMOVING.test(text.slice(Math.max(0, start - 30), start))) {
      // "remove the spring rolls", "take the edamame off": none of it (0 drops it from the party).
      reading.spans.push([start, end]);
      reading.items[e.slug] = 0;
    } else {
      reading.spans.push([start, end]);
      // "lobster tail for all of them", "everyone upgrades to filet", "todos con langosta".
      const near = text
        .slice(Math.max(0, start - 30), Math.min(text.length, end + 30))
        .toLowerCase();
      if (e.priced && EVERYONE.test(near)) (reading.forEveryone ??= []).push(e.slug);
    }
  }
  const kept = packages.filter(
    (p) => !LEAVING.test(text.slice(Math.max(0, p.start - 14), p.start)),
  );
  let slugs = [...new Set(kept.map((p) => p.slug))];
  // Two named, one chosen: "premium is a bit much, switch to classic".
  if (slugs.length > 1) {
    const chosen = [
      ...new Set(
        kept
          .filter((p) => TOWARD.test(text.slice(Math.max(0, p.start - 30), p.start)))
          .map((p) => p.slug),
      ),
    ];
    if (chosen.length === 1) slugs = chosen;
  }
  if (slugs.length === 1) reading.packageSlug = slugs[0];
  // "premium is a bit much, switch us to the cheaper one": the package by price, whatever was
  // named as the one left behind.
  const byPrice = index?.packagesByPrice ?? [];
  if (byPrice.length >= 2) {
    if (CHEAPER.test(text)) reading.packageSlug = byPrice[0];
    else if (PRICIER.test(text)) reading.packageSlug = byPrice.at(-1);
  }
  return reading;
}

const CHEAP_WORDS =
  "cheaper|cheapest|less expensive|least expensive|more affordable|m[aá]s barat[oa]|m[aá]s econ[oó]mic[oa]";
const PRICEY_WORDS =
  "pricier|fancier|more expensive|most expensive|upgraded|m[aá]s car[oa]|m[aá]s complet[oa]";
// A package chosen by price: "switch us to the cheaper one", "the cheapest package", "el paquete
// más barato"; not a price question ("is it cheaper on weekdays?").
const byPriceRe = (words: string) =>
  new RegExp(
    `\\b(?:switch|go|change|move|downgrade|upgrade|take|do|with|to|cambia\\w*|mejor)\\b[^.?!]{0,20}?\\b(?:${words})\\b|\\b(?:${words})\\s+(?:one|package|option|paquete|opci[oó]n)\\b|\\b(?:paquete|opci[oó]n)\\s+(?:${words})\\b`,
    "i",
  );
const CHEAPER = byPriceRe(CHEAP_WORDS);
const PRICIER = byPriceRe(PRICEY_WORDS);

function firstIndex(run: Token[], e: MenuEntry): number {
  return run.findIndex((t) => e.words.includes(t.menu!));
}

/** Words asking for an item for the whole party. */
/** "remove the", "take off the", "drop the", "no more", "quita los": a dish taken off. */
const REMOVING =
  /\b(?:remove|take (?:off|out|away)|drop|get rid of|cancel|no more|don'?t want|do not want|delete|quita(?:r|me|nos)?|elimina(?:r)?|sin m[aá]s)\s+(?:the\s+|those\s+|that\s+|all\s+the\s+|los\s+|las\s+|el\s+|la\s+)?$/i;

const EVERYONE =
  /\b(for (everyone|everybody|all( of (them|us|the guests))?|each (person|guest|one)|every (person|guest|one)|the whole (party|group))|everyone|everybody|each person|per person|pp|all of them|todos|para todos|cada (uno|persona|invitado))\b/;

const WHO_NUM = `(\\d{1,3}|${NUMBER_WORD_RE})`;
/** "in our group", "from my party": who the counted people are among (a part, not the party). */
const AMONG = `(?:\\s+(?:in|of|from|at)\\s+(?:our|my|the|this|his|her|their)\\s+(?:group|party|family|crowd|bunch|table))?`;
const WHO = `(?:of (?:us|them|you|y'all|our guests|the guests|the group)|(?:${PEOPLE_WORDS}|${ADULT_WORDS}|${CHILD_WORDS})${AMONG})`;
/** "... for five people", "... for 5", "... para 4 personas" right after the dish. */
const FOR_PEOPLE_AFTER = new RegExp(
  `^\\s*(?:for|para)\\s+(?:just\\s+|only\\s+)?${WHO_NUM}(?:\\s+${WHO})?\\b(?!\\s*(?:am|pm|a\\.m|p\\.m|:|o'?clock|th\\b|st\\b|nd\\b|rd\\b|ish|\\d|/|-|dollars|bucks|\\$|%|years?|hours?|hrs?|minutes?))`,
  "i",
);
/** A dish asked for: "add the ...", "can we get ...", "we'd like ...", "upgrade to ...". */
const ORDER_BEFORE =
  /\b(?:add|adding|upgrade|upgrading|get|getting|want|wants|order|ordering|switch|include|throw in|'d like|would like|give|agrega\w*|a[nñ]ad\w*|quiero|queremos)\b[^,.;!?]*$/i;
/** "5 people want the ...", "can 5 of us get ...", "upgrade 4 people to ..." right before it. */
const PEOPLE_BEFORE = [
  new RegExp(
    `\\b${WHO_NUM}\\s+${WHO}\\s+(?:(?:want|wants|would like|'d like|get|gets|getting|will get|will have|to get|to have|are getting|want to get|wanna get|wanna|upgrade|upgrades|upgrading|switch|switching|like|prefer|need|go|going|will|would|to|with)\\s+)+(?:the\\s+|a\\s+|an\\s+|some\\s+)?$`,
    "i",
  ),
  new RegExp(
    `\\b(?:upgrade|switch|give|get|move|bump|put)\\s+${WHO_NUM}\\s+${WHO}\\s+(?:to|with|on)\\s+(?:the\\s+)?$`,
    "i",
  ),
];

/** The people a priced dish is asked for, said right after or right before it. */
/** "for 5", "for five people" right after a dish's name. */
function forPeopleAfter(
  text: string,
  end: number,
): { n: number; start: number; end: number } | undefined {
  const after = FOR_PEOPLE_AFTER.exec(text.slice(end));
  const n = after ? numberOf(after[1]!.toLowerCase()) : undefined;
  return after && n ? { n, start: end, end: end + after[0].length } : undefined;
}

function peopleFor(
  text: string,
  start: number,
  end: number,
): { n: number; start: number; end: number } | undefined {
  // Only when the dish is asked for ("add ...", "can we get ..."): "wagyu for 6 ppl" alone may
  // name the party it is for.
  const asked = ORDER_BEFORE.test(text.slice(Math.max(0, start - 40), start));
  const after = asked ? FOR_PEOPLE_AFTER.exec(text.slice(end)) : null;
  const n = after ? numberOf(after[1]!.toLowerCase()) : undefined;
  if (after && n) return { n, start: end, end: end + after[0].length };
  const from = Math.max(0, start - 60);
  for (const re of PEOPLE_BEFORE) {
    const m = re.exec(text.slice(from, start));
    const k = m ? numberOf(m[1]!.toLowerCase()) : undefined;
    if (m && k) return { n: k, start: from + m.index, end: start };
  }
  return undefined;
}

/** "4 lobster tails", "2 orders of gyoza", "a dozen gyoza": the count right before the name. */
function countBefore(
  tokens: Token[],
  at: number,
  text: string,
): { n: number; start: number; end: number } | undefined {
  let j = at - 1;
  let fillers = 0;
  while (j >= 0 && COUNT_FILLERS.has(tokens[j]!.raw.toLowerCase()) && fillers < 2) {
    j--;
    fillers++;
  }
  if (j < 0) return undefined;
  const t = tokens[j]!;
  // "a dozen", "two dozen": two tokens make one number.
  const prev = tokens[j - 1];
  if (prev && /^dozen$/i.test(t.raw)) {
    const pair = `${prev.raw} ${t.raw}`.toLowerCase();
    const n = numberOf(pair);
    if (n) return { n, start: prev.start, end: tokens[at - 1]!.end };
  }
  if (!COUNT_RE.test(t.raw)) return undefined;
  // a price ("$10 lobster"), a time ("6:30 gyoza") or a date is not a count
  const before = text.slice(Math.max(0, t.start - 1), t.start);
  const after = text.slice(t.end, t.end + 1);
  if (before === "$" || before === "/" || after === ":" || after === "/" || after === "%")
    return undefined;
  const n = countOf(t.raw);
  return n === undefined ? undefined : { n, start: t.start, end: tokens[at - 1]!.end };
}

/** "wagyu x6", "lobster tails x 4". */
function countAfter(
  tokens: Token[],
  run: Token[],
  text: string,
): { n: number; start: number; end: number } | undefined {
  const last = run[run.length - 1]!;
  const k = tokens.indexOf(last);
  const next = tokens[k + 1];
  if (!next) return undefined;
  const m = /^x(\d{1,3})$/i.exec(next.raw);
  if (m) return { n: Number(m[1]), start: run[0]!.start, end: next.end };
  if (/^x$/i.test(next.raw) && /^\d{1,3}$/.test(tokens[k + 2]?.raw ?? "") && text)
    return { n: Number(tokens[k + 2]!.raw), start: run[0]!.start, end: tokens[k + 2]!.end };
  return undefined;
}
