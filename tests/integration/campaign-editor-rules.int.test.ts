// The step editor's and the sequence switch's rules (issue 14; attack report 14, F2 F3 F4 F8;
// round 2, G6 G7)
// through the owner's tRPC caller on a real database, with the attacker's exact inputs: the
// public-review link only in a post-event step for ratings of 4 or 5, the rating link only in the
// post-event sequence, placeholders written whole, a subject on one line, and the abandoned-booking
// and churn-risk sequences always ending at a booking. Every refusal is a sentence and writes nothing.
import { exitReasonFor } from "@myhibachi/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { pastBookingData } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let callers: AdminCallers;
const NOW = new Date("2026-12-01T18:00:00Z");

beforeAll(async () => {
  env = await setupEnv();
  callers = await adminCallers(env, () => NOW);
});
afterAll(async () => env?.close());

const owner = () => callers.caller("OWNER").owner.campaigns;

/** The step's template as seeded, for the attacker's "template + ..." edits. */
const templateOf = async (id: string) =>
  (await env.t.db.campaignStep.findUniqueOrThrow({ where: { id } })).template;

/** Each edit is refused with a 400 whose message contains the sentence; nothing is written. */
async function refused(cases: [stepId: string, step: Record<string, unknown>, message: string][]) {
  const db = env.t.db;
  const steps = await db.campaignStep.findMany({ orderBy: { id: "asc" } });
  const audits = await db.auditLog.count();
  for (const [stepId, step, message] of cases)
    await expect(
      owner().updateStep({ stepId, step } as never),
      `${stepId} ${JSON.stringify(step)}`,
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining(message) });
  expect(await db.campaignStep.findMany({ orderBy: { id: "asc" } })).toEqual(steps);
  expect(await db.auditLog.count()).toBe(audits);
}

describe("F2: the public-review link only reaches someone who rated 4 or 5", () => {
  const rule = "{{reviewUrl}} asks for a public review";

  it("refuses the attacker's edits: no minimum rating, a minimum of 1, steps sent before or without a rating", async () => {
    const post2 = await templateOf("step_post_2");
    const post3 = await templateOf("step_post_3");
    const post1 = await templateOf("step_post_1");
    await refused([
      ["step_post_2", { template: post2, minRating: null }, rule],
      ["step_post_2", { minRating: null }, 'Set "Send only after a rating of" to 4 or more'],
      ["step_post_2", { minRating: 1 }, rule],
      ["step_post_2", { minRating: 3 }, rule],
      ["step_post_3", { template: `${post3}\nReview us: {{reviewUrl}}` }, rule],
      ["step_post_1", { template: `${post1}\n{{reviewUrl}}` }, rule],
      ["step_post_1", { subject: "Review us: {{ reviewUrl }}" }, rule],
      // Outside the post-event sequence nobody has rated anything, whatever the minimum.
      [
        "step_reengage_2",
        { template: "Hi {{firstName}}, review us: {{reviewUrl}}", minRating: 5 },
        "only a post-event step can use it",
      ],
      [
        "step_abandoned_1",
        { template: "Hi {{firstName}}, review us: {{reviewUrl}}" },
        "only a post-event step can use it",
      ],
      [
        "step_churn_high_1",
        { template: "Hi {{firstName}}, review us: {{reviewUrl}}", minRating: 4 },
        "only a post-event step can use it",
      ],
    ]);
  });

  it("accepts it in a post-event step for ratings of 4 or 5, and the seeded step stays as it is", async () => {
    expect(await owner().updateStep({ stepId: "step_post_2", step: { minRating: 5 } })).toEqual({
      changed: true,
      rescheduled: 0,
    });
    expect(await owner().updateStep({ stepId: "step_post_2", step: { minRating: 4 } })).toEqual({
      changed: true,
      rescheduled: 0,
    });
    const post3 = await templateOf("step_post_3");
    await owner().updateStep({
      stepId: "step_post_3",
      step: { template: `${post3}\nReview us: {{reviewUrl}}`, minRating: 4 },
    });
    await owner().updateStep({ stepId: "step_post_3", step: { template: post3, minRating: null } });
  });
});

describe("F3: the rating link only for events, placeholders written whole", () => {
  it("refuses the attacker's abandoned-booking template and each of its problems on its own", async () => {
    const attack =
      "Hi {{firstName}}, not booked yet? Tell us why and rate your party: {{ratingUrl}} ... {{firstName";
    await refused([
      ["step_abandoned_1", { template: attack }, "The text has a “{{” that isn't closed"],
      [
        "step_abandoned_1",
        { template: "Hi {{firstName}}, rate your party: {{ratingUrl}} thanks" },
        "{{ratingUrl}} is the link to rate an event, so only the post-event sequence can use it",
      ],
      [
        "step_reengage_2",
        { template: "Hi {{firstName}}, rate your last party: {{ratingUrl}}" },
        "only the post-event sequence can use it",
      ],
      [
        "step_churn_medium_1",
        { subject: "Rate us {{ratingUrl}}" },
        "only the post-event sequence can use it",
      ],
      [
        "step_abandoned_1",
        { template: "Hi {{firstName, come back: {{bookUrl}}" },
        "The text has a “{{” that isn't closed",
      ],
      [
        "step_abandoned_1",
        { template: "Hi firstName}}, come back: {{bookUrl}}" },
        "The text has a “}}” without its “{{”",
      ],
      [
        "step_abandoned_1",
        { subject: "Still thinking about {{eventDate?" },
        "The subject has a “{{”",
      ],
    ]);
  });

  it("accepts the rating link in the post-event sequence", async () => {
    const post3 = await templateOf("step_post_3");
    await owner().updateStep({
      stepId: "step_post_3",
      step: { template: `${post3}\nRate us: {{ratingUrl}}` },
    });
    await owner().updateStep({ stepId: "step_post_3", step: { template: post3 } });
  });
});

describe("F4: a subject is one line", () => {
  it("refuses the attacker's CR/LF subject, other line breaks and control characters", async () => {
    await refused([
      [
        "step_abandoned_1",
        { subject: "Still thinking\r\nBcc: evil@example.com about {{eventDate}}?" },
        "A subject must be one line.",
      ],
      ["step_abandoned_1", { subject: "Still thinking\nabout it?" }, "A subject must be one line."],
      ["step_abandoned_1", { subject: "Still thinking\rabout it?" }, "A subject must be one line."],
      [
        "step_abandoned_1",
        { subject: "Still thinking\u2028about it?" },
        "A subject must be one line.",
      ],
      [
        "step_abandoned_1",
        { subject: "Still\tthinking about it?" },
        "The subject has an invisible control character",
      ],
      // A text-message step: the subject is still one line; its text may not carry control characters.
      [
        "step_reengage_2",
        { channel: "SMS", subject: "New\r\non the grill" },
        "A subject must be one line.",
      ],
      [
        "step_reengage_2",
        { template: "Hi {{firstName}},\u0007 new on the grill: {{menuUrl}}" },
        "The text has an invisible control character",
      ],
    ]);
  });

  it("a template keeps its line breaks (CR/LF too) and tabs", async () => {
    const before = await templateOf("step_reengage_2");
    await owner().updateStep({
      stepId: "step_reengage_2",
      step: { template: "Hi {{firstName}},\r\n\r\nNew on the grill:\t{{menuUrl}}" },
    });
    expect(await templateOf("step_reengage_2")).toBe(
      "Hi {{firstName}},\r\n\r\nNew on the grill:\t{{menuUrl}}",
    );
    await owner().updateStep({ stepId: "step_reengage_2", step: { template: before } });
  });
});

describe("G6 (round 2): no invisible or garbled subjects, placeholders with two braces", () => {
  it("refuses the attacker's zero-width subject, U+202E subject and {{{firstName}}}, writing nothing", async () => {
    const abandoned1 = await templateOf("step_abandoned_1");
    await refused([
      [
        "step_abandoned_1",
        { subject: "\u200B\u200B\u200B\u200B" },
        "The subject is made only of invisible characters (such as zero-width spaces), so it would look empty. Write it in words.",
      ],
      [
        "step_abandoned_1",
        { subject: "Still \u202Ethinking {{eventDate}}" },
        "The subject contains an invisible character that changes the direction of the text (such as a right-to-left override), so it would read differently from what was typed. Take it out and try again.",
      ],
      [
        "step_abandoned_1",
        { template: `${abandoned1} {{{firstName}}}` },
        "The text has three braces in a row. A placeholder has two on each side, like {{firstName}}: take the extra brace out.",
      ],
      // The same in the other field, and the other direction controls.
      [
        "step_abandoned_1",
        { template: `${abandoned1} \u2067evil\u2069` },
        "The text contains an invisible character that changes the direction of the text",
      ],
      [
        "step_abandoned_1",
        { template: "\u200B".repeat(12) },
        "The text is made only of invisible characters",
      ],
      [
        "step_abandoned_1",
        { subject: "Still thinking \u200Fabout it?" },
        "The subject contains an invisible character that changes the direction",
      ],
      ["step_abandoned_1", { subject: "{{{eventDate}}} is going fast" }, "three braces in a row"],
    ]);
  });
});

describe("F8, G7: a booking always ends the abandoned-booking, re-engagement and churn-risk sequences", () => {
  it("refuses switching it off there, with a sentence, writing nothing", async () => {
    const db = env.t.db;
    const sequences = await db.campaignSequence.findMany({ orderBy: { id: "asc" } });
    const audits = await db.auditLog.count();
    // Round 2, G7: the attacker's exact input was
    // {"key":"re-engagement","active":true,"exitOnBooking":false} -> 200.
    for (const key of ["abandoned-booking", "re-engagement", "churn-high", "churn-medium"])
      await expect(
        owner().setSequence({ key, active: true, exitOnBooking: false }),
        key,
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(
          /always stops when the person books \(a booking ends it at once\), so that can't be switched off\.$/,
        ),
      });
    expect(await db.campaignSequence.findMany({ orderBy: { id: "asc" } })).toEqual(sequences);
    expect(await db.auditLog.count()).toBe(audits);
    // Switching it on or off is still the owner's choice, and "yes" is accepted as a no-op.
    expect(await owner().setSequence({ key: "abandoned-booking", exitOnBooking: true })).toEqual({
      changed: false,
    });
    expect(await owner().setSequence({ key: "churn-high", active: false })).toEqual({
      changed: true,
    });
    await owner().setSequence({ key: "churn-high", active: true });
  });

  it("a rule stored as off before (an old edit) is read as on (the engine reads it so too)", async () => {
    const db = env.t.db;
    await db.campaignSequence.update({
      where: { key: "abandoned-booking" },
      data: { exitRules: { exitOnBooking: false } },
    });
    const { sequences } = await owner().sequences();
    expect(sequences.find((s) => s.key === "abandoned-booking")!.exitOnBooking).toBe(true);
    await db.campaignSequence.update({
      where: { key: "abandoned-booking" },
      data: { exitRules: { exitOnBooking: true } },
    });
  });
});

describe("G7 (round 2): re-engagement stops at a booking whatever is stored", () => {
  it("the sequence list and the engine read a stored 'off' as on; post-event keeps the switch", async () => {
    const db = env.t.db;
    const seq = await db.campaignSequence.update({
      where: { key: "re-engagement" },
      data: { exitRules: { exitOnBooking: false } },
    });
    const { sequences } = await owner().sequences();
    expect(sequences.find((s) => s.key === "re-engagement")!.exitOnBooking).toBe(true);
    // A customer enrolled in re-engagement who then booked: the engine ends the enrolment.
    const customer = await db.customer.create({
      data: { name: "Casey Rebook", email: "casey.rebook@example.test" },
    });
    const packageId = (await db.package.findFirstOrThrow()).id;
    const enrolledAt = new Date(NOW.getTime() - 86_400_000);
    await db.booking.create({
      data: {
        ...pastBookingData({
          code: "G7RE01",
          customerId: customer.id,
          packageId,
          startsAt: new Date(NOW.getTime() + 30 * 86_400_000),
          endsAt: new Date(NOW.getTime() + 30 * 86_400_000 + 7_200_000),
          status: "COMPLETED",
          totalCents: 60_000,
          contactName: "Casey Rebook",
          contactEmail: customer.email,
          idempotencyKey: "g7-rebook",
        }),
        createdAt: NOW,
      },
    });
    const enrolment = {
      bookingId: null,
      customerId: customer.id,
      email: null,
      anchorAt: enrolledAt,
      createdAt: enrolledAt,
    };
    expect(await exitReasonFor(db, { ...enrolment, sequence: seq })).toBe("booked");
    await db.campaignSequence.update({
      where: { key: "re-engagement" },
      data: { exitRules: { exitOnBooking: true } },
    });
    // Post-event: the owner's switch (a thank-you may go on after a new booking).
    expect(await owner().setSequence({ key: "post-event", exitOnBooking: true })).toEqual({
      changed: true,
    });
    expect(await owner().setSequence({ key: "post-event", exitOnBooking: false })).toEqual({
      changed: true,
    });
  });
});
