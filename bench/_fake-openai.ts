// The benchmark's fake model, in its own process (as a real API would be): an OpenAI-compatible
// server on 127.0.0.1 answering after `delayMs`. Prints {"url": ...} once listening.
//
// It stands in for a reasonable but imperfect model, and knows nothing of the assistant's code
// (no classifier, no slot parser, no tool names): it decides from what a request carries, as a
// real model must. Its rules are its own and generic:
// - what the customer said: dates and clock times (chrono-node), counts before people, guests,
//   adults or kids, a 5-digit ZIP, a booking code; plus what the system prompt says is known so
//   far ("Known so far: guests=12, ...") and today's date ("Today is ...");
// - which tool: the words of the message (a few everyday synonyms added: "how much" is a price,
//   "free" is availability, "reserve" is booking) against the words of each tool's name and
//   description, plus how many of the tool's parameters (its JSON schema) it can fill. A tool
//   whose required parameters it can't fill is not called: it asks for them instead. A message
//   that only adds a detail ("95125") carries the topic of the customer's earlier messages;
// - a tool whose description says it records what the customer said gets the message's details;
// - with the tools' results it answers in plain words restating every fact they gave (amounts,
//   dates, times, counts, names, codes), so an answer served to another question carries that
//   other question's facts and the wrong-hit check (bench/_wrong-hits.ts) can see it. It never
//   shows ids or JSON; a field name is told as words ("suggested gratuity: $176.00");
// - when no tool fits it answers from the system prompt (the policies line) or says it doesn't
//   know and gives the phone and email the prompt offers;
// - it answers in Spanish when the customer writes in Spanish (its own phrases; the tools' facts
//   as they come), and reads Spanish dates with chrono-node's Spanish parser;
// - told by the safety net that its reply was wrong (a repair round), it says the same again:
//   the assistant's fallback decides what the customer reads.
import * as chrono from "chrono-node";
import { roughTokens, startFakeOpenAi, type FakeRequest } from "@myhibachi/ai/testing";

const delay = Number(process.argv[2] ?? 500);

type Msg = FakeRequest["messages"][number];
type Json = Record<string, unknown>;
interface ToolDef {
  name: string;
  description: string;
  properties: Record<string, { type?: string | string[]; description?: string }>;
  required: string[];
}

// ---- reading the request ----------------------------------------------------------------------

const lastUserIndex = (msgs: Msg[]) => msgs.map((m) => m.role).lastIndexOf("user");

function toolDefs(req: FakeRequest): ToolDef[] {
  return (req.tools ?? []).map(({ function: f }) => {
    const p = (f.parameters ?? {}) as { properties?: ToolDef["properties"]; required?: string[] };
    return {
      name: f.name,
      description: f.description ?? "",
      properties: p.properties ?? {},
      required: p.required ?? [],
    };
  });
}

/** "Known so far: guests=12, date="2026-11-28"." in the system prompt, as an object. */
function knownSoFar(system: string): Json {
  const line = /Known so far: (.*)\.$/m.exec(system)?.[1] ?? "";
  const out: Json = {};
  for (const m of line.matchAll(
    /(\w+)=("[^"]*"|-?\d+(?:\.\d+)?|true|false|\[[^\]]*\]|\{[^}]*\})/g,
  )) {
    try {
      out[m[1]!] = JSON.parse(m[2]!);
    } catch {
      // a value it can't read is left out, as a model would skim past it
    }
  }
  return out;
}

// ---- what the customer said -------------------------------------------------------------------

interface Said {
  date?: string;
  from?: string;
  to?: string;
  startMinute?: number;
  guests?: number;
  adults?: number;
  children?: number;
  postalCode?: string;
  code?: string;
  diet?: string[];
  /** Words of the message a string parameter's description offers ("classic or premium"). */
  words: string[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (c: chrono.ParsedComponents) =>
  `${c.get("year")}-${pad(c.get("month")!)}-${pad(c.get("day")!)}`;
const DIETS =
  /\b(vegetarians?|vegan|gluten|shellfish|nuts?|peanuts?|dairy|milk|eggs?|soy|sesame|halal|kosher|fish|vegetarian[oa]s?|vegan[oa]s?|mariscos|nueces|l[áa]cteos)\b/gi;
/** The same needs said in Spanish, told in English (the words the tools' descriptions use). */
const DIET_WORDS: Record<string, string> = {
  vegetariano: "vegetarian",
  vegetariana: "vegetarian",
  vegano: "vegan",
  vegana: "vegan",
  mariscos: "shellfish",
  nueces: "nuts",
  lácteos: "dairy",
  lacteos: "dairy",
};

/** The customer writes in Spanish: a model answers in Spanish. */
const spanish = (text: string) =>
  (
    text.match(
      /(?<![\p{L}])(el|la|los|las|del|para|por|con|qué|que|cuánto|cuanto|cuánta|cuántos|hay|tienen|puedo|quiero|somos|personas|adultos|niños|precio|fiesta|reservar|gracias|hola|sí|está|cobran|menú|depósito|sábado|domingo|mañana)(?![\p{L}])/giu,
    ) ?? []
  ).length >= 2 || /[¿¡ñ]/.test(text);

/** Dates, times, counts, ZIP and code in a message, by general rules. */
function readMessage(text: string, today: string | undefined): Said {
  const [y, m, d] = (today ?? new Date().toISOString().slice(0, 10)).split("-").map(Number);
  const ref = new Date(y!, m! - 1, d!, 12, 0, 0);
  const said: Said = { words: text.toLowerCase().match(/[a-z]+/g) ?? [] };
  let rest = text;
  const parser = spanish(text) ? chrono.es : chrono;
  for (const r of parser.parse(text, ref, { forwardDate: true })) {
    if (/\b(hours?|hrs?|minutes?|mins?|years?|old)\b/i.test(r.text)) continue; // a duration or an age
    rest = rest.replace(r.text, " ");
    const s = r.start;
    if (s.isCertain("day") || s.isCertain("weekday") || s.isCertain("month")) {
      if (r.end && (r.end.isCertain("day") || r.end.isCertain("weekday"))) {
        said.from = ymd(s);
        said.to = ymd(r.end);
      } else said.date = ymd(s);
    }
    if (s.isCertain("hour")) {
      let h = s.get("hour")!;
      // "at 6": a party starts in the afternoon or evening.
      if (!s.isCertain("meridiem") && h >= 1 && h <= 10) h += 12;
      said.startMinute = h * 60 + (s.get("minute") ?? 0);
    }
  }
  const zip = /\b(\d{5})\b/.exec(rest);
  if (zip) {
    said.postalCode = zip[1];
    rest = rest.replace(zip[1]!, " ");
  }
  const code = /\b([A-Z]{2,3}-[A-Z0-9]{4,})\b/i.exec(rest);
  if (code) {
    said.code = code[1]!.toUpperCase();
    rest = rest.replace(code[1]!, " ");
  }
  const num = (re: RegExp) => {
    const x = re.exec(rest);
    return x ? Number(x[1]) : undefined;
  };
  const adults = num(/\b(\d{1,3})\s*(?:adults?|grown[- ]?ups?|adultos)\b/i);
  const children = num(/\b(\d{1,3})\s*(?:kids?|children|child|little ones|niñ[oa]s)(?![\p{L}])/iu);
  const total =
    num(/\b(\d{1,3})\s*(?:people|persons?|guests?|pax|ppl|folks|of us|personas|invitados)\b/i) ??
    num(/\bparty of\s*(\d{1,3})\b/i) ??
    num(/\b(?:for|para)\s+(\d{1,3})\b(?!\s*(?:am|pm|[:/$%]))/i);
  if (adults !== undefined) said.adults = adults;
  if (children !== undefined) said.children = children;
  const guests = total ?? (adults !== undefined ? adults + (children ?? 0) : undefined);
  if (guests) said.guests = guests;
  const diet = [...text.matchAll(DIETS)].map((x) => {
    const w = x[1]!.toLowerCase();
    return (
      DIET_WORDS[w] ??
      DIET_WORDS[w.replace(/s$/, "")] ??
      w.replace(/s$/, "").replace(/^nut$/, "nuts")
    );
  });
  if (diet.length) said.diet = [...new Set(diet)];
  return said;
}

const hasDetail = (s: Said) =>
  [s.date, s.from, s.startMinute, s.guests, s.postalCode, s.diet].some((v) => v !== undefined);

// ---- choosing a tool --------------------------------------------------------------------------

const STOP = new Set(
  `a an the and or of to for in on at is are be been it its this that these with your you we
   our us i me do does did can could would will what whats how when where which who any some
   there here from by as if not no yes please about get have has just want like need so too own
   party hibachi chef event customer
   el la los las de del para por con que qué es hay un una y o en al mi su se lo le me te nos sí
   tienen puedo quiero somos fiesta`.split(/\s+/),
);
/** Everyday words for what tool descriptions say in their own words. */
const SYNONYMS: Record<string, string> = {
  much: "price",
  cost: "price",
  charge: "price",
  expensive: "price",
  cheap: "price",
  cheaper: "price",
  pricing: "price",
  total: "price",
  cancellation: "cancel",
  tip: "gratuity",
  tipping: "gratuity",
  rate: "price",
  free: "availability",
  open: "availability",
  openings: "availability",
  slot: "availability",
  slots: "availability",
  available: "availability",
  reserve: "book",
  reservation: "book",
  schedule: "book",
  food: "menu",
  eat: "menu",
  dishes: "menu",
  veggie: "vegetarian",
  vegetarians: "vegetarian",
  human: "person",
  manager: "person",
  someone: "person",
  agent: "person",
  refund: "complain",
  terrible: "complain",
  rude: "complain",
  late: "complain",
  disappointed: "complain",
  unhappy: "complain",
  angry: "complain",
  // The same in Spanish, as a model reads it.
  cuánto: "price",
  cuanto: "price",
  cuesta: "price",
  costo: "price",
  precio: "price",
  cobran: "price",
  disponible: "availability",
  libre: "availability",
  horarios: "availability",
  reservar: "book",
  reserva: "book",
  reservas: "book",
  reservación: "book",
  menú: "menu",
  comida: "menu",
  persona: "person",
  gerente: "person",
  alguien: "person",
  depósito: "deposit",
  deposito: "deposit",
  propina: "gratuity",
  cancelar: "cancel",
  cancelación: "cancel",
  mis: "my",
  adultos: "adult",
  niños: "child",
  kids: "child",
  kid: "child",
  children: "child",
};
const stem = (w: string) => {
  let s = w.toLowerCase().replace(/'s$/, "");
  s = SYNONYMS[s] ?? DIET_WORDS[s] ?? DIET_WORDS[s.replace(/s$/, "")] ?? s;
  if (s.length > 4) s = s.replace(/s$/, "");
  if (s.length > 5) s = s.replace(/(?:ability|able|ment|ing|ed|e)$/, "");
  return s;
};
/** "per person" is a rate, "gluten free" a diet: neither asks for a person or a free time. */
const idioms = (text: string) =>
  text
    .replace(/\bper (?:person|guest|head|adult|child|kid)\b/gi, "price")
    .replace(new RegExp(`(${DIETS.source})[- ]free\\b`, "gi"), "$1");
const stems = (text: string) =>
  new Set(
    (idioms(text).match(/[\p{L}']+/giu) ?? [])
      .map((w) => w.toLowerCase())
      .filter((w) => !STOP.has(w))
      .map(stem),
  );

/** Keyword overlap: a word of the tool's name counts twice, of its description once. */
function overlap(words: Set<string>, t: ToolDef): number {
  const name = stems(t.name.replace(/_/g, " "));
  const desc = stems(t.description);
  let n = 0;
  for (const w of words) n += name.has(w) ? 2 : desc.has(w) ? 1 : 0;
  return n;
}

/** A parameter's value from what was said (the message first, then what is known so far). */
function valueFor(
  name: string,
  prop: ToolDef["properties"][string],
  said: Said,
  known: Json,
  text: string,
): unknown {
  const n = name.toLowerCase();
  const desc = (prop.description ?? "").toLowerCase();
  const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
  const guests = said.guests ?? (known.guests as number | undefined);
  const children = said.children ?? (said.guests === undefined ? known.children : undefined);
  if (/zip|postal/.test(n)) return said.postalCode ?? known.postalCode;
  if (/minute/.test(n)) return said.startMinute ?? known.startMinute;
  if (n === "date") return said.date ?? (said.from ? undefined : known.date);
  if (n === "from") return said.from ?? (said.date ? undefined : known.from);
  if (n === "to") return said.to ?? (said.date ? undefined : known.to);
  if (/^guests?$|people|party/.test(n)) return guests;
  if (/adult/.test(n))
    return (
      said.adults ??
      (guests !== undefined ? guests - ((children as number | undefined) ?? 0) : undefined)
    );
  if (/child|kid/.test(n)) return children;
  if (/diet/.test(n)) {
    const diet = said.diet ?? (known.diet as string[] | undefined);
    return type === "array" ? diet : diet?.[0];
  }
  if (/code/.test(n)) return said.code;
  if (/reason|why/.test(n + desc)) return text.slice(0, 200);
  if (name in known) return known[name];
  // A string parameter whose description offers choices ("classic or premium").
  const offered = /\b(\w+) or (\w+)\b/.exec(desc);
  if (type === "string" && offered)
    return said.words.find((w) => w === offered[1] || w === offered[2]);
  return undefined;
}

interface Plan {
  tool: ToolDef;
  score: number;
  args: Json;
  missing: string[];
}

function plan(t: ToolDef, words: Set<string>, said: Said, known: Json, text: string): Plan {
  const args: Json = {};
  for (const [name, prop] of Object.entries(t.properties)) {
    const v = valueFor(name, prop, said, known, text);
    if (v === undefined || v === null) continue;
    if (name === "date" && (args.from || args.to)) continue;
    args[name] = v;
  }
  const missing = t.required.filter((r) => !(r in args));
  return { tool: t, score: overlap(words, t), args, missing };
}

/** How a missing parameter is asked for. */
function askFor(name: string, es = false): string {
  if (/minute|time/i.test(name)) return es ? "la hora de inicio" : "the start time";
  if (/zip|postal/i.test(name))
    return es ? "el código postal de la fiesta" : "the ZIP code of the party";
  if (/guest|adult|people/i.test(name)) return es ? "cuántos invitados serán" : "how many guests";
  if (/date/i.test(name)) return es ? "la fecha" : "the date";
  return `${es ? "" : "the "}${name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`;
}

type Choice =
  | { kind: "call"; calls: { name: string; arguments: Json }[] }
  | { kind: "ask"; missing: string[] }
  | { kind: "none" };

function choose(req: FakeRequest, text: string, system: string): Choice {
  const today = /Today is (\d{4}-\d{2}-\d{2})/.exec(system)?.[1];
  const known = knownSoFar(system);
  const said = readMessage(text, today);
  const tools = toolDefs(req);
  const recorder = tools.find((t) => /^records?\b/i.test(t.description));
  const others = tools.filter((t) => t !== recorder);
  // A count's unit ("12 people", "2 kids") is a detail to pass on, not what the message is about.
  const about = (t: string) =>
    stems(
      t.replace(
        /\b\d+\s*(?:adults?|kids?|children|child|people|persons?|guests?|pax|adultos|niños|personas|invitados)(?![\p{L}])/giu,
        " ",
      ),
    );
  let topic = about(text);
  let plans = others.map((t) => plan(t, topic, said, known, text));
  if (!plans.some((p) => p.score > 0) && hasDetail(said)) {
    // Only a detail ("95125", "5pm works"): the topic is the customer's earlier messages'.
    const at = lastUserIndex(req.messages);
    const earlier = req.messages
      .slice(0, at)
      .filter((m) => m.role === "user")
      .map((m) => m.content ?? "")
      .join(" ");
    topic = about(earlier);
    plans = others.map((t) => plan(t, topic, said, known, text));
  }
  const fitOf = (p: Plan) =>
    Object.keys(p.args).reduce((n, k) => n + (p.tool.required.includes(k) ? 1 : 0.5), 0);
  const ranked = plans
    .filter((p) => p.score > 0)
    // Best overlap and fit; on a tie, a tool it can call, then the more specific one.
    .sort(
      (a, b) =>
        b.score + fitOf(b) - (a.score + fitOf(a)) ||
        a.missing.length - b.missing.length ||
        b.tool.required.length - a.tool.required.length,
    );
  const calls: { name: string; arguments: Json }[] = [];
  if (recorder && hasDetail(said)) {
    const details = Object.fromEntries(
      Object.entries(recorder.properties)
        .map(([name, prop]) => [name, valueFor(name, prop, said, {}, text)] as const)
        .filter(([name, v]) => v !== undefined && !/reason|why/i.test(name)),
    );
    // A total and its split are not both given: the split when the customer gave one.
    if (said.adults !== undefined || said.children !== undefined) delete details.guests;
    else {
      delete details.adults;
      delete details.children;
    }
    if (Object.keys(details).length) calls.push({ name: recorder.name, arguments: details });
  }
  const best = ranked[0];
  if (best && !best.missing.length) calls.push({ name: best.tool.name, arguments: best.args });
  if (calls.length) return { kind: "call", calls };
  // The tool it would need lacks details: what the prompt says answers it, else it asks.
  if (best && !fromPrompt(text, system).startsWith(phrases(text).unsure)) return { kind: "none" };
  if (best) return { kind: "ask", missing: best.missing };
  return { kind: "none" };
}

// ---- answering --------------------------------------------------------------------------------

const words = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
const clock = (minute: number) => {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h % 12 || 12}${m ? `:${pad(m)}` : ""} ${h < 12 ? "am" : "pm"}`;
};
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = `January February March April May June July August September October November
  December`.split(/\s+/);
const dayWords = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  const wd = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return `${WEEKDAYS[wd]}, ${MONTHS[m! - 1]} ${d}`;
};
const COUNT = /guest|adult|child|people|portion|count/i;
const ID_LIKE = /^(?=.*\d)(?=.*[a-z])[a-z0-9]{16,}$/i;

/** A tool result in plain words: no ids, no JSON, a field name read as words. */
function tell(v: unknown, key = ""): string[] {
  if (v === null || v === undefined || v === false) return [];
  if (/^(id|slug|description|.*Id)$/.test(key)) return [];
  if (v === true) return [words(key)];
  if (typeof v === "number") {
    if (/minute/i.test(key) && /start/i.test(key)) return [clock(v)];
    return COUNT.test(key) ? [`${v} ${words(key)}`] : [`${words(key)} ${v}`];
  }
  if (typeof v === "string") {
    if (ID_LIKE.test(v)) return [];
    const s = (/^\d{4}-\d{2}-\d{2}$/.test(v) ? dayWords(v) : v).replace(/\s*\[[^\]]*\]/g, "");
    return [key && !/^(name|note|when|lines?)$/.test(key) ? `${words(key)}: ${s}` : s];
  }
  if (Array.isArray(v)) {
    const parts = v.flatMap((x) => tell(x));
    return parts.length ? [`${key ? `${words(key)}: ` : ""}${parts.join(", ")}`] : [];
  }
  const parts = Object.entries(v as Json).flatMap(([k, x]) => tell(x, k));
  return parts.length ? [parts.join(", ")] : [];
}

/** Its own words, in the customer's language. */
const PHRASES = {
  en: {
    hello: "Hi! How can I help with your hibachi party?",
    thanks: "You're welcome! Anything else about your party?",
    known: "Good question:",
    unsure: "I'm not sure about that one",
    reach: (a: string, b: string) => `; you can reach our team at ${a} or ${b}`,
    ask: "Happy to help with that. To go on I need",
    and: "and",
    found: "Here is what I found:",
    nothing: "I couldn't find anything on that, sorry.",
  },
  es: {
    hello: "¡Hola! ¿En qué puedo ayudarte con tu fiesta de hibachi?",
    thanks: "¡De nada! ¿Algo más sobre tu fiesta?",
    known: "Buena pregunta:",
    unsure: "No estoy seguro de eso",
    reach: (a: string, b: string) => `; puedes comunicarte con nuestro equipo al ${a} o en ${b}`,
    ask: "Con gusto te ayudo. Para seguir necesito",
    and: "y",
    found: "Esto es lo que encontré:",
    nothing: "No encontré nada sobre eso, lo siento.",
  },
};
const phrases = (text: string) => (spanish(text) ? PHRASES.es : PHRASES.en);

/** An answer without tools: the prompt's own facts that fit the question, or who to ask. */
function fromPrompt(text: string, system: string): string {
  const q = stems(text);
  const say = phrases(text);
  if (
    /^\s*(hi|hello|hey|hola|buenas|good (morning|afternoon|evening))\b/i.test(text) &&
    q.size <= 3
  )
    return say.hello;
  if (/\b(thanks?|thank you|thx|great|perfect|gracias)\b/i.test(text) && q.size <= 3)
    return say.thanks;
  const clauses = system
    .split("\n")
    .filter((l) => !/Known so far|=|\b[a-z]+_[a-z_]+\b/.test(l))
    .filter((l) => !/^(Answer|Whenever|Always|If the|Customer data|The customer)\b/.test(l))
    .flatMap((l) => l.replace(/^Policies:\s*/, "").split(/;\s*|\.\s+/))
    .map((c) => c.replace(/\s*\([^)]*\)/g, "").trim())
    .filter((c) => c.length > 8);
  const scored = clauses
    .map((c) => ({ c, n: [...stems(c)].filter((w) => q.has(w)).length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n);
  if (scored.length) return `${say.known} ${scored[0]!.c.replace(/\.$/, "")}.`;
  const offer = /offer (.+?) or (\S+?)\.?(?:\s|$)/m.exec(system);
  return `${say.unsure}${offer ? say.reach(offer[1]!, offer[2]!) : ""}.`;
}

const fake = await startFakeOpenAi((req) => {
  // Prompt tokens count the messages and the tool definitions, as OpenAI's do.
  const prompt =
    roughTokens(req.messages.map((m) => m.content ?? "").join("\n")) +
    roughTokens(JSON.stringify(req.tools ?? []));
  const system = req.messages.find((m) => m.role === "system")?.content ?? "";
  const at = lastUserIndex(req.messages);
  const question = req.messages[at]?.content ?? "";
  const results = req.messages.slice(at + 1).filter((m) => m.role === "tool");
  const say = phrases(question);
  let content: string;
  if (!results.length) {
    const c = choose(req, question, system);
    if (c.kind === "call")
      return { delayMs: delay, toolCalls: c.calls, usage: { prompt, completion: 25 } };
    content =
      c.kind === "ask"
        ? `${say.ask} ${c.missing.map((m) => askFor(m, say === PHRASES.es)).join(` ${say.and} `)}.`
        : fromPrompt(question, system);
  } else {
    const facts = results.flatMap((m) => {
      try {
        return tell(JSON.parse(m.content ?? "null") as unknown);
      } catch {
        return [];
      }
    });
    content = facts.length ? `${say.found} ${facts.join("; ")}.` : say.nothing;
  }
  return { delayMs: delay, content, usage: { prompt, completion: roughTokens(content) } };
});
console.log(JSON.stringify({ url: fake.url }));
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
