// Party size: the whole party, adults and children, in English and Spanish, in texting style.
// Counts are read only next to words about people ("12 ppl", "party of 12", "for 12", "somos
// 12"), so times, dates, ZIP codes, prices and dish counts are never guests; the caller blanks
// those spans before this runs.
import { ADULT_WORDS, CHILD_WORDS, NUMBER_WORD_RE, PEOPLE_WORDS, numberOf } from "./words";

export interface PeopleReading {
  guests?: number;
  adults?: number;
  children?: number;
  /**
   * The counts are added to the party already discussed ("plus 3 kids", "add 2 more adults",
   * "oh and 2 kids too"), not a new party.
   */
  more?: "adults" | "children" | "guests" | "both";
  /**
   * The counts leave the party already discussed ("2 couples just bailed", "3 fewer people",
   * "2 personas menos"): taken off it, not a new party.
   */
  less?: "adults" | "children" | "guests";
  /** The children are counted inside the party already given ("4 of them are kids"). */
  ofTotal?: boolean;
  /** The share of the party that is children ("half of them are kids": 0.5). */
  childrenShare?: number;
  spans: [number, number][];
}

const NUM = `(\\d{1,3}|${NUMBER_WORD_RE})`;
const ABOUT =
  "(?:about|around|approx\\.?|approximately|roughly|like|maybe|~|unos|unas|como|alrededor de|aprox\\.?)";
// What may follow a bare "for 12" that shows it is not a party: a time, a date, a duration.
const NOT_PARTY_AFTER =
  "(?!\\s*(?:am|pm|a\\.m|p\\.m|:|/|-\\d|\\d|hours?|hrs?|mins?|minutes?|o'?clock|th\\b|st\\b|nd\\b|rd\\b|ish|de\\s|dollars|bucks|\\$|%|years?|yrs?|años))";

const RE = {
  adults: new RegExp(`\\b${NUM}\\s+(?:[a-z]+\\s+)?(?:${ADULT_WORDS})\\b`, "i"),
  children: new RegExp(
    `\\b${NUM}\\s+(?:(?:of them|de ellos|are|r|son|will be|being|little|small|young|hungry|peque[ñn]os|more|extra|m[aá]s)\\s+){0,2}(?:${CHILD_WORDS})\\b`,
    "i",
  ),
  // "4 of the 15 are kids", "3 of those are children", "two of us are kids": inside a total.
  // Not "one of the kids" or "two of my kids are vegetarian": some of the children, no count.
  childrenOf: new RegExp(
    `\\b${NUM}\\s+(?:of|de)\\s+(the|those|them|us|these|our|my|los|las|ellos|ellas|nosotros|esos|esas|estos|estas)\\s+(?:${NUM}\\s+)?(?:(?:guests|people|folks|attendees|invitados|personas)\\s+(?=are|r|will|is|son|ser))?((?:are|r|will be|being|is|son|ser[aá]n)\\s+)?(?:little\\s+|small\\s+|young\\s+)?(?:${CHILD_WORDS})\\b`,
    "i",
  ),
  // "plus 3 kids", "add 2 more adults", "another 4 people", "2 kids too", "we'll also have 4
  // kids": on top of the party.
  moreChildren: new RegExp(
    `\\b(?:also|too)\\s+(?:have|having|bring|bringing|got|getting|invite|inviting)\\s+${NUM}\\s+(?:(?:little|small|young)\\s+)?(?:${CHILD_WORDS})\\b|\\b(?:plus|add|adding|another|also|otros|otras)\\s+${NUM}\\s+(?:more\\s+|extra\\s+|m[aá]s\\s+)?(?:${CHILD_WORDS})\\b|\\+\\s*\\d+\\s+(?:${CHILD_WORDS})\\b|\\b${NUM}\\s+(?:more|extra|m[aá]s)\\s+(?:${CHILD_WORDS})\\b|\\b${NUM}\\s+(?:${CHILD_WORDS})\\s+(?:too|as well|also|tambi[eé]n|on top|m[aá]s|more)\\b|^\\W*(?:(?:oh|ah|um|and|also|plus|y|ah y|oh y)\\s+)*(?:and|&|y|plus)\\s+${NUM}\\s+(?:(?:little|small|young)\\s+)?(?:${CHILD_WORDS})\\b`,
    "i",
  ),
  moreAdults: new RegExp(
    `\\b(?:also|too)\\s+(?:have|having|bring|bringing|got|getting|invite|inviting)\\s+${NUM}\\s+(?:${ADULT_WORDS})\\b|\\b(?:plus|add|adding|another|also|otros|otras)\\s+${NUM}\\s+(?:more\\s+|extra\\s+|m[aá]s\\s+)?(?:${ADULT_WORDS})\\b|\\+\\s*\\d+\\s+(?:${ADULT_WORDS})\\b|\\b${NUM}\\s+(?:more|extra|m[aá]s)\\s+(?:${ADULT_WORDS})\\b|\\b${NUM}\\s+(?:${ADULT_WORDS})\\s+(?:too|as well|also|tambi[eé]n|m[aá]s|more)\\b`,
    "i",
  ),
  // "2 more people", "plus 3 more", "another 4 guests": more of the party, adults unless said
  // (not "plus 2 650 555 1212" or "plus 44 7911 123456": digits that go on are a phone number).
  moreGuests: new RegExp(
    `\\b(?:plus|add|adding|another)\\s+${NUM}(?![\\s.-]*\\d)(?:\\s+more)?(?:\\s+(?:${PEOPLE_WORDS}))?\\b|\\b${NUM}\\s+(?:more|extra|m[aá]s)(?:\\s+(?:${PEOPLE_WORDS}))?\\b(?!\\s+(?:${CHILD_WORDS}|${ADULT_WORDS}))`,
    "i",
  ),
  childrenBracket: new RegExp(
    `\\(\\s*${NUM}\\s+(?:are|r|of them|son)?\\s*(?:${CHILD_WORDS})\\s*\\)`,
    "i",
  ),
  total: [
    new RegExp(`\\b${NUM}\\s+(?:${PEOPLE_WORDS})\\b`, "i"),
    // Texting style, no space: "12ppl", "15pax", "20guests".
    /\b(\d{1,3})(?:ppl|pax|people|guests|persons)\b/i,
    // "make it 25", "make that 14 instead": a new head count said on its own.
    new RegExp(`\\bmake (?:it|that)\\s+${NUM}\\b${NOT_PARTY_AFTER}`, "i"),
    new RegExp(
      `\\b(?:party|group|family|table|fiesta|grupo|familia) (?:of|for|de|para)\\s+${ABOUT}?\\s*${NUM}\\b${NOT_PARTY_AFTER}`,
      "i",
    ),
    new RegExp(
      `\\b(?:we are|we're|were|we r|there are|there're|there will be|there'll be|we will be|we'll be|will be|we'd be|it's|its|it will be|expecting|serving|feed|feeding|cook for|cooking for|somos|seremos|vamos a ser|van a ser|ser[aá]n|seríamos|seriamos)\\s+(?:just\\s+|only\\s+)?${ABOUT}?\\s*${NUM}\\b${NOT_PARTY_AFTER}`,
      "i",
    ),
    // Not "para una fiesta", "for a party": an article, not a count.
    new RegExp(
      `\\b(?:for|para)\\s+(?:just\\s+|only\\s+)?${ABOUT}?\\s*(?!(?:a|an|one|un|una|uno)\\b(?!\\s+(?:dozen|couple|docena|par)\\b))${NUM}\\b${NOT_PARTY_AFTER}`,
      "i",
    ),
    new RegExp(`\\bjust the\\s+${NUM}\\s+of us\\b`, "i"),
  ],
  inclusive:
    /\b(?:incl\.?|including|includes|inc\.?|of them|of which|of those|of these|of whom|among them|among those|out of them|out of those|de ellos|de ellas|de esos|de esas|de estos|de estas|de los cuales|de las cuales|entre ellos|entre ellas|incluyendo|incluidos?|incluidas?)\b|\(/i,
  // The party restated as a whole: "so 16 total", "20 in all", "a total of 18", "en total 12".
  restated: [
    new RegExp(
      `\\b${NUM}\\s+(?:(?:${PEOPLE_WORDS})\\s+)?(?:total|in total|in all|all together|altogether|en total|en todo|total(?:es)?)\\b`,
      "gi",
    ),
    new RegExp(
      // Not "30 people total: 25 adults and 5 kids" (the breakdown after the total).
      `\\b(?:a total of|total of|in total|en total|un total de|total de|total\\s*[:=])\\s*${ABOUT}?\\s*${NUM}\\b${NOT_PARTY_AFTER}(?!\\s*(?:${ADULT_WORDS}|${CHILD_WORDS})\\b)`,
      "gi",
    ),
  ],
};

// A head count written as a labelled field ("Headcount: 19", "Number of guests - 24", "Party
// size 12", "Adults: 10", "Niños: 3"): rewritten in place, same length, to the plain form the
// readers know ("19 ppl", "10 adults"), so that the spans still point into the message.
const LABEL_PEOPLE =
  "head ?count|guest count|guest ?#|number of (?:guests|people|persons|attendees)|no\\.? of (?:guests|people)|# of (?:guests|people)|party size|group size|total (?:guests|people)|n[uú]mero de (?:personas|invitados)|cantidad de (?:personas|invitados)";
const LABEL_NOUN = `guests|people|pax|attendees|personas|invitados|adults|adultos|kids|children|niños|ninos|menores`;
const NOT_A_COUNT_AFTER = `(?![\\d:/]|\\.\\d|[ \\t]*(?:${PEOPLE_WORDS}|${ADULT_WORDS}|${CHILD_WORDS}|am|pm|a\\.m|p\\.m|days?|weeks?|hours?|hrs?|mins?|minutes?|d[ií]as?|semanas?|horas?)\\b)`;
const LABEL_HINT = /[:=]|count|size|number|#|cantidad|n[uú]mero/;
const LABELLED = new RegExp(
  `\\b(?:(${LABEL_PEOPLE})(?:\\s*[:=–-]\\s*|\\s+(?:is|will be|would be|of|es|ser[aá]|de)\\s+|\\s+)|(${LABEL_NOUN})\\s*[:=]\\s*)(\\d{1,3})\\b${NOT_A_COUNT_AFTER}`,
  "gi",
);

function unlabel(s: string): string {
  if (!/\d/.test(s) || !LABEL_HINT.test(s)) return s;
  return s.replace(
    LABELLED,
    (all, _label: string | undefined, noun: string | undefined, n: string) => {
      const word = noun
        ? new RegExp(`^(?:${ADULT_WORDS})$`).test(noun)
          ? "adults"
          : new RegExp(`^(?:${CHILD_WORDS})$`).test(noun)
            ? "kids"
            : "ppl"
        : "ppl";
      const plain = `${n} ${word}`;
      return plain.length <= all.length ? plain.padEnd(all.length, " ") : all;
    },
  );
}

// "twelve couples", "6 couples": two adults each, rewritten in place, same length or shorter
// ("twelve couples" -> "24 adults     "), so the spans still point into the message.
const COUPLES = new RegExp(`\\b${NUM}\\s+(?:couples|parejas)\\b`, "gi");

function uncouple(s: string): string {
  return s.replace(COUPLES, (all, n: string) => {
    const c = count(n);
    if (c === undefined || c > 250) return all;
    const plain = `${c * 2} adults`;
    return plain.length <= all.length ? plain.padEnd(all.length, " ") : all;
  });
}

/** The last match of any of `res` (global patterns) in `s`. */
function lastOf(res: RegExp[], s: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const re of res)
    for (const m of s.matchAll(re)) if (!last || m.index > last.index) last = m as RegExpExecArray;
  return last;
}

// "8 adults and 6 kids", "6 adults + 4 kids", "4 niños y 10 adultos": a party said as a pair.
const PAIRS = [
  new RegExp(
    `\\b${NUM}\\s+(?:[a-z]+\\s+)?(?:${ADULT_WORDS})\\s*(?:,|and|&|\\+|plus|y|with|w/?|n)?\\s*${NUM}\\s+(?:(?:little|small|young)\\s+)?(?:${CHILD_WORDS})\\b`,
    "gi",
  ),
  new RegExp(
    `\\b${NUM}\\s+(?:(?:little|small|young)\\s+)?(?:${CHILD_WORDS})\\s*(?:,|and|&|\\+|plus|y|with|w/?|n)?\\s*${NUM}\\s+(?:[a-z]+\\s+)?(?:${ADULT_WORDS})\\b`,
    "gi",
  ),
];

function count(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const n = numberOf(raw);
  return n !== undefined && n > 0 && n <= 500 ? n : undefined;
}

const EVERY = {
  adults: new RegExp(RE.adults.source, "gi"),
  children: new RegExp(RE.children.source, "gi"),
};

// People leaving the party: "2 couples just bailed" (uncoupled to "4 adults"), "3 fewer people",
// "minus 2 kids", "2 personas menos", "3 of them can't make it".
const LEAVE_VERBS =
  "bailed|bailed out|dropped out|dropped|backed out|pulled out|flaked|cancell?ed|can'?t come|cannot come|can'?t make it|cannot make it|won'?t come|won'?t make it|aren'?t coming|are not coming|not coming|no longer coming|are out|can'?t join|ya no vienen|no vienen|no van a venir|no pueden venir|cancelaron";
const LESS = [
  new RegExp(
    `\\b${NUM}\\s+(?:(?:of (?:them|us|those)|de ellos|de ellas)\\s+|(${ADULT_WORDS}|${CHILD_WORDS}|${PEOPLE_WORDS})\\s+)?(?:just\\s+|also\\s+|now\\s+|have\\s+|already\\s+|ya\\s+)*(?:${LEAVE_VERBS})\\b`,
    "i",
  ),
  new RegExp(
    `\\b${NUM}\\s+(?:fewer|less)(?:\\s+(${ADULT_WORDS}|${CHILD_WORDS}|${PEOPLE_WORDS}))?\\b`,
    "i",
  ),
  new RegExp(
    `\\b(?:minus|take off|take away|remove|subtract|drop)\\s+${NUM}(?:\\s+(${ADULT_WORDS}|${CHILD_WORDS}|${PEOPLE_WORDS}))?\\b`,
    "i",
  ),
  new RegExp(`\\b${NUM}\\s+(${ADULT_WORDS}|${CHILD_WORDS}|${PEOPLE_WORDS})?\\s*menos\\b`, "i"),
];

function leaving(s: string): PeopleReading | undefined {
  for (const re of LESS) {
    const m = re.exec(s);
    const n = m ? count(m[1]) : undefined;
    if (!m || n === undefined) continue;
    const who = m[2] ?? "";
    const kind = new RegExp(`^(?:${CHILD_WORDS})$`, "i").test(who)
      ? "children"
      : new RegExp(`^(?:${ADULT_WORDS})$`, "i").test(who)
        ? "adults"
        : "guests";
    return { [kind]: n, less: kind, spans: [[m.index, m.index + m[0].length]] };
  }
  return undefined;
}

const MORE_OF_BOTH = new RegExp(
  `\\b${NUM}\\s+(?:more|extra|additional|m[aá]s)\\s+(?:${ADULT_WORDS}|${CHILD_WORDS})\\b|\\b${NUM}\\s+(?:${ADULT_WORDS}|${CHILD_WORDS})\\s+(?:more|m[aá]s)\\b|\\b(?:add|adding|another)\\s+${NUM}\\b|\\bon top of (?:that|this|those|it|them)\\b|\\badem[aá]s\\b`,
  "i",
);

// "3 families, each is 4 adults + 2 kids", "4 households of 2 adults and 1 kid each": the party
// said per group.
const GROUPS = new RegExp(
  `\\b${NUM}\\s+(?:families|households|groups|familias|grupos|hogares)\\b[,:]?\\s*(?:(?:and|y)\\s+)?(?:each|each one|cada una?|cada uno)\\b(?:\\s+(?:is|has|with|of|being|es|tiene|con|de))?`,
  "i",
);

/**
 * "our two boys who are 7 and 10": sons and daughters whose ages are all 12 or under are children
 * (rewritten to "two kids" of the same length, so spans stay where they were). Without ages,
 * "our two sons" may be grown: left alone.
 */
const KIDS_BY_AGE = new RegExp(
  `\\b(?:our|my|his|her|their)\\s+${NUM}\\s+(boys|girls|sons|daughters)(,?\\s+(?:who are|aged?|ages?)\\s+((?:\\d{1,2}(?:\\s*(?:,|and|&)\\s*)?)+))`,
  "gi",
);
function kidsByAge(s: string): string {
  return s.replace(
    KIDS_BY_AGE,
    (whole: string, n: string, who: string, _tail: string, ages: string) => {
      const all = ages.match(/\d+/g)?.map(Number) ?? [];
      if (!all.length || all.some((a) => a > 12)) return whole;
      return whole.replace(who, "kids".padEnd(who.length, " "));
    },
  );
}

// Guests counted by what they eat ("two of us are vegetarian", "2 guests are allergic to
// shellfish", "the 3 kids are vegan", "we have two vegetarians", "2 of them don't eat meat"):
// some of the party, never its size. The diet reader (diet-extract.ts) gives the diet to them;
// here the count is blanked, same length, so the spans still point into the message. Not a party
// said with its diet ("for 10 vegetarians", "we're 12 vegans", "party of 8 vegetarian adults").
const DIET_WORD =
  "vegetarians?|veggies?|vegans?|pesc[ae]tarians?|plant[- ]based|gluten[- ]free|gluten|celiacs?|coeliacs?|halal|kosher|dairy[- ]free|lactose[- ]intolerant|lactose|nut[- ]free|vegetarian[oa]s?|vegan[oa]s?|cel[ií]ac[oa]s?|al[eé]rgic[oa]s?|allergic|intolerant";
const DIET_FILLER =
  "are|is|r|will|be|being|who|that|also|both|only|strictly|just|going|gonna|to|have|has|need|needs|want|wants|keep|keeps|eat|eats|a|an|severe|serious|bad|food|son|ser[aá]n|tienen|tiene|comen|es|who're|they're|theyre|they|need|require|requires";
/** "in our group", "from my party": who the counted people are among. */
const AMONG = `(?:\\s+(?:in|of|from|at)\\s+(?:our|my|the|this|his|her|their)\\s+(?:group|party|family|crowd|bunch|table))`;
const DIET_WHO = `(?:(?:of|de)\\s+(?:us|them|those|these|y'all|the|our|my|ellos|ellas|nosotros|nosotras)(?:\\s+${NUM})?(?:\\s+(?:${PEOPLE_WORDS}|${ADULT_WORDS}|${CHILD_WORDS}))?|(?:${PEOPLE_WORDS}|${ADULT_WORDS}|${CHILD_WORDS})${AMONG}?)`;
const DIET_COUNT = new RegExp(
  `\\b${NUM}(?:\\s+${DIET_WHO})?\\s+(?:(?:${DIET_FILLER})\\s+){0,4}(?:(?:${DIET_WORD})\\b|[a-z]+\\s+allerg\\w*|allerg\\w*|(?:do ?n'?t|dont|do not|does ?n'?t|doesnt|does not|can'?t|cant|cannot|won'?t|never|no)\\s+(?:eat|have|do|comen|pueden comer)\\s+(?:any\\s+)?(?:meat|pork|beef|red meat|fish|seafood|shellfish|gluten|dairy|nuts|eggs|carne|mariscos)\\b|avoid\\w*|eats?\\s+(?:meat|steak|chicken|fish|seafood)\\b)`,
  "gi",
);
/** Said before a count that is the party, whatever diet follows it. */
const PARTY_LEAD = new RegExp(
  `\\b(?:for|para|party of|group of|family of|table for|table of|we are|we're|we r|were|we'll be|we will be|there will be|there'll be|expecting|serving|feeding|cook for|cooking for|somos|seremos|vamos a ser|all|both|total of|total)\\s+(?:just\\s+|only\\s+)?(?:${ABOUT}\\s+)?$`,
  "i",
);

// "3 people in our group want filet", "2 guests in my party are kids": a part of the party, told
// by "in our group" and what they do or are (not "there are 10 people in our group": the party).
const PART_OF_PARTY = new RegExp(
  `\\b${NUM}\\s+(?:${PEOPLE_WORDS}|${ADULT_WORDS})${AMONG}\\s+(?=(?:are|is|r|want|wants|would|will|'d|need|needs|prefer|prefers|eat|eats|don'?t|do not|can'?t|cannot|have|has|like|get|gets|ask|asked|requested)\\b)`,
  "gi",
);

function withoutDietCounts(s: string): string {
  let out = s;
  for (const m of s.matchAll(PART_OF_PARTY)) {
    if (PARTY_LEAD.test(s.slice(Math.max(0, m.index - 30), m.index))) continue;
    // "3 people in our party are kids" is "3 of them are kids": children inside the party.
    const kids = new RegExp(
      `^(?:are|r|will be)\\s+(?:little\\s+|small\\s+|young\\s+)?(?:${CHILD_WORDS})\\b`,
    );
    const as = kids.test(s.slice(m.index + m[0].length)) ? `${m[1]} of them ` : "";
    out = out.slice(0, m.index) + as.padEnd(m[0].length, " ") + out.slice(m.index + m[0].length);
  }
  for (const m of s.matchAll(DIET_COUNT))
    if (!PARTY_LEAD.test(s.slice(Math.max(0, m.index - 30), m.index)))
      out = out.slice(0, m.index) + " ".repeat(m[0].length) + out.slice(m.index + m[0].length);
  return out;
}

/** What names one group of a party before its count: "my side is", "her family:", "his group". */
const SIDE_BEFORE =
  /\b(?:side|family|folks|group|friends|crew|lado|familia|grupo)(?:\s+(?:is|are|has|will be|brings?|es|son|trae))?\s*[:,-]?\s*$/i;

// "half of them are kids", "a third are children", "half the group is kids": a share.
const SHARES: Record<string, number> = {
  half: 1 / 2,
  "a third": 1 / 3,
  "one third": 1 / 3,
  "a quarter": 1 / 4,
  "one quarter": 1 / 4,
  "a fourth": 1 / 4,
  "two thirds": 2 / 3,
  "three quarters": 3 / 4,
  "la mitad": 1 / 2,
};
const CHILD_SHARE = new RegExp(
  `\\b(${Object.keys(SHARES).join("|")})\\s+(?:(?:of\\s+)?(?:them|us|the\\s+(?:group|party|guests|people|crowd))\\s+|de\\s+(?:ellos|ellas|nosotros|los\\s+invitados)\\s+)?(?:are|r|is|will be|being|would be|son|ser[aá]n)\\s+(?:(?:little|small|young)\\s+)?(?:${CHILD_WORDS})\\b`,
  "i",
);

/** Guests, adults and children in a message (fields absent when not said). */
export function readPeople(text: string): PeopleReading {
  const read = readCounts(text);
  const share = CHILD_SHARE.exec(text.toLowerCase());
  if (!share || read.children !== undefined || read.adults !== undefined) return read;
  const part = SHARES[share[1]!.toLowerCase()]!;
  const spans: [number, number][] = [...read.spans, [share.index, share.index + share[0].length]];
  // "12 of us, half of them are kids": the children inside the total said.
  if (read.guests !== undefined && !read.more && !read.less) {
    const children = Math.round(read.guests * part);
    return { guests: read.guests, adults: read.guests - children, children, spans };
  }
  return { ...read, childrenShare: part, spans };
}

function readCounts(text: string): PeopleReading {
  const s = withoutDietCounts(kidsByAge(uncouple(unlabel(text.toLowerCase()))));
  const groups = GROUPS.exec(s);
  const k = groups ? count(groups[1]) : undefined;
  if (groups && k !== undefined && k <= 20) {
    const at = groups.index + groups[0].length;
    const each = readCounts(s.slice(at));
    if (each.guests !== undefined && !each.more && !each.less)
      return {
        guests: each.guests * k,
        ...(each.adults !== undefined ? { adults: each.adults * k } : {}),
        ...(each.children !== undefined ? { children: each.children * k } : {}),
        spans: [
          [groups.index, groups.index + groups[0].length],
          ...each.spans.map(([a, b]) => [a + at, b + at] as [number, number]),
        ],
      };
  }
  const left = leaving(s);
  if (left) return left;
  const spans: [number, number][] = [];
  let m: RegExpExecArray | null;

  // Several counts of adults or of children, then the party said again as a pair ("6 adults +
  // 4 kids ... their 2 kids so that's 8 adults and 6 kids"): the last pair is the party.
  const times = (re: RegExp) => [...s.matchAll(re)].length;
  if (times(EVERY.adults) > 1 || times(EVERY.children) > 1) {
    let last: { m: RegExpExecArray; adultsFirst: boolean } | undefined;
    PAIRS.forEach((re, i) => {
      for (const p of s.matchAll(re))
        if (!last || p.index > last.m.index)
          last = { m: p as RegExpExecArray, adultsFirst: i === 0 };
    });
    if (last) {
      const a = count(last.m[last.adultsFirst ? 1 : 2]);
      const c = count(last.m[last.adultsFirst ? 2 : 1]);
      if (a !== undefined && c !== undefined) {
        spans.push([last.m.index, last.m.index + last.m[0].length]);
        return { guests: a + c, adults: a, children: c, spans };
      }
    }
  }

  let adults: number | undefined;
  let summed = false;
  // "my side is 8 adults, her side is 6 adults": one count per side of the family (or group),
  // each named before it, and no total said after: the party is their sum.
  const sides = [...s.matchAll(EVERY.adults)];
  if (
    sides.length > 1 &&
    !/total|in all|together|en todo/.test(s) &&
    (sides.every((x) => SIDE_BEFORE.test(s.slice(Math.max(0, x.index - 30), x.index))) ||
      // "10 adults plus 2 teenagers": grown-ups of two kinds, one after the other.
      sides.every(
        (x, i) =>
          i === 0 ||
          /^\s*(?:and|&|\+|plus|y|with)\s*$/.test(
            s.slice(sides[i - 1]!.index + sides[i - 1]![0].length, x.index),
          ),
      ))
  ) {
    const each = sides.map((x) => count(x[1]));
    if (each.every((n) => n !== undefined)) {
      adults = each.reduce((a, n) => a! + n!, 0);
      summed = true;
      for (const x of sides) spans.push([x.index, x.index + x[0].length]);
    }
  }
  if (adults === undefined && (m = RE.adults.exec(s)) && (adults = count(m[1])))
    spans.push([m.index, m.index + m[0].length]);
  let children: number | undefined;
  let childAt = -1;
  let of = RE.childrenOf.exec(s);
  // "one of the kids", "2 of our kids are vegetarian": some of the children, not how many.
  if (
    of &&
    /^(?:the|our|my|los|las|those|these|esos|esas|estos|estas)$/.test(of[2]!) &&
    !of[3] &&
    !of[4]
  )
    of = null;
  if (of && (children = count(of[1]))) {
    const within = of[3] !== undefined ? count(of[3]) : undefined;
    spans.push([of.index, of.index + of[0].length]);
    if (within !== undefined && children < within)
      return { guests: within, adults: within - children, children, spans };
    // "12 people, 3 of them are kids": inside a total said before it (read below).
    childAt = of.index;
  }
  m = children === undefined ? (RE.childrenBracket.exec(s) ?? RE.children.exec(s)) : null;
  if (m && (children = count(m[1]))) {
    spans.push([m.index, m.index + m[0].length]);
    childAt = m.index;
  }
  // The whole party said again ("14 girls plus the two of us, so 16 total") is the total,
  // whatever count came before it; children said anywhere are inside it.
  const again = /total|in all|together|en todo/.test(s) ? lastOf(RE.restated, s) : undefined;
  const restated = again ? count(again[1]) : undefined;
  let total: number | undefined;
  let totalEnd = -1;
  if (restated !== undefined) {
    total = restated;
    spans.push([again!.index, again!.index + again![0].length]);
    totalEnd = again!.index + again![0].length;
  } else
    for (const re of RE.total) {
      const blanked = spans.reduce(
        (acc, [a, b]) => acc.slice(0, a) + " ".repeat(b - a) + acc.slice(b),
        s,
      );
      m = re.exec(blanked);
      if (m && (total = count(m[1]))) {
        spans.push([m.index, m.index + m[0].length]);
        totalEnd = m.index + m[0].length;
        break;
      }
    }

  const ofTotal = of ? { ofTotal: true as const } : {};
  // "make it 16 people, 2 more kids": the new total, two of whom are more children.
  const moreKidsIn = new RegExp(
    `\\b${NUM}\\s+(?:more|extra|m[aá]s)\\s+(?:${CHILD_WORDS})\\b`,
    "i",
  ).test(s);
  if (restated !== undefined && children !== undefined && children < restated && !moreKidsIn)
    return { guests: restated, adults: restated - children, children, spans };
  if (adults !== undefined && children !== undefined) {
    // "3 more adults rsvp'd, and 2 kids on top of that": both added to the party (not "18
    // adults plus 5 grandchildren", a party said as a pair).
    const added = restated === undefined && MORE_OF_BOTH.test(s);
    return {
      guests: adults + children,
      adults,
      children,
      ...(added ? { more: "both" } : {}),
      spans,
    };
  }
  if (total !== undefined && children !== undefined) {
    if (moreKidsIn) return { guests: total, children, more: "children", spans };
    // "15 of us incl 4 kids", "party of 12 (3 are kids)", "14 ppl, 4 of them kids": inside the
    // total. "12 people and 3 kids": on top of it.
    const between = childAt > totalEnd ? s.slice(totalEnd, childAt + 30) : "";
    const inside =
      childAt > totalEnd &&
      (RE.inclusive.test(between) ||
        // "12 people, 3 are kids", "12 people in our party, 3 are kids".
        new RegExp(`^${AMONG}?\\s*,\\s*$`).test(s.slice(totalEnd, childAt))) &&
      children < total;
    return inside
      ? { guests: total, adults: total - children, children, spans }
      : { guests: total + children, adults: total, children, spans };
  }
  if (total !== undefined && adults !== undefined && adults < total)
    return { guests: total, adults, children: total - adults, spans };
  if (adults !== undefined)
    return {
      guests: adults,
      adults,
      ...(!summed && RE.moreAdults.test(s) ? { more: "adults" } : {}),
      spans,
    };
  if (total !== undefined) return { guests: total, spans };
  if (children !== undefined)
    return {
      children,
      ...(RE.moreChildren.test(s) ? { more: "children" } : {}),
      ...ofTotal,
      spans,
    };
  // "2 more people", "plus 3 more": more of the party (adults, unless said otherwise).
  const g = RE.moreGuests.exec(s);
  const n = g ? count(g[1] ?? g[2]) : undefined;
  if (g && n !== undefined) {
    spans.push([g.index, g.index + g[0].length]);
    return { guests: n, more: "guests", spans };
  }
  return { spans };
}
