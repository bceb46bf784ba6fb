// The owner's campaign pages (issue 14, point 8) through the admin tRPC router on a real database.
// The funnel's expected figures come from the scenario written here row by row (send records,
// their outbox emails, bookings with totals) and are worked out by hand in the comments, never by
// calling the code under test. Also: the step editor's refusals write nothing, an edit never sends
// a step again and moves only the next due time of the people waiting for that step, every change
// is in the audit log as a sentence, the suppression list, and who may call all of it.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueCampaignSteps, signClickToken } from "@myhibachi/core";
import { handleCampaignClick } from "@myhibachi/api";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { DAY, HOUR, MINUTE } from "@myhibachi/shared";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { SITE, TZ } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let callers: AdminCallers;
/** 10:00 in Los Angeles. */
const NOW = new Date("2026-12-01T18:00:00Z");
/** Signs the emails' tracked links (the apps' AUTH_SECRET). */
const SECRET = "campaign-pages-secret-0123456789abcdef";
const ago = (ms: number) => new Date(NOW.getTime() - ms);
let packageId: string;

beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  callers = await adminCallers(env, () => NOW);
  packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
});
afterAll(async () => env?.close());

const owner = () => callers.caller("OWNER").owner.campaigns;

let n = 0;
async function booking(o: {
  email: string;
  status: "HELD" | "EXPIRED" | "PENDING" | "CONFIRMED" | "COMPLETED" | "CANCELLED";
  createdAt: Date;
  totalCents?: number;
  confirmedAt?: Date;
  customerId?: string;
}) {
  const code = `CP${String(++n).padStart(4, "0")}${randomBytes(2).toString("hex").toUpperCase()}`;
  const startsAt = new Date(o.createdAt.getTime() + 20 * DAY);
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  const total = o.totalCents ?? 40_000;
  // A booking past the hold has its customer (a check constraint): the one with that email.
  const customerId =
    o.customerId ??
    (["HELD", "EXPIRED", "CANCELLED"].includes(o.status) || !o.email
      ? null
      : (
          await env.t.db.customer.upsert({
            where: { email: o.email.toLowerCase() },
            create: { name: `Guest ${code}`, email: o.email.toLowerCase() },
            update: {},
          })
        ).id);
  return env.t.db.booking.create({
    data: {
      code,
      customerId,
      contactPhone: "(408) 555-0100",
      addressLine1: "1 Test Way",
      city: "San Jose",
      state: "CA",
      status: o.status,
      startsAt,
      endsAt,
      chefBlockStart: startsAt,
      chefBlockEnd: endsAt,
      timeZone: TZ,
      adults: 10,
      packageId,
      postalCode: "95125",
      contactName: `Guest ${code}`,
      contactEmail: o.email,
      travelZoneName: "Local",
      distanceMiles: 3,
      selection: classicSelection(10),
      subtotalCents: total,
      travelFeeCents: 0,
      taxCents: 0,
      totalCents: total,
      depositCents: 0,
      balanceCents: total,
      settingsVersion: 1,
      idempotencyKey: `cp-${code}`,
      createdAt: o.createdAt,
      confirmedAt: o.confirmedAt ?? null,
      completedAt: o.status === "COMPLETED" ? endsAt : null,
    },
  });
}

async function enrol(o: {
  seq: "seq_abandoned" | "seq_post_event";
  email: string;
  bookingId: string;
  anchorAt: Date;
  state?: "ACTIVE" | "COMPLETED" | "EXITED";
  nextPosition?: number | null;
  nextDueAt?: Date | null;
  customerId?: string;
}) {
  return env.t.db.campaignEnrolment.create({
    data: {
      sequenceId: o.seq,
      subjectKey: `booking:${o.bookingId}`,
      bookingId: o.bookingId,
      customerId: o.customerId ?? null,
      email: o.email,
      firstName: "Pat",
      timeZone: TZ,
      anchorAt: o.anchorAt,
      state: o.state ?? "COMPLETED",
      nextPosition: o.nextPosition ?? null,
      nextDueAt: o.nextDueAt ?? null,
      createdAt: o.anchorAt,
    },
  });
}

/** A send record; with an outbox email in `email` status unless skipped. */
async function send(o: {
  enrolmentId: string;
  stepId: string;
  recipient: string;
  at: Date;
  status: "CLAIMED" | "SENT" | "SKIPPED";
  email?: "QUEUED" | "SENT" | "FAILED";
  skipReason?: string;
  error?: string;
}) {
  const key = o.email ? `campaign:${o.enrolmentId}:${o.stepId}` : null;
  if (key)
    await env.t.db.emailMessage.create({
      data: {
        idempotencyKey: key,
        to: o.recipient,
        subject: "s",
        text: "t",
        status: o.email!,
        error: o.error ?? null,
        sentAt: o.email === "SENT" ? o.at : null,
        createdAt: o.at,
      },
    });
  await env.t.db.campaignSend.create({
    data: {
      enrolmentId: o.enrolmentId,
      stepId: o.stepId,
      channel: "EMAIL",
      recipient: o.recipient,
      status: o.status,
      skipReason: o.skipReason ?? null,
      emailKey: key,
      claimedAt: o.at,
      sentAt: o.status === "SENT" ? o.at : null,
    },
  });
}

const A1 = "step_abandoned_1";
const A2 = "step_abandoned_2";
const P1 = "step_post_1";
let gEnrolment: string;
let a1Enrolment: string;
let lowBooking: { id: string; code: string };

describe("the owner's campaign pages", () => {
  beforeAll(async () => {
    const db = env.t.db;
    // a1 (ann): her abandoned booking is confirmed 5 days ago; step 1 (10 days ago, +2 h) and
    // step 2 (9 days ago) were delivered. Last touch: step 2 converts, $1,000.
    const bA1 = await booking({
      email: "ann@example.test",
      status: "CONFIRMED",
      createdAt: ago(10 * DAY),
      totalCents: 100_000,
      confirmedAt: ago(5 * DAY),
    });
    const a1 = await enrol({
      seq: "seq_abandoned",
      email: "ann@example.test",
      bookingId: bA1.id,
      anchorAt: ago(10 * DAY),
    });
    a1Enrolment = a1.id;
    await send({
      enrolmentId: a1.id,
      stepId: A1,
      recipient: "ann@example.test",
      at: ago(10 * DAY - 2 * HOUR),
      status: "SENT",
      email: "SENT",
    });
    await send({
      enrolmentId: a1.id,
      stepId: A2,
      recipient: "ann@example.test",
      at: ago(9 * DAY),
      status: "SENT",
      email: "SENT",
    });

    // a2 (bob): step 1 delivered 20 days ago; a new booking a day later (his email in capitals),
    // $500: step 1 converts. Step 2's email was dropped because he had booked ("Not sent").
    const bA2 = await booking({
      email: "bob@example.test",
      status: "EXPIRED",
      createdAt: ago(20 * DAY + 2 * HOUR),
    });
    const a2 = await enrol({
      seq: "seq_abandoned",
      email: "bob@example.test",
      bookingId: bA2.id,
      anchorAt: ago(20 * DAY + 2 * HOUR),
      state: "EXITED",
    });
    await send({
      enrolmentId: a2.id,
      stepId: A1,
      recipient: "bob@example.test",
      at: ago(20 * DAY),
      status: "SENT",
      email: "SENT",
    });
    await booking({
      email: "Bob@Example.test",
      status: "CONFIRMED",
      createdAt: ago(19 * DAY),
      totalCents: 50_000,
    });
    await send({
      enrolmentId: a2.id,
      stepId: A2,
      recipient: "bob@example.test",
      at: ago(19 * DAY - HOUR),
      status: "SKIPPED",
      email: "FAILED",
      skipReason: "Not sent: the customer booked before it went out.",
      error: "Not sent: the customer booked before it went out.",
    });

    // a3 (cat): step 1 delivered 40 days ago (only in the 90-day view), a booking 2 days later,
    // completed, $700.
    const bA3 = await booking({
      email: "cat@example.test",
      status: "EXPIRED",
      createdAt: ago(40 * DAY + 2 * HOUR),
    });
    const a3 = await enrol({
      seq: "seq_abandoned",
      email: "cat@example.test",
      bookingId: bA3.id,
      anchorAt: ago(40 * DAY + 2 * HOUR),
    });
    await send({
      enrolmentId: a3.id,
      stepId: A1,
      recipient: "cat@example.test",
      at: ago(40 * DAY),
      status: "SENT",
      email: "SENT",
    });
    await booking({
      email: "cat@example.test",
      status: "COMPLETED",
      createdAt: ago(38 * DAY),
      totalCents: 70_000,
    });

    // a4 (dan): step 1 written 3 days ago, still QUEUED (sent, not delivered); step 2 skipped (SMS).
    // His later bookings are cancelled or only held: no conversion. Still in the sequence.
    const bA4 = await booking({
      email: "dan@example.test",
      status: "HELD",
      createdAt: ago(3 * DAY + 2 * HOUR),
    });
    const a4 = await enrol({
      seq: "seq_abandoned",
      email: "dan@example.test",
      bookingId: bA4.id,
      anchorAt: ago(3 * DAY + 2 * HOUR),
      state: "ACTIVE",
      nextPosition: 3,
      nextDueAt: new Date(NOW.getTime() + 30 * DAY),
    });
    await send({
      enrolmentId: a4.id,
      stepId: A1,
      recipient: "dan@example.test",
      at: ago(3 * DAY),
      status: "CLAIMED",
      email: "QUEUED",
    });
    await send({
      enrolmentId: a4.id,
      stepId: A2,
      recipient: "dan@example.test",
      at: ago(2 * DAY),
      status: "SKIPPED",
      skipReason: "sms is not available yet",
    });
    await booking({
      email: "dan@example.test",
      status: "CANCELLED",
      createdAt: ago(1 * DAY),
      totalCents: 90_000,
    });

    // a5 (eve): step 1 delivered 25 days ago; she books 20 days later: outside the 14 days.
    const bA5 = await booking({
      email: "eve@example.test",
      status: "EXPIRED",
      createdAt: ago(25 * DAY + 2 * HOUR),
    });
    const a5 = await enrol({
      seq: "seq_abandoned",
      email: "eve@example.test",
      bookingId: bA5.id,
      anchorAt: ago(25 * DAY + 2 * HOUR),
    });
    await send({
      enrolmentId: a5.id,
      stepId: A1,
      recipient: "eve@example.test",
      at: ago(25 * DAY),
      status: "SENT",
      email: "SENT",
    });
    await send({
      enrolmentId: a5.id,
      stepId: A2,
      recipient: "eve@example.test",
      at: ago(24 * DAY),
      status: "SKIPPED",
      skipReason: "sms is not available yet",
    });
    await booking({
      email: "eve@example.test",
      status: "CONFIRMED",
      createdAt: ago(5 * DAY),
      totalCents: 30_000,
    });

    // f (fay): step 1 written 6 days ago, the SMTP server refused it (FAILED).
    const bF = await booking({
      email: "fay@example.test",
      status: "EXPIRED",
      createdAt: ago(6 * DAY + 2 * HOUR),
    });
    const f = await enrol({
      seq: "seq_abandoned",
      email: "fay@example.test",
      bookingId: bF.id,
      anchorAt: ago(6 * DAY + 2 * HOUR),
    });
    await send({
      enrolmentId: f.id,
      stepId: A1,
      recipient: "fay@example.test",
      at: ago(6 * DAY),
      status: "CLAIMED",
      email: "FAILED",
      error: "550 mailbox unavailable",
    });

    // g (gil): picked up late, waiting for step 2 (no send yet), due at anchor + 1 day.
    const bG = await booking({
      email: "gil@example.test",
      status: "HELD",
      createdAt: ago(3 * HOUR),
    });
    const g = await enrol({
      seq: "seq_abandoned",
      email: "gil@example.test",
      bookingId: bG.id,
      anchorAt: ago(3 * HOUR),
      state: "ACTIVE",
      nextPosition: 2,
      nextDueAt: new Date(NOW.getTime() + 21 * HOUR),
    });
    gEnrolment = g.id;

    // p1 (hal, a customer): after-the-event step 1 delivered 11 days ago; he books again 4 days
    // ago through his account with his work email as the contact, waiting for approval: $800.
    const hal = await db.customer.create({ data: { name: "Hal Post", email: "hal@example.test" } });
    const bP1 = await booking({
      email: "hal@example.test",
      customerId: hal.id,
      status: "COMPLETED",
      createdAt: ago(32 * DAY),
    });
    const p1 = await enrol({
      seq: "seq_post_event",
      email: "hal@example.test",
      bookingId: bP1.id,
      anchorAt: ago(12 * DAY),
      state: "ACTIVE",
      nextPosition: 2,
      nextDueAt: new Date(NOW.getTime() + 10 * DAY),
      customerId: hal.id,
    });
    await send({
      enrolmentId: p1.id,
      stepId: P1,
      recipient: "hal@example.test",
      at: ago(11 * DAY),
      status: "SENT",
      email: "SENT",
    });
    await booking({
      email: "hal.work@example.test",
      customerId: hal.id,
      status: "PENDING",
      createdAt: ago(4 * DAY),
      totalCents: 80_000,
    });
    // An old one, 100 days ago: in neither period.
    const bOld = await booking({
      email: "ida@example.test",
      status: "COMPLETED",
      createdAt: ago(120 * DAY),
    });
    const old = await enrol({
      seq: "seq_post_event",
      email: "ida@example.test",
      bookingId: bOld.id,
      anchorAt: ago(101 * DAY),
    });
    await send({
      enrolmentId: old.id,
      stepId: P1,
      recipient: "ida@example.test",
      at: ago(100 * DAY),
      status: "SENT",
      email: "SENT",
    });

    // Ratings: 5 (10 days ago), 2 with a comment (8 days ago), 3 without (2 days ago), 4 (50 days
    // ago, only in the 90-day view).
    const low = await booking({
      email: "jo@example.test",
      status: "COMPLETED",
      createdAt: ago(30 * DAY),
    });
    lowBooking = low;
    const mid = await booking({
      email: "kim@example.test",
      status: "COMPLETED",
      createdAt: ago(30 * DAY),
    });
    await db.eventFeedback.createMany({
      data: [
        { bookingId: bP1.id, rating: 5, createdAt: ago(10 * DAY) },
        {
          bookingId: low.id,
          rating: 2,
          comment: "The chef came 40 minutes late.",
          createdAt: ago(8 * DAY),
        },
        { bookingId: mid.id, rating: 3, createdAt: ago(2 * DAY) },
        { bookingId: "booking-gone", rating: 4, createdAt: ago(50 * DAY) },
      ],
    });

    // Clicks, through the customer site's tracked-link redirect (as a person clicking in the
    // email): ann's step 1 twice (counted once), bob's step 1, cat's step 1 (40 days ago: only in
    // the 90-day view). Nobody else clicked; ann's step 2 neither.
    const click = async (email: string, stepId: string, at: Date) => {
      const sendRow = await db.campaignSend.findFirstOrThrow({
        where: { recipient: email, stepId },
      });
      const token = signClickToken(SECRET, {
        sendId: sendRow.id,
        target: "/book",
        expiresAt: NOW.getTime() + 365 * DAY,
      });
      const r = await handleCampaignClick(new Request(`${SITE}/r?token=${token}`), {
        db,
        cookieSecret: SECRET,
        now: () => at,
      });
      expect(r.status).toBe(303);
    };
    await click("ann@example.test", A1, ago(9 * DAY));
    await click("ann@example.test", A1, ago(8 * DAY));
    await click("bob@example.test", A1, ago(19 * DAY));
    await click("cat@example.test", A1, ago(39 * DAY));
  });

  it("lists the sequences with their steps in order, trigger in words and people in each", async () => {
    const r = await owner().sequences();
    expect(r.sequences.map((s) => s.key)).toEqual([
      "abandoned-booking",
      "post-event",
      "re-engagement",
      "churn-high",
      "churn-medium",
    ]);
    // The churn-risk personal note waits for the owner's approval; the new-menu offer doesn't.
    expect(r.sequences[3]!.steps.map((s) => s.needsApproval)).toEqual([true]);
    expect(r.sequences[4]!.steps.map((s) => s.needsApproval)).toEqual([false]);
    expect(r.sequences[3]!.triggerWords).toMatch(/churn-risk score/);
    const ab = r.sequences[0]!;
    // Active: dan (a4) and gil (g).
    expect(ab).toMatchObject({
      name: "Abandoned booking",
      active: true,
      exitOnBooking: true,
      activeEnrolments: 2,
    });
    expect(ab.triggerWords).toMatch(/starts a booking/);
    expect(ab.steps.map((s) => [s.position, s.delayWords, s.channel])).toEqual([
      [1, "2 hours", "EMAIL"],
      [2, "1 day", "EMAIL"],
      [3, "2 days", "EMAIL"],
    ]);
    // The preview is the engine's render with sample data: no braces left, the footer included.
    expect(ab.steps[2]!.preview.subject).toBe("5 % off if you book today");
    expect(ab.steps[2]!.preview.text).toContain("SAVE-");
    expect(ab.steps[2]!.preview.text).toContain("To stop these emails, unsubscribe here:");
    expect(ab.steps[0]!.preview.text).not.toContain("{{");
    expect(r.sequences[1]!.activeEnrolments).toBe(1);
    expect(r.placeholders.map((p) => p.name)).toContain("firstName");
  });

  it("the funnel per step over 30 days matches the rows, worked out by hand", async () => {
    const f = await owner().funnel({ days: 30 });
    const ab = f.sequences.find((s) => s.key === "abandoned-booking")!;
    const [s1, s2, s3] = ab.steps;
    // Step 1 in 30 days: ann, bob, dan (queued), eve, fay (failed): 5 sent; delivered ann, bob,
    // eve = 3; failed fay = 1. Converted: bob's new booking ($500); ann's is step 2's (last touch);
    // eve booked after 20 days (outside 14); dan's bookings were cancelled or held. Clicked:
    // ann (twice, once counted) and bob = 2.
    expect(s1).toMatchObject({
      sent: 5,
      delivered: 3,
      failed: 1,
      skipped: 0,
      clicked: 2,
      converted: 1,
      revenueCents: 50_000,
    });
    // Step 2: ann's (delivered, converted $1,000); skipped: dan and eve (SMS), bob (booked).
    expect(s2).toMatchObject({
      sent: 1,
      delivered: 1,
      failed: 0,
      skipped: 3,
      clicked: 0,
      converted: 1,
      revenueCents: 100_000,
    });
    expect(s2!.skipReasons).toEqual([
      { reason: "sms is not available yet", count: 2 },
      { reason: "Not sent: the customer booked before it went out.", count: 1 },
    ]);
    expect(s3).toMatchObject({ sent: 0, delivered: 0, skipped: 0, converted: 0, revenueCents: 0 });
    expect(ab.totals).toEqual({
      sent: 6,
      delivered: 4,
      failed: 1,
      skipped: 3,
      clicked: 2,
      converted: 2,
      revenueCents: 150_000,
    });
    // After the event: hal's step 1 (11 days ago) and his booking 4 days ago through his account
    // ($800, waiting for approval). Ida's (100 days ago) is outside.
    const post = f.sequences.find((s) => s.key === "post-event")!;
    expect(post.steps[0]).toMatchObject({
      sent: 1,
      delivered: 1,
      converted: 1,
      revenueCents: 80_000,
    });
    expect(post.totals).toMatchObject({ sent: 1, converted: 1, revenueCents: 80_000 });
    // Ratings in 30 days: 5, 2, 3: three, average 10/3 = 3.3; the low ones newest first.
    expect(f.ratings).toMatchObject({ count: 3, average: 3.3 });
    expect(f.ratings.byRating).toEqual([
      { rating: 5, count: 1 },
      { rating: 4, count: 0 },
      { rating: 3, count: 1 },
      { rating: 2, count: 1 },
      { rating: 1, count: 0 },
    ]);
    expect(f.ratings.low.map((l) => [l.rating, l.comment, l.bookingCode])).toEqual([
      [3, null, expect.any(String)],
      [2, "The chef came 40 minutes late.", lowBooking.code],
    ]);
    expect(f.ratings.low[1]!.bookingId).toBe(lowBooking.id);
  });

  it("over 90 days cat's send and booking and the 4-star rating count too", async () => {
    const f = await owner().funnel({ days: 90 });
    const ab = f.sequences.find((s) => s.key === "abandoned-booking")!;
    // + cat: sent, delivered, clicked, converted $700.
    expect(ab.steps[0]).toMatchObject({
      sent: 6,
      delivered: 4,
      clicked: 3,
      converted: 2,
      revenueCents: 120_000,
    });
    expect(ab.totals).toMatchObject({
      sent: 7,
      delivered: 5,
      clicked: 3,
      converted: 3,
      revenueCents: 220_000,
    });
    // 5 + 2 + 3 + 4 = 14 over 4 = 3.5.
    expect(f.ratings).toMatchObject({ count: 4, average: 3.5 });
    await expect(owner().funnel({ days: 7 } as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Choose the last 30 or 90 days."),
    });
  });

  it("refuses a bad step with a message and writes nothing", async () => {
    const db = env.t.db;
    const before = await db.campaignStep.findUniqueOrThrow({ where: { id: A2 } });
    const audits = await db.auditLog.count();
    const refusals: [unknown, string][] = [
      [{ delay: { value: 0, unit: "hours" } }, "The delay must be more than 0."],
      [{ delay: { value: -3, unit: "days" } }, "The delay must be more than 0."],
      [
        { template: "Hi {{firstname}}, come back: {{bookUrl}}" },
        "uses {{firstname}}, which we can't fill in",
      ],
      [{ subject: "{{ discount }} off" }, "uses {{discount}}"],
      [{ offerPercent: 60, offerValidDays: 2 }, "The offer percent must be at most 50 %."],
      [{ offerPercent: 0, offerValidDays: 2 }, "The offer percent must be at least 1 %."],
      [{ offerPercent: 10 }, "Say how many days the offer's code is valid"],
      [{ template: "Use {{offerCode}} today: {{bookUrl}}" }, "this step makes no offer"],
      [{ delay: { value: 3, unit: "days" } }, "shorter than step 3's (2 days)"],
      [{ delay: { value: 1, unit: "hours" } }, "longer than step 1's (2 hours)"],
      [{ minRating: 6 }, "The minimum rating must be at most 5."],
    ];
    for (const [step, message] of refusals)
      await expect(
        owner().updateStep({ stepId: A2, step } as never),
        JSON.stringify(step),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(message),
      });
    expect(await db.campaignStep.findUniqueOrThrow({ where: { id: A2 } })).toEqual(before);
    expect(await db.auditLog.count()).toBe(audits);
  });

  it("an edit moves only the next due time of those waiting for the step, sends nothing again, and is audited", async () => {
    const db = env.t.db;
    const sendsBefore = await db.campaignSend.count();
    const emailsBefore = await db.emailMessage.count();
    const a4Before = await db.campaignEnrolment.findFirstOrThrow({
      where: { email: "dan@example.test" },
    });
    const r = await owner().updateStep({
      stepId: A2,
      step: {
        delay: { value: 1.5, unit: "days" },
        subject: "Your date on {{eventDate}} is going fast",
      },
    });
    expect(r).toEqual({ changed: true, rescheduled: 1 });
    // gil waits for step 2: anchor (3 h ago) + 36 h = 33 h from now. dan (waiting for step 3) keeps his.
    const g = await db.campaignEnrolment.findUniqueOrThrow({ where: { id: gEnrolment } });
    expect(g.nextDueAt).toEqual(new Date(NOW.getTime() + 33 * HOUR));
    const a4 = await db.campaignEnrolment.findUniqueOrThrow({ where: { id: a4Before.id } });
    expect(a4.nextDueAt).toEqual(a4Before.nextDueAt);
    expect(await db.campaignSend.count()).toBe(sendsBefore);
    expect(await db.emailMessage.count()).toBe(emailsBefore);
    expect((await db.campaignStep.findUniqueOrThrow({ where: { id: A2 } })).delayMinutes).toBe(
      36 * 60,
    );

    // The audit log says it in words.
    const log = await callers.caller("OWNER").owner.audit({ entity: "campaignSequence" });
    const entry = log.items[0]!;
    expect(entry.sentence).toMatch(/changed step 2 of the campaign “Abandoned booking”\.$/);
    expect(entry.details).toEqual(
      expect.arrayContaining([
        "delay from 1 day to 36 hours",
        "subject from “Your time on {{eventDate}} is filling up” to “Your date on {{eventDate}} is going fast”",
        "1 person waiting for this step got its new time",
      ]),
    );
    expect(entry.href).toBe("/campaigns");

    // The engine after the new time: gil gets step 2 once; ann (who had it) never again.
    const later = new Date(NOW.getTime() + 34 * HOUR); // 20:00 in Los Angeles
    await runDueCampaignSteps(db, later, { siteUrl: SITE, secret: "s".repeat(32) });
    await runDueCampaignSteps(db, new Date(later.getTime() + 10 * MINUTE), {
      siteUrl: SITE,
      secret: "s".repeat(32),
    });
    expect(await db.campaignSend.count({ where: { enrolmentId: gEnrolment, stepId: A2 } })).toBe(1);
    expect(await db.campaignSend.count({ where: { enrolmentId: a1Enrolment, stepId: A2 } })).toBe(
      1,
    );
    const mail = await db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: `campaign:${gEnrolment}:${A2}` },
    });
    expect(mail.subject).toMatch(/^Your date on .+ is going fast$/);
  });

  it("switches a sequence off and changes its exit rule, audited", async () => {
    expect(
      await owner().setSequence({ key: "post-event", active: false, exitOnBooking: true }),
    ).toEqual({ changed: true });
    const row = await env.t.db.campaignSequence.findUniqueOrThrow({
      where: { key: "post-event" },
    });
    expect(row).toMatchObject({ active: false, exitRules: { exitOnBooking: true } });
    const log = await callers.caller("OWNER").owner.audit({ entity: "campaignSequence" });
    expect(log.items[0]!.sentence).toMatch(/turned the campaign “After the event” off\.$/);
    expect(log.items[0]!.details).toEqual(["stop when the person books from no to yes"]);
    await expect(owner().setSequence({ key: "nope", active: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await owner().setSequence({ key: "post-event", active: true, exitOnBooking: false });
  });

  it("the suppression list: add with a reason, search, remove after confirming, refuse the person's own unsubscribe", async () => {
    const db = env.t.db;
    // Someone who unsubscribed with the link (what unsubscribeByToken writes).
    await db.contactConsent.create({
      data: {
        channel: "EMAIL",
        address: "zed@example.test",
        status: "REVOKED",
        source: "unsubscribe-link",
        at: ago(DAY),
      },
    });
    await db.suppression.create({
      data: {
        channel: "EMAIL",
        address: "zed@example.test",
        reason: "unsubscribed",
        createdAt: ago(DAY),
      },
    });

    // dan is still in the abandoned sequence: adding him stops it.
    const added = await owner().addSuppression({
      channel: "EMAIL",
      address: " Dan@Example.test ",
      reason: "Asked us on the phone to stop",
    });
    expect(added).toMatchObject({ address: "dan@example.test", source: "owner", exited: 1 });
    expect(
      (await db.campaignEnrolment.findFirstOrThrow({ where: { email: "dan@example.test" } })).state,
    ).toBe("EXITED");
    await expect(
      owner().addSuppression({ channel: "EMAIL", address: "dan@example.test", reason: "again" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "dan@example.test is already on the suppression list.",
    });
    await expect(
      owner().addSuppression({ channel: "EMAIL", address: "not-an-email", reason: "x y" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Enter a valid email address"),
    });
    await expect(
      owner().addSuppression({ channel: "EMAIL", address: "a@b.test", reason: "" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Enter a reason."),
    });

    const all = await owner().suppressions({});
    expect(all.items.map((i) => i.address)).toEqual(["dan@example.test", "zed@example.test"]);
    const found = await owner().suppressions({ search: "ZED" });
    expect(found.items).toHaveLength(1);
    const zed = found.items[0]!;
    expect(zed).toMatchObject({
      removable: false,
      sourceWords: "Unsubscribed with the link in our email",
    });
    expect(zed.cannotRemoveBecause).toMatch(
      /unsubscribed with the unsubscribe link.*Only they can/,
    );

    // Refused, nothing written.
    const before = await db.suppression.count();
    await expect(owner().removeSuppression({ id: zed.id, confirm: true })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Only they can agree to hear from us again"),
    });
    await expect(
      owner().removeSuppression({ id: all.items[0]!.id } as never),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Confirm that we may message this address again"),
    });
    expect(await db.suppression.count()).toBe(before);

    expect(await owner().removeSuppression({ id: all.items[0]!.id, confirm: true })).toEqual({
      removed: true,
      address: "dan@example.test",
    });
    expect(await db.suppression.count()).toBe(before - 1);
    const log = await callers.caller("OWNER").owner.audit({ entity: "suppression" });
    expect(log.items.map((i) => i.sentence)).toEqual([
      expect.stringMatching(
        /took dan@example.test off the campaign suppression list \(we may email them again\)\.$/,
      ),
      expect.stringMatching(/added dan@example.test to the campaign suppression list\.$/),
    ]);
    expect(log.items[1]!.details).toEqual([
      "reason: “Asked us on the phone to stop”",
      "1 running sequence stopped",
    ]);
  });

  it("staff and anonymous callers are refused every campaign procedure", async () => {
    const calls = (c: ReturnType<AdminCallers["caller"]>) => [
      () => c.owner.campaigns.sequences(),
      () => c.owner.campaigns.funnel({ days: 30 }),
      () => c.owner.campaigns.suppressions({}),
      () => c.owner.campaigns.updateStep({ stepId: A1, step: { subject: "Hello there" } }),
      () => c.owner.campaigns.setSequence({ key: "post-event", active: false }),
      () =>
        c.owner.campaigns.addSuppression({
          channel: "EMAIL",
          address: "x@example.test",
          reason: "test",
        }),
      () => c.owner.campaigns.removeSuppression({ id: "x", confirm: true }),
    ];
    const audits = await env.t.db.auditLog.count();
    for (const call of calls(callers.caller("STAFF")))
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const call of calls(callers.caller("anonymous")))
      await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await env.t.db.auditLog.count()).toBe(audits);
    expect(
      (await env.t.db.campaignSequence.findUniqueOrThrow({ where: { key: "post-event" } })).active,
    ).toBe(true);
  });
});
