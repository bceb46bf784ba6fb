// Issue 11, point 2: every menu item, add-on, package and policy in the database is answerable by
// the built-in local tier (no model), in English or Spanish. Questions as customers type them
// (texting style, slang, Spanish), each checked against the DATABASE (prices, allergens,
// settings, zones) or the quote engine, never against the assistant's own wording. Near-miss pairs
// (two prices of the same kind, the minimum vs the per-person price, deposit vs cancellation)
// must give different, each right, answers, also when the first one was cached.
import { getCatalog, quoteFor, resolveLocation, type QuoteSelection } from "@myhibachi/core";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { zonedParts } from "@myhibachi/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 2 });
});
afterAll(async () => env?.closeAll());

/** Asks in a new conversation (each question from another visitor). */
const ask = async (text: string) =>
  (await env.ask(env.customer({ visitorId: visitor() }), text)).content;

/** Every dollar amount in a reply, in cents ("$1,039.11" -> 103911). */
function centsIn(text: string): number[] {
  return [...text.matchAll(/\$(\d{1,3}(?:,\d{3})*|\d+)\.(\d{2})/g)].map(
    (m) => Number(m[1]!.replaceAll(",", "")) * 100 + Number(m[2]),
  );
}

const item = (slug: string) => env.t.db.menuItem.findUniqueOrThrow({ where: { slug } });
const pkg = (slug: string) => env.t.db.package.findUniqueOrThrow({ where: { slug } });
const settings = () => env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });

/** The travel fee the booking site charges for a ZIP in `city` (first served ZIP of the city). */
async function feeForCity(city: string): Promise<number> {
  const row = await env.t.db.servicePostalCode.findFirstOrThrow({ where: { city } });
  const catalog = await getCatalog(env.t.db, env.cache);
  return (await resolveLocation(env.t.db, catalog, row.postalCode)).zone.feeCents;
}

/** What the quote engine charges for a party (the total, in cents). */
async function quoteTotal(selection: QuoteSelection, postalCode: string): Promise<number> {
  return (await quoteFor(env.t.db, { selection, postalCode }, { cache: env.cache })).totalCents;
}

/** A valid premium selection: every portion a standard protein. */
async function premiumSelection(adults: number, children = 0): Promise<QuoteSelection> {
  const p = await pkg("premium");
  return {
    packageSlug: p.slug,
    adults,
    children,
    proteins: { chicken: (adults + children) * p.proteinsPerGuest },
    extras: {},
  };
}

/** Words a Spanish answer uses and an English one doesn't, and the reverse. */
const SPANISH = /\b(por|para|el|la|los|las|cuesta|invitados|depósito|mínimo|fiesta)\b/;
const ENGLISH = /\b(the|per adult|per person|guests|you can|deposit)\b/;

describe("one menu item: its price with the unit, what it is, its allergens", () => {
  it.each([
    ["gyoza how much", "gyoza"],
    ["extra fried rice price?", "extra-fried-rice"],
    ["lobster tail upcharge?", "lobster-tail"],
    ["what's the price of the sushi platter", "sushi-platter"],
    ["how much is sake service", "sake-service"],
    ["how much is extra protein", "extra-protein"],
    ["do u have edamame", "edamame"],
    ["whats the upgrade price for wagyu??", "wagyu"],
  ])("%s", async (text, slug) => {
    const i = await item(slug);
    const reply = await ask(text);
    // Its price and no other price (not the package list).
    expect(centsIn(reply)).toEqual([i.priceCents]);
    expect(reply).toContain(i.name);
    expect(reply).toContain(i.description);
    for (const a of i.allergens) expect(reply).toContain(a);
    // The unit the catalog prices it by.
    if (i.kind === "UPGRADE") expect(reply).toMatch(/per portion/);
    else expect(reply).toMatch(i.pricing === "FLAT" ? /per order/ : /per person/);
  });

  it("an upgrade says it replaces one of the included protein portions", async () => {
    const reply = await ask("how much extra is filet mignon");
    expect(reply).toMatch(/replac\w* one of the included protein portions/);
    expect(centsIn(reply)).toEqual([(await item("filet-mignon")).priceCents]);
  });

  it("a standard protein is included at no extra charge; the upgrade of the same name is priced", async () => {
    const [shrimp, jumbo] = [await item("shrimp"), await item("jumbo-shrimp")];
    expect(shrimp.priceCents).toBe(0);
    const plain = await ask("how much is shrimp");
    expect(plain).toMatch(new RegExp(`${shrimp.name} is one of the proteins included`));
    expect(centsIn(plain)).toEqual([]);
    expect(centsIn(await ask("how much are jumbo shrimp"))).toEqual([jumbo.priceCents]);
  });

  it("dietary tags are said as the menu has them", async () => {
    const e = await item("edamame");
    const reply = await ask("do you have edamame?");
    for (const tag of e.dietaryTags) expect(reply.toLowerCase()).toContain(tag);
  });
});

describe("several items named: each one's price and no other", () => {
  it("two appetizers", async () => {
    const [e, g] = [await item("edamame"), await item("gyoza")];
    const reply = await ask("how much is edamame n gyoza");
    expect(centsIn(reply).sort()).toEqual([e.priceCents, g.priceCents].sort());
  });

  it("two upgrades", async () => {
    const [f, w] = [await item("filet-mignon"), await item("wagyu")];
    const reply = await ask("how much for filet and wagyu");
    expect(centsIn(reply).sort()).toEqual([f.priceCents, w.priceCents].sort());
  });
});

describe("near misses: two prices of the same kind give different, each right, answers", () => {
  it("the filet upgrade vs the lobster upgrade (the second asked after the first is cached)", async () => {
    const [f, l] = [await item("filet-mignon"), await item("lobster-tail")];
    expect(f.priceCents).not.toBe(l.priceCents);
    await ask("how much is the filet upgrade");
    const filet = await ask("how much is the filet upgrade"); // now from the cache
    const lobster = await ask("how much is the lobster upgrade");
    expect(centsIn(filet)).toEqual([f.priceCents]);
    expect(centsIn(lobster)).toEqual([l.priceCents]);
  });

  it("gyoza vs spring rolls", async () => {
    const [g, s] = [await item("gyoza"), await item("vegetable-spring-rolls")];
    expect(centsIn(await ask("gyoza price?"))).toEqual([g.priceCents]);
    expect(centsIn(await ask("spring rolls price?"))).toEqual([s.priceCents]);
  });

  it("the minimum vs the per-person price", async () => {
    const s = await settings();
    const [classic, premium] = [await pkg("classic"), await pkg("premium")];
    const minimum = await ask("whats the min spend");
    expect(centsIn(minimum)).toEqual([s.partyMinimumCents]);
    const perPerson = await ask("how much per person");
    expect(centsIn(perPerson)).toEqual(
      expect.arrayContaining([classic.adultPriceCents, premium.adultPriceCents]),
    );
    expect(await ask("what's the minimum order?")).toBe(minimum);
  });

  it("the minimum and the per-person price asked together: both", async () => {
    const s = await settings();
    const classic = await pkg("classic");
    const reply = await ask("whats the minimum and how much per person?");
    expect(centsIn(reply)).toEqual(
      expect.arrayContaining([s.partyMinimumCents, classic.adultPriceCents]),
    );
  });

  it("deposit vs cancellation", async () => {
    const s = await settings();
    // No Stripe keys here: nothing is taken online, so no deposit is promised.
    const deposit = await ask("how much is the deposit");
    expect(deposit).toMatch(/no deposit or payment is taken online/i);
    expect(centsIn(deposit)).toEqual([]);
    const cancel = await ask("whats ur cancellation policy");
    expect(cancel).toContain(`${s.freeCancellationHours} hours`);
    expect(centsIn(cancel)).toEqual([]);
  });

  it("cancelling vs rescheduling", async () => {
    const s = await settings();
    const cancel = await ask("can i cancel");
    const move = await ask("can i reschedule");
    expect(cancel).not.toBe(move);
    expect(move).toMatch(new RegExp(`reschedule online up to ${s.rescheduleCutoffHours} hours`));
    // Online cancelling works until the event; the policy asks for notice.
    expect(cancel).toMatch(
      new RegExp(
        `cancel online any time before (the event|it) \\(please at least ${s.freeCancellationHours} hours before\\)`,
      ),
    );
  });

  it("travel to two cities in different zones", async () => {
    const [near, far] = [await feeForCity("Gilroy"), await feeForCity("San Francisco")];
    expect(near).not.toBe(far);
    expect(centsIn(await ask("how much is travel to Gilroy"))).toEqual([near]);
    expect(centsIn(await ask("whats the travel fee to san francisco"))).toEqual([far]);
  });

  it("premium vs classic for the same party", async () => {
    const [p, c] = [
      await quoteTotal(await premiumSelection(20), "95125"),
      await quoteTotal(classicSelection(20), "95125"),
    ];
    expect(p).not.toBe(c);
    expect(centsIn(await ask("premium for 20 adults in 95125 how much"))).toContain(p);
    expect(centsIn(await ask("how much for 20 adults in 95125"))).toContain(c);
  });
});

describe("the cache never serves another question's answer", () => {
  it("each answer served from the cache equals the answer given with no cache", async () => {
    const questions = [
      "whats the min spend",
      "what's the minimum?",
      "how much per person",
      "¿cuál es el mínimo?",
      "gyoza how much",
      "gyoza price?",
      "edamame price?",
      "how much is the filet upgrade",
      "how much is the lobster upgrade",
      "do you do drinks",
      "do you rent tables",
      "how much is travel to Gilroy",
      "whats the travel fee to san francisco",
      "can i reschedule",
      "can i cancel",
      "¿cuánto es el depósito?",
      "how much is the deposit",
    ];
    let hits = 0;
    for (const q of [...questions, ...questions]) {
      const r = await env.ask(env.customer({ visitorId: visitor() }), q);
      if (r.cacheStatus !== "hit") continue;
      hits++;
      expect(r.content, q).toBe(await env.answerFresh(r.conversationId, q));
    }
    expect(hits).toBeGreaterThanOrEqual(questions.length);
  });
});

describe("packages", () => {
  it("one package named: its prices, proteins per guest and what it includes", async () => {
    const p = await pkg("premium");
    const reply = await ask("how much is the premium package");
    expect(centsIn(reply).sort()).toEqual([p.adultPriceCents, p.childPriceCents].sort());
    expect(reply).toContain(`${p.proteinsPerGuest} proteins per guest`);
    for (const x of p.includes) expect(reply.toLowerCase()).toContain(x.toLowerCase());
  });

  it("the difference between the two", async () => {
    const reply = await ask("whats the difference between classic and premium");
    for (const p of await env.t.db.package.findMany())
      for (const x of p.includes) expect(reply.toLowerCase()).toContain(x.toLowerCase());
  });
});

describe("every policy and setting", () => {
  it("tax", async () => {
    const { taxRateBps } = await settings();
    expect(await ask("how much tax do you charge")).toContain(`${(taxRateBps / 100).toFixed(2)}%`);
  });

  it("gratuity", async () => {
    const { suggestedGratuityBps } = await settings();
    expect(await ask("do we tip the chef?")).toContain(`${suggestedGratuityBps / 100}%`);
  });

  it("notice and booking window", async () => {
    const s = await settings();
    const reply = await ask("how far in advance do i need to book");
    expect(reply).toContain(`${s.minNoticeHours} hours`);
    expect(reply).toContain(`${s.bookingWindowDays} days`);
  });

  it("duration", async () => {
    const { eventDurationMinutes } = await settings();
    expect(await ask("how long does the party last?")).toContain(
      `about ${eventDurationMinutes / 60} hours`,
    );
  });

  it("when the chef arrives", async () => {
    const { travelBufferMinutes } = await settings();
    expect(await ask("what time does the chef arrive")).toContain(
      `${travelBufferMinutes} minutes before`,
    );
  });

  it("kids' prices", async () => {
    const reply = await ask("how much are kids");
    for (const p of await env.t.db.package.findMany())
      expect(centsIn(reply)).toContain(p.childPriceCents);
  });

  it("a quote for a city we serve is priced with that city's travel fee", async () => {
    const zips = await env.t.db.servicePostalCode.findMany({ where: { city: "Fremont" } });
    const totals = await Promise.all(
      zips.map((z) => quoteTotal(classicSelection(25), z.postalCode)),
    );
    const reply = await ask("can i get a quote for 25 people in fremont");
    expect(centsIn(reply).some((c) => totals.includes(c))).toBe(true);
    expect(reply).toContain("Fremont");
  });

  it("a party too large for one booking: the maximum, and to contact us instead", async () => {
    const s = await settings();
    const reply = await ask("can you do 100 people");
    expect(reply).toContain(`up to ${s.maxGuests} guests`);
    expect(reply).toContain(s.phone);
    expect(reply).not.toMatch(/fully booked/);
  });

  it("party size limits", async () => {
    const s = await settings();
    const reply = await ask("is there a minimum number of guests");
    expect(reply).toContain(`${s.minGuests} to ${s.maxGuests} guests`);
  });

  it("guests per chef", async () => {
    const s = await settings();
    const reply = await ask("how many people can one chef handle");
    expect(reply).toContain(`up to ${s.maxGuestsPerChef} guests`);
  });

  it("which proteins to choose: every standard protein on the menu, and the upgrades", async () => {
    const reply = await ask("which proteins can I choose");
    const proteins = await env.t.db.menuItem.findMany({
      where: { active: true, kind: { in: ["PROTEIN", "UPGRADE"] } },
    });
    for (const p of proteins) expect(reply.toLowerCase()).toContain(p.name.toLowerCase());
  });

  it("start times", async () => {
    const { slotStartMinutes } = await settings();
    const reply = await ask("what are your hours");
    for (const m of slotStartMinutes) {
      const [h, min] = [Math.floor(m / 60), m % 60];
      const said = `${h % 12 || 12}:${String(min).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
      expect(reply).toContain(said);
    }
  });

  it("desserts: the items that say they are one", async () => {
    const desserts = (await env.t.db.menuItem.findMany({ where: { active: true } })).filter((i) =>
      /dessert/i.test(i.description),
    );
    expect(desserts.length).toBeGreaterThan(0);
    const reply = await ask("do you have dessert");
    expect(centsIn(reply).sort()).toEqual(desserts.map((d) => d.priceCents).sort());
  });

  it("how to reach us: the phone and email on file, not a hand-off", async () => {
    const s = await settings();
    const r = await env.ask(env.customer({ visitorId: visitor() }), "what's your phone number?");
    expect(r.content).toContain(s.phone);
    expect(r.content).toContain(s.email);
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.flaggedAt).toBeNull();
  });

  it("how long a time is held", async () => {
    const s = await settings();
    const reply = await ask("how long do you hold the time for me?");
    expect(reply).toContain(`${s.holdMinutes} minutes`);
    expect(reply).toContain(`${s.confirmHoldMinutes} minutes`);
  });

  it("a ZIP outside the service area: too far when it is on our list, not on it otherwise, and whom to call", async () => {
    const catalog = await getCatalog(env.t.db, env.cache);
    const far = Math.max(...catalog.zones.map((z) => z.maxMiles));
    // Sacramento: on the seed's list, but farther than our last zone (attack R6-6).
    expect(catalog.postalCodes["95814"]).toBeDefined();
    await expect(resolveLocation(env.t.db, catalog, "95814")).rejects.toThrow(/outside/);
    const en = await ask("do you come to 95814?");
    expect(en).toContain(`(ZIP 95814) is outside our service area: it is about`);
    expect(en).toContain(`farther than we travel (${far} miles)`);
    expect(en).not.toContain("isn't on it");
    const es = await ask("¿van al código postal 95814?");
    expect(es).toContain(`fuera de nuestra zona de servicio: está a unas`);
    expect(es).toContain(`(${far} millas)`);
    // A ZIP not on the list at all.
    expect(catalog.postalCodes["10001"]).toBeUndefined();
    const ny = await ask("do you come to 10001?");
    expect(ny).toContain(`none farther than ${far} miles, and 10001 isn't on it`);
  });

  it("the service area by ZIP", async () => {
    const catalog = await getCatalog(env.t.db, env.cache);
    const zone = (await resolveLocation(env.t.db, catalog, "95060")).zone;
    expect(centsIn(await ask("do you come to 95060?"))).toEqual([zone.feeCents]);
  });
});

describe("drinks and rentals come from the menu", () => {
  it.each([
    ["drinks", "do you do drinks", "sake-service", /don't offer drinks/],
    ["rentals", "do you rent tables", "tables-chairs", /don't rent tables/],
  ])(
    "%s: the item while it is on the menu, 'we don't' once it is off",
    async (_what, question, slug, none) => {
      const i = await item(slug);
      const on = await ask(question);
      expect(on).toContain(i.name);
      expect(centsIn(on)).toEqual([i.priceCents]);
      await env.t.db.menuItem.update({ where: { slug }, data: { active: false } });
      await env.cache.invalidate("catalog");
      try {
        const off = await ask(question);
        expect(off).toMatch(none);
        expect(off).not.toContain(i.name);
      } finally {
        await env.t.db.menuItem.update({ where: { slug }, data: { active: true } });
        await env.cache.invalidate("catalog");
      }
    },
  );

  it("a price edit shows in the next answer about that item", async () => {
    const g = await item("gyoza");
    const before = await ask("gyoza how much");
    await env.t.db.menuItem.update({
      where: { slug: g.slug },
      data: { priceCents: g.priceCents + 150 },
    });
    await env.cache.invalidate("catalog");
    try {
      expect(centsIn(before)).toEqual([g.priceCents]);
      expect(centsIn(await ask("gyoza how much"))).toEqual([g.priceCents + 150]);
    } finally {
      await env.t.db.menuItem.update({
        where: { slug: g.slug },
        data: { priceCents: g.priceCents },
      });
      await env.cache.invalidate("catalog");
    }
  });
});

describe("Spanish questions get Spanish answers", () => {
  const spanish = (reply: string) => {
    expect(reply).toMatch(SPANISH);
    expect(reply).not.toMatch(ENGLISH);
  };

  it("the price per person", async () => {
    const classic = await pkg("classic");
    const reply = await ask("¿cuánto cuesta por persona?");
    spanish(reply);
    expect(centsIn(reply)).toContain(classic.adultPriceCents);
    expect(reply).toContain("por adulto");
  });

  it("the minimum (not the per-person price)", async () => {
    const s = await settings();
    const reply = await ask("¿cuál es el mínimo?");
    spanish(reply);
    expect(centsIn(reply)).toEqual([s.partyMinimumCents]);
  });

  it("the deposit and the cancellation", async () => {
    const s = await settings();
    const deposit = await ask("¿cuánto es el depósito?");
    spanish(deposit);
    expect(deposit).toMatch(/no se cobra dep[oó]sito/i);
    expect(centsIn(deposit)).toEqual([]);
    const cancel = await ask("¿puedo cancelar y me devuelven el dinero?");
    spanish(cancel);
    expect(cancel).toContain(`${s.freeCancellationHours} horas`);
  });

  it("a dish named in Spanish", async () => {
    const l = await item("lobster-tail");
    const reply = await ask("¿cuánto cuesta la langosta?");
    expect(centsIn(reply)).toEqual([l.priceCents]);
    expect(reply).toMatch(/por porción/);
  });

  it("kids' prices", async () => {
    const reply = await ask("¿cuánto cobran por niño?");
    spanish(reply);
    for (const p of await env.t.db.package.findMany())
      expect(centsIn(reply)).toContain(p.childPriceCents);
  });

  it("the service area", async () => {
    const reply = await ask("¿van a Gilroy?");
    expect(reply).toMatch(/^Sí, vamos a Gilroy/);
    expect(centsIn(reply)).toEqual([await feeForCity("Gilroy")]);
  });

  it("vegetarian options", async () => {
    const reply = await ask("¿tienen opciones vegetarianas?");
    expect(reply).toMatch(/^Sí, tenemos opciones/);
    const veg = await env.t.db.menuItem.findMany({
      where: { active: true, kind: "PROTEIN", dietaryTags: { has: "vegetarian" } },
    });
    expect(veg.length).toBeGreaterThan(0);
    for (const p of veg) expect(reply.toLowerCase()).toContain(p.name.toLowerCase());
  });

  it("a party priced with adults and children", async () => {
    const total = await quoteTotal(classicSelection(10, 4), "95125");
    const reply = await ask("¿Cuánto cuesta para 10 adultos y 4 niños en 95125?");
    spanish(reply);
    expect(centsIn(reply)).toContain(total);
  });

  it("availability, with the day in Spanish", async () => {
    const v = env.customer({ visitorId: visitor() });
    const r = await env.ask(v, "¿tienen disponible el sábado 12 de diciembre para 15 personas?");
    spanish(r.content);
    expect(r.content).toContain("sábado 12 de diciembre");
    expect(r.extras.slots?.length).toBeGreaterThan(0);
    expect(new Set(r.extras.slots!.map((s) => s.date))).toEqual(new Set(["2026-12-12"]));
  });

  it("a party too large, in Spanish", async () => {
    const s = await settings();
    const reply = await ask("¿hacen fiestas de 100 personas?");
    spanish(reply);
    expect(reply).toContain(`hasta ${s.maxGuests} invitados`);
    expect(reply).toContain(s.phone);
  });

  it("a date inside the notice window is too soon, in Spanish", async () => {
    const s = await settings();
    const reply = await ask("¿tienen disponible mañana para 12?");
    expect(reply).toContain(`${s.minNoticeHours} horas`);
    expect(reply).toMatch(/muy pronto/);
  });

  it("a booking, in Spanish, held exactly as asked", async () => {
    const v = env.customer({ visitorId: visitor() });
    const first = await env.ask(v, "quiero reservar el 12 de diciembre para 15 personas");
    spanish(first.content);
    const time = await env.ask(v, "a las 6");
    expect(time.content).toMatch(/código postal/);
    const held = await env.ask(v, "95125");
    expect(held.content).toMatch(
      /^¡Listo! Le aparto el sábado 12 de diciembre a las 6:00 PM para 15 invitados/,
    );
    const link = held.extras.links?.find((l) => l.href.includes("/book/finish/"))?.href;
    const id = new URL(link!, "http://x").pathname.split("/").pop()!;
    const booking = await env.t.db.booking.findUniqueOrThrow({ where: { id } });
    const at = zonedParts(booking.startsAt, booking.timeZone);
    expect({
      date: at.date,
      minutes: at.minutes,
      guests: booking.adults + booking.children,
    }).toEqual({
      date: "2026-12-12",
      minutes: 18 * 60,
      guests: 15,
    });
    expect(booking.postalCode).toBe("95125");
  });
});
