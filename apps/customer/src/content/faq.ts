// The landing page's questions and answers. Every fact that is a setting or a menu item (how long
// a party lasts, the notice, the cancellation and rescheduling limits, the deposit, the rentals,
// the service area) is read from the business's data, the same data the assistant answers from,
// so the page and the chat say the same thing. The rest (space, rain) is how a hibachi grill works.
import { formatCents, formatMinutes } from "@myhibachi/shared";

export interface FaqFacts {
  business: {
    phone: string;
    baseAddress: string;
    slotStartMinutes: number[];
    minNoticeHours: number;
    bookingWindowDays: number;
    depositCents: number;
    suggestedGratuityBps: number;
    freeCancellationHours: number;
    rescheduleCutoffHours: number;
    eventDurationMinutes: number;
    payments: "stripe" | "pay_at_event";
    lateCancellationRefundBps: number;
  };
  zones: { name: string; maxMiles: number; feeCents: number }[];
  items: { name: string; description: string; kind: string; priceCents: number }[];
}

export interface Faq {
  id: string;
  question: string;
  answer: string;
}

/** Add-ons that are rentals (tables, chairs, tents...), as the assistant recognises them. */
const RENTAL = /\b(tables?|chairs?|linens?|tents?|canopy|heaters?|rentals?)\b/i;

const hours = (minutes: number) => {
  const h = minutes / 60;
  return Number.isInteger(h) ? `${h}` : h.toFixed(1);
};
const percent = (bps: number) => `${bps / 100}%`;
function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function buildFaq({ business: b, zones, items }: FaqFacts): Faq[] {
  const rentals = items.filter(
    (i) => i.kind !== "PROTEIN" && RENTAL.test(`${i.name} ${i.description}`),
  );
  const cancel =
    b.payments === "stripe"
      ? `cancel at least ${b.freeCancellationHours} hours before for a full refund of your deposit${
          b.lateCancellationRefundBps > 0
            ? ` (later, ${percent(b.lateCancellationRefundBps)} of it is refunded)`
            : ""
        }`
      : `cancel, please at least ${b.freeCancellationHours} hours before if you can`;
  const farthest = zones.reduce((m, z) => Math.max(m, z.maxMiles), 0);
  return [
    {
      id: "space",
      question: "How much space does the chef need?",
      answer:
        "About 10 by 10 feet (3 by 3 m) of level ground outdoors: a backyard, patio, driveway or an open garage. " +
        "The grill burns propane, so it can't be used indoors. Guests sit around three sides of the grill and the chef " +
        "cooks from the fourth; a standard gate or doorway is wide enough to bring it in.",
    },
    {
      id: "rain",
      question: "What if it rains?",
      answer:
        "A covered patio, an open garage or a canopy with open sides is all the chef needs to cook in the rain. " +
        `No cover? Move your party online up to ${b.rescheduleCutoffHours} hours before it starts, or ${cancel}.`,
    },
    {
      id: "brings",
      question: "What does the chef bring?",
      answer:
        "The hibachi grill and its propane, every ingredient of your menu, our sauces, the cooking tools and the show; " +
        "the chef leaves the grill area clean. You set the table: plates, chopsticks or forks, napkins and drinks. " +
        (rentals.length
          ? rentals
              .map(
                (r) =>
                  `Short of seating? We can bring ${r.name.toLowerCase()} (${r.description.replace(/\.$/, "").toLowerCase()}) for ${formatCents(r.priceCents)}.`,
              )
              .join(" ")
          : "We don't rent tables or chairs."),
    },
    {
      id: "length",
      question: "How long does the party last?",
      answer:
        `The show and dinner take about ${hours(b.eventDurationMinutes)} hours. ` +
        "The chef arrives a little before your start time to set up. " +
        `Parties start at ${list(b.slotStartMinutes.map(formatMinutes))}.`,
    },
    {
      id: "notice",
      question: "How far ahead should I book?",
      answer: `At least ${b.minNoticeHours} hours ahead, and up to ${b.bookingWindowDays} days ahead. Friday and Saturday evenings go first.`,
    },
    {
      id: "payment",
      question: "How do I pay?",
      answer:
        (b.payments === "stripe"
          ? `A ${formatCents(b.depositCents)} deposit, paid securely online, holds your date; the rest is paid at the event.`
          : "Nothing is paid online: you pay at the event, by cash or card.") +
        ` Gratuity is never added automatically; ${percent(b.suggestedGratuityBps)} is customary.`,
    },
    {
      id: "area",
      question: "Where do you cook?",
      answer: `We're based in ${b.baseAddress} and travel up to ${farthest} miles: ${zones
        .map(
          (z) =>
            `${z.name}, ${z.feeCents ? `${formatCents(z.feeCents)} travel fee` : "no travel fee"}`,
        )
        .join("; ")}.`,
    },
    {
      id: "allergies",
      question: "Can the chef cook around allergies?",
      answer:
        "Yes. Every dish on our menu lists its allergens and dietary tags; tell us about allergies when you book " +
        "and the chef plans the cook (separate surface and utensils where needed).",
    },
  ];
}
