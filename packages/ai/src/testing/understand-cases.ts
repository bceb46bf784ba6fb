// A hand-labelled table of customer phrasings and what they mean, written from the seed menu
// (packages/seed/src/data.ts) and a calendar before looking at how the reader works. Dates are
// worked out by hand against NOW = Tuesday 2026-11-24, 10:00 in Los Angeles (18:00 UTC):
//   Nov 2026: Sat 28, Sun 29; Thanksgiving Thu 26.
//   Dec 2026: Tue 1; Fri 4/11/18/25; Sat 5/12/19/26; Sun 6/13/20/27; Thu 24 and 31.
//   Jan 2027: Fri 1, Sat 2/9/16; Feb 14 2027 is a Sunday; Mother's Day Sun 2027-05-09;
//   Memorial Day Mon 2027-05-31; July 4 2027 is a Sunday.
// Conventions the table encodes (see the report of issue 11):
// - "next Saturday" is the coming Saturday (the reading the assistant already had); "next
//   weekend" is the one after this weekend.
// - "at 6" without am/pm is evening for 1-9; 10 and 11 are morning; 12 is noon.
// - A count next to a menu item counts orders of that item, the unit the menu prices
//   ("a dozen gyoza" is 12 orders); counts for included proteins are not orders.
// - Menu words come from item and package NAMES (typos tolerated), never from descriptions:
//   "potstickers" or "prawns" alone name nothing.
// - Ordinary English words one letter away from a menu word are not menu words ("steam",
//   "sale", "stake").
// A further 30 phrasings are kept out of this table: bench/data/understand-heldout.jsonl.
import type { Slots } from "../extract";

/** Tuesday 2026-11-24, 10:00 in Los Angeles. */
export const NOW = new Date("2026-11-24T18:00:00Z");
export const TZ = "America/Los_Angeles";

export type Expected = Partial<Record<keyof Slots, unknown>>;

/** Only the fields a case names are compared; `undefined` asserts the field is absent. */
export function pickSlots(s: Slots, expected: Expected): Expected {
  const out: Expected = {};
  for (const k of Object.keys(expected) as (keyof Slots)[]) {
    const v = s[k];
    if (k === "named") out[k] = [...((v as string[] | undefined) ?? [])].sort();
    else if (k === "items") out[k] = v && Object.keys(v).length ? v : undefined;
    else out[k] = v;
  }
  return out;
}

export const sorted = (e: Expected): Expected =>
  Array.isArray(e.named) ? { ...e, named: [...(e.named as string[])].sort() } : e;

const DATES: [string, Expected][] = [
  ["next Saturday for 12 at 6pm", { date: "2026-11-28", startMinute: 1080, guests: 12 }],
  ["can we do this sat around 6?", { date: "2026-11-28", startMinute: 1080 }],
  ["what about sun 5pm", { date: "2026-11-29", startMinute: 1020 }],
  ["tmrw at noon for 8 ppl", { date: "2026-11-25", startMinute: 720, guests: 8 }],
  ["2morrow night 7pm?", { date: "2026-11-25", startMinute: 1140 }],
  ["available tmr?", { date: "2026-11-25" }],
  ["this weekend for 10", { from: "2026-11-28", to: "2026-11-29", guests: 10, date: undefined }],
  ["the weekend after next", { from: "2026-12-12", to: "2026-12-13" }],
  ["next weekend?", { from: "2026-12-05", to: "2026-12-06" }],
  ["in two weeks", { date: "2026-12-08" }],
  ["a week from Saturday", { date: "2026-12-05" }],
  ["first Saturday in January", { date: "2027-01-02" }],
  ["Dec 12th at 6:30", { date: "2026-12-12", startMinute: 1110 }],
  ["12/20 at 5", { date: "2026-12-20", startMinute: 1020 }],
  ["saturday december 19 for 15 people", { date: "2026-12-19", guests: 15 }],
  ["on the 12th", { date: "2026-12-12" }],
  ["jan 9 2027", { date: "2027-01-09" }],
  ["christmas eve dinner for 20", { date: "2026-12-24", guests: 20 }],
  ["NYE party 8pm, 25 ppl", { date: "2026-12-31", startMinute: 1200, guests: 25 }],
  ["thanksgiving", { date: "2026-11-26" }],
  ["july 4th bbq for 30", { date: "2027-07-04", guests: 30 }],
  ["memorial day weekend", { date: "2027-05-31" }],
  ["mother's day brunch", { date: "2027-05-09" }],
  ["super bowl party for 20", { date: undefined, guests: 20 }],
  ["super bowl sunday", { date: undefined, weekdayOnly: undefined }],
  ["xmas day", { date: "2026-12-25" }],
  ["new years day", { date: "2027-01-01" }],
  ["valentines day dinner for 2", { date: "2027-02-14", guests: 2 }],
  ["friday the 18th", { date: "2026-12-18" }],
  ["tonight at 7", { date: "2026-11-24", startMinute: 1140 }],
  ["today?", { date: "2026-11-24" }],
  ["el sábado a las 6", { date: "2026-11-28", startMinute: 1080 }],
  ["mañana a las 7 de la tarde", { date: "2026-11-25", startMinute: 1140 }],
  ["el 12 de diciembre para 15 personas", { date: "2026-12-12", guests: 15 }],
  ["el próximo sábado", { date: "2026-11-28" }],
  ["este fin de semana", { from: "2026-11-28", to: "2026-11-29" }],
  ["nochebuena", { date: "2026-12-24" }],
  ["a las 11 de la mañana", { startMinute: 660, date: undefined }],
  ["en dos semanas", { date: "2026-12-08" }],
  ["el domingo", { date: "2026-11-29" }],
  ["we sat down and talked about a party", { date: undefined }],
  ["our party is on 12/31/0001", { date: undefined }],
  ["what's your zip 95125 travel fee", { date: undefined, postalCode: "95125", guests: undefined }],
];

const TIMES: [string, Expected][] = [
  ["6pm works", { startMinute: 1080 }],
  ["at 6", { startMinute: 1080 }],
  ["6:30 pls", { startMinute: 1110 }],
  ["lunch at noon on saturday", { startMinute: 720, date: "2026-11-28" }],
  ["around 5ish", { startMinute: 1020 }],
  ["7:30 pm", { startMinute: 1170 }],
  ["at 11am", { startMinute: 660 }],
  ["18:00", { startMinute: 1080 }],
  ["for 12 people", { startMinute: undefined, guests: 12 }],
  ["in the evening", { startMinute: undefined }],
  ["at 6 for 12", { startMinute: 1080, guests: 12 }],
  ["party of 12 on 12/12 at 12", { guests: 12, date: "2026-12-12", startMinute: 720 }],
];

const GUESTS: [string, Expected][] = [
  ["a dozen people", { guests: 12 }],
  ["two dozen guests", { guests: 24 }],
  ["15 of us incl 4 kids", { guests: 15, adults: 11, children: 4 }],
  ["10 adults and 4 kids", { guests: 14, adults: 10, children: 4 }],
  ["10 adults + 4 children", { guests: 14, adults: 10, children: 4 }],
  ["8 grown-ups, 3 little ones", { guests: 11, adults: 8, children: 3 }],
  ["party of 12 (3 are kids)", { guests: 12, adults: 9, children: 3 }],
  ["12 ppl", { guests: 12 }],
  ["12 pax", { guests: 12 }],
  ["doce personas", { guests: 12 }],
  ["10 adultos y 3 niños", { guests: 13, adults: 10, children: 3 }],
  ["we'll be like 20", { guests: 20 }],
  ["4 lobster tails", { guests: undefined, items: { "lobster-tail": 4 } }],
  ["dec 12 at 6pm", { guests: undefined }],
  ["is it $60 per person?", { guests: undefined }],
  ["2 sushi platters", { guests: undefined, items: { "sushi-platter": 2 } }],
  ["somos 15", { guests: 15 }],
  ["just the 2 of us", { guests: 2 }],
  ["20 adults 5 kids", { guests: 25, adults: 20, children: 5 }],
  ["6 adults", { guests: 6, adults: 6 }],
  ["around 30 guests", { guests: 30 }],
  ["party of fifteen", { guests: 15 }],
  ["for 40", { guests: 40 }],
  ["twenty people", { guests: 20 }],
  ["3 kids and 9 adults", { guests: 12, adults: 9, children: 3 }],
  ["one guest has celiac", { guests: undefined }],
  ["how much for 15 adults and 3 kids", { guests: 18, adults: 15, children: 3 }],
  ["para 10 personas", { guests: 10 }],
  ["kids under 12 half price?", { guests: undefined, children: undefined }],
  ["plus 5 kids", { children: 5, guests: undefined }],
];

const KEEP_TIME: [string, Expected][] = [
  ["can we move it to saturday same time", { date: "2026-11-28", keepTime: true }],
  ["sunday at the same time", { date: "2026-11-29", keepTime: true }],
  ["can we keep the time and do dec 12", { date: "2026-12-12", keepTime: true }],
  ["what time do you arrive", { keepTime: undefined }],
  ["same price for kids?", { keepTime: undefined }],
];

const MENU_CASES: [string, Expected][] = [
  ["is the gyoza gluten free", { named: ["gyoza"] }],
  ["do u have gyozas", { named: ["gyoza"] }],
  ["gyoza dumplings?", { named: ["gyoza"] }],
  ["do you have potstickers", { named: [] }],
  ["add a lobstr tail for me", { named: ["lobster-tail"], items: { "lobster-tail": 1 } }],
  ["how much is fried rice", { named: ["extra-fried-rice"] }],
  ["extra fried rice for everyone", { named: ["extra-fried-rice"], items: undefined }],
  ["do you do yakisoba noodles", { named: ["yakisoba"] }],
  ["can you do sake", { named: ["sake-service"] }],
  ["do you rent tables and chairs", { named: ["tables-chairs"] }],
  ["is the mochi gluten free", { named: ["pumpkin-mochi"] }],
  ["the premuim package for 10", { packageSlug: "premium", guests: 10 }],
  ["filet mignone upgrade how much", { named: ["filet-mignon"], items: undefined }],
  ["filet mignon steak", { named: ["filet-mignon"] }],
  ["jumbo shrimp", { named: ["jumbo-shrimp"] }],
  ["shrimp and steak", { named: ["shrimp", "steak"] }],
  ["can I get more rice", { named: [] }],
  ["anything extra?", { named: [] }],
  ["what protein options", { named: [] }],
  ["is the stake good", { named: [] }],
  ["do you steam the vegetables", { named: [] }],
  ["salmon and scallops for me", { named: ["salmon", "scallops"] }],
  ["sushi platter for 20 people", { named: ["sushi-platter"], guests: 20, items: undefined }],
  ["add 3 filet and 2 lobster", { items: { "filet-mignon": 3, "lobster-tail": 2 } }],
  ["we want 4 lobster upgrades too", { items: { "lobster-tail": 4 } }],
  ["12 chicken for 12 people", { items: undefined, named: ["chicken"], guests: 12 }],
  ["edamame n spring rolls", { named: ["edamame", "vegetable-spring-rolls"] }],
  ["tofu for the vegans", { named: ["tofu"] }],
  ["vegetable medley", { named: ["vegetable"] }],
  ["premium vs classic?", { packageSlug: undefined }],
  ["switch from classic to premium", { packageSlug: "premium" }],
  ["upgrade to premium", { packageSlug: "premium" }],
  ["paquete premium para 12", { packageSlug: "premium", guests: 12 }],
  ["cuánto cuesta la langosta", { named: ["lobster-tail"] }],
  ["camarones y pollo", { named: ["chicken", "shrimp"] }],
  ["do you have sake bombs", { named: ["sake-service"] }],
  ["how much is the extra protein", { named: ["extra-protein"] }],
  ["2 orders of gyoza", { items: { gyoza: 2 } }],
  ["a dozen gyoza", { items: { gyoza: 12 }, guests: undefined }],
  [
    "two sushi platters and 10 lobster tails for 30 people",
    { items: { "sushi-platter": 2, "lobster-tail": 10 }, guests: 30 },
  ],
  ["8 filet mignon upgrades", { items: { "filet-mignon": 8 } }],
  ["salomn", { named: ["salmon"] }],
  ["shirmp", { named: ["shrimp"] }],
  ["edamamme", { named: ["edamame"] }],
  ["wagyu for 6 ppl", { named: ["wagyu"], guests: 6, items: undefined }],
  ["6 wagyu", { items: { wagyu: 6 } }],
  ["chicken teriyaki", { named: ["chicken"] }],
  ["ny strip", { named: ["steak"] }],
  ["is the sushi raw", { named: ["sushi-platter"] }],
  ["what's on sale", { named: [] }],
  ["classic pkg", { packageSlug: "classic" }],
  ["what time does the chef arrive", { named: [], packageSlug: undefined }],
];

const MIXED: [string, Expected][] = [
  [
    "hi! looking to book sat dec 12 for 14 adults + 3 kids around 6ish in 95129, premium pkg w/ lobster",
    {
      date: "2026-12-12",
      startMinute: 1080,
      guests: 17,
      adults: 14,
      children: 3,
      postalCode: "95129",
      packageSlug: "premium",
      named: ["lobster-tail"],
    },
  ],
  ["can i book for 12/31 at 8 for 20 ppl", { date: "2026-12-31", startMinute: 1200, guests: 20 }],
  [
    "mochi and edamame for 10 adults and 2 kids on dec 19",
    {
      named: ["edamame", "pumpkin-mochi"],
      guests: 12,
      adults: 10,
      children: 2,
      date: "2026-12-19",
    },
  ],
  [
    "booking HB-QX7K2M, email jo@example.com",
    { bookingCode: "HB-QX7K2M", email: "jo@example.com", guests: undefined },
  ],
  [
    "we r 18 ppl (6 kids) on the 19th around 5:30, classic, 4 filet upgrades",
    {
      guests: 18,
      adults: 12,
      children: 6,
      date: "2026-12-19",
      startMinute: 1050,
      packageSlug: "classic",
      items: { "filet-mignon": 4 },
    },
  ],
];

export const UNDERSTAND_CASES: Record<string, [string, Expected][]> = {
  DATES,
  TIMES,
  GUESTS,
  KEEP_TIME,
  MENU_CASES,
  MIXED,
};
