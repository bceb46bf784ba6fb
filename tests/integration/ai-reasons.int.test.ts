// Issue 11, point 4: when the assistant can't offer a time it says the real reason: too soon (the
// notice window), beyond the booking window, outside the service area, a party too large (and
// what to do instead), or every chef busy (with the nearest free times). Each case is set up in
// the database and the reply is checked for the reason and the facts from the settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupAi, visitor, type AiEnv } from "./ai-support";

let env: AiEnv;
beforeAll(async () => {
  env = await setupAi({ chefs: 1 });
});
afterAll(async () => env?.closeAll());

const settings = () => env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });

describe("the real reason a time can't be offered", () => {
  it("tomorrow is too soon: the notice window and the earliest day", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "are you free tomorrow for 10 people?",
    );
    expect(r.content).toMatch(/too soon/);
    expect(r.content).toContain(`${s.minNoticeHours} hours`);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a date beyond the booking window says when it opens", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "do you have anything on August 1 2027 for 12?",
    );
    expect(r.content).toContain(`${s.bookingWindowDays} days ahead`);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a ZIP outside the service area is said to be outside it", async () => {
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "is December 12 free for 10 people in 10001?",
    );
    expect(r.content).toMatch(/(don't|do not) (yet )?(serve|cover|travel)|outside/i);
    expect(r.content).not.toMatch(/fully booked/i);
  });

  it("a party over the limit is told the limit and what to do instead", async () => {
    const s = await settings();
    const r = await env.ask(
      env.customer({ visitorId: visitor() }),
      "can you do December 12 for 200 people?",
    );
    expect(r.content).toContain(String(s.maxGuests));
    expect(r.content).toContain(s.phone);
    expect(r.content).not.toMatch(/fully booked/i);
  });
});

describe("every chef busy", () => {
  it("a day with every start time taken says so and offers the nearest free times", async () => {
    const s = await settings();
    // One chef: a booking at each start time of Saturday December 12 fills the day.
    const v = env.customer({ visitorId: visitor() });
    for (const minute of s.slotStartMinutes) {
      const hour = minute / 60;
      const h = Math.floor(hour) % 12 || 12;
      const m = minute % 60 ? `:${String(minute % 60).padStart(2, "0")}` : "";
      const other = env.customer({ visitorId: visitor() });
      await env.ask(
        other,
        `book December 12 at ${h}${m}${hour >= 12 ? "pm" : "am"} for 6 people in 95125`,
      );
    }
    const live = await env.t.db.booking.count({ where: { status: "HELD" } });
    expect(live).toBeGreaterThan(0);
    const r = await env.ask(v, "is Saturday December 12 free for 10 people?");
    expect(r.content).toMatch(/fully booked/i);
    // The nearest free times are real: the tool's slots are all after that day.
    expect(r.extras.slots?.length).toBeGreaterThan(0);
    expect(r.extras.slots!.every((x) => x.date > "2026-12-12")).toBe(true);
    // Asking to hold a taken time says it is taken (not "fully booked", not a race) and offers
    // free times; the next time said continues the booking.
    const taken = await env.ask(v, "ok then please hold December 12 at 5pm for 10 people in 95125");
    expect(taken.content).toMatch(/5 pm is already taken that day/);
    expect(taken.content).toMatch(/still free/);
  });
});
