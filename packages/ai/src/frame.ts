// The dialogue frame: what a conversation has settled so far (date, time, adults and children,
// ZIP or city, package, upgrades and extras, diet, language) and the hold made from it. Each
// message updates it, corrections included: a new guest count replaces the old one, another day
// keeps the time already chosen, a package switch replaces the package, "4 of them are kids"
// splits children out of the total. "Hold it" holds exactly the frame; a change after a hold
// moves that hold (never a second one).
import { addDays, weekdayOf, zonedParts, type DietParty } from "@myhibachi/shared";
import type { Recognition } from "./intents";
import { monthDayFrom, shiftDate } from "./understand/when";
import type { HeldFrame, Memory } from "./providers/types";
import type { Slots } from "./extract";
import type { ToolResult } from "./tools";

/** The date with `weekday` within three days either side of `anchor`. */
export function sameWeekAs(anchor: string, weekday: number): string {
  for (let i = -3; i <= 3; i++) {
    const d = addDays(anchor, i);
    if (weekdayOf(d) === weekday) return d;
  }
  return anchor;
}

/**
 * The day a message names, read against the date already under discussion (the frame's date,
 * or the start of its range) when it names one only partly.
 */
function dateOf(memory: Memory, s: Recognition["slots"], today: string): string | undefined {
  const anchor = memory.date ?? memory.from;
  if (!anchor) return s.date;
  // "make it the saturday after", "push it a week", "the day after": from that date.
  if (s.shift) return shiftDate(anchor, s.shift);
  // "sorry, I meant the 22nd" after Friday January 15 is January 22; "Friday the 21st" after
  // Saturday May 22 is May 21: the month under discussion first, when the weekday agrees.
  if (s.date && s.monthDay) return monthDayFrom(anchor, s.monthDay, today) ?? s.date;
  // "ok, saturday at 5" after talking about the weekend of Dec 12 means Dec 12, not the next
  // Saturday: read a bare weekday within the week of the date under discussion, unless that
  // day has passed ("how about sunday" after a Wednesday too soon to book: the coming Sunday).
  if (s.date && s.weekdayOnly !== undefined) {
    const near = sameWeekAs(anchor, s.weekdayOnly);
    return near >= today ? near : s.date;
  }
  return s.date;
}

/**
 * The option a pick names, in the order the options were said ("the first one", "the third",
 * "the last one"); "the earlier/later one" is the earliest/latest of them. None for a place
 * past the list ("the third" of two).
 */
export function pickedOption(
  options: NonNullable<Memory["options"]>,
  pick: NonNullable<Slots["pick"]>,
): NonNullable<Memory["options"]>[number] | undefined {
  if (pick === "earlier" || pick === "later") {
    const key = (o: (typeof options)[number]) =>
      `${o.date ?? ""}T${String(o.startMinute).padStart(4, "0")}`;
    const sorted = [...options].sort((a, b) => key(a).localeCompare(key(b)));
    return pick === "earlier" ? sorted[0] : sorted.at(-1);
  }
  if (pick === "last") return options.at(-1);
  if (pick === "secondLast") return options.length >= 2 ? options.at(-2) : undefined;
  if (pick === "middle")
    return options.length % 2 === 1 ? options[(options.length - 1) / 2] : undefined;
  return options[{ first: 0, second: 1, third: 2, fourth: 3, fifth: 4, sixth: 5 }[pick]];
}

/** The times a pick by place reads: the list just offered, or the one a time was picked from. */
export function listOf(memory: Memory): Memory["options"] {
  return memory.options ?? memory.pickedFrom;
}

/** The frame after one message: its slots merged over what the conversation knew. */
export function updateFrame(
  memory: Memory,
  r: Pick<Recognition, "slots">,
  now: Date,
  timeZone: string,
): Memory {
  let s = r.slots;
  // "filet mignon for 5" once the party is known: five of the dish, the party unchanged.
  if (s.looseItem && memory.guests !== undefined && s.guests === s.looseItem.n && !s.adults) {
    const { guests: _g, looseItem, ...rest } = s;
    s = { ...rest, items: { ...s.items, [looseItem.slug]: looseItem.n } };
  }
  const k: Memory = { ...memory };
  const date = dateOf(memory, s, zonedParts(now, timeZone).date);
  if (date) {
    k.date = date;
    delete k.from;
    delete k.to;
  } else if (s.from) {
    k.from = s.from;
    k.to = s.to;
    delete k.date;
  }
  // Two times offered as a choice: none is chosen until one is picked ("the earlier one").
  if (s.options) {
    k.options = s.options;
    delete k.startMinute;
    delete k.pickedFrom;
  } else if (s.pick && s.startMinute === undefined && (listOf(k)?.length ?? 0) >= 2) {
    // "the third one", and after it "actually the second one": from the same list.
    const list = listOf(k)!;
    const chosen = pickedOption(list, s.pick);
    if (chosen) {
      k.startMinute = chosen.startMinute;
      if (chosen.date) k.date = chosen.date;
      delete k.wantedMinute;
      delete k.options;
      k.pickedFrom = list;
    }
  } else if (s.startMinute !== undefined || date) delete k.pickedFrom;
  // A change of day without a time keeps the time already chosen ("same time", or nothing said).
  if (s.startMinute !== undefined) {
    delete k.options;
    k.startMinute = s.startMinute;
    delete k.wantedMinute;
  } else if (s.moveMinutes !== undefined && (k.startMinute ?? k.wantedMinute) !== undefined) {
    // "push it an hour later": from the time chosen (or asked for and taken).
    const to = (k.startMinute ?? k.wantedMinute)! + s.moveMinutes;
    if (to > 0 && to < 24 * 60) k.startMinute = to;
    delete k.wantedMinute;
  } else if (
    k.startMinute === undefined &&
    k.wantedMinute !== undefined &&
    (s.keepTime || s.date || s.shift)
  ) {
    // "what about tuesday the 12th, same time" after 6 pm was taken on Monday: 6 pm again.
    k.startMinute = k.wantedMinute;
    delete k.wantedMinute;
  }
  if (s.removeFromParty) {
    // "2 couples just bailed": off the party already given (children only when said), never
    // below one adult; with no party yet, nothing to take from.
    if (k.guests !== undefined) {
      const kids = k.children ?? 0;
      const grown = k.adults ?? k.guests - kids;
      const off =
        s.removeFromParty === "children" ? (s.children ?? 0) : (s.adults ?? s.guests ?? 0);
      const children = s.removeFromParty === "children" ? Math.max(0, kids - off) : kids;
      const adults = s.removeFromParty === "children" ? grown : Math.max(1, grown - off);
      k.adults = adults;
      k.children = children;
      k.guests = adults + children;
    }
  } else if (s.addToParty === "both" && k.guests !== undefined) {
    // "3 more adults, and 2 kids on top of that".
    const kids = k.children ?? 0;
    const grown = k.adults ?? k.guests - kids;
    k.adults = grown + (s.adults ?? 0);
    k.children = kids + (s.children ?? 0);
    k.guests = k.adults + k.children;
  } else if (s.addToParty && k.guests !== undefined) {
    // "plus 3 kids", "add 2 more adults", "2 more people": on top of the party already given;
    // "make it 16 people, 2 more kids": 16 in all, two more of them children.
    const kids = k.children ?? 0;
    const grown = k.adults ?? k.guests - kids;
    const children = s.addToParty === "children" ? kids + (s.children ?? 0) : kids;
    const adults =
      s.addToParty === "children"
        ? s.guests !== undefined
          ? Math.max(0, s.guests - children)
          : grown
        : grown + (s.addToParty === "adults" ? (s.adults ?? 0) : (s.guests ?? 0));
    k.adults = adults;
    k.children = children;
    k.guests = adults + children;
  } else if (s.guests !== undefined) {
    // A bare total ("we'll be 16 now") keeps the children already counted inside it; a count of
    // adults alone ("actually 9 adults") changes the adults and keeps the children said before.
    const onlyAdults = s.adults !== undefined && s.children === undefined && s.guests === s.adults;
    const children =
      s.children ??
      (onlyAdults
        ? (k.children ?? 0)
        : s.adults === undefined && (k.children ?? 0) < s.guests
          ? k.children
          : 0) ??
      0;
    k.guests = onlyAdults ? s.adults! + children : s.guests;
    k.children = children;
    k.adults = s.adults ?? s.guests - children;
  } else if (
    s.children !== undefined &&
    k.guests !== undefined &&
    (k.children ?? 0) > 0 &&
    !s.childrenOfTotal
  ) {
    // "sorry, only 2 kids" after 10 adults and 4 kids: the children change, the adults stay.
    k.adults = k.adults ?? k.guests - (k.children ?? 0);
    k.children = s.children;
    k.guests = k.adults + s.children;
  } else if (s.children !== undefined && k.guests !== undefined && s.children < k.guests) {
    // "4 of them are kids": children split out of the total already given.
    k.children = s.children;
    k.adults = k.guests - s.children;
  } else if (s.adults !== undefined) {
    k.adults = s.adults;
    k.guests = s.adults + (k.children ?? 0);
  } else if (s.childrenShare && k.guests !== undefined) {
    // "half of them are kids": that share of the party, rounded, are children.
    k.children = Math.min(k.guests - 1, Math.round(k.guests * s.childrenShare));
    k.adults = k.guests - k.children;
  }
  // "filet mignon for 10 people on Saturday" with no party yet: they are the party.
  if (s.guestsOfItem !== undefined && k.guests === undefined) {
    k.guests = s.guestsOfItem;
    k.adults = s.guestsOfItem;
    k.children = 0;
  }
  if (s.postalCode) {
    k.postalCode = s.postalCode;
    delete k.city;
  }
  if (s.city && !s.postalCode) {
    if (k.city !== s.city) delete k.postalCode;
    k.city = s.city;
  }
  if (s.packageSlug) k.packageSlug = s.packageSlug;
  // "I have a code SAVE-7K2QXA9M": on the quotes and the hold from now on (a refused one is
  // dropped by the reply that says why).
  if (s.offerCode) k.offerCode = s.offerCode;
  if (s.items) {
    // A dish taken off ("remove the spring rolls": 0) leaves the party.
    k.items = Object.fromEntries(
      Object.entries({ ...k.items, ...s.items }).filter(([, n]) => n > 0),
    );
    // A count said for a dish is that count, no longer one per guest.
    if (k.perGuest) k.perGuest = k.perGuest.filter((slug) => s.items![slug] === undefined);
  }
  // "lobster for everyone": one per guest of the party as it is now (it follows a new count said
  // in the same message, and later ones).
  if (s.itemsForEveryone?.length && k.guests) {
    k.items = {
      ...k.items,
      ...Object.fromEntries(s.itemsForEveryone.map((slug) => [slug, k.guests!])),
    };
    k.perGuest = [...new Set([...(k.perGuest ?? []), ...s.itemsForEveryone])];
  }
  // Dishes served one per guest follow the party: 20 guests, 20 servings (none left unserved,
  // and a smaller party isn't refused for servings it no longer has guests for).
  if (k.perGuest?.length && k.guests && k.items)
    for (const slug of k.perGuest) if (k.items[slug]) k.items = { ...k.items, [slug]: k.guests };
  if (s.diet) k.diet = [...new Set([...(k.diet ?? []), ...s.diet])].sort();
  if (s.language) k.language = s.language;
  // Forget dates that passed.
  const today = zonedParts(now, timeZone).date;
  if (k.date && k.date < today) delete k.date;
  return k;
}

/** The facts a hold is made of, as the frame has them now (undefined while any is missing). */
export function holdRequest(k: Memory): Omit<HeldFrame, "id" | "code"> | undefined {
  if (!k.date || k.startMinute === undefined || !k.guests || !k.postalCode) return undefined;
  return {
    date: k.date,
    startMinute: k.startMinute,
    guests: k.guests,
    children: k.children ?? 0,
    postalCode: k.postalCode,
    ...(k.packageSlug ? { packageSlug: k.packageSlug } : {}),
    ...(k.items && Object.keys(k.items).length ? { items: k.items } : {}),
    ...(k.offerCode ? { offerCode: k.offerCode } : {}),
  };
}

const HELD_FACTS = [
  "date",
  "startMinute",
  "guests",
  "children",
  "postalCode",
  "packageSlug",
  "items",
  "offerCode",
] as const;

/** The facts among `facts` that differ between two frames (values compared as JSON). */
export function changed<K extends string>(
  before: Partial<Record<K, unknown>>,
  after: Partial<Record<K, unknown>>,
  facts: readonly K[],
): boolean {
  return facts.some((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** Whether the frame asks for something other than what is held. */
export function differsFromHold(k: Memory): boolean {
  const want = holdRequest(k);
  return !!want && !!k.hold && changed(want, k.hold, HELD_FACTS);
}

/** Whether this message changed a fact the hold is made of. */
export function changesHeldFacts(before: Memory, after: Memory): boolean {
  return changed(before, after, HELD_FACTS);
}

/**
 * Holds exactly the frame, or moves the hold this conversation already made (never two): the
 * hold to move is the frame's own, never one named by the caller. `held` is the frame's new hold
 * when the tool succeeded. Callers check `holdRequest(k)` first.
 */
export async function holdFrame(
  k: Memory,
  tool: (name: string, args: Record<string, unknown>) => Promise<ToolResult>,
): Promise<{ result: ToolResult; held?: HeldFrame }> {
  const want = holdRequest(k);
  if (!want) throw new Error("holdFrame: the frame misses what a hold needs");
  const result = await tool("create_booking_hold", {
    ...want,
    ...(k.hold ? { replacesHoldId: k.hold.id } : {}),
  });
  if (!result.ok) return { result };
  const h = result.data as { id: string; code: string };
  return { result, held: { id: h.id, code: h.code, ...want } };
}

/** The party as the frame (or its hold) has it: who "the kids" and "the adults" are. */
export function partyOf(memory: Memory): DietParty {
  const guests = memory.hold?.guests ?? memory.guests;
  const children = memory.hold?.children ?? memory.children;
  if (guests === undefined) return {};
  return { adults: guests - (children ?? 0), children: children ?? 0 };
}
