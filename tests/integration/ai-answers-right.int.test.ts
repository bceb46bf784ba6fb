// Issue 11 (the assistant answers right or not at all), first parts. Cached answers are only as
// fresh as the data behind them and never about one customer; dates get their real reason; a
// refund question is the policy, not a complaint.
// Availability answers carry the calendar's cache generation, so a time booked a moment ago is
// never offered again from the cache (the booking site itself never does this either).
import { AppError, createBooking } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 2 });
});
afterAll(async () => env?.closeAll());

/** Books `date` at `startMinute` until the database refuses: every chef is then busy then. */
async function fillSlot(date: string, startMinute: number) {
  let made = 0;
  for (let i = 0; i < 6; i++) {
    try {
      await createBooking(
        env.t.db,
        {
          idempotencyKey: `fill-${date}-${startMinute}-${i}`,
          date,
          startMinute,
          selection: classicSelection(12),
          address: FIXTURE_ADDRESS,
          contact: { name: `Guest ${i}`, email: `fill${i}@example.com`, phone: "4085550100" },
        },
        { cache: env.cache, now: () => NOW },
      );
      made++;
    } catch (err) {
      if (err instanceof AppError && err.code === "CONFLICT") return made;
      throw err;
    }
  }
  return made;
}

describe("chat availability and the calendar", () => {
  it("a time booked after the answer was cached is not offered again", async () => {
    const question = "what's free next Saturday for 12 people?";
    const first = await env.ask(env.customer({ visitorId: visitor() }), question);
    const offered = first.extras.slots ?? [];
    expect(offered.length).toBeGreaterThan(0);
    // The same question from someone else, nothing booked in between: served from the cache.
    const again = await env.ask(env.customer({ visitorId: visitor() }), question);
    expect(again.cacheStatus).toBe("hit");

    const taken = offered[0]!;
    expect(await fillSlot(taken.date, taken.startMinute)).toBeGreaterThan(0);
    // The database's truth: every chef is busy at that time now.
    const live = await env.t.db.booking.count({
      where: { startsAt: { gte: new Date(`${taken.date}T00:00:00Z`) }, status: "HELD" },
    });
    expect(live).toBeGreaterThan(0);

    const after = await env.ask(env.customer({ visitorId: visitor() }), question);
    expect(after.cacheStatus).not.toBe("hit");
    const still = (after.extras.slots ?? []).map((s) => `${s.date} ${s.startMinute}`);
    expect(still).not.toContain(`${taken.date} ${taken.startMinute}`);
  });
});

describe("questions about the customer's own booking or money", () => {
  it("are never served from, or stored in, the shared cache; general questions still are", async () => {
    for (const text of [
      "how much do I still owe?",
      "whats my balance",
      "when is my party again?",
    ]) {
      const a = await env.ask(env.customer({ visitorId: visitor() }), text);
      const b = await env.ask(env.customer({ visitorId: visitor() }), text);
      expect([a.cacheStatus, b.cacheStatus], text).toEqual(["bypass", "bypass"]);
    }
    const general = "what's your party minimum?";
    await env.ask(env.customer({ visitorId: visitor() }), general);
    const again = await env.ask(env.customer({ visitorId: visitor() }), general);
    expect(again.cacheStatus).toBe("hit");
  });
});

describe("the real reason a date can't be booked", () => {
  it("a date inside the notice window is 'too soon' with the earliest day, not 'fully booked'", async () => {
    const { minNoticeHours, timeZone } = await env.t.db.businessSettings.findUniqueOrThrow({
      where: { id: 1 },
    });
    // NOW is Tuesday, November 24 (10 am in the business's zone): tomorrow is inside 48 hours.
    expect(minNoticeHours).toBe(48);
    expect(timeZone).toBe("America/Los_Angeles");
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "are you free tomorrow for 12?",
    );
    expect(r.content).toMatch(/48 hours' notice/);
    expect(r.content).toMatch(/too soon/);
    expect(r.content).not.toMatch(/fully booked/);
    expect(r.content).toMatch(/Thursday, November 26/);
  });

  it("a date just outside the window is answered with times as usual", async () => {
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "are you free on december 3 for 12?",
    );
    expect(r.content).not.toMatch(/too soon/);
    expect(r.extras.slots?.length).toBeGreaterThan(0);
  });
});

describe("money back after cancelling", () => {
  it("is answered with the cancellation policy, not handed to staff as a complaint", async () => {
    const { freeCancellationHours } = await env.t.db.businessSettings.findUniqueOrThrow({
      where: { id: 1 },
    });
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "if I cancel can I get a refund?",
    );
    expect(r.content).toContain(String(freeCancellationHours));
    const conv = await env.t.db.conversation.findUniqueOrThrow({ where: { id: r.conversationId } });
    expect(conv.status).toBe("OPEN");
    expect(conv.flaggedAt).toBeNull();
  });
});
