// Understanding one message in its conversation: the recognised intents and slots (intents.ts,
// extract.ts), read against the menu, the places we serve and the dialogue frame, and what of the
// message nothing understood (the residue). The residue decides how far a cached answer may be
// shared: a question understood whole may share an answer with its paraphrases; one with words
// nobody understood only with the very same text.
import { eng, spa } from "stopword";
import { changed, changesHeldFacts, listOf, updateFrame } from "./frame";
import { foldAccents } from "./language";
import { normalizeText } from "./text";
import { weekdaysAsked } from "./understand/when";
import { menuSlots, readMenu, type MenuIndex } from "./extract";
import { looksLikeCode, recognize, RULES, topicsOf, type Recognition } from "./intents";
import type { KnowledgeBaseStamp } from "./kb";
import type { Memory } from "./providers/types";
import { AFFIRMATIVE, suggestionTaken } from "./suggestion-answer";

export interface Understanding {
  recognition: Recognition;
  /** The frame after this message (what the conversation knows now). */
  known: Memory;
  /** Content words of the message that no intent rule, entity or filler word accounts for. */
  residue: string[];
}

// Words that look like filler but change what is asked ("before" the party, "more" guests).
const MEANINGFUL = new Set(
  "before after more most less least same other only than against under over few again off".split(
    " ",
  ),
);

// Filler: function words (the `stopword` lists, English and Spanish), politeness and chat noise.
// A word here never changes what a question asks.
const FILLER = new Set([
  ...[...eng, ...spa].map((w) => foldAccents(w)).filter((w) => !MEANINGFUL.has(w)),
  ...(
    "a an the and or but so to of in on at for with from by about as is are was were be been am " +
    "do does did i im i'm me my we we're our us you your yours it its it's this that these those " +
    "there here what whats what's which who how when where why can could would will should may might " +
    "please pls plz thanks thank thx ty hi hello hey hiya yo ok okay cool great awesome perfect " +
    "just also too any some all much many more very really like kind sort quick question " +
    "wondering wonder know tell let let's lets want wanted would like need get got have has had " +
    "if then than not no yes yeah yep sure guys folks lol haha um uh oh well again still " +
    "el la los las un una unos unas y o de del en para por con que qué es son está estan están " +
    "hola gracias por favor mi mis nosotros ustedes usted su sus como cómo cuando cuándo donde dónde " +
    "se lo le les al u ur r pls plz thx ty guys y'all yall ya btw hmm umm ok okay plz " +
    "food foods meal meals dish dishes option options stuff things thing info information details"
  ).split(/\s+/),
]);

// Words of dates, times, counts, people and places: explained only when the slots did read
// such an entity from the message ("one guest" read as nobody is not explained).
const words = (list: string) => new Set(list.split(/\s+/));
const DATE_WORDS = words(
  "today tonight tomorrow weekend week weeks next this coming day days month st nd rd th " +
    "sunday monday tuesday wednesday thursday friday saturday sun mon tue tues wed thu thur thurs fri sat " +
    "january february march april may june july august september october november december " +
    "jan feb mar apr jun jul aug sep sept oct nov dec",
);
const TIME_WORDS = words("noon am pm");
// "for my guests", "our party": the people in general, never a figure.
const PEOPLE_WORDS = words("people guests guest persons person ppl pax party group folks family");
const COUNT_WORDS = words(
  "adults adult kids kid children child heads " +
    "dozen couple one two three four five six seven eight nine ten eleven twelve " +
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty",
);
const PLACE_WORDS = words("zip zipcode code postal");

let compiled: RegExp[] | null = null;
/** Every intent rule as a global pattern, compiled once (this runs on every message). */
function globalRules(): RegExp[] {
  return (compiled ??= Object.values(RULES).flatMap((rules) =>
    rules.map(([re]) => new RegExp(re.source, "g")),
  ));
}

/**
 * The message without HTML: "<script>alert(1)</script> how much is the lobster" asks the
 * lobster's price; the markup is neither a question nor a word to match.
 */
/** A price asked of another party ("how much would it cost to add 2 kids?", "what if we went premium?"). */
const HYPOTHETICAL =
  /\b(?:how much|what would|what'?d|what'?s the (?:price|cost|total|difference)|what is the (?:price|cost|total|difference)|price difference|cu[aá]nto (?:cuesta|costar[ií]a|ser[ií]a|m[aá]s))\b|^\s*(?:and\s+|so\s+)?what if\b|\bif we (?:went|switched|added|had|upgraded|did|got|were to)\b/i;
/** Said with it, the change is asked for, not only priced ("what if we make it 12, hold it"). */
const DO_IT =
  /\b(?:hold it|book it|let'?s do (?:it|that)|go ahead|do it|please (?:change|add|switch|move|update)|change (?:it|my hold|the hold)|update (?:it|my hold|the hold))\b/i;

export function withoutMarkup(text: string): string {
  return text
    .replace(/<\s*(script|style)\b[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, " ");
}

/** What may follow a bare number that corrects the party or the time. */
const BARE_AFTER =
  /^\s*(?:$|[.!?,;)]|instead\b|final\b|total\b|tops\b|max\b|then\b|works\b|would work\b|works best\b|(?:would be|is|sounds) (?:ideal|best|perfect|great|better|fine|good)\b|is fine\b|is good\b|ok\b|okay\b|now\b|please\b|pls\b|en vez\b|mejor\b|est[aá] bien\b|por favor\b|entonces\b|ser[ií]a (?:ideal|perfecto|mejor)\b)/i;
const BARE_CUE_AFTER =
  /^\s*(?:instead|final|total|tops|max|works|would work|works best|would be (?:ideal|best|perfect|better|great|good|fine)|is (?:ideal|best|perfect|better)|en vez|ser[ií]a (?:ideal|perfecto|mejor))\b/i;
const MONTH_BEFORE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?\s*$/i;
/** Said before a bare number that corrects the party or the time. */
const BARE_BEFORE =
  /\b(?:actually|instead|make it|make that|it'?ll be|it will be|will be|we'?ll be|can it be|could it be|can we do|could we do|how about|what about|change (?:it )?to|down to|up to|cut (?:it|the list) (?:down )?to|ok|okay|only|just|now|(?:let'?s |lets )?say|let'?s do|lets do|(?:let'?s |lets )?go with|ideally|preferably|a las|mejor|digamos|cambiar a|cambiarlo a|serán|seremos|(?:the )?(?:earlier|later|first|second|other) one,?)\s*$/i;

/**
 * The one number in a short message that says nothing else about it ("actually 24", "21 final",
 * "ok 5 works"): not a date, time, ZIP, price, count of a dish or a quantity of something else.
 */
/** "Can I get 6 p.m.?", "could we do 5?", "how about 6?": a time asked for, as a pick. */
const ASKS_FOR_TIME =
  /^\s*(?:(?:ok(?:ay)?|great|perfect|cool|then|so),?\s+)*(?:(?:can|could|may) (?:i|we) (?:get|have|do|book|take|grab|reserve|go with)|(?:how|what) about)\b/i;

export function bareNumber(text: string): number | undefined {
  const found = [
    ...text.matchAll(
      /(?<![\d$:/.#-])\b(\d{1,3})\b(?![\d:/%$-]|\.\d|\s*(?:am|pm|a\.m|p\.m|st|nd|rd|th|de)\b)/gi,
    ),
  ];
  const candidates = found.filter((m) => {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(m.index + m[0].length);
    // "at 6" is a time the time reader already saw; "apt 12" is an address.
    if (/\b(?:at|apt|unit|suite|room|no\.?|number|#)\s*$/i.test(before)) return false;
    // "Thursday March 11 works": a day of the month, which the date reader has.
    if (MONTH_BEFORE.test(before)) return false;
    return (
      BARE_AFTER.test(after) &&
      (BARE_BEFORE.test(before) || /^\W*$/.test(before) || BARE_CUE_AFTER.test(after))
    );
  });
  return candidates.length === 1 ? Number(candidates[0]![1]) : undefined;
}

const menuWords = new WeakMap<MenuIndex, Set<string>>();
const NO_WORDS = new Set<string>();
/** The words of the menu's dishes (not packages), once per menu index (it is kept per catalog). */
function menuWordsOf(index: MenuIndex | undefined): Set<string> {
  if (!index) return NO_WORDS;
  let words = menuWords.get(index);
  if (!words) {
    words = new Set(index.entries.filter((e) => !e.pkg).flatMap((d) => d.words));
    menuWords.set(index, words);
  }
  return words;
}

/** The message's words left once intent rules, entities and filler are taken out. */
export function residueOf(
  normalized: string,
  kb: Pick<KnowledgeBaseStamp, "menu" | "cities">,
  slots: Recognition["slots"],
): string[] {
  let s = ` ${normalized} `;
  for (const re of globalRules()) s = s.replace(re, " ");
  for (const city of kb.cities ?? []) s = s.replaceAll(` ${city.toLowerCase()} `, " ");
  const menu = menuWordsOf(kb.menu);
  const hasDate = !!(slots.date || slots.from || slots.shift);
  const hasTime = slots.startMinute !== undefined;
  const hasCount =
    slots.guests !== undefined ||
    slots.adults !== undefined ||
    slots.children !== undefined ||
    !!(slots.items && Object.keys(slots.items).length);
  const hasMenu = !!(slots.named?.length || slots.packageSlug || slots.items);
  const hasNumber = hasDate || hasTime || hasCount || !!slots.postalCode || !!slots.bookingCode;
  const explained = (w: string) =>
    FILLER.has(w) ||
    PEOPLE_WORDS.has(w) ||
    (/^\d/.test(w) && hasNumber) ||
    (hasDate && DATE_WORDS.has(w)) ||
    (hasTime && TIME_WORDS.has(w)) ||
    (hasCount && COUNT_WORDS.has(w)) ||
    (!!slots.postalCode && PLACE_WORDS.has(w)) ||
    (hasMenu && (menu.has(w) || menu.has(w.replace(/s$/, ""))));
  return s
    .split(/[\s/.:,$-]+/)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => w && !explained(w));
}

/**
 * Every package the message names: "classic vs premium" names two (the slot holds one package
 * only, so a comparison is read from this).
 */
function packagesNamed(text: string, index: MenuIndex | undefined): string[] {
  if (!index) return [];
  return index.entries
    .filter((e) => e.pkg)
    .filter(
      (e) =>
        readMenu(text, { key: `${index.key}#${e.slug}`, entries: [e], nearWords: index.nearWords })
          .packageSlug === e.slug,
    )
    .map((e) => e.slug);
}

/** What a message says of a booking named by its reference: never this conversation's party. */
const OTHER_BOOKING_FACTS = [
  "guests",
  "adults",
  "children",
  "addToParty",
  "removeFromParty",
  "childrenOfTotal",
  "date",
  "weekdayOnly",
  "monthDay",
  "shift",
  "from",
  "to",
  "startMinute",
  "options",
  "pick",
  "keepTime",
  "moveMinutes",
  "postalCode",
  "city",
  "packageSlug",
  "items",
  "itemsForEveryone",
  "guestsOfItem",
] as const;
/** Answers that would price, look up times for or book the named booking's facts anew. */
const OTHER_BOOKING_DROPS = new Set<string>([
  "booking_request",
  "availability",
  "pricing",
  "service_area",
  "booking_status",
]);
/** A change asked to a booking: its party, date, time, menu, or cancelling it. */
const CHANGES_BOOKING =
  /\b(?:change|changing|move|moving|reschedul\w*|cancel\w*|modify|update|edit|switch|add|adding|remove|make (?:it|that)|push|postpone|bump|increase|decrease|more|fewer|less|upgrade|downgrade|instead|up to|down to)\b|\b(?:cambi\w*|mover|muev\w*|agreg\w*|pospon\w*|quit\w*)/i;

/** Stages of `understand`, for a caller timing it (`lap` is called as each ends). */
export type UnderstandStage = "menu" | "recognize" | "frame" | "residue";

/** The recognition of one message, read against the menu, the places we serve and the frame. */
export function understand(
  text: string,
  memory: Memory,
  kb: KnowledgeBaseStamp,
  now: Date,
  lap?: (stage: UnderstandStage) => void,
): Understanding {
  // Every menu item and package the message names, read against the live menu (typos too):
  // the intent rules list no dish, a dish named is their signal.
  // Markup pasted into the chat is not part of the question; code names no dish ("DROP TABLE"
  // is not the tables rental).
  text = withoutMarkup(text);
  const menu = looksLikeCode(text) ? {} : menuSlots(text, kb.menu);
  const packages = menu.packageSlug ? [menu.packageSlug] : packagesNamed(text, kb.menu);
  lap?.("menu");
  const recognition = recognize(text, now, kb.timeZone, {
    named: menu.named ?? [],
    packages,
    ...(kb.menu ? { index: kb.menu } : {}),
  });
  lap?.("recognize");
  const s = recognition.slots;
  // A booking named by its reference that isn't this conversation's hold ("I have a hold H B B B
  // R Y 2 5, can you change it to 20 guests?", on another number or a new call): a question about
  // that booking, which may be anyone's. It is neither looked up nor changed here, and what the
  // message says of it (its guests, date, ZIP) is not this conversation's party: no new booking.
  const otherBooking = !!s.bookingCode && s.bookingCode !== memory.hold?.code;
  if (otherBooking) {
    for (const k of OTHER_BOOKING_FACTS) delete s[k];
    if (CHANGES_BOOKING.test(text))
      s.topic = [...new Set([...topicsOf(s), "change" as const])].sort().join("+");
  }
  // A place we serve named in the message; "how far do you travel from San Jose" names where we
  // start from, not where the party is.
  const city = (kb.cities ?? []).find(
    (c) =>
      recognition.normalized.includes(c.toLowerCase()) &&
      !recognition.normalized.includes(`from ${c.toLowerCase()}`),
  );
  // The city of the ZIP already given ("any travel fee for Mountain View?" after 94040) names
  // the same place: the ZIP stays.
  if (
    city &&
    !otherBooking &&
    !(memory.postalCode && !s.postalCode && kb.zipCities?.[memory.postalCode] === city)
  )
    s.city = city;
  const dishes = s.named ?? [];
  // "is the fried rice safe for him?" after "my son is allergic to shellfish": a question about
  // one dish against the allergy already mentioned.
  const askedAboutDish =
    dishes.length > 0 &&
    (/\b(safe|ok|okay|contain|contains|have|has|free|allerg\w*|ingredients?|in it|made with)\b/i.test(
      text,
    ) ||
      !!s.diet?.length ||
      (memory.lastIntent === "dietary" && /^\W*((what|how) about|and)\b/i.test(text)));
  const diet = s.diet ?? memory.diet;
  if (
    askedAboutDish &&
    diet?.length &&
    ["unknown", "dietary", "menu"].includes(recognition.intent)
  ) {
    recognition.intent = "dietary";
    recognition.confident = true;
  }
  // "my wife does not eat meat": a need the diet readers heard, in words the intents don't know.
  if (recognition.intent === "unknown" && s.diet?.length) {
    recognition.intent = "dietary";
    recognition.confident = false;
  }
  // "do you cook on tuesdays?": whether that weekday is a day we cook (local.ts answers it).
  if (!otherBooking && recognition.intent === "unknown" && weekdaysAsked(text) !== undefined) {
    recognition.intent = "availability";
    recognition.confident = true;
  }
  // Dishes counted for a booking named by its reference are that booking's, not this party's.
  const items = otherBooking ? {} : (menu.items ?? {});
  const forEveryone = otherBooking ? [] : (menu.itemsForEveryone ?? []);
  if (forEveryone.length) s.itemsForEveryone = forEveryone;
  if (Object.keys(items).length || forEveryone.length) {
    if (Object.keys(items).length) s.items = items;
    // "filet mignon for 5 people": the dish's count; the party only while none is known.
    if (!otherBooking && menu.guestsOfItem) s.guestsOfItem = menu.guestsOfItem;
    // "we want 4 lobster upgrades too": a price question about the party's selection.
    if (["unknown", "menu"].includes(recognition.intent)) {
      recognition.intent = "pricing";
      recognition.confident = true;
    }
  }
  // A bare number said as a correction ("actually 24", "it'll be 22 instead", "21 final",
  // "ok 5 works", "can we do 7 instead?"): read against what the conversation is settling.
  const offeredTimes =
    memory.lastIntent === "availability" ||
    memory.lastIntent === "booking_request" ||
    !!memory.pendingBooking;
  if (
    !otherBooking &&
    s.guests === undefined &&
    s.adults === undefined &&
    s.children === undefined &&
    (memory.guests !== undefined || memory.startMinute !== undefined || offeredTimes)
  ) {
    const n = bareNumber(text);
    if (n !== undefined) {
      if (
        n <= 12 &&
        s.startMinute === undefined &&
        (memory.startMinute !== undefined || offeredTimes)
      )
        s.startMinute = (n === 12 ? 12 : n + 12) * 60;
      else if (n > 12 && n <= 500 && memory.guests !== undefined) s.guests = n;
    }
  }
  let known = updateFrame(memory, recognition, now, kb.timeZone);
  // A yes to the menu suggestion this conversation was just offered: its change joins the frame
  // (priced below, or the hold moves to it).
  const took = suggestionTaken(text, recognition.normalized, memory);
  if (took) known = { ...known, ...took };
  const booking = ["unknown", "service_area", "availability", "thanks", "pricing", "kids"];
  const gaveDetails =
    s.postalCode ||
    s.startMinute !== undefined ||
    s.guests !== undefined ||
    s.date ||
    s.shift ||
    s.packageSlug;
  // Right after times were offered ("Pick a time and I'll hold it"): a time picked ("5pm",
  // "great, let's do 5pm") or a plain yes to a date and time already named is "hold it".
  const offered =
    memory.lastIntent === "availability" ||
    memory.lastIntent === "booking_request" ||
    memory.pendingBooking;
  // "the first one", "let's go with the last one": the time of the list it names (frame.ts).
  const pickedByPlace =
    !!s.pick &&
    s.startMinute === undefined &&
    (listOf(memory)?.length ?? 0) >= 2 &&
    known.options === undefined &&
    known.startMinute !== undefined;
  const picked =
    offered &&
    (pickedByPlace ||
      (["unknown", "thanks", "availability"].includes(recognition.intent) &&
        !recognition.also.length &&
        ((s.startMinute !== undefined &&
          !s.date &&
          !s.from &&
          !s.shift &&
          // A question is not a pick ("is 6 free?"), but a time asked for is ("can I get 6 p.m.?",
          // "how about 6?").
          (!/\?/.test(text) || ASKS_FOR_TIME.test(text))) ||
          // "yes", or a yes at the end: "ok she says yes, go ahead".
          ((AFFIRMATIVE.test(recognition.normalized) ||
            AFFIRMATIVE.test(
              normalizeText(
                foldAccents(
                  text
                    .split(/[,.!;]/)
                    .map((c) => c.trim())
                    .filter(Boolean)
                    .at(-1) ?? "",
                ),
              ),
            )) &&
            !!known.date &&
            known.startMinute !== undefined))));
  // A message that only changes the party ("actually 4 of them are kids", "make it premium",
  // "we're in 95125") after its price or free times were asked: asked again for the new party.
  // After free times or a booking were asked, the day and time are part of it too ("make it
  // 6pm" after a hold the limits refused asks again).
  const partyFacts = [
    "guests",
    "children",
    "adults",
    "postalCode",
    "packageSlug",
    "items",
    ...(memory.partyIntent && memory.partyIntent !== "pricing"
      ? (["date", "startMinute"] as const)
      : []),
  ] as const;
  const partyChanged = changed(memory, known, partyFacts);
  const onlyFacts =
    recognition.intent === "unknown" ||
    // "make it premium", "let's go with the premium instead": a switch, not a question about it.
    (!!s.packageSlug &&
      !/\?/.test(text) &&
      /\b(make it|switch|go with|change|instead|let'?s (do|go)|upgrade (to|us)|we'?ll (do|take|go)|mejor|cambia)/i.test(
        text,
      )) ||
    (recognition.intent === "service_area" && !/\?/.test(text) && !recognition.also.length);
  const headCount = changed(memory, known, ["guests", "children", "adults"]);
  if (
    !picked &&
    !memory.hold &&
    !memory.pendingBooking &&
    partyChanged &&
    onlyFacts &&
    recognition.intent !== "booking_request"
  ) {
    if (memory.partyIntent) recognition.intent = memory.partyIntent;
    // With nothing asked yet ("12 people, 3 of them are kids" after "we want hibachi"): which
    // days are free for them.
    else if (headCount && recognition.intent === "unknown") recognition.intent = "availability";
    recognition.confident = false;
  }
  // A ZIP given with a date, a booking or a price is part of that question (its zone is in the
  // answer; one outside the area is said there), not a separate "do you come to" question.
  if (["availability", "booking_request", "pricing"].includes(recognition.intent))
    recognition.also = recognition.also.filter((i) => i !== "service_area");
  if (picked) {
    recognition.intent = "booking_request";
    recognition.confident = false;
  } else if (took) {
    // The new total (a question of this party alone: never cached), or the hold moved to it.
    recognition.intent = memory.hold ? "booking_request" : "pricing";
    recognition.also = [];
    recognition.confident = false;
  } else if (memory.pendingBooking && booking.includes(recognition.intent) && gaveDetails) {
    // A reply that only fills in what a pending booking missed continues the booking.
    recognition.intent = "booking_request";
    recognition.confident = false;
  } else if (
    memory.hold &&
    changesHeldFacts(memory, known) &&
    HYPOTHETICAL.test(text) &&
    !DO_IT.test(text)
  ) {
    // "How much more would it cost to add 2 kids?", "what if we went premium, how much?": the
    // price of that party, asked; the hold stays as it is until the customer says to change it
    // (round 7, M3).
    recognition.intent = "pricing";
    recognition.also = [];
    recognition.confident = false;
  } else if (
    memory.hold &&
    changesHeldFacts(memory, known) &&
    (recognition.intent === "booking_request" ||
      /\b(actually|instead|change|make it|switch|move|push|postpone|bump|delay|reschedule|rather|update|correction|oops|wait|no\b|can (it|we) (be|do)|could (it|we) (be|do)|it'?ll be|drop|downgrade|upgrade|go (down|up|back)|lower|reduce|cut|add|same everything|everything else (the )?same|keep everything|can'?t (do|make)|(doesn|don|won)'?t work|cambi[ae]|mejor|en vez|se puede|no (podemos|puede)|pospon|recorr|adelant|mueve|muevan|mover)/i.test(
        text,
      ) ||
      !/\?/.test(text))
  ) {
    // A change after "hold it" ("actually make it 15", "sunday instead, same time"): the hold
    // follows the frame. A question about another option ("is sunday free?") is answered first.
    recognition.intent = "booking_request";
    recognition.also = [];
    recognition.confident = false;
  }
  if (otherBooking) {
    recognition.intent = "booking_status";
    recognition.also = recognition.also.filter((i) => !OTHER_BOOKING_DROPS.has(i));
    recognition.confident = false;
  }
  lap?.("frame");
  const residue = residueOf(recognition.normalized, kb, s);
  lap?.("residue");
  return { recognition, known, residue };
}
