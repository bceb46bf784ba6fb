// The assistant's one menu suggestion per conversation (issue 16). When the frame has a party
// and a package, the reply may end with ONE suggestion from the real suggestion step
// (suggestForSession, surface "chat": the conversation's own session and arm, every item safe
// for what the chat knows of the party's diet). Offered once per conversation; a "no" right
// after it is recorded as declined, and nothing is offered again either way. The line is added
// to this conversation's reply only, never to the shared answer cache.
import type { Db } from "@myhibachi/db";
import {
  keepChatProfileOnHold,
  linkSessionToBooking,
  partySelection,
  recordOutcome,
  suggestForSession,
  getCatalog,
  type Catalog,
  type QueryCache,
  type QuoteSelection,
  type Suggestion,
} from "@myhibachi/core";
import {
  allergiesTakenBack,
  extractDietaryProfile,
  formatCents,
  mergeProfiles,
  packageDietFacts,
  unsafeReason,
  type DietaryProfile,
  type DietParty,
} from "@myhibachi/shared";
import { partyOf } from "./frame";
import type { Memory, SuggestionTake } from "./providers/types";
import { saysNo, saysYes } from "./suggestion-answer";

export { saysNo } from "./suggestion-answer";

export interface ChatSuggestionDeps {
  db: Db;
  cache: QueryCache;
  now: () => Date;
  /** The server's secret the session's arm is drawn with (AUTH_SECRET), as the site's. */
  armSecret?: string | null;
}

/** What the suggestion adds to this turn's reply, and the memory after it. */
export interface ChatSuggestionTurn {
  /** A line to add at the end of the reply (the offer). */
  line: string | null;
  memory: Memory;
  /** The whole reply (the answer to a "no"). */
  reply?: string;
  /** A line to put before the reply (what a "yes" added). */
  prefix?: string;
}

/** The session key of a conversation's suggestions. */
export const chatSessionKey = (conversationId: string) =>
  `chat_${conversationId.replace(/[^A-Za-z0-9_-]/g, "")}`.slice(0, 64).padEnd(16, "0");

/**
 * The diet words the chat recognised as a profile, conservatively: every word is a need of the
 * whole party ("is the gyoza gluten free?" counts). A word we can't turn into a rule (kosher)
 * means no suggestion at all: nothing can be proved safe for it.
 */
export function chatProfile(diet: readonly string[] | undefined): DietaryProfile | null {
  const p: DietaryProfile = { avoid: [], diets: [], likes: [] };
  const avoid = (value: DietaryProfile["avoid"][number]["value"]) =>
    p.avoid.some((a) => a.value === value) || p.avoid.push({ value, guests: null });
  const keep = (value: DietaryProfile["diets"][number]["value"]) =>
    p.diets.some((d) => d.value === value) || p.diets.push({ value, guests: null });
  for (const w of diet ?? []) {
    if (w === "vegetarian" || w === "vegan" || w === "halal" || w === "pescatarian") keep(w);
    else if (w === "gluten") keep("gluten-free");
    else if (w === "nuts") {
      avoid("peanuts");
      avoid("tree nuts");
    } else if (["shellfish", "milk", "egg", "sesame", "soy", "fish"].includes(w))
      avoid(w as "shellfish" | "milk" | "egg" | "sesame" | "soy" | "fish");
    else return null;
  }
  return p;
}

/** An allergy or intolerance spoken of, whatever its name ("allergic to kiwi"). */
const ALLERGY_WORDS =
  /\b(allerg\w*|al[eé]rgic\w*|alergia\w*|intoleran\w*|anaphyla\w*|epi-?pen|can'?t (?:eat|have)|cannot (?:eat|have)|no puede comer)\b/i;

/**
 * The conversation's dietary profile after this message: what it knew, and what the message says
 * (`extractDietaryProfile`, the same reader as the profile of a booking). `unnamed`: the message
 * speaks of an allergy the reader could not name; nothing can be proved safe for it.
 */
export function chatDiet(
  text: string,
  known: DietaryProfile | undefined,
  party?: DietParty,
): { profile: DietaryProfile; unnamed: boolean } {
  const said = extractDietaryProfile(text, party);
  const before = known ?? { avoid: [], diets: [], likes: [] };
  // "Never mind, no one has an allergy": the allergies heard before are gone.
  const base = allergiesTakenBack(text) ? { ...before, avoid: [] } : before;
  const profile = mergeProfiles(base, said);
  const named = said.avoid.length + said.diets.length > 0;
  return { profile, unnamed: !named && ALLERGY_WORDS.test(text) && !NO_ALLERGY.test(text) };
}

/** "no allergies", "nobody is allergic to anything": nothing to keep out. */
const NO_ALLERGY =
  /\b(no|zero|without|sin|ningun[ao]?)\s+(?:food\s+)?(allerg\w*|alergias?|dietary)|\b(nobody|no one|none of us|nadie)\s+(?:is|has|es|tiene)\s+(?:any\s+)?(allerg|al[eé]rgic)/i;

const DECLINED_REPLY = {
  en: "No problem, I won't suggest it again. Is there anything else I can help with?",
  es: "Sin problema, no se lo vuelvo a sugerir. ¿Le ayudo con algo más?",
};

/**
 * The line to add to this turn's reply (or null) and the memory after it. `text` is the
 * customer's message; `memory` the frame after it.
 */
export async function chatSuggestion(
  deps: ChatSuggestionDeps,
  conversationId: string,
  text: string,
  memory: Memory,
  mayOffer = true,
): Promise<ChatSuggestionTurn> {
  // What the chat heard of the party's allergies and diets, kept with the conversation (and
  // handed to the hold, so staff see it on the booking).
  const diet = chatDiet(text, memory.dietProfile, partyOf(memory));
  memory = { ...memory, dietProfile: diet.profile };
  if (diet.unnamed && !memory.suggestion) memory = { ...memory, suggestion: { rule: "" } };
  // A need said since the offer: the suggestion is judged again (taken back before a yes can
  // add it; said when it is already on the party).
  const recheck = await recheckSuggestion(deps, memory, diet.unnamed);
  const out = await offer(deps, conversationId, text, recheck.memory, mayOffer);
  out.memory = await keepDietOnHold(deps.db, out.memory);
  if (recheck.line) out.line = [out.line, recheck.line].filter(Boolean).join("\n\n");
  // The conversation's hold is the booking its session became (first link wins; a moved hold
  // is the same booking).
  const s = out.memory.suggestion;
  const hold = out.memory.hold?.id;
  if (s && hold && s.linked !== hold) {
    await linkSessionToBooking(deps.db, chatSessionKey(conversationId), hold, deps.armSecret);
    return { ...out, memory: { ...out.memory, suggestion: { ...s, linked: hold } } };
  }
  return out;
}

/**
 * The party's allergies and diets the chat heard, written onto the conversation's hold whenever
 * either changes (heard after the hold, or the hold made after them): staff see them on the
 * booking, the finish page starts from them.
 */
async function keepDietOnHold(db: Db, memory: Memory): Promise<Memory> {
  const hold = memory.hold?.id;
  const p = memory.dietProfile;
  if (!hold || !p) return memory;
  const mark = `${hold}:${JSON.stringify(p)}`;
  // Nothing heard yet: nothing to write (an allergy taken back leaves an empty profile, written).
  if (p.avoid.length + p.diets.length + p.likes.length === 0 && !memory.dietKept) return memory;
  if (memory.dietKept === mark) return memory;
  await keepChatProfileOnHold(db, hold, p);
  return { ...memory, dietKept: mark };
}

async function offer(
  deps: ChatSuggestionDeps,
  conversationId: string,
  text: string,
  memory: Memory,
  /** False for a turn that can't carry an offer (handed to a person, not understood). */
  mayOffer = true,
): Promise<ChatSuggestionTurn> {
  const key = chatSessionKey(conversationId);
  const offered = memory.suggestion;
  if (offered) {
    // A yes: its change is already in the frame (understanding.ts `suggestionTaken`), so this
    // turn's answer priced it or moved the hold to it; the reply says what was added.
    if (
      offered.take &&
      !offered.declined &&
      !offered.accepted &&
      !offered.closed &&
      !offered.withdrawn &&
      saysYes(text)
    ) {
      await recordOutcome(deps.db, {
        sessionKey: key,
        rule: offered.rule,
        surface: "chat",
        outcome: "accepted",
      });
      const what = offered.title ?? "";
      const added =
        memory.language === "es"
          ? `Listo, agregado: ${what || "la sugerencia"}.`
          : /^add /i.test(what)
            ? `Done, I've added ${what.slice(4)}.`
            : `Done, I've made that change${what ? ` (${what})` : ""}.`;
      return {
        line: null,
        memory: { ...memory, suggestion: { ...offered, accepted: true } },
        prefix: added,
      };
    }
    const open = !offered.declined && !offered.accepted;
    if (offered.rule && open && saysNo(text)) {
      await recordOutcome(deps.db, {
        sessionKey: key,
        rule: offered.rule,
        surface: "chat",
        outcome: "declined",
      });
      // The whole message is the "no": the reply is about it, not a guess at another question.
      return {
        line: null,
        memory: { ...memory, suggestion: { ...offered, declined: true } },
        reply: DECLINED_REPLY[memory.language === "es" ? "es" : "en"],
      };
    }
    // Anything else answered the offer's turn: a later "yes" is about something else.
    if (open && offered.rule && !offered.closed)
      return { line: null, memory: { ...memory, suggestion: { ...offered, closed: true } } };
    return { line: null, memory };
  }
  if (!mayOffer || !memory.guests || !memory.packageSlug) return { line: null, memory };
  const words = chatProfile(memory.diet);
  if (!words) return { line: null, memory };
  const profile = mergeProfiles(words, memory.dietProfile ?? words);
  const catalog = await getCatalog(deps.db, deps.cache);
  let selection;
  try {
    selection = partySelection(catalog, {
      adults: memory.adults ?? memory.guests - (memory.children ?? 0),
      children: memory.children ?? 0,
      packageSlug: memory.packageSlug,
      items: memory.items,
    }).selection;
  } catch {
    return { line: null, memory };
  }
  const r = await suggestForSession(deps, {
    sessionKey: key,
    surface: "chat",
    selection,
    profile,
    date: memory.date,
    max: 1,
    // The chat has the customer's proteins only when they named some; otherwise the split is a
    // default, and no rule may read it ("mostly chicken" said to a party of steak lovers).
    proteinsUnknown: !Object.keys(memory.items ?? {}).some((slug) =>
      catalog.items.some((i) => i.slug === slug && (i.kind === "PROTEIN" || i.kind === "UPGRADE")),
    ),
  });
  const s = r.suggestions[0];
  // Held out: nothing said (what would have been is logged ELIGIBLE), and, like an offer,
  // nothing later in this conversation either.
  if (r.arm === "control")
    return { line: null, memory: r.eligible ? { ...memory, suggestion: { rule: "" } } : memory };
  if (!s) return { line: null, memory };
  const delta = `${s.revenueDeltaCents < 0 ? "-" : "+"}${formatCents(Math.abs(s.revenueDeltaCents))}`;
  const take = takeOf(catalog, selection, memory, s);
  const adds = [...Object.entries(s.selection.proteins), ...Object.entries(s.selection.extras)]
    .filter(([slug, n]) => n > (selection.proteins[slug] ?? 0) + (selection.extras[slug] ?? 0))
    .map(([slug]) => slug);
  return {
    line: `One idea: ${s.title} (${delta} on the total). ${s.reason} ${
      take ? `Say "yes" to add it, or "no thanks".` : `Say "no thanks" if you'd rather not.`
    }`,
    memory: {
      ...memory,
      suggestion: {
        rule: s.rule,
        title: lowerFirst(s.title),
        adds,
        ...(s.selection.packageSlug !== selection.packageSlug
          ? { switchesTo: s.selection.packageSlug }
          : {}),
        ...(take ? { take } : {}),
      },
    },
  };
}

/**
 * The suggestion judged again against what the chat knows now (the same rule as the offer:
 * every item it adds, and a package it switches to, safe for every need said). Still waiting
 * for an answer: taken back (a yes then adds nothing), said in one line. Already on the party:
 * said once per need that it breaks, with how to take it off.
 */
async function recheckSuggestion(
  deps: ChatSuggestionDeps,
  memory: Memory,
  unnamedAllergy: boolean,
): Promise<{ memory: Memory; line: string | null }> {
  const s = memory.suggestion;
  if (!s?.rule || s.declined || s.withdrawn || (!s.accepted && !s.take))
    return { memory, line: null };
  const words = chatProfile(memory.diet);
  const profile = words
    ? mergeProfiles(words, memory.dietProfile ?? { avoid: [], diets: [], likes: [] })
    : null;
  const catalog = await getCatalog(deps.db, deps.cache);
  const why = unsafeSuggestion(catalog, s, profile, unnamedAllergy);
  if (!why) return { memory, line: null };
  if (!s.accepted)
    return {
      memory: { ...memory, suggestion: { ...s, withdrawn: true } },
      line: s.closed
        ? null
        : `Scratch my earlier idea: ${why.dish} (${why.why}) isn't safe for your party, so I won't add it.`,
    };
  const mark = JSON.stringify(profile ?? "unnamed");
  if (s.warned === mark) return { memory, line: null };
  return {
    memory: { ...memory, suggestion: { ...s, warned: mark } },
    line: `Heads-up: ${why.dish}, which I added (${why.why}), isn't safe for your party. You can take it off on the finish page, or tell me "remove the ${why.dish}".`,
  };
}

const lowerFirst = (t: string) => (/^[A-Z][a-z]/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t);

/** The dish (or package) of a suggestion that is no longer safe for the party, and why. */
function unsafeSuggestion(
  catalog: Catalog,
  s: NonNullable<Memory["suggestion"]>,
  profile: DietaryProfile | null,
  unnamedAllergy: boolean,
): { dish: string; why: string } | null {
  const items = (s.adds ?? []).map((slug) => catalog.items.find((i) => i.slug === slug));
  const dish = (i: (typeof items)[number]) => (i ? i.name.toLowerCase() : "that dish");
  if (!profile || unnamedAllergy)
    return {
      dish: items[0] ? dish(items[0]) : "that dish",
      why: "can't be checked against the allergy you mentioned",
    };
  for (const item of items) {
    const why = item
      ? unsafeReason(
          {
            allergens: item.allergens,
            dietaryTags: item.dietaryTags,
            contains: item.contains ?? [],
          },
          profile,
        )
      : "is no longer on our menu";
    if (why) return { dish: dish(item), why };
  }
  const pkg = s.switchesTo ? catalog.packages.find((p) => p.slug === s.switchesTo) : null;
  const why = pkg ? unsafeReason(packageDietFacts(pkg), profile) : null;
  return pkg && why ? { dish: `the ${pkg.name} package`, why } : null;
}

/**
 * The frame's package and items with the suggestion taken: the proteins the customer named are
 * kept unless the suggestion changes the proteins (then its split is the frame's), its add-ons
 * join. Only when the frame so changed prices exactly the suggested selection (else a yes
 * can't take it: the offer doesn't ask for one).
 */
function takeOf(
  catalog: Catalog,
  current: QuoteSelection,
  memory: Memory,
  s: Suggestion,
): SuggestionTake | undefined {
  const counts = (r: Record<string, number>) =>
    JSON.stringify(
      Object.entries(r)
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  const kind = (slug: string) => catalog.items.find((i) => i.slug === slug)?.kind;
  const isProtein = (slug: string) => kind(slug) === "PROTEIN" || kind(slug) === "UPGRADE";
  const sameProteins = counts(current.proteins) === counts(s.selection.proteins);
  const items: Record<string, number> = {};
  const proteins = sameProteins
    ? Object.entries(memory.items ?? {}).filter(([slug]) => isProtein(slug))
    : Object.entries(s.selection.proteins);
  for (const [slug, n] of proteins) if (n > 0) items[slug] = n;
  for (const [slug, n] of Object.entries(s.selection.extras)) if (n > 0) items[slug] = n;
  try {
    const check = partySelection(catalog, {
      adults: current.adults,
      children: current.children,
      packageSlug: s.selection.packageSlug,
      items,
    }).selection;
    if (
      counts(check.proteins) !== counts(s.selection.proteins) ||
      counts(check.extras) !== counts(s.selection.extras)
    )
      return undefined;
  } catch {
    return undefined;
  }
  // Served one per guest (a starter for everyone): follows the party if its size changes.
  const guests = current.adults + current.children;
  const perGuest = Object.entries(s.selection.extras)
    .filter(([slug, n]) => n === guests && n > (current.extras[slug] ?? 0))
    .map(([slug]) => slug);
  return { packageSlug: s.selection.packageSlug, items, perGuest };
}
