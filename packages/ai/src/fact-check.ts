// The safety net under a model's reply: before it is sent, every money amount, date, clock time
// and menu item in it is checked against what the turn's tools returned and the live catalog.
// A figure nothing in the tools, the menu or the conversation backs is a problem, and so is a
// price said right after an item or package that is not that item's price (nor a figure a tool
// gave for it), a weekday that is not the date's weekday, or an item that is off the menu. The
// checker knows no menu words of its own: every name and price comes from the catalog. A reply
// that shows the machinery instead of plain words (a field name like startMinute or
// price_cents, an id, raw JSON, key=value) is a problem too: customers read times, prices,
// dates and booking codes (HB-7K2QXA), never our fields and ids. Links and email addresses are
// what customers use, so ids inside them are theirs to see.
import type { Catalog, CatalogItem, CatalogPackage } from "@myhibachi/core";
import {
  addDays,
  formatCents,
  formatLocalDate,
  formatMinutes,
  weekdayOf,
  zonedParts,
} from "@myhibachi/shared";
import type { Memory } from "./providers/types";

export interface Evidence {
  catalog: Catalog;
  now: Date;
  /** The data of every tool result the model saw this turn, as it was sent to it. */
  toolData: unknown[];
  /** What the conversation knows: frames before and after the turn, the message's own slots. */
  frames: Partial<Memory>[];
  /** The deposit is paid online; otherwise there is no deposit to speak of. */
  payOnline?: boolean;
}

export interface Problem {
  kind: "money" | "date" | "weekday" | "time" | "item" | "internal";
  /** The words of the reply that are wrong. */
  said: string;
  /** What is right, told to the model in the repair round. */
  fix: string;
}

// ---- reading the reply ----------------------------------------------------------------------

interface Found<T> {
  value: T;
  at: number;
  text: string;
}

const MONEY_RE =
  /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?\s?(?:dollars|d[oó]lares|usd)\b/gi;

/** Money amounts in a text, in cents; `whole` when said without cents ("$80"). */
export function moneyIn(text: string): Found<{ cents: number; whole: boolean }>[] {
  const out: Found<{ cents: number; whole: boolean }>[] = [];
  for (const m of text.matchAll(MONEY_RE)) {
    const dollars = (m[1] ?? m[3])!.replace(/,/g, "");
    const cents = m[2] ?? m[4];
    out.push({
      value: {
        cents: Number(dollars) * 100 + (cents ? Number(cents.padEnd(2, "0")) : 0),
        whole: !cents,
      },
      at: m.index,
      text: m[0].trim(),
    });
  }
  return out;
}

const MONTHS: [RegExp, number][] = [
  [/^(jan(uary)?|enero)$/, 1],
  [/^(feb(ruary)?|febrero)$/, 2],
  [/^(mar(ch)?|marzo)$/, 3],
  [/^(apr(il)?|abril)$/, 4],
  [/^(may|mayo)$/, 5],
  [/^(june?|junio)$/, 6],
  [/^(july?|julio)$/, 7],
  [/^(aug(ust)?|agosto)$/, 8],
  [/^(sep(t(ember)?)?|septiembre|setiembre)$/, 9],
  [/^(oct(ober)?|octubre)$/, 10],
  [/^(nov(ember)?|noviembre)$/, 11],
  [/^(dec(ember)?|diciembre)$/, 12],
];
const MONTH_WORD =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const MES_WORD =
  "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";
const DATE_RES: { re: RegExp; parts: (m: RegExpMatchArray) => [string, string, string?] }[] = [
  { re: /\b(20\d{2})-(\d{2})-(\d{2})\b/g, parts: (m) => [m[2]!, m[3]!, m[1]] },
  {
    re: new RegExp(
      `\\b(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(20\\d{2}))?`,
      "gi",
    ),
    parts: (m) => [m[1]!, m[2]!, m[3]],
  },
  {
    re: new RegExp(
      `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_WORD})\\b(?:,?\\s+(20\\d{2}))?`,
      "gi",
    ),
    parts: (m) => [m[2]!, m[1]!, m[3]],
  },
  {
    re: new RegExp(
      `\\b(\\d{1,2})\\s+de\\s+(${MES_WORD})\\b(?:\\s+(?:de|del)\\s+(20\\d{2}))?`,
      "gi",
    ),
    parts: (m) => [m[2]!, m[1]!, m[3]],
  },
];

const WEEKDAY_WORDS: [RegExp, number][] = [
  [/^(sun(day)?|domingo)$/, 0],
  [/^(mon(day)?|lunes)$/, 1],
  [/^(tue(s(day)?)?|martes)$/, 2],
  [/^(wed(nesday)?|mi[ée]rcoles)$/, 3],
  [/^(thu(r(s(day)?)?)?|jueves)$/, 4],
  [/^(fri(day)?|viernes)$/, 5],
  [/^(sat(urday)?|s[áa]bado)$/, 6],
];
const WEEKDAY_BEFORE =
  /\b(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|domingo|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado)\.?,?\s+(?:the\s+|el\s+)?$/i;

const pad = (n: number) => String(n).padStart(2, "0");

/** A real YYYY-MM-DD, or null ("February 30"). */
function realDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? `${year}-${pad(month)}-${pad(day)}`
    : null;
}

export interface SaidDate {
  /** YYYY-MM-DD, or null when the words name no real date. */
  date: string | null;
  /** The weekday said right before the date ("Saturday, December 12"), if any. */
  weekday?: number;
}

/** Dates in a text. Without a year: the next one from about a month ago on. */
export function datesIn(text: string, today: string): Found<SaidDate>[] {
  const out: Found<SaidDate>[] = [];
  const taken: [number, number][] = [];
  for (const { re, parts } of DATE_RES)
    for (const m of text.matchAll(re)) {
      const at = m.index;
      if (taken.some(([a, b]) => at < b && at + m[0].length > a)) continue;
      taken.push([at, at + m[0].length]);
      const [mon, day, yr] = parts(m);
      const month = /^\d+$/.test(mon)
        ? Number(mon)
        : MONTHS.find(([r]) => r.test(mon.toLowerCase()))![1];
      let year = yr ? Number(yr) : Number(today.slice(0, 4));
      let date = realDate(year, month, Number(day));
      if (!yr && date && date < addDays(today, -31)) {
        year += 1;
        date = realDate(year, month, Number(day));
      }
      const before = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, at - 16), at));
      const weekday = before
        ? WEEKDAY_WORDS.find(([r]) => r.test(before[1]!.toLowerCase()))?.[1]
        : undefined;
      out.push({ value: { date, ...(weekday !== undefined ? { weekday } : {}) }, at, text: m[0] });
    }
  return out.sort((a, b) => a.at - b.at);
}

const TIME_12 = /\b(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?\s?m\b\.?/gi;
const TIME_24 = /\b([01]?\d|2[0-3]):([0-5]\d)\b(?!\s*[ap]\.?\s?m\b)/gi;

/** Clock times in a text, in minutes after midnight. */
export function timesIn(text: string): Found<number>[] {
  const out: Found<number>[] = [];
  for (const m of text.matchAll(TIME_12)) {
    const h = Number(m[1]);
    if (h < 1 || h > 12) continue;
    const minute = Number(m[2] ?? 0);
    const pm = m[3]!.toLowerCase() === "p";
    out.push({ value: ((h % 12) + (pm ? 12 : 0)) * 60 + minute, at: m.index, text: m[0].trim() });
  }
  for (const m of text.matchAll(TIME_24))
    out.push({ value: Number(m[1]) * 60 + Number(m[2]), at: m.index, text: m[0] });
  return out;
}

/** What a customer may see of our machinery: links (with their ids and tokens) and emails. */
const CUSTOMER_FACING = [
  /\bhttps?:\/\/[^\s<>"')\]]+/gi,
  // A site path ("/book/finish/<id>?token=..."), as links are given without a site URL.
  /(?<![\w/.])\/[a-z][\w-]*(?:\/[\w.~%-]+)+\/?(?:\?[^\s<>"')\]]*)?/gi,
  /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g,
];

/** Ways a reply shows internal data instead of plain words, each with what it is. */
const INTERNALS: [RegExp, string][] = [
  [/"[A-Za-z_$][\w$-]*"\s*:/g, "raw JSON"],
  [/\{\s*[A-Za-z_]\w*\s*:/g, "raw JSON"],
  [/\b[A-Za-z_][\w.]*=(?=\S)/g, "a key=value pair"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "an id"],
  // A long run of letters and digits mixed (a cuid, a token, a hash); booking codes are short.
  [/\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{16,}\b/gi, "an id"],
  // Field and tool names: startMinute, holdId, priceCents; price_cents, get_quote, PER_PERSON.
  [/\b[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+\b/g, "a field name"],
  [/\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g, "a field name"],
];

/** Internal field names, ids and raw data shown in a text (links and emails left out). */
export function internalsIn(text: string, keep: string[] = []): Found<string>[] {
  let shown = text;
  const blank = (re: RegExp) => {
    shown = shown.replace(re, (m) => " ".repeat(m.length));
  };
  for (const re of CUSTOMER_FACING) blank(re);
  for (const k of keep.filter((x) => x.length >= 3)) blank(new RegExp(escapeRe(k), "gi"));
  const out: Found<string>[] = [];
  for (const [re, what] of INTERNALS)
    for (const m of shown.matchAll(re)) {
      const at = m.index;
      if (out.some((o) => at < o.at + o.text.length && at + m[0].length > o.at)) continue;
      out.push({ value: what, at, text: m[0].replace(/\s*[:=]$/, "") });
    }
  return out.sort((a, b) => a.at - b.at);
}

// ---- what backs a figure ----------------------------------------------------------------------

/** Every string leaf of a tool result, and every object with its own string fields. */
function walk(
  value: unknown,
  onString: (s: string) => void,
  onObject: (o: Record<string, unknown>) => void,
): void {
  if (typeof value === "string") onString(value);
  else if (Array.isArray(value)) for (const v of value) walk(v, onString, onObject);
  else if (value && typeof value === "object") {
    onObject(value as Record<string, unknown>);
    for (const v of Object.values(value)) walk(v, onString, onObject);
  }
}

type Entity = { name: string; aliases: string[]; units: number[]; active: boolean; per: string };

const aliasesOf = (name: string, slug: string) =>
  [...new Set([name.toLowerCase(), slug.replace(/-/g, " ").toLowerCase()])].filter(
    (a) => a.length >= 3,
  );

function entities(catalog: Catalog): Entity[] {
  const pkg = (p: CatalogPackage): Entity => ({
    name: p.name,
    aliases: aliasesOf(p.name, p.slug),
    units: [p.adultPriceCents, p.childPriceCents],
    active: p.active,
    per: `${formatCents(p.adultPriceCents)} per adult and ${formatCents(p.childPriceCents)} per child`,
  });
  const item = (i: CatalogItem): Entity => ({
    name: i.name,
    aliases: aliasesOf(i.name, i.slug),
    units: [i.priceCents],
    active: i.active,
    per: i.priceCents
      ? `${formatCents(i.priceCents)}${i.pricing === "PER_PERSON" ? " per portion" : ""}`
      : "included at no charge",
  });
  return [...catalog.packages.map(pkg), ...catalog.items.map(item)];
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where the reply names a catalog entity: [start, end, entity], in order, longest name first. */
function mentions(text: string, all: Entity[]): [number, number, Entity][] {
  const found: [number, number, Entity][] = [];
  const lower = text.toLowerCase();
  const byLength = all
    .flatMap((e) => e.aliases.map((a) => [a, e] as const))
    .sort((a, b) => b[0].length - a[0].length);
  for (const [alias, e] of byLength)
    for (const m of lower.matchAll(new RegExp(`\\b${escapeRe(alias)}s?\\b`, "g"))) {
      const a = m.index;
      const b = a + m[0].length;
      if (!found.some(([x, y]) => a < y && b > x)) found.push([a, b, e]);
    }
  return found.sort((a, b) => a[0] - b[0]);
}

const MONEY_LABELS: [RegExp, string[]][] = [
  [/\b(sub-?total|food)\b/i, ["subtotal"]],
  [/\b(total|comes? to|in all|all in|altogether|en total)\b/i, ["total"]],
  [/\bdeposit\b/i, ["deposit"]],
  [/\b(travel|trip|fee)\b/i, ["travelFee"]],
  [/\btax\b/i, ["tax"]],
  [/\b(tip|gratuity)\b/i, ["suggestedGratuity"]],
];

export function checkReply(text: string, ev: Evidence): Problem[] {
  const s = ev.catalog.settings;
  const today = zonedParts(ev.now, s.timeZone).date;
  const problems: Problem[] = [];
  const all = entities(ev.catalog);

  // Machinery instead of words: our own names (business, address, menu) are the customer's.
  const ours = [s.businessName, s.baseAddress, s.phone, s.email, ...all.map((e) => e.name)];
  for (const m of internalsIn(
    text,
    ours.filter((x): x is string => typeof x === "string"),
  ))
    problems.push({
      kind: "internal",
      said: m.text,
      fix: `${m.text} is ${m.value} from the tools, never shown to customers: say it in plain words (a time like 6 pm, a price like $650.00, a date like Saturday, November 28, the booking code) and leave field names, ids and JSON out`,
    });

  // What the tools said, and the objects they said it in.
  const toolStrings: string[] = [];
  const toolObjects: Record<string, unknown>[] = [];
  for (const d of ev.toolData)
    walk(
      d,
      (x) => toolStrings.push(x),
      (o) => toolObjects.push(o),
    );

  // Money: tool figures, catalog prices and settings, and unit prices times the party's counts.
  const counts = new Set<number>();
  for (const f of ev.frames) {
    for (const n of [f.guests, f.adults, f.children]) if (n) counts.add(n);
    for (const n of Object.values(f.items ?? {})) if (n) counts.add(n);
  }
  const money = new Set<number>([0]);
  for (const x of toolStrings) for (const m of moneyIn(x)) money.add(m.value.cents);
  for (const [k, v] of Object.entries(s))
    if (k.endsWith("Cents") && typeof v === "number" && (ev.payOnline || k !== "depositCents"))
      money.add(v);
  for (const z of ev.catalog.zones) money.add(z.feeCents);
  for (const e of all)
    for (const u of e.units) {
      money.add(u);
      for (const n of counts) money.add(u * n);
    }
  const matches = (said: { cents: number; whole: boolean }, allowed: Iterable<number>) => {
    for (const a of allowed)
      if (
        a === said.cents ||
        (said.whole &&
          (Math.round(a / 100) * 100 === said.cents || Math.floor(a / 100) * 100 === said.cents))
      )
        return true;
    return false;
  };
  /** The figure a tool or the settings gave under the label said before an amount. */
  const rightFigure = (before: string): string | null => {
    for (const [re, keys] of MONEY_LABELS) {
      if (!re.test(before)) continue;
      for (const o of toolObjects)
        for (const k of keys)
          if (typeof o[k] === "string" && moneyIn(o[k] as string).length)
            return `the ${k} from the tools is ${o[k] as string}`;
      if (keys.includes("deposit"))
        return ev.payOnline
          ? `the deposit is ${formatCents(s.depositCents)}`
          : "no deposit is taken online: everything is paid at the event";
    }
    if (/\bminimum\b/i.test(before))
      return `the food minimum is ${formatCents(s.partyMinimumCents)}`;
    // No label: the figures of the quote the tools gave, if any.
    const quote = toolObjects.find((o) => typeof o.total === "string");
    if (!quote) return null;
    const figures = Object.entries(quote).filter(
      ([, v]) => typeof v === "string" && /^\$[\d,.]+$/.test(v),
    );
    return `the quote from the tools says ${figures.map(([k, v]) => `${k} ${v as string}`).join(", ")}`;
  };

  const said = moneyIn(text);
  for (const m of said) {
    if (matches(m.value, money)) continue;
    const label = rightFigure(text.slice(Math.max(0, m.at - 40), m.at));
    problems.push({
      kind: "money",
      said: m.text,
      fix: `${m.text} is not a figure from the tools or the menu${label ? `: ${label}` : ""}`,
    });
  }

  // A price said right after an item or package must be that item's price (or a figure a tool
  // gave for it): "Lobster tail is $12" when the menu says $10 is caught even if $12 is some
  // other figure of the turn.
  const named = mentions(text, all);
  named.forEach(([, end, e], i) => {
    if (!e.active)
      problems.push({ kind: "item", said: e.name, fix: `${e.name} is not on our menu now` });
    const stop = Math.min(
      named[i + 1]?.[0] ?? text.length,
      ...[...text.slice(end).matchAll(/[.!?](?=\s|$)|\n/g)].map((x) => end + x.index).slice(0, 1),
    );
    const m = said.find((x) => x.at >= end && x.at < stop);
    if (!m) return;
    const allowed = new Set<number>();
    for (const u of e.units) {
      allowed.add(u);
      for (const n of counts) allowed.add(u * n);
    }
    for (const x of toolStrings)
      if (e.aliases.some((a) => x.toLowerCase().includes(a)))
        for (const y of moneyIn(x)) allowed.add(y.value.cents);
    for (const o of toolObjects)
      if (
        Object.values(o).some(
          (v) => typeof v === "string" && e.aliases.some((a) => v.toLowerCase().includes(a)),
        )
      )
        for (const v of Object.values(o))
          if (typeof v === "string") for (const y of moneyIn(v)) allowed.add(y.value.cents);
    if (!matches(m.value, allowed) && !problems.some((p) => p.said === m.text))
      problems.push({
        kind: "money",
        said: m.text,
        fix: `${e.name} is ${e.per} (the reply says ${m.text})`,
      });
  });

  // Dates: real, with the right weekday, and ones the tools or the conversation gave.
  const dates = new Set<string>([today, addDays(today, 1), addDays(today, s.bookingWindowDays)]);
  const earliest = zonedParts(new Date(ev.now.getTime() + s.minNoticeHours * 3600_000), s.timeZone);
  dates.add(earliest.date);
  const addRange = (from?: unknown, to?: unknown) => {
    if (typeof from !== "string" || typeof to !== "string") return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return;
    for (let d = from, i = 0; d <= to && i < 62; d = addDays(d, 1), i++) dates.add(d);
  };
  for (const x of toolStrings)
    for (const d of datesIn(x, today)) if (d.value.date) dates.add(d.value.date);
  for (const o of toolObjects) addRange(o.from, o.to);
  for (const f of ev.frames) {
    for (const d of [f.date, f.from, f.to, f.hold?.date]) if (d) dates.add(d);
    addRange(f.from, f.to);
  }
  for (const d of datesIn(text, today)) {
    const { date, weekday } = d.value;
    if (!date) {
      problems.push({ kind: "date", said: d.text, fix: `${d.text} is not a real date` });
      continue;
    }
    if (weekday !== undefined && weekdayOf(date) !== weekday) {
      problems.push({
        kind: "weekday",
        said: d.text,
        fix: `${d.text} is a ${formatLocalDate(date, "weekdayDate").split(",")[0]}: say ${formatLocalDate(date, "weekdayDate")}`,
      });
      continue;
    }
    if (!dates.has(date))
      problems.push({
        kind: "date",
        said: d.text,
        fix: `${formatLocalDate(date, "weekdayDate")} is not a date from the tools or the conversation`,
      });
  }

  // Clock times: our start times, the party's, the tools', and when a party from them ends or
  // the chef arrives.
  const starts = new Set<number>(s.slotStartMinutes);
  for (const f of ev.frames)
    for (const m of [f.startMinute, f.hold?.startMinute]) if (m !== undefined) starts.add(m);
  for (const x of toolStrings) for (const t of timesIn(x)) starts.add(t.value);
  for (const o of toolObjects) if (typeof o.startMinute === "number") starts.add(o.startMinute);
  const times = new Set<number>();
  for (const m of starts) {
    times.add(m);
    times.add(m + s.eventDurationMinutes);
    times.add(m - s.travelBufferMinutes);
  }
  for (const t of timesIn(text))
    if (!times.has(t.value))
      problems.push({
        kind: "time",
        said: t.text,
        fix: `${t.text} is not a time from the tools (our start times: ${s.slotStartMinutes.map(formatMinutes).join(", ")})`,
      });
  return problems;
}

/** The repair round's instruction: what disagreed and what is right. */
export function repairInstruction(problems: Problem[]): string {
  return [
    "Fact check before sending: these parts of your reply disagree with the tool results and the menu, or show internal data:",
    ...problems.map((p) => `- ${p.fix}.`),
    "Rewrite the whole reply for the customer with the correct figures. Use only prices, dates, times and menu items from the tool results; call a tool if you need a figure you don't have.",
  ].join("\n");
}
