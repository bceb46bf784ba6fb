// Cases from the black-box attack on the assistant (issue 11), each checked against the database
// or the quote engine. (More of its cases are kept out of the tests as a held-out check.)
import { quoteFor } from "@myhibachi/core";
import { slotButton } from "@myhibachi/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAi, visitor, type AiEnv } from "./ai-support";
import { zonedParts } from "@myhibachi/shared";

const localMinute = (d: Date, tz: string) => zonedParts(d, tz).minutes;
const localDay = (d: Date, tz: string) => zonedParts(d, tz).date;

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 2 });
});
afterAll(async () => env?.closeAll());

const ask = (text: string) => env.ask(env.customer({ visitorId: visitor() }), text);
const settings = () => env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
const money = (c: number) => `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

async function total(pkgSlug: string, adults: number, zip: string) {
  const pkg = await env.t.db.package.findUniqueOrThrow({ where: { slug: pkgSlug } });
  const standard = await env.t.db.menuItem.findFirstOrThrow({
    where: { kind: "PROTEIN", priceCents: 0, active: true },
  });
  const q = await quoteFor(
    env.t.db,
    {
      selection: {
        packageSlug: pkgSlug,
        adults,
        children: 0,
        proteins: { [standard.slug]: adults * pkg.proteinsPerGuest },
        extras: {},
      },
      postalCode: zip,
    },
    { cache: env.cache },
  );
  return q.totalCents;
}

describe("findings of the attack on the assistant", () => {
  it("'how late can I change the date' is the rescheduling policy, not a complaint", async () => {
    const s = await settings();
    const r = await ask("can i reschedule? how late can i change the date");
    expect(r.content).toContain(`${s.rescheduleCutoffHours} hours`);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.status).not.toBe("HANDOFF");
  });

  it("a complaint about last weekend is not a question about next weekend's free times", async () => {
    const r = await ask("my chef never showed up last weekend, this is unacceptable");
    expect(r.content).not.toMatch(/happy to check|free for|how many guests/i);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.status).toBe("HANDOFF");
  });

  it("a late chef is still a complaint", async () => {
    const r = await ask("the chef was 2 hours late last time, this is not ok");
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.status).toBe("HANDOFF");
  });

  it("'how far do you travel from San Jose' gives the distance we travel", async () => {
    const far = await env.t.db.travelZone.aggregate({ _max: { maxMiles: true } });
    const r = await ask("how far do you travel from san jose");
    expect(r.content).toContain(`${far._max.maxMiles} mi`);
  });

  it("two questions in one: the minimum and the children's price", async () => {
    const s = await settings();
    const classic = await env.t.db.package.findUniqueOrThrow({ where: { slug: "classic" } });
    const r = await ask("whats the min and how much are kids");
    expect(r.content).toContain(money(s.partyMinimumCents));
    expect(r.content).toContain(money(classic.childPriceCents));
  });

  it("three questions in one: a party's price, travel to a ZIP and the deposit", async () => {
    const s = await settings();
    const r = await ask(
      "how much is premium for 10 adults and do you charge travel to 95035 and whats the deposit",
    );
    expect(r.content).toContain(money(await total("premium", 10, "95035")));
    // Paid at the event here (no Stripe keys): the deposit question is answered as such.
    expect(r.content).toMatch(/no deposit or payment is taken online/i);
    expect(r.content).not.toContain(money(s.depositCents));
  });

  it("'..., classic. total?' with a date gives the total as well as the free times", async () => {
    const r = await ask("party of 5 at 95125 on dec 10 at noon, classic. total?");
    expect(r.content).toContain(money(await total("classic", 5, "95125")));
  });

  it("a time that isn't one of our start times is said to be so", async () => {
    const r = await ask("is december 10 at 4pm free for 10 people in 95125?");
    expect(r.content).toMatch(/4:00 PM isn't one of our start times/);
  });

  it("'12 people, 3 of them are kids' after 'we want hibachi' is the party, and it is remembered", async () => {
    const v = env.customer({ visitorId: visitor() });
    const hi = await env.ask(v, "hi we want hibachi for my dads bday");
    expect(hi.content).toMatch(/how many guests/i);
    const party = await env.ask(v, "12 people, 3 of them are kids");
    expect(party.content).toContain("12 guests");
    const conv = await env.t.db.conversation.findUniqueOrThrow({
      where: { id: party.conversationId },
    });
    expect(conv.memory).toMatchObject({ guests: 12, adults: 9, children: 3 });
  });

  it("a ZIP given with a date is part of that question, not a second answer about the area", async () => {
    const r = await ask("are you free tomorrow at 6pm for 10 ppl zip 95125");
    expect(r.content).toMatch(/too soon/);
    expect(r.content).not.toMatch(/we come to 95125/i);
  });

  it("a ZIP outside the area asked about with 'do you cater in' is said to be outside it", async () => {
    expect(await env.t.db.servicePostalCode.count({ where: { postalCode: "94103" } })).toBe(0);
    const r = await ask("do you cater in san francisco 94103");
    expect(r.content).toMatch(/outside our service area/);
    const zipOnly = await ask("94103");
    expect(zipOnly.content).toMatch(/outside our service area/);
  });

  it("a question about the customer's own money is about their booking, never the policy or the price list", async () => {
    const s = await settings();
    for (const text of [
      "did my deposit go through?",
      "has our refund been processed",
      "what's my balance",
      "how much do I still owe?",
    ]) {
      const r = await ask(text);
      expect(r.content, text).toMatch(/sign in|My bookings/);
      expect(r.content, text).not.toContain(money(s.depositCents));
      expect(r.content, text).not.toMatch(/per adult/);
      expect(r.cacheStatus, text).not.toBe("hit");
    }
    // The policy question that looks like it is still the policy.
    const policy = await ask("can I get my deposit back if I cancel?");
    expect(policy.content).toContain(`${s.freeCancellationHours} hours`);
  });

  it("code pasted into the chat is not read as a question about table rentals", async () => {
    const tables = await env.t.db.menuItem.findFirstOrThrow({
      where: { name: { startsWith: "Tables" } },
    });
    for (const text of [
      "'; DROP TABLE bookings; --",
      "select * from users where 1=1 table",
      "<img src=x onerror=alert(1)>",
    ]) {
      const r = await ask(text);
      expect(r.content, text).not.toContain(money(tables.priceCents));
    }
    // Ordinary words that also occur in SQL are still questions, and markup around a question
    // leaves the question.
    const real = await ask("can we select a date from your calendar? we also need tables");
    expect(real.content).toContain(money(tables.priceCents));
    const wrapped = await ask("<b>do you rent tables?</b><script>alert(1)</script>");
    expect(wrapped.content).toContain(money(tables.priceCents));
  });

  it("a Spanish chat gets Spanish buttons, and tapping a free time holds it", async () => {
    const caller = env.customer({ visitorId: visitor() });
    const offer = await env.ask(
      caller,
      "¿tienen disponible el próximo sábado para 12 personas en 95125? queremos reservar",
    );
    const free = offer.extras.slots?.[0] as
      { date: string; startMinute: number; label: string; dayLabel: string } | undefined;
    expect(free, offer.content).toBeDefined();
    const button = slotButton(free!, (offer.extras as { language?: string }).language);
    expect(button.label).toMatch(/^Apartar /);
    const held = await env.ask(caller, button.message);
    const link = held.extras.links?.find((l) => l.href.includes("/book/finish/")) as
      { href: string; label: string } | undefined;
    expect(link, held.content).toBeDefined();
    expect(link!.label).toMatch(/^Terminar la reserva HB-/);
    const id = new URL(link!.href, "http://x").pathname.split("/").pop()!;
    const booking = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    expect(booking.adults + booking.children).toBe(12);
    expect(booking.postalCode).toBe("95125");
    const minute = booking.startsAt.getTime();
    expect(localMinute(booking.startsAt, booking.timeZone)).toBe(free!.startMinute);
    expect(localDay(new Date(minute), booking.timeZone)).toBe(free!.date);
  });
});
