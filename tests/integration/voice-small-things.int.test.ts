// The phone and SMS assistant's small things (issue 17, fourth attack: docs/attacks/issue17-r4.md
// L7). The webhooks are sent as Twilio sends them (form-encoded, signed) to the real handlers; the
// truth is the booking table (the held rows, unchanged rows) and the quote engine (quoteEvent, the
// packages' prices in the database), never the assistant's own code.
import { describe, expect, it } from "vitest";
import { getCatalog, operations, partySelection, runOperation } from "@myhibachi/core";
import type { Booking } from "@myhibachi/db";
import { formatCents } from "@myhibachi/shared";
import { phoneHarness } from "./phone-harness";

/** Tuesday 2026-12-01 10:00 in Los Angeles (PST, UTC-8). Never the machine's clock. */
const NOW = new Date("2026-12-01T18:00:00Z");

const ph = phoneHarness({ now: NOW, chefs: 3 });
const { call, text, nextPhone, heldRows, heldSince } = ph;
const party = (b: Booking) => b.adults + b.children;

/** A local time in Los Angeles in summer time (PDT, UTC-7) as an instant. */
const pdt = (date: string, hour: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + (hour + 7) * 3_600_000).toISOString();

/** The quote engine's price of a party of the default package at `postalCode`. */
async function quote(adults: number, children: number, postalCode: string) {
  const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
  return runOperation(
    operations.quoteEvent,
    {
      db: ph.env.t.db,
      cache: ph.env.cache,
      now: () => NOW,
      caller: { user: null, address: null, surface: "internal" },
    },
    { selection: partySelection(catalog, { adults, children }).selection, postalCode },
  );
}

/** Whole dollars as speech says a price ("about 656 dollars"). */
const dollars = (cents: number) => Math.floor((cents + 50) / 100).toLocaleString("en-US");

describe("L7: fullwidth digits by SMS", () => {
  it("'Book for １０ people on May ６th at ６ pm, zip ９５１２５' makes the hold the ASCII text makes", async () => {
    const wide = "Book for １０ people on May ６th at ６ pm, zip ９５１２５";
    const before = await heldRows();
    const phone = nextPhone();
    const reply = await text(phone, wide);
    expect(reply).not.toMatch(/I just need/);
    const [fromWide, ...more] = await heldSince(before);
    expect(more).toHaveLength(0);
    const asciiBefore = await heldRows();
    await text(nextPhone(), "Book for 10 people on May 6th at 6 pm, zip 95125");
    const [fromAscii] = await heldSince(asciiBefore);
    expect(fromWide).toBeDefined();
    expect(fromAscii).toBeDefined();
    // The same party, day, time and place as the ASCII text, and as asked (May 6, 2027 at 6 PM).
    for (const b of [fromWide!, fromAscii!]) {
      expect(b.startsAt.toISOString()).toBe(pdt("2027-05-06", 18));
      expect(party(b)).toBe(10);
      expect(b.postalCode).toBe("95125");
    }
    expect(fromWide!.packageId).toBe(fromAscii!.packageId);
    expect(fromWide!.totalCents).toBe(fromAscii!.totalCents);
    // The transcript keeps what the customer wrote.
    const stored = await ph.env.t.db.chatMessage.findMany({ where: { content: wide } });
    expect(stored).toHaveLength(1);
  });
});

describe("L7: the spoken quote's travel fee", () => {
  const quoteLine = (said: string) => said.slice(said.indexOf("For 10 guests"));

  it("a local ZIP: 'no travel fee', no zone text read out, the total the quote engine's", async () => {
    const q = await quote(10, 0, "95125");
    expect(q.travelFeeCents).toBe(0);
    const [said] = await call(["how much for 10 adults, zip 95125?"]);
    const line = quoteLine(said!);
    expect(line).toMatch(/^For 10 guests/);
    expect(line).toContain("no travel fee");
    expect(said).not.toMatch(/travel 0 dollars|0 dollars \(/);
    // Nothing nested in brackets is read ("(San Jose (2 point 9 miles): Local (...))").
    expect(said).not.toMatch(/\([^()]*\(/);
    expect(line).not.toMatch(/San Jose|Local|miles/);
    expect(line).toContain(`total about ${dollars(q.totalCents)} dollars`);
  });

  it("a farther ZIP: the fee said in dollars, as much as the quote engine charges", async () => {
    const q = await quote(10, 0, "94536");
    expect(q.travelFeeCents).toBeGreaterThan(0);
    const [said] = await call(["how much for 10 adults, zip 94536?"]);
    const line = quoteLine(said!);
    expect(line).toContain(`travel ${dollars(q.travelFeeCents)} dollars,`);
    expect(line).not.toMatch(/no travel fee/);
    expect(said).not.toMatch(/\([^()]*\(/);
    expect(line).not.toMatch(/Fremont|Metro|miles/);
    expect(line).toContain(`total about ${dollars(q.totalCents)} dollars`);
  });
});

describe("L7: do kids under three eat free?", () => {
  it("says no age eats free and the child price the quote charges, by phone and SMS; toddlers priced as children", async () => {
    const packages = await ph.env.t.db.package.findMany({ where: { active: true } });
    expect(packages.length).toBeGreaterThan(0);
    // The quote engine's price of one child (the CHILDREN line of a priced party).
    const q = await quote(10, 2, "95125");
    const childLine = q.lines.find((l) => l.code === "CHILDREN")!;
    expect(childLine.quantity).toBe(2);
    const classic = packages.find((p) => childLine.unitCents === p.childPriceCents);
    expect(classic).toBeDefined();

    const [said, priced] = await call([
      "do kids under three eat free?",
      "how much for 10 adults and 2 toddlers in 95125?",
    ]);
    expect(said).toMatch(/don't have a free age/i);
    expect(said).not.toMatch(/\b(eat|are|is) free\b/i);
    for (const p of packages)
      expect(said).toContain(`${p.name} ${dollars(p.childPriceCents)} dollars`);
    // Two toddlers are priced as two children: the quote engine's total for 10 adults and 2 children.
    expect(priced).toContain("10 adults, 2 children");
    expect(priced).toContain(`total about ${dollars(q.totalCents)} dollars`);

    const texted = await text(nextPhone(), "do kids under three eat free?");
    expect(texted).toMatch(/don't have a free age/i);
    for (const p of packages)
      expect(texted).toContain(`${p.name} ${formatCents(p.childPriceCents)}`);
    // A child-price question without an age is still the price list.
    expect(await text(nextPhone(), "how much are kids?")).not.toMatch(/free age/);
  });
});

describe("L7: a booking's reference said by someone else", () => {
  it("nothing about it is revealed or changed, no new booking is started, and the way to change it is said", async () => {
    const owner = nextPhone();
    const before = await heldRows();
    await text(owner, "Book December 17 at 6 pm for 10 people, zip 95125");
    const [hold] = await heldSince(before);
    expect(hold).toBeDefined();
    const snapshot = async () => ({
      booking: await ph.env.t.db.booking.findUniqueOrThrow({ where: { id: hold!.id } }),
      chefs: await ph.env.t.db.bookingChef.findMany({ where: { bookingId: hold!.id } }),
    });
    const was = await snapshot();
    const spelled = hold!.code.replace("-", "").split("").join(" ");
    const ask = (code: string) => `I have a hold ${code}, can you change it to 20 guests?`;
    const allHeld = await heldRows();

    const replies = [
      // Another number, on a call and by text; the owner's own number on a new call.
      ...(await call([ask(spelled)])),
      await text(nextPhone(), ask(hold!.code)),
      ...(await call([ask(spelled)], owner)),
    ];
    for (const said of replies) {
      expect(said).toMatch(/link/);
      expect(said).not.toMatch(/get you booked|I just need|how many guests|ZIP code of the party/i);
      // Nothing of the booking: its day, party, total.
      expect(said).not.toMatch(/December 17|Thursday|\b10 guests|656/);
    }
    expect(await snapshot()).toEqual(was);
    expect(await heldSince(allHeld)).toHaveLength(0);

    // In the owner's own text thread the hold is theirs: the change is made.
    await text(owner, ask(hold!.code));
    const after = await ph.env.t.db.booking.findUniqueOrThrow({ where: { id: hold!.id } });
    expect(party(after)).toBe(20);
  });
});

describe("issue 17 round 5 L5: the travel fee of the held party, and of a city that spans zones", () => {
  it("during a hold in 94536, 'what's the travel fee?' is that ZIP's fee, the quote engine's, not the zone table", async () => {
    const q = await quote(10, 0, "94536");
    expect(q.travelFeeCents).toBeGreaterThan(0);
    const [held, fee] = await call([
      "Book hibachi for 10 people on February 15th at 6 pm, zip 94536",
      "what's the travel fee?",
    ]);
    expect(held).toMatch(/I'm holding/);
    expect(fee).toContain(`${dollars(q.travelFeeCents)} dollars`);
    expect(fee).toContain("94536");
    expect(fee).not.toMatch(/Tell me your ZIP|no travel fee/i);
    // A local hold: no fee, as the quote engine says.
    const local = await quote(10, 0, "95125");
    expect(local.travelFeeCents).toBe(0);
    const [, none] = await call([
      "Book hibachi for 10 people on February 16th at 6 pm, zip 95125",
      "what's the travel fee?",
    ]);
    expect(none).toMatch(/no travel fee to ZIP 95125/);
    expect(none).not.toMatch(/Tell me your ZIP/i);
  });

  it("a quote for Fremont (ZIPs in two zones) never says 'no travel fee'; each ZIP's fee, as the quote engine charges it, and which ZIP is asked", async () => {
    const zips = await ph.env.t.db.servicePostalCode.findMany({ where: { city: "Fremont" } });
    const fees = new Map<string, number>();
    for (const z of zips) fees.set(z.postalCode, (await quote(10, 0, z.postalCode)).travelFeeCents);
    expect(new Set(fees.values()).size).toBeGreaterThan(1);
    const [said] = await call(["how much for 10 people in fremont"]);
    expect(said).not.toMatch(/no travel fee/);
    expect(said).toMatch(/depends on your ZIP code/);
    expect(said).toMatch(/which ZIP code is the party in\?/);
    // Each fee said is the one the quote engine charges its ZIPs.
    for (const [zip, cents] of fees) {
      const said50 = cents ? `${dollars(cents)} dollars in` : "none in";
      const part = said.slice(said.indexOf("depends on the ZIP code ("));
      const group = part.split(";").find((g) => g.includes(zip));
      expect(group, zip).toBeDefined();
      expect(group!, zip).toContain(said50);
    }
    // By text: the same fees written out, and no "$0.00" travel claimed for the city.
    const reply = await text(nextPhone(), "how much for 10 people in fremont");
    for (const [zip, cents] of fees) {
      const group = reply
        .slice(reply.indexOf("depends on the ZIP code ("))
        .split(";")
        .find((g) => g.includes(zip));
      expect(group!, zip).toContain(cents ? `${formatCents(cents)} in` : "none in");
    }
    expect(reply).toMatch(/travel fee depends on the ZIP code in Fremont/);
  });

  it("a city whose ZIPs all pay one fee is quoted with that fee (the quote engine's)", async () => {
    const catalog = await getCatalog(ph.env.t.db, ph.env.cache);
    const rows = await ph.env.t.db.servicePostalCode.findMany();
    const byCity = new Map<string, string[]>();
    for (const r of rows) byCity.set(r.city, [...(byCity.get(r.city) ?? []), r.postalCode]);
    // A city with one served ZIP, with a travel fee.
    let found: { city: string; zip: string; cents: number } | null = null;
    for (const [city, zs] of byCity) {
      if (zs.length !== 1 || !catalog.postalCodes[zs[0]!]) continue;
      const q = await quote(10, 0, zs[0]!).catch(() => null);
      if (q && q.travelFeeCents > 0) {
        found = { city, zip: zs[0]!, cents: q.travelFeeCents };
        break;
      }
    }
    expect(found).not.toBeNull();
    const [said] = await call([`what's the travel fee to ${found!.city}?`]);
    expect(said).toContain(`${dollars(found!.cents)} dollars`);
    expect(said).not.toMatch(/no travel fee/);
  });
});
