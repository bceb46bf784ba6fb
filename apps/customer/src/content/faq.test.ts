import { describe, expect, it } from "vitest";
import { buildFaq, type FaqFacts } from "./faq";

const facts: FaqFacts = {
  business: {
    phone: "(408) 555-0142",
    baseAddress: "San Jose, CA",
    slotStartMinutes: [17 * 60, 19 * 60 + 30],
    minNoticeHours: 48,
    bookingWindowDays: 180,
    depositCents: 10_000,
    suggestedGratuityBps: 2000,
    freeCancellationHours: 72,
    rescheduleCutoffHours: 48,
    eventDurationMinutes: 150,
    payments: "pay_at_event",
    lateCancellationRefundBps: 0,
  },
  zones: [
    { name: "Local", maxMiles: 15, feeCents: 0 },
    { name: "Metro", maxMiles: 30, feeCents: 5_000 },
  ],
  items: [
    { name: "Chicken", description: "Grilled chicken.", kind: "PROTEIN", priceCents: 0 },
    {
      name: "Tables and chairs",
      description: "Tables, chairs and linens for up to 20 guests.",
      kind: "ADDON",
      priceCents: 20_000,
    },
  ],
};
const answer = (f: FaqFacts, id: string) => buildFaq(f).find((q) => q.id === id)!.answer;

describe("the landing page FAQ", () => {
  it("answers the rain question with the business's own rescheduling and cancellation limits", () => {
    expect(answer(facts, "rain")).toBe(
      "A covered patio, an open garage or a canopy with open sides is all the chef needs to cook in the rain. " +
        "No cover? Move your party online up to 48 hours before it starts, or cancel, please at least 72 hours before if you can.",
    );
    const stripe = {
      ...facts,
      business: { ...facts.business, payments: "stripe" as const, lateCancellationRefundBps: 5000 },
    };
    expect(answer(stripe, "rain")).toContain(
      "or cancel at least 72 hours before for a full refund of your deposit (later, 50% of it is refunded).",
    );
  });

  it("offers the rental add-ons the menu has, and says so when it has none", () => {
    expect(answer(facts, "brings")).toContain(
      "We can bring tables and chairs (tables, chairs and linens for up to 20 guests) for $200.00.",
    );
    expect(answer({ ...facts, items: facts.items.slice(0, 1) }, "brings")).toContain(
      "We don't rent tables or chairs.",
    );
  });

  it("says how long a party lasts, when parties start, how to pay and how far the chefs travel", () => {
    expect(answer(facts, "length")).toContain("take about 2.5 hours");
    expect(answer(facts, "length")).toContain("Parties start at 5:00 PM and 7:30 PM.");
    expect(answer(facts, "payment")).toBe(
      "Nothing is paid online: you pay at the event, by cash or card. Gratuity is never added automatically; 20% is customary.",
    );
    const stripe = { ...facts, business: { ...facts.business, payments: "stripe" as const } };
    expect(answer(stripe, "payment")).toContain(
      "A $100.00 deposit, paid securely online, holds your date",
    );
    expect(answer(facts, "area")).toBe(
      "We're based in San Jose, CA and travel up to 30 miles: Local, no travel fee; Metro, $50.00 travel fee.",
    );
  });
});
