// The assistant and offer codes (issue 14 leftovers): "I have a code SAVE-..." is remembered by
// the conversation; the quote it gives includes the code's explained line, and the hold it makes
// is priced with it and takes the code (the finishing page keeps it); a code given after "hold
// it" moves the same hold to it; an unknown code is explained in the server's words and the price
// is given without it. Totals checked against the quote engine called here, not the assistant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteFor } from "@myhibachi/core";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { formatCents } from "@myhibachi/shared";
import { NOW, setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 2 });
});
afterAll(async () => env?.closeAll());

async function code(c: string) {
  await env.t.db.offerCode.create({
    data: { code: c, percentOff: 10, expiresAt: new Date(NOW.getTime() + 30 * 86400_000) },
  });
}

/** The engine's total for 10 adults of Classic in 95125, with the code or without. */
async function total(offerCode?: string) {
  const q = await quoteFor(
    env.t.db,
    {
      selection: classicSelection(10),
      postalCode: "95125",
      ...(offerCode ? { offerCode } : {}),
    },
    { cache: env.cache, now: NOW },
  );
  return { total: q.totalCents, offer: q.lines.find((l) => l.code === "OFFER") };
}

const holdsWith = (codeName: string) =>
  env.t.db.offerCode.findUniqueOrThrow({ where: { code: codeName } });

describe("an offer code in the chat", () => {
  it("said first, then the party: the quote includes it; the hold is priced with it and takes it", async () => {
    await code("SAVE-CHAT2345");
    const v = env.customer({ visitorId: visitor() });
    const noted = await env.ask(v, "Hi! I have a code SAVE-CHAT2345");
    expect(noted.content).toContain("I'll use code SAVE-CHAT2345 on your quote and your booking");
    expect(noted.cacheStatus).not.toBe("hit");

    const priced = await env.ask(v, "how much for 10 adults in 95125?");
    const want = await total("SAVE-CHAT2345");
    expect(priced.content).toContain(formatCents(want.total));
    expect(priced.content).toContain(
      `That price includes your code: Code SAVE-CHAT2345: 10 % off food (${formatCents(-want.offer!.totalCents)} off).`,
    );

    const held = await env.ask(v, "great, hold Friday December 18 at 5pm");
    expect(held.content).toContain("Code SAVE-CHAT2345 is applied to this booking");
    const row = await holdsWith("SAVE-CHAT2345");
    expect(row.redeemedBookingId).not.toBeNull();
    const b = await env.t.db.booking.findUniqueOrThrow({
      where: { id: row.redeemedBookingId! },
      include: { lines: true },
    });
    expect(b.status).toBe("HELD");
    expect(b.lines.find((l) => l.code === "OFFER")?.label).toBe(
      "Code SAVE-CHAT2345: 10 % off food",
    );
    expect(b.totalCents).toBe(want.total);

    // The finishing page prices it the same way (hold.quote), and finishing keeps the line.
    const href = held.extras.links!.find((l) => l.href.includes("/book/finish/"))!.href;
    const token = new URL(href, "http://x").searchParams.get("token")!;
    const onPage = await v.hold.quote({ id: b.id, token, selection: classicSelection(10) });
    expect(onPage.lines.find((l) => l.code === "OFFER")?.label).toBe(
      "Code SAVE-CHAT2345: 10 % off food",
    );
    expect(onPage.totalCents).toBe(want.total);
    await v.hold.finish({
      id: b.id,
      token,
      selection: classicSelection(10),
      address: { line1: "1 Code Ct", city: "San Jose", state: "CA", postalCode: "95125" },
      contact: { name: "Cody Code", email: "cody@example.com", phone: "(408) 555-0123" },
    });
    const finished = await env.t.db.booking.findUniqueOrThrow({
      where: { id: b.id },
      include: { lines: true },
    });
    expect(finished.customerId).not.toBeNull();
    expect(finished.lines.find((l) => l.code === "OFFER")?.totalCents).toBe(want.offer!.totalCents);
    expect(finished.totalCents).toBe(want.total);
  });

  it("given after 'hold it': the same hold moves to the code's price", async () => {
    await code("SAVE-LATE2345");
    const v = env.customer({ visitorId: visitor() });
    await env.ask(v, "Hold Friday December 18 at 6pm for 10 adults, zip 95125");
    const before = await env.t.db.booking.findMany({
      where: { status: "HELD", source: "CHAT", totalCents: (await total()).total },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(before).toHaveLength(1);
    const want = (await total("SAVE-LATE2345")).total;
    const r = await env.ask(v, "oh wait, I have a code SAVE-LATE2345");
    expect(r.content).toContain("Code SAVE-LATE2345 is applied to this booking");
    const row = await holdsWith("SAVE-LATE2345");
    expect(row.redeemedBookingId).toBe(before[0]!.id);
    const after = await env.t.db.booking.findUniqueOrThrow({ where: { id: before[0]!.id } });
    expect(after.totalCents).toBe(want);
    expect(
      await env.t.db.booking.count({
        where: { status: "HELD", source: "CHAT", startsAt: after.startsAt },
      }),
    ).toBe(1);
  });

  it("an unknown code is explained, and the price is given without it", async () => {
    const v = env.customer({ visitorId: visitor() });
    const r = await env.ask(v, "price for 10 adults in 95125 with my code SAVE-BAD99999?");
    expect(r.content).toContain(
      'We don\'t know the code "SAVE-BAD99999". Check it against the email it came in, or book without it. Without the code:',
    );
    expect(r.content).toContain(formatCents((await total()).total));
    // Forgotten: the next price has no refusal in it.
    const again = await env.ask(v, "and for 12 adults?");
    expect(again.content).not.toContain("SAVE-BAD99999");
  });
});
