// Generates bench/data/chat-trace.jsonl (committed as data; rerun only to change the trace).
// Each line: { conv, text, intent, slots } — the EXPECTED intent and the slots the answer depends
// on, written by hand per template (never by the recognizer), relative to the bench clock
// NOW = 2026-11-24 (a Tuesday in Los Angeles).
import { writeFileSync } from "node:fs";

type Slots = Record<string, unknown>;
interface Line {
  conv: string;
  text: string;
  intent: string;
  slots: Slots;
}

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

const FAQ: Record<string, { slots?: Slots; texts: string[] }[]> = {
  pricing: [
    {
      texts: [
        "what's your pricing?",
        "how much does it cost?",
        "How much do you charge?",
        "whats the price",
        "how much is it per person",
        "what are your rates?",
        "pricing?",
        "How much for a hibachi party?",
        "how much r u guys",
        "what does a hibachi chef cost",
        "cost per person?",
        "what are ur prices",
        "Is it expensive? what's the cost",
      ],
    },
  ],
  dietary: [
    {
      slots: { diet: ["vegetarian"] },
      texts: [
        "do you serve vegetarians?",
        "Any vegetarian options?",
        "do u have veggie options",
        "my sister is vegetarian, what can she eat?",
        "vegetarian menu?",
        "Do you guys do vegetarian food",
        "is there something for vegetarians",
        "we have a few vegetarians coming, is that ok?",
      ],
    },
    {
      slots: { diet: ["vegan"] },
      texts: [
        "do you have vegan options?",
        "Any vegan dishes",
        "is anything vegan",
        "my wife is vegan, what can she have?",
      ],
    },
    {
      slots: { diet: ["gluten"] },
      texts: [
        "do you have gluten free food?",
        "Is it gluten free?",
        "gluten free options?",
        "one guest has celiac, can you do gluten-free?",
      ],
    },
    {
      slots: { diet: ["shellfish"] },
      texts: [
        "shellfish allergy - what should we avoid?",
        "my son is allergic to shellfish",
        "Do you have shellfish free proteins?",
      ],
    },
    {
      slots: { diet: ["nuts"] },
      texts: ["do you use peanuts?", "nut allergy, is that ok?", "any tree nuts in your food?"],
    },
  ],
  menu: [
    {
      texts: [
        "what's on the menu?",
        "can I see the menu",
        "What food do you serve?",
        "what proteins do you have",
        "menu pls",
        "What do you cook?",
        "what are the menu options",
      ],
    },
  ],
  service_area: [
    {
      texts: [
        "what areas do you serve?",
        "where do you travel?",
        "what's your service area",
        "how far do you travel?",
        "Do you travel?",
      ],
    },
    {
      slots: { zip: "95060" },
      texts: ["do you come to 95060?", "can you travel to 95060", "Is 95060 in your area?"],
    },
    { slots: { zip: "94110" }, texts: ["do you come to 94110?", "do you serve zip 94110"] },
    {
      slots: { city: "Fremont" },
      texts: ["do you come to Fremont?", "Do you serve Fremont", "can you come to fremont"],
    },
    { slots: { city: "Oakland" }, texts: ["do you come to Oakland?", "can you travel to oakland"] },
  ],
  policy_cancel: [
    {
      texts: [
        "what's your cancellation policy?",
        "can I cancel?",
        "how do I reschedule?",
        "What if I need to cancel",
        "cancellation policy pls",
        "can we move the date later if needed?",
      ],
    },
  ],
  policy_deposit: [
    {
      texts: [
        "do you need a deposit?",
        "how much is the deposit",
        "how do I pay?",
        "Is there a down payment?",
      ],
    },
  ],
  policy_gratuity: [
    {
      texts: ["do we tip the chef?", "is gratuity included?", "how much should we tip", "tipping?"],
    },
  ],
  included: [
    {
      texts: [
        "what's included?",
        "what comes with the package",
        "What is included in the classic package?",
        "what do we get?",
      ],
    },
  ],
  duration: [
    { texts: ["how long does it take?", "how long is the show", "How long does the party last?"] },
  ],
  kids: [
    {
      texts: [
        "how much for kids?",
        "do children cost less?",
        "price for children?",
        "are kids cheaper",
      ],
    },
  ],
  greeting: [{ texts: ["hi", "hello", "Hey there", "hi!", "good morning", "hello?"] }],
  thanks: [{ texts: ["thanks!", "thank you", "thx", "perfect, thanks", "great thanks"] }],
  setup: [
    {
      texts: [
        "what do we need to provide?",
        "do we need tables and chairs?",
        "can you cook indoors?",
        "do you bring your own grill?",
      ],
    },
  ],
};

const AVAIL: { text: string; slots: Slots }[] = [
  { text: "what's free next Saturday for 12 people?", slots: { date: "2026-11-28", guests: 12 } },
  { text: "any openings next saturday for 12?", slots: { date: "2026-11-28", guests: 12 } },
  { text: "are you available next Saturday for 12 ppl", slots: { date: "2026-11-28", guests: 12 } },
  {
    text: "do you have anything on Saturday for 12 guests?",
    slots: { date: "2026-11-28", guests: 12 },
  },
  { text: "can u do dec 12 for 20 ppl", slots: { date: "2026-12-12", guests: 20 } },
  { text: "Are you free December 12th for 20 people?", slots: { date: "2026-12-12", guests: 20 } },
  { text: "availability on 12/19 for a party of 15?", slots: { date: "2026-12-19", guests: 15 } },
  { text: "anything open 12/19 for 15 people", slots: { date: "2026-12-19", guests: 15 } },
  { text: "what times are free sunday for 8?", slots: { date: "2026-11-29", guests: 8 } },
  { text: "sunday for 8 people, any slots?", slots: { date: "2026-11-29", guests: 8 } },
  {
    text: "do you have availability this weekend for 10?",
    slots: { from: "2026-11-28", to: "2026-11-29", guests: 10 },
  },
  {
    text: "this weekend for 10 people, anything free?",
    slots: { from: "2026-11-28", to: "2026-11-29", guests: 10 },
  },
  { text: "is Dec 31 available for 30 guests", slots: { date: "2026-12-31", guests: 30 } },
  { text: "new years eve dec 31 for 30 people - free?", slots: { date: "2026-12-31", guests: 30 } },
  {
    text: "what's available on Friday Dec 4 for 25 in 95125?",
    slots: { date: "2026-12-04", guests: 25, zip: "95125" },
  },
];

const BOOK_FLOWS: { turns: { text: string; intent: string; slots: Slots }[] }[] = [
  {
    turns: [
      {
        text: "what's free next Saturday for 12 people?",
        intent: "availability",
        slots: { date: "2026-11-28", guests: 12 },
      },
      { text: "Book Saturday, November 28 at 6 pm", intent: "booking_request", slots: {} },
      { text: "95125", intent: "booking_request", slots: {} },
    ],
  },
  {
    turns: [
      {
        text: "I'd like to book a chef for Dec 12 for 20 people",
        intent: "booking_request",
        slots: {},
      },
      { text: "5pm works", intent: "booking_request", slots: {} },
      { text: "our zip is 95050", intent: "booking_request", slots: {} },
    ],
  },
  {
    turns: [
      {
        text: "can we reserve 12/19 at 7:30pm for 15 guests in 94086",
        intent: "booking_request",
        slots: {},
      },
    ],
  },
];

const COMPLAINTS: [string, string][] = [
  ["THE CHEF WAS 2 HOURS LATE!!! I want a refund", "complaint"],
  ["This is ridiculous, nobody answers my emails", "complaint"],
  ["I want to talk to a manager", "human"],
  ["can I speak to a real person please", "human"],
  ["terrible experience, the food was cold", "complaint"],
  ["worst service ever!!! refund now", "complaint"],
  ["I need a human", "human"],
  ["you guys charged me twice, not happy", "complaint"],
];

const PERSONAL = [
  "what are my bookings?",
  "did my booking go through?",
  "what's the status of my reservation",
  "is my booking HB-QX7K2M confirmed?",
];

const UNKNOWN = [
  "can your chef juggle flaming swords?",
  "do you do weddings on boats",
  "can the chef sing happy birthday in japanese",
  "what's the chef's name?",
  "do you sell gift cards",
  "is there parking needed for the chef's van",
];

const lines: Line[] = [];
let c = 0;
const conv = () => `c${String(++c).padStart(4, "0")}`;
function typo(s: string): string {
  if (rand() < 0.15) return s.toLowerCase();
  if (rand() < 0.1) return s.replace(/\?$/, "??");
  return s;
}

while (lines.length < 560) {
  const r = rand();
  if (r < 0.58) {
    const intent = pick(Object.keys(FAQ));
    const group = pick(FAQ[intent]!);
    lines.push({ conv: conv(), text: typo(pick(group.texts)), intent, slots: group.slots ?? {} });
  } else if (r < 0.78) {
    const a = pick(AVAIL);
    lines.push({ conv: conv(), text: typo(a.text), intent: "availability", slots: a.slots });
  } else if (r < 0.86) {
    const id = conv();
    for (const t of pick(BOOK_FLOWS).turns) lines.push({ conv: id, ...t });
  } else if (r < 0.93) {
    const [text, intent] = pick(COMPLAINTS);
    lines.push({ conv: conv(), text, intent, slots: {} });
  } else if (r < 0.96) {
    lines.push({ conv: conv(), text: pick(PERSONAL), intent: "booking_status", slots: {} });
  } else {
    lines.push({ conv: conv(), text: pick(UNKNOWN), intent: "unknown", slots: {} });
  }
}

writeFileSync(
  new URL("./data/chat-trace.jsonl", import.meta.url),
  lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
);
console.log(`wrote ${lines.length} messages in ${c} conversations`);
