import { describe, expect, it } from "vitest";
import { recognize, type Intent } from "./intents";

const NOW = new Date("2026-11-24T18:00:00Z"); // Tuesday morning in Los Angeles
const TZ = "America/Los_Angeles";

const CASES: [Intent, string[]][] = [
  [
    "dietary",
    [
      "do you serve vegetarians?",
      "Any vegan dishes",
      "gluten free options?",
      "my son is allergic to shellfish",
      "nut allergy, is that ok?",
      "Is it halal?",
      "one guest has celiac, can you do gluten-free??",
      "do u have veggie options",
    ],
  ],
  [
    "pricing",
    [
      "what's your pricing?",
      "how much does it cost?",
      "How much do you charge?",
      "cost per person?",
      "how much r u guys",
      "what are ur prices",
      "how much per person for 15 people",
      "whats the party minimum",
      "is there a minimum order?",
      "how much for 15 adults and 3 kids?",
    ],
  ],
  [
    "notice",
    [
      "How far in advance do I need to book?",
      "how much notice do you need",
      "can i book last minute?",
    ],
  ],
  [
    "capacity",
    [
      "how many people can one chef handle",
      "Do you do weddings? about 80 guests",
      "what's the maximum party size",
      "do we need two chefs",
      "can you cater corporate events",
    ],
  ],
  ["setup", ["what time do you arrive before the party?", "how early does the chef get here"]],
  [
    "menu",
    [
      "what's on the menu?",
      "What food do you serve?",
      "what proteins do you have",
      "menu pls",
      "What do you cook?",
    ],
  ],
  [
    "service_area",
    [
      "what areas do you serve?",
      "how far do you travel?",
      "do you come to 95060?",
      "Is 95060 in your area?",
      "do you come to Fremont?",
    ],
  ],
  [
    "availability",
    [
      "what's free next Saturday for 12 people?",
      "can u do dec 12 for 20 ppl",
      "availability on 12/19 for a party of 15?",
      "sunday for 8 people, any slots?",
      "is Dec 31 available for 30 guests",
      "do you have availability this weekend for 10?",
    ],
  ],
  [
    "booking_request",
    [
      "Book Saturday, November 28 at 6 pm",
      "I'd like to book a chef for Dec 12 for 20 people",
      "can we reserve 12/19 at 7:30pm for 15 guests in 94086",
    ],
  ],
  [
    "booking_status",
    [
      "what are my bookings?",
      "did my booking go through?",
      "is my booking HB-QX7K2M confirmed?",
      "what's the status of my reservation",
    ],
  ],
  ["policy_cancel", ["what's your cancellation policy?", "can I cancel?", "how do I reschedule?"]],
  ["policy_deposit", ["do you need a deposit?", "how much is the deposit", "how do I pay?"]],
  ["policy_gratuity", ["do we tip the chef?", "is gratuity included?", "tipping?"]],
  ["included", ["what's included?", "what comes with the package", "what do we get?"]],
  ["duration", ["how long does it take?", "How long does the party last?"]],
  ["kids", ["how much for kids?", "do children cost less?", "are kids cheaper"]],
  [
    "setup",
    ["what do we need to provide?", "can you cook indoors?", "do you bring your own grill?"],
  ],
  [
    "referral",
    [
      "What is my referral code?",
      "what's my referral code",
      "how do I refer a friend",
      "do you have a referral program",
      "my ref code?",
      "is there a referral discount?",
      "can i refer my friends",
      "código de referido",
      "¿Cuál es mi código de referido?",
      "¿cómo puedo recomendar a un amigo?",
    ],
  ],
  ["contact", ["what's your phone number?", "how can I reach you", "whats ur email address"]],
  ["greeting", ["hi", "Hey there", "good morning"]],
  ["thanks", ["thanks!", "thank you", "perfect, thanks"]],
  [
    "human",
    ["I want to talk to a manager", "can I speak to a real person please", "I need a human"],
  ],
  [
    "complaint",
    [
      "THE CHEF WAS 2 HOURS LATE!!! I want a refund",
      "terrible experience, the food was cold",
      "you guys charged me twice, not happy",
    ],
  ],
  [
    "unknown",
    ["can your chef juggle flaming swords?", "do you sell gift cards", "what's the chef's name?"],
  ],
];

describe("intent recognition on real phrasings", () => {
  for (const [intent, phrasings] of CASES)
    for (const text of phrasings)
      it(`"${text}" -> ${intent}`, () => {
        expect(recognize(text, NOW, TZ).intent).toBe(intent);
      });

  it("comparing two packages the message names (from the live menu) is what's included", () => {
    // The caller (the assistant's plan) matches package names against the live menu.
    const both = { packages: ["classic", "premium"] };
    for (const t of ["whats the difference between classic and premium", "classic vs premium?"])
      expect(recognize(t, NOW, TZ, both)).toMatchObject({
        intent: "included",
        slots: { topic: "compare" },
      });
  });

  it("paraphrases of an FAQ are recognised with confidence (they may share a cache entry)", () => {
    for (const t of ["what's your pricing?", "how much does it cost?", "what are your rates?"])
      expect(recognize(t, NOW, TZ)).toMatchObject({ intent: "pricing", confident: true });
  });

  it("unknown questions are never confident", () => {
    expect(recognize("can your chef juggle flaming swords?", NOW, TZ).confident).toBe(false);
  });

  it("a message asking two things reports both", () => {
    const r = recognize("how much is it and do you have vegan options?", NOW, TZ);
    expect([r.intent, ...r.also].sort()).toEqual(["dietary", "pricing"]);
    expect(r.questionCount).toBe(1);
  });
});

describe("money back: a policy question is not a complaint", () => {
  const now = new Date("2026-11-24T18:00:00Z");
  it.each([
    "if I cancel can I get a refund?",
    "do we get our money back if we cancel",
    "is the deposit refundable if it rains",
    "what happens to my deposit if i cancel, refund?",
  ])("%s -> the cancellation policy", (text) => {
    expect(recognize(text, now, "America/Los_Angeles").intent).toBe("policy_cancel");
  });
  it.each(["I want a refund, the food was cold", "i demand my money back"])(
    "%s -> a complaint",
    (text) => {
      expect(recognize(text, now, "America/Los_Angeles").intent).toBe("complaint");
    },
  );
});

describe("the topic within the intent (what the answer depends on, instead of the text)", () => {
  it.each([
    ["whats the min spend", "pricing", "minimum"],
    ["is there a minimum order?", "pricing", "minimum"],
    ["what's the minimum?", "pricing", "minimum"],
    ["whats ur food minimum", "pricing", "minimum"],
    ["how much tax do you charge", "pricing", "tax"],
    ["how much per person", "pricing", "per_person"],
    ["how much is travel to gilroy", "service_area", "travel"],
    ["is there a travel fee?", "service_area", "travel"],
    ["which proteins can I choose", "menu", "proteins"],
    ["what meats can we pick from", "menu", "proteins"],
    ["do you do drinks", "menu", "drinks"],
    ["can u guys bring beer and wine", "menu", "drinks"],
    ["do you rent tables", "setup", "rentals"],
    ["do we need to provide tables and chairs?", "setup", "rentals"],
    ["what time does the chef arrive", "setup", "arrival"],
    ["can i reschedule", "policy_cancel", "reschedule"],
    ["is there a minimum number of guests", "capacity", "min_guests"],
    ["how long do you hold the time for me?", "notice", "hold"],
    ["what are your hours", "contact", "phone_hours"],
    ["what are your hours", "contact", "start_times"],
    ["can we do lunch?", "availability", "start_times"],
    ["do you have dessert", "menu", "desserts"],
    ["¿cuánto cuesta el viaje a San Francisco?", "service_area", "travel"],
    // Whether the youngest eat free (issue 17 r4 L7): the answer says the rule, not a price only.
    ["do kids under three eat free?", "kids", "free_age"],
    ["are toddlers free?", "kids", "free_age"],
    ["do you charge for a 2 year old?", "kids", "free_age"],
    ["do babies count?", "kids", "free_age"],
    ["is it free for the little ones?", "kids", "free_age"],
    ["¿los bebés comen gratis?", "kids", "free_age"],
  ] as const)("%s -> %s (%s)", (text, intent, topic) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe(intent);
    expect(r.slots.topic?.split("+")).toContain(topic);
  });

  it.each([
    ["how much does it cost", "pricing"],
    ["what's your cancellation policy?", "policy_cancel"],
    ["can you cook indoors?", "setup"],
    ["any appetizers?", "menu"],
    ["do u do birthday parties", "availability"],
    ["whats the cheapest option", "pricing"],
    ["what's your booking window", "notice"],
    ["how many days ahead can I book", "notice"],
    ["we're in 94086", "service_area"],
    ["what's on the menu?", "menu"],
  ] as const)("%s -> %s with no topic (the general answer)", (text, intent) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe(intent);
    expect(r.slots.topic).toBeUndefined();
  });

  it.each([
    "how much are kids?",
    "gluten free options for the kids?",
    "is saturday free for kids birthday party?",
    "how much for a baby shower for 20 people?",
    "how much for 10 adults and 3 kids?",
  ])("%s: not a question whether little ones eat free", (text) => {
    expect(recognize(text, NOW, TZ).slots.topic?.split("+") ?? []).not.toContain("free_age");
  });

  it("a message asking two things carries both topics", () => {
    const r = recognize("whats the min spend and do you do drinks?", NOW, TZ);
    expect([r.intent, ...r.also].sort()).toEqual(["menu", "pricing"]);
    expect(r.slots.topic).toBe("drinks+minimum");
  });
});

describe("a dish or package named from the live menu (no dish names in the rules)", () => {
  it("a price word with a named dish is pricing about that dish", () => {
    for (const [text, named] of [
      ["gyoza how much", ["gyoza"]],
      ["extra fried rice price?", ["extra-fried-rice"]],
      ["lobster tail upcharge?", ["lobster-tail"]],
    ] as const) {
      const r = recognize(text, NOW, TZ, { named: [...named] });
      expect(r.intent, text).toBe("pricing");
      expect(r.slots.named, text).toEqual(named);
    }
  });

  it("a named dish alone, or 'do you have' one, is a menu question; unnamed it is not understood", () => {
    expect(recognize("do you have edamame?", NOW, TZ, { named: ["edamame"] })).toMatchObject({
      intent: "menu",
      confident: true,
    });
    expect(recognize("edamame?", NOW, TZ, { named: ["edamame"] }).intent).toBe("menu");
    expect(recognize("edamame?", NOW, TZ).intent).toBe("unknown");
  });

  it("'is the wagyu available?' asks about the dish, not the calendar", () => {
    expect(recognize("wagyu available?", NOW, TZ, { named: ["wagyu"] }).intent).toBe("menu");
    expect(recognize("available saturday for 12?", NOW, TZ).intent).toBe("availability");
  });

  it("one package named is the slot; two are not one package", () => {
    expect(recognize("premium for 20", NOW, TZ, { packages: ["premium"] }).slots.packageSlug).toBe(
      "premium",
    );
    expect(
      recognize("classic or premium?", NOW, TZ, { packages: ["classic", "premium"] }).slots
        .packageSlug,
    ).toBeUndefined();
  });
});

describe("Spanish questions", () => {
  it.each([
    ["¿cuánto cuesta por persona?", "pricing"],
    ["cuanto cobran", "pricing"],
    ["¿cuál es el mínimo?", "pricing"],
    ["¿hay un consumo mínimo?", "pricing"],
    ["¿tienen disponible el sábado para 15 personas?", "availability"],
    ["¿qué fechas tienen libres en diciembre?", "availability"],
    ["quiero reservar el 12 de diciembre para 20 personas", "booking_request"],
    ["¿cuánto es el depósito?", "policy_deposit"],
    ["¿puedo cancelar?", "policy_cancel"],
    ["¿me devuelven el dinero si cancelo?", "policy_cancel"],
    ["¿van a Fremont?", "service_area"],
    ["¿cuánto cobran por niño?", "kids"],
    ["¿tienen opciones vegetarianas?", "dietary"],
    ["¿qué incluye el paquete?", "included"],
    ["¿cuánto dura la fiesta?", "duration"],
    ["¿con cuánta anticipación tengo que reservar?", "notice"],
    ["¿hay que dar propina?", "policy_gratuity"],
    ["¿qué proteínas puedo escoger?", "menu"],
    ["hola", "greeting"],
    ["muchas gracias", "thanks"],
  ] as const)("%s -> %s, in Spanish", (text, intent) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe(intent);
    expect(r.slots.language).toBe("es");
  });

  it("a tip asked with 'cuánto' is the gratuity alone, not the price list too", () => {
    expect(recognize("¿cuánto es la propina?", NOW, TZ)).toMatchObject({
      intent: "policy_gratuity",
      also: [],
    });
  });

  it("reads the party and the day of a Spanish message", () => {
    const r = recognize("¿tienen disponible el sábado 12 de diciembre para 15 personas?", NOW, TZ);
    expect(r.slots).toMatchObject({ date: "2026-12-12", guests: 15, language: "es" });
    expect(recognize("¿cuál es el mínimo?", NOW, TZ).slots.topic).toBe("minimum");
  });

  it("English questions are English", () => {
    expect(recognize("how much per person?", NOW, TZ).slots.language).toBe("en");
  });
});

// Written for the independent price trace's failures (bench/data/answers-dev-v1.md), in words of
// our own.
describe("travel fees and the minimum, asked in everyday words", () => {
  it.each([
    "what do you charge to come out to Saratoga?",
    "is there a travel surcharge for los gatos",
    "any drive charge for 95008?",
    "would you go that far, to Gilroy?",
    "¿cuánto cobran por venir hasta Morgan Hill?",
    "cobran traslado a Milpitas?",
  ])("%s: the travel fee", (text) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe("service_area");
    expect(r.slots.topic).toBe("travel");
  });

  it.each([
    "what's the smallest booking you take?",
    "min spend?",
    "are 5 adults enough to book?",
    "would 7 people meet your minimum",
    "we'd only pay for 3 people right?",
  ])("%s: the party minimum", (text) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe("pricing");
    expect(r.slots.topic).toContain("minimum");
    expect(r.also).not.toContain("booking_request");
  });
});

// Issue 17, second attack (M4, L5).
describe("a day, a time and a party said as a wish is a booking request", () => {
  it.each([
    "I want December 15 at 6 pm for 10 people, zip 95125",
    "we'd like December 15 at 6 pm for 10 people, zip 95125",
    "we need hibachi for December 15 at 6 pm for 10 people, zip 95125",
    "I'd like December 15 at 6 pm for 10 people, zip 95125",
    "We need hibachi for a dozen people on December fifteenth at half past seven in the evening",
  ])("%s", (text) => {
    const r = recognize(text, NOW, TZ);
    expect(r.intent).toBe("booking_request");
    expect(r.also).not.toContain("availability");
  });

  it("a question, a wish without a time, or not booking yet is not", () => {
    expect(
      recognize("we want to know if December 15 at 6 pm works for 10 people?", NOW, TZ).intent,
    ).toBe("availability");
    expect(recognize("we need hibachi for 10 people on December 15", NOW, TZ).intent).toBe(
      "availability",
    );
    expect(
      recognize("I'd like December 15 at 6 pm for 10 people, just looking for now", NOW, TZ).intent,
    ).not.toBe("booking_request");
  });
});

describe("our phone hours", () => {
  it.each([
    ["what time do you open?", "phone_hours"],
    ["when can I call you", "phone_hours"],
    ["a qué hora abren?", "phone_hours"],
    // "Your hours" may mean when a party can start too: both are answered.
    ["what are your hours", "phone_hours+start_times"],
    ["what are your hours of operation?", "phone_hours+start_times"],
  ])("%s -> contact, %s", (text, topic) => {
    expect(recognize(text, NOW, TZ)).toMatchObject({ intent: "contact", slots: { topic } });
  });

  it("the party's start times and our contact details stay what they were", () => {
    expect(recognize("what time can we start the party?", NOW, TZ).slots.topic).toBe("start_times");
    const contact = recognize("how can I contact you", NOW, TZ);
    expect(contact.intent).toBe("contact");
    expect(contact.slots.topic).toBeUndefined();
  });
});
