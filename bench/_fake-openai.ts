// The benchmark's fake model, in its own process (as a real API would be): an OpenAI-compatible
// server on 127.0.0.1 answering after `delayMs`. Prints {"url": ...} once listening.
//
// It answers like a model that does its job: it reads the customer's last message and what the
// system prompt says is known so far, calls the tool the question needs (availability, quote,
// menu, hold, own bookings) with those facts, and its answer restates the question and every
// fact the tools returned (amounts, dates, times, counts, names). So an answer served to another
// question carries that other question's facts, and the wrong-hit check (bench/_wrong-hits.ts)
// can see it.
import { recognize } from "@myhibachi/ai";
import { roughTokens, startFakeOpenAi, type FakeRequest } from "@myhibachi/ai/testing";

const delay = Number(process.argv[2] ?? 500);
const TIME_ZONE = "America/Los_Angeles";

const lastUserIndex = (r: FakeRequest) => r.messages.map((m) => m.role).lastIndexOf("user");

/** "Known so far: guests=12, date="2026-11-28"." in the system prompt, as an object. */
function knownSoFar(system: string): Record<string, unknown> {
  const line = /Known so far: (.*)\.$/m.exec(system)?.[1] ?? "";
  const out: Record<string, unknown> = {};
  for (const m of line.matchAll(/(\w+)=("[^"]*"|-?\d+(?:\.\d+)?|true|false|\[[^\]]*\]|\{[^}]*\})/g))
    out[m[1]!] = JSON.parse(m[2]!);
  return out;
}

/** A tool result as prose: strings as they are, counts with their unit, descriptions left out. */
function prose(v: unknown, key = ""): string[] {
  if (v === null || v === undefined || typeof v === "boolean") return [];
  if (typeof v === "number")
    return [["guests", "adults", "children"].includes(key) ? `${v} ${key}` : `${key} ${v}`];
  if (typeof v === "string") return key === "description" ? [] : [v];
  if (Array.isArray(v)) return v.flatMap((x) => prose(x, key));
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => prose(x, k));
}

type Call = { name: string; arguments: Record<string, unknown> };

/** The tool a model would call for this message, with the facts it has. */
function toolFor(req: FakeRequest, text: string): Call | null {
  const system = req.messages.find((m) => m.role === "system")?.content ?? "";
  const today = /Today is (\d{4}-\d{2}-\d{2})/.exec(system)?.[1];
  const now = today ? new Date(`${today}T18:00:00Z`) : new Date();
  const r = recognize(text, now, TIME_ZONE);
  const k = knownSoFar(system);
  const s = r.slots;
  const when = s.date
    ? { date: s.date }
    : s.from
      ? { from: s.from, to: s.to }
      : k.date
        ? { date: k.date }
        : k.from
          ? { from: k.from, to: k.to }
          : {};
  const guests = s.guests ?? (k.guests as number | undefined);
  const adults = s.guests !== undefined ? s.adults : (k.adults as number | undefined);
  const children = s.guests !== undefined ? s.children : (k.children as number | undefined);
  const postalCode = s.postalCode ?? (k.postalCode as string | undefined);
  const startMinute = s.startMinute ?? (k.startMinute as number | undefined);
  const zip = postalCode ? { postalCode } : {};
  const intents = [r.intent, ...r.also];
  const has = (i: string) => intents.includes(i as (typeof intents)[number]);
  // "95125" after "Book Saturday at 6 pm": a detail for the booking asked for earlier.
  const askedToBook = req.messages
    .slice(0, lastUserIndex(req))
    .some(
      (m) =>
        m.role === "user" &&
        recognize(m.content ?? "", now, TIME_ZONE).intent === "booking_request",
    );
  const addsDetail =
    !!s.date || !!s.from || s.startMinute !== undefined || s.guests !== undefined || !!s.postalCode;
  const booking = has("booking_request") || (askedToBook && addsDetail);
  if (has("booking_status")) return { name: "get_my_bookings", arguments: {} };
  if (booking && "date" in when && startMinute !== undefined && guests && postalCode)
    return {
      name: "create_booking_hold",
      arguments: { date: when.date, startMinute, guests, postalCode },
    };
  if ((has("availability") || booking) && guests)
    return { name: "check_availability", arguments: { ...when, guests, ...zip } };
  if ((has("pricing") || has("kids")) && guests)
    return {
      name: "get_quote",
      arguments: { adults: adults ?? guests, ...(children ? { children } : {}), ...zip },
    };
  if (has("dietary"))
    return { name: "get_menu", arguments: s.diet?.[0] ? { dietary: s.diet[0] } : {} };
  if (has("menu") || has("pricing") || has("kids") || has("included"))
    return { name: "get_menu", arguments: {} };
  return null;
}

const fake = await startFakeOpenAi((req) => {
  // Prompt tokens count the messages and the tool definitions, as OpenAI's do.
  const prompt =
    roughTokens(req.messages.map((m) => m.content ?? "").join("\n")) +
    roughTokens(JSON.stringify(req.tools ?? []));
  const at = lastUserIndex(req);
  const question = req.messages[at]?.content ?? "";
  const results = req.messages.slice(at + 1).filter((m) => m.role === "tool");
  if (!results.length) {
    const call = toolFor(req, question);
    if (call) return { delayMs: delay, toolCalls: [call], usage: { prompt, completion: 25 } };
  }
  const facts = results.flatMap((m) => {
    try {
      return prose(JSON.parse(m.content ?? "null"));
    } catch {
      return [m.content ?? ""];
    }
  });
  const content = `About "${question}": ${facts.length ? facts.join("; ") : "happy to help with that."}`;
  return { delayMs: delay, content, usage: { prompt, completion: roughTokens(content) } };
});
console.log(JSON.stringify({ url: fake.url }));
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
