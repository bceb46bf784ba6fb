// Customer intelligence (issue 15) on a real database: the worker's nightly `analytics.refit`
// scores every customer from their bookings, stores the forecast, and enrols churn-risk
// interventions through the campaign engine; the owner reads it through the admin tRPC router,
// approves (with their own words) or dismisses the personal note, and the engine's `campaigns.run`
// delivers through the outbox to a real SMTP server. What was sent is read from that server's
// mailbox; counts on the forecast are checked against rows this test wrote, never against the
// code under test. The customer histories are written by hand below, with their expected outcome.
import { randomBytes } from "node:crypto";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, formatInstant, HOUR, MINUTE, zonedParts, zonedTimeToUtc } from "@myhibachi/shared";
import { enrolCampaigns, enrolChurnInterventions } from "@myhibachi/core";
import type { WorkerDeps } from "../../apps/worker/src/context";
import { createMailer } from "../../apps/worker/src/mailer";
import { analyticsRefit } from "../../apps/worker/src/processors/analytics-refit";
import { campaignsRun } from "../../apps/worker/src/processors/campaigns-run";
import { adminCallers, type AdminCallers } from "./admin-helpers";
import { pastBookingData, SITE, TZ } from "./after-booking-support";
import { startSmtpInbox, type Inbox } from "./campaign-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
let inbox: Inbox;
let mailer: ReturnType<typeof createMailer>;
let callers: AdminCallers;
let packageId: string;
const silent = { info: () => {}, error: () => {} };
/** 10:00 in Los Angeles on a Tuesday. */
const NOW = new Date("2026-12-01T18:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

function deps(clock: Date): WorkerDeps {
  return {
    db: env.t.db,
    log: silent,
    now: () => clock,
    customerUrl: SITE,
    mailer,
    campaigns: { secret: "intelligence-test-secret-0123456789", frequencyCapMs: DAY },
  };
}
const job = (name: string) =>
  ({ id: "j", name, queueName: "x", attemptsMade: 0, opts: { attempts: 3 } }) as unknown as Job;
const ctxAt = (name: string, clock: Date) => ({
  job: job(name),
  signal: new AbortController().signal,
  deps: deps(clock),
});
const refitAt = (clock: Date) => analyticsRefit({}, ctxAt("analytics.refit", clock));
const campaignsAt = (clock: Date) => campaignsRun({}, ctxAt("campaigns.run", clock));

let seq = 0;
const tag = randomBytes(3).toString("hex");
/** A customer and their events (days ago), all completed, each on its own day. */
async function customer(
  who: string,
  eventsDaysAgo: number[],
  o: { totalCents?: number; status?: "COMPLETED" | "CONFIRMED" } = {},
) {
  const email = `${who}-${tag}@example.com`;
  const c = await env.t.db.customer.create({ data: { name: `${who} Test`, email } });
  // Party totals vary a little from one event to the next, as real ones do.
  for (const d of eventsDaysAgo)
    await event(c.id, email, ago(d), (o.totalCents ?? 60_000) + (seq % 7) * 2_500, "COMPLETED");
  return { id: c.id, email };
}
async function event(
  customerId: string,
  email: string,
  startsAt: Date,
  totalCents: number,
  status: "COMPLETED" | "CONFIRMED",
  createdAt?: Date,
) {
  seq++;
  const b = await env.t.db.booking.create({
    data: {
      ...pastBookingData({
        code: `CI${tag}${String(seq).padStart(4, "0")}`,
        customerId,
        packageId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * HOUR),
        status: status === "CONFIRMED" ? "COMPLETED" : status,
        totalCents,
        contactName: "Test",
        contactEmail: email,
        idempotencyKey: `ci-${tag}-${seq}`,
      }),
      status,
      createdAt: createdAt ?? new Date(startsAt.getTime() - 30 * DAY),
    },
  });
  return b;
}

let regular: { id: string; email: string };
let lapsed: { id: string; email: string };
let lapsedBooked: { id: string; email: string };
let rater: { id: string; email: string };
let oneTimer: { id: string; email: string };
let longGone: { id: string; email: string };
let bigSpender: { id: string; email: string };
let sameDay: { id: string; email: string };
let bookedOnce: { id: string; email: string };
let twice: { id: string; email: string };
const everyNDays = (n: number, from: number, to: number) => {
  const out: number[] = [];
  for (let d = from; d <= to; d += n) out.push(d);
  return out;
};

beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  callers = await adminCallers(env, () => NOW);
  packageId = (await env.t.db.package.findFirstOrThrow({ where: { slug: "classic" } })).id;
  inbox = await startSmtpInbox();
  mailer = createMailer({
    smtpUrl: inbox.url,
    from: "MyHibachi <hello@myhibachi.local>",
    log: silent,
  });
  // Only the churn-risk sequences run here (the others have their own tests).
  await env.t.db.campaignSequence.updateMany({
    where: { trigger: { not: "CHURN_RISK" } },
    data: { active: false },
  });

  // Regulars: every ~2 months for two years, last event within the last month: safe.
  regular = await customer("regular", everyNDays(60, 20, 700));
  for (let i = 0; i < 12; i++) await customer(`steady${i}`, everyNDays(55 + i, 10 + i * 3, 600));
  // A big spender with the same rhythm: the highest lifetime value.
  bigSpender = await customer("big", everyNDays(45, 15, 600), { totalCents: 250_000 });
  // Lapsed: booked every ~6 weeks for a year, then nothing for 14 months: high risk.
  lapsed = await customer("lapsed", everyNDays(42, 425, 800));
  for (let i = 0; i < 3; i++) await customer(`gone${i}`, everyNDays(40 + i, 430 + i * 5, 780));
  // Lapsed the same way, but with a party booked for next month: never an intervention.
  lapsedBooked = await customer("rebooked", everyNDays(42, 425, 800));
  await event(
    lapsedBooked.id,
    lapsedBooked.email,
    new Date(NOW.getTime() + 30 * DAY),
    60_000,
    "CONFIRMED",
    ago(2),
  );
  // A regular who rated their last party 2 of 5.
  rater = await customer("rater", everyNDays(60, 25, 600));
  const last = await env.t.db.booking.findFirstOrThrow({
    where: { customerId: rater.id },
    orderBy: { startsAt: "desc" },
  });
  await env.t.db.eventFeedback.create({
    data: { bookingId: last.id, rating: 2, comment: "Chef was late", createdAt: ago(20) },
  });
  // A middling case: regular for a while, quiet for 5 months (about twice their usual gap).
  await customer("middling", everyNDays(75, 150, 700));
  // One-time customers spread over the last two years.
  oneTimer = await customer("once", [300]);
  for (let i = 0; i < 13; i++) await customer(`single${i}`, [30 + i * 45]);
  // A one-time customer of 20 months ago: the most likely lost.
  longGone = await customer("longgone", [615]);
  // Two parties two months apart, the first 23 months ago (as attack R2-F3's Aiden Wilson).
  twice = await customer("twice", [700, 640]);
  // Two parties on one day (lunch and dinner, 200 days ago): one occasion, a one-time customer.
  sameDay = await customer("sameday", []);
  for (const h of [0, 5]) {
    const at = new Date(ago(200).getTime() - 6 * HOUR + h * HOUR);
    await event(sameDay.id, sameDay.email, at, 60_000, "COMPLETED");
  }
  // A one-time customer with their next party booked, four months on (past the 90-day forecast).
  bookedOnce = await customer("bookedonce", [200]);
  await event(
    bookedOnce.id,
    bookedOnce.email,
    new Date(NOW.getTime() + 120 * DAY),
    60_000,
    "CONFIRMED",
    ago(3),
  );
  // Cancelled parties (booked this year, never held): the business's cancellation share.
  const canceller = await customer("canceller", []);
  for (let i = 0; i < 6; i++) {
    const b = await event(canceller.id, canceller.email, ago(100 + i * 10), 60_000, "COMPLETED");
    await env.t.db.booking.update({
      where: { id: b.id },
      data: { status: "CANCELLED", cancelledAt: ago(110 + i * 10) },
    });
  }
  // More history a year back, so the score is calibrated on what happened since (at least 30
  // customers then): one-time customers who never came back, and three who did.
  for (let i = 0; i < 6; i++) await customer(`oldsingle${i}`, [400 + i * 45]);
  for (let i = 0; i < 3; i++) await customer(`returner${i}`, [450 + i * 30, 90 + i * 20]);
  // The lapsed regular is already in the re-engagement emails (their 3-month step went out).
  await env.t.db.campaignEnrolment.create({
    data: {
      sequenceId: "seq_reengage",
      subjectKey: `customer:${lapsed.id}:test`,
      customerId: lapsed.id,
      email: lapsed.email,
      timeZone: TZ,
      anchorAt: ago(425),
      nextPosition: 2,
      nextDueAt: new Date(NOW.getTime() + 60 * DAY),
    },
  });
});
afterAll(async () => {
  mailer?.close();
  await inbox?.close();
  await env?.close();
});

const owner = () => callers.caller("OWNER").owner.insights;

describe("the nightly refit", () => {
  it("scores every customer with a completed event and stores the run with its models", async () => {
    const r = await refitAt(NOW);
    // 1 + 12 + 1 + 1 + 3 + 1 + 1 + 1 + 1 + 13 + 1 + 1 + 1 + 1 + 6 + 3 customers written above
    // (the canceller has no completed event).
    expect(r.customers).toBe(48);
    const run = await env.t.db.analyticsRun.findFirstOrThrow({ where: { id: r.runId } });
    expect(run.status).toBe("DONE");
    expect(run.modelVersion).toMatch(/\S/);
    expect(await env.t.db.customerScore.count({ where: { runId: r.runId } })).toBe(48);
    // Calibrated on the year-old back-test: 37 customers had an event then, 18 of them none since.
    const cal = (run.models as { churnCalibration?: Record<string, number> }).churnCalibration!;
    expect(cal).toMatchObject({
      customers: 37,
      churned: 18,
      repeatCustomers: 22,
      repeatChurned: 6,
    });
    expect(cal.auc).toBeGreaterThan(0.8);
  });

  it("puts the long-gone and the lapsed at risk with their reasons, the recent regular low", async () => {
    const high = await owner().churn({ band: "high" });
    const gone = high!.customers.find((c) => c.customerId === longGone.id)!;
    // One party 615 days ago: "20 months".
    expect(gone.reasons.join(" | ")).toMatch(/last event 20 months ago/);
    expect(gone.churnScore).toBeGreaterThanOrEqual(70);
    // The regular who stopped 14 months ago (every ~6 weeks before that) is on the at-risk list.
    const atRisk = await owner().churn();
    const l = atRisk!.customers.find((c) => c.customerId === lapsed.id)!;
    expect(l.churnScore).toBeGreaterThanOrEqual(40);
    expect(l.reasons.join(" | ")).toMatch(/last event 14 months ago/);
    expect(l.reasons.join(" | ")).toMatch(/booking less often than before/);
    const reg = await owner().customer({ id: regular.id });
    expect(reg.score!.band).toBe("low");
    expect(reg.score!.churnScore).toBeLessThan(l.churnScore);
    expect(reg.score!.reasons.join(" ")).not.toMatch(/rated|last event/);
    // Highest first.
    const scores = atRisk!.customers.map((c) => c.churnScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((x) => x >= 40)).toBe(true);
  });

  it("gives a low rating as a reason only for the customer who gave it", async () => {
    const r = await owner().customer({ id: rater.id });
    expect(r.score!.reasons.join(" | ")).toMatch(/rated 2\/5/);
    const reg = await owner().customer({ id: regular.id });
    expect(reg.score!.churnScore).toBeLessThan(r.score!.churnScore);
  });

  it("values the frequent big spender highest and calls one-time customers low", async () => {
    const v = await owner().value({ top: 5 });
    expect(v!.top[0]!.customerId).toBe(bigSpender.id);
    expect(v!.top[0]!.segment).toBe("high");
    const once = await owner().customer({ id: oneTimer.id });
    expect(once.score!.segment).toBe("low");
    expect(once.score!.completedBookings).toBe(1);
    // One party 300 days ago: said as such, never a pace nobody observed.
    expect(once.score!.reasons.join(" | ")).toMatch(/last event 10 months ago/);
    expect(once.score!.reasons.join(" | ")).not.toMatch(/books rarely/);
    // Nobody is worth less than nothing, and a booking is worth about what they paid.
    const all = await env.t.db.customerScore.findMany({ where: { runId: v!.run.id } });
    expect(all.every((x) => x.clvCents >= 0 && x.expectedValueCents > 0)).toBe(true);
    expect(all.every((x) => x.expectedValueCents > 40_000 && x.expectedValueCents < 400_000)).toBe(
      true,
    );
    // The segments add up to the customers scored.
    expect(v!.segments.reduce((s, x) => s + x.customers, 0)).toBe(48);
    expect(v!.actions.high.actions.join(" ")).toMatch(/thank-you/);
    // Segments are named for what they are (expected value), and "low" sends lapsed repeat
    // customers to the churn-risk offer rather than "don't over-invest".
    expect(v!.actions.high.title).toBe("High expected value");
    expect(v!.actions.low.title).toBe("Low expected value");
    expect(v!.actions.low.actions.join(" ")).toMatch(/churn-risk offer/);
  });

  it("says a repeat customer's pace as parties in a span the owner can check (F3)", async () => {
    const all: { reasons: string[]; completedBookings: number }[] = [];
    for (const band of ["high", "medium", "low"] as const)
      all.push(...(await owner().churn({ band }))!.customers);
    expect(all).toHaveLength(48);
    const reasons = all.flatMap((c) => c.reasons);
    expect(reasons.join(" | ")).not.toMatch(/about every|books rarely/);
    for (const c of all)
      for (const r of c.reasons) {
        const m = /^(\d+) parties in \d+ (months|years|weeks)$/.exec(r);
        if (m) expect(Number(m[1])).toBe(c.completedBookings);
      }
    // Two parties two months apart, the first 700 days ago: "2 parties in 23 months" (it said
    // "about every N months", the model's pace, though they were 2 months apart).
    const t = await owner().customer({ id: twice.id });
    expect(t.score!.reasons).toContain("2 parties in 23 months");
  });

  it("two parties on one day are one occasion: a one-time customer everywhere (F4)", async () => {
    const c = await owner().customer({ id: sameDay.id });
    expect(c.score).toMatchObject({ completedBookings: 2, eventDays: 1 });
    expect(c.score!.reasons).toContain("one occasion so far (2 parties that day)");
    expect(c.score!.reasons).not.toContain("one party so far");
    // Not on the repeat customers' list; on everyone's, with its days.
    const repeat = await owner().churn({ repeatOnly: true, band: "high" });
    expect(repeat!.customers.some((x) => x.customerId === sameDay.id)).toBe(false);
    const everyone = await owner().churn({ band: c.score!.band });
    expect(everyone!.customers.find((x) => x.customerId === sameDay.id)).toMatchObject({
      completedBookings: 2,
      eventDays: 1,
    });
    // The repeat list's bands add up to the models' repeat customers.
    const r = (await owner().churn({ repeatOnly: true }))!;
    expect(r.bands.high + r.bands.medium + r.bands.low).toBe(r.run.models.repeatCustomers);
  });

  it("a party on the books caps the score at the business's cancellation share (F5)", async () => {
    // Bookings made in the last 12 months, counted from the rows: cancelled over all kept.
    const since = ago(365);
    const made = await env.t.db.booking.groupBy({
      by: ["status"],
      where: {
        createdAt: { gt: since, lte: NOW },
        status: { in: ["PENDING", "CONFIRMED", "COMPLETED", "CANCELLED"] },
      },
      _count: { _all: true },
    });
    const total = made.reduce((a, m) => a + m._count._all, 0);
    const cancelled = made.find((m) => m.status === "CANCELLED")!._count._all;
    expect(cancelled).toBe(6);
    // Shrunk towards 10 % by 10 pseudo-bookings (a young business's few bookings say little).
    const cap = Math.max(1, Math.round((100 * (cancelled + 1)) / (total + 10)));
    for (const [who, date] of [
      [lapsedBooked, "December 31, 2026"],
      [bookedOnce, "March 31, 2027"],
    ] as const) {
      const s = (await owner().customer({ id: who.id })).score!;
      expect(s.churnScore, who.email).toBeLessThanOrEqual(cap);
      expect(s.band).toBe("low");
      expect(s.reasons[0]).toBe(`party booked for ${date}`);
      // The party on the books is a booking the model need not guess (held-out re-check, R1-3).
      expect(s.expectedBookings, who.email).toBeGreaterThanOrEqual(1);
    }
    // An at-risk customer silent for half a year or more is told how long it has been, whatever
    // their usual pace (held-out re-check): the lapsed regulars, 14 months.
    const l = (await owner().customer({ id: lapsed.id })).score!;
    expect(l.reasons.join(" | ")).toMatch(/last event 14 months ago/);
    // Off the at-risk list, on the low band's with the party.
    expect((await owner().churn())!.customers.some((c) => c.customerId === lapsedBooked.id)).toBe(
      false,
    );
    const low = (await owner().churn({ band: "low" }))!.customers.find(
      (c) => c.customerId === lapsedBooked.id,
    )!;
    expect(low.nextPartyAt).toEqual(new Date(NOW.getTime() + 30 * DAY));
  });

  it("stores 90 days of forecast whose bookings on the books match the rows written", async () => {
    const f = await owner().forecast({ days: 90 });
    expect(f!.days).toHaveLength(90);
    const today = zonedParts(NOW, TZ).date;
    expect(f!.days[0]!.date).toBe(today);
    for (const d of f!.days) {
      expect(d.lo80).toBeLessThanOrEqual(d.mean + 1e-9);
      expect(d.mean).toBeLessThanOrEqual(d.hi80 + 1e-9);
    }
    // The one booking ahead (the rebooked customer's, 30 days on) is on the books that day.
    const ahead = zonedParts(new Date(NOW.getTime() + 30 * DAY), TZ).date;
    const day = f!.days.find((d) => d.date === ahead)!;
    expect(day.onBooks).toBe(1);
    expect(day.onBooksNow).toBe(1);
    expect(day.lo80).toBeGreaterThanOrEqual(1);
    expect(f!.days.filter((d) => d.date !== ahead).every((d) => d.onBooks === 0)).toBe(true);
    // The staffing table: two chefs scheduled on the fixture's working days; a chef cooks one
    // party at a time, so the day with a party booked needs at least one chef.
    expect(f!.staffing).toHaveLength(90);
    expect(Math.max(...f!.staffing.map((s) => s.chefsScheduled))).toBe(2);
    expect(f!.staffing.find((s) => s.date === ahead)!.chefsNeeded).toBeGreaterThanOrEqual(1);
    expect(f!.chefsPerParty).toBe(1);
  });
});

describe("churn-risk interventions through the campaign engine", () => {
  it("enrols the high-risk for the owner's note, the medium for the new-menu offer, never one with a party booked", async () => {
    const high = await owner().churn({ band: "high" });
    // The regular who stopped 14 months ago: the owner's note, waiting for approval.
    expect(high!.customers.find((c) => c.customerId === lapsed.id)!.intervention).toMatchObject({
      sequence: "Churn risk: high",
      awaitingApproval: true,
    });
    const l = (await owner().customer({ id: lapsed.id })).campaigns.filter(
      (c) => c.trigger === "CHURN_RISK",
    );
    expect(l).toHaveLength(1);
    // A one-time customer, however likely lost, is left to the re-engagement emails: no note.
    const gone = high!.customers.find((c) => c.customerId === longGone.id)!;
    expect(gone.intervention).toBeNull();
    expect(
      (await owner().customer({ id: longGone.id })).campaigns.filter(
        (c) => c.trigger === "CHURN_RISK",
      ),
    ).toHaveLength(0);
    const booked = await owner().customer({ id: lapsedBooked.id });
    expect(booked.campaigns.filter((c) => c.trigger === "CHURN_RISK")).toHaveLength(0);
    // Two parties on one day are one occasion: no note for that one-time customer.
    expect(
      (await owner().customer({ id: sameDay.id })).campaigns.filter(
        (c) => c.trigger === "CHURN_RISK",
      ),
    ).toHaveLength(0);
    // One win-back track at a time: the churn offer ended the re-engagement emails to come.
    const reengage = (await owner().customer({ id: lapsed.id })).campaigns.find(
      (c) => c.trigger === "RE_ENGAGEMENT",
    )!;
    expect(reengage).toMatchObject({
      state: "EXITED",
      exitReason: "replaced by the churn-risk offer",
    });
    // Low risk: the normal cadence, no churn enrolment.
    expect(
      (await owner().customer({ id: regular.id })).campaigns.filter(
        (c) => c.trigger === "CHURN_RISK",
      ),
    ).toHaveLength(0);
  });

  it("sends the medium band's offer without approval: one email with a 10 % code", async () => {
    const medium = await owner().churn({ band: "medium" });
    const m = medium!.customers.find((c) => c.intervention && !c.intervention.awaitingApproval)!;
    await campaignsAt(new Date(NOW.getTime() + 61 * MINUTE));
    await campaignsAt(new Date(NOW.getTime() + 62 * MINUTE));
    const got = await inbox.to(m.email);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toMatch(/new on the menu|What is new|menu/i);
    const code = /code (SAVE-[A-Z0-9-]+)/.exec(got[0]!.text ?? "")?.[1];
    expect(
      (await env.t.db.offerCode.findUniqueOrThrow({ where: { code: code! } })).percentOff,
    ).toBe(10);
  });

  it("sends the personal note only once the owner approves it, in the owner's words, with a 20 % code", async () => {
    // The engine runs an hour and a day later: the note waits for approval.
    await campaignsAt(new Date(NOW.getTime() + 61 * MINUTE));
    await campaignsAt(new Date(NOW.getTime() + DAY));
    expect(await inbox.to(lapsed.email)).toHaveLength(0);
    const c = await owner().customer({ id: lapsed.id });
    const note = c.campaigns.find((x) => x.trigger === "CHURN_RISK")!;
    expect(note.draft!.text).toMatch(/\{\{offerCode\}\}/);
    // An edit with a placeholder we can't fill is refused and changes nothing.
    await expect(
      owner().approveMessage({
        enrolmentId: note.enrolmentId,
        text: "Hi {{firstName}}, use {{nonsense}} please, we miss you.",
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/\{\{nonsense\}\}/) });
    // Ten approvals at once (a double click, two tabs): exactly one goes through.
    const approvals = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        owner().approveMessage({
          enrolmentId: note.enrolmentId,
          subject: "Dinner on us, {{firstName}}?",
          text: "Hi {{firstName}}, it's Sam, the owner. We'd love to cook for you again: {{offerPercent}} % off with {{offerCode}}.",
        }),
      ),
    );
    expect(approvals.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const a of approvals)
      if (a.status === "rejected")
        expect(String((a.reason as Error).message)).toMatch(/already approved/);
    // Approving twice is refused.
    await expect(owner().approveMessage({ enrolmentId: note.enrolmentId })).rejects.toMatchObject({
      message: expect.stringMatching(/already approved/),
    });
    await campaignsAt(new Date(NOW.getTime() + DAY + MINUTE));
    await campaignsAt(new Date(NOW.getTime() + DAY + 2 * MINUTE));
    const got = await inbox.to(lapsed.email);
    expect(got).toHaveLength(1);
    expect(got[0]!.subject).toBe("Dinner on us, lapsed?");
    expect(got[0]!.text).toMatch(/it's Sam, the owner/);
    const code = /20 % off with (SAVE-[A-Z0-9-]+)/.exec(got[0]!.text ?? "")?.[1];
    expect(code).toBeTruthy();
    const offer = await env.t.db.offerCode.findUniqueOrThrow({ where: { code: code! } });
    expect(offer.percentOff).toBe(20);
    // The customer page shows it in the campaign history.
    const after = await owner().customer({ id: lapsed.id });
    const sent = after.campaigns.find((x) => x.trigger === "CHURN_RISK")!;
    expect(sent.sends.map((s) => s.status)).toEqual(["SENT"]);
    expect(sent.reason).toMatch(/^Churn risk \d+: .*last event/);
    // What was sent, in the owner's approved words filled in, never the template's placeholders;
    // and when (and by whom) it was approved.
    expect(sent.sends[0]!.subject).toBe("Dinner on us, lapsed?");
    expect(sent.approved).toMatchObject({ at: expect.any(Date), by: expect.any(String) });
  });

  it("dismissing a note ends it and nothing is sent", async () => {
    const list = await owner().churn({ band: "high" });
    const other = list!.customers.find(
      (c) => c.intervention?.awaitingApproval && c.customerId !== lapsed.id,
    )!;
    await owner().dismissMessage({ enrolmentId: other.intervention!.enrolmentId });
    await campaignsAt(new Date(NOW.getTime() + 2 * DAY));
    expect(await inbox.to(other.email)).toHaveLength(0);
    const c = await owner().customer({ id: other.customerId });
    expect(c.campaigns.find((x) => x.trigger === "CHURN_RISK")).toMatchObject({
      state: "EXITED",
      exitReason: "owner chose not to send",
    });
  });

  it("an approved note not yet on its way can still be stopped; a sent one can't", async () => {
    const list = await owner().churn({ band: "high" });
    const next = list!.customers.find((c) => c.intervention?.awaitingApproval)!;
    await owner().approveMessage({
      enrolmentId: next.intervention!.enrolmentId,
      subject: "Oops, wrong words",
    });
    const page = await owner().customer({ id: next.customerId });
    expect(page.campaigns.find((c) => c.trigger === "CHURN_RISK")).toMatchObject({
      approvedNotSent: true,
      draft: null,
    });
    await owner().dismissMessage({ enrolmentId: next.intervention!.enrolmentId });
    await campaignsAt(new Date(NOW.getTime() + 2 * DAY + MINUTE));
    expect(await inbox.to(next.email)).toHaveLength(0);
    // The lapsed regular's note went out earlier: too late to stop it.
    const sent = (await owner().customer({ id: lapsed.id })).campaigns.find(
      (c) => c.trigger === "CHURN_RISK",
    )!;
    await expect(owner().dismissMessage({ enrolmentId: sent.enrolmentId })).rejects.toMatchObject({
      message: expect.stringMatching(/sent: it can't be stopped|already on its way/),
    });
  });

  // The tests after this one write customers of their own, which would move the scores.
  it("a second refit in the same quarter enrols nobody again", async () => {
    const before = await env.t.db.campaignEnrolment.count({
      where: { sequence: { trigger: "CHURN_RISK" } },
    });
    expect(before).toBeGreaterThan(0);
    const r = await refitAt(new Date(NOW.getTime() + 3 * DAY));
    expect(r.enrolled).toBe(0);
    expect(
      await env.t.db.campaignEnrolment.count({ where: { sequence: { trigger: "CHURN_RISK" } } }),
    ).toBe(before);
  });

  /** A repeat customer whose owner's note (20 %) waits for approval, enrolled at `at`. */
  async function awaitingNote(who: string, at = NOW) {
    const c = await customer(who, everyNDays(45, 420, 700));
    const e = await env.t.db.campaignEnrolment.create({
      data: {
        sequenceId: "seq_churn_high",
        subjectKey: `churn:${c.id}:test`,
        customerId: c.id,
        email: c.email,
        firstName: who,
        timeZone: TZ,
        anchorAt: at,
        createdAt: at,
        nextPosition: 1,
        nextDueAt: null,
        reason: "Churn risk 90: test",
      },
    });
    return { ...c, enrolmentId: e.id };
  }

  it("approving or dismissing a note for a customer who has since booked says so and ends it as booked", async () => {
    for (const act of ["approve", "dismiss"] as const) {
      const c = await awaitingNote(`pat${act}`);
      // They book a party (confirmed) after the note was drafted, before the worker notices.
      const t = new Date(NOW.getTime() + HOUR);
      const party = new Date(NOW.getTime() + 37 * DAY);
      await event(c.id, c.email, party, 60_000, "CONFIRMED", t);
      const call =
        act === "approve"
          ? owner().approveMessage({ enrolmentId: c.enrolmentId })
          : owner().dismissMessage({ enrolmentId: c.enrolmentId });
      await expect(call).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: `pat${act} booked a party for ${formatInstant(party, TZ, "fullDate")} after this note was drafted: it won't be sent.`,
      });
      // Ended as the engine ends it, at once: nothing re-activated, nothing approved.
      expect(
        await env.t.db.campaignEnrolment.findUniqueOrThrow({ where: { id: c.enrolmentId } }),
      ).toMatchObject({ state: "EXITED", exitReason: "booked", approvedAt: null, nextDueAt: null });
      await expect(owner().approveMessage({ enrolmentId: c.enrolmentId })).rejects.toMatchObject({
        message: "This message was stopped (booked): there is nothing to approve.",
      });
      await campaignsAt(new Date(t.getTime() + MINUTE));
      expect(await inbox.to(c.email)).toHaveLength(0);
    }
  });

  it("refuses an approval whose words drop the offer code of a 20 % note, and changes nothing", async () => {
    const c = await awaitingNote("nooffer");
    await expect(
      owner().approveMessage({
        enrolmentId: c.enrolmentId,
        text: "hello without offer code, we miss you",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/comes with 20 % off: keep \{\{offerCode\}\}.*Don't send/),
    });
    expect(
      await env.t.db.campaignEnrolment.findUniqueOrThrow({ where: { id: c.enrolmentId } }),
    ).toMatchObject({ state: "ACTIVE", approvedAt: null, draftText: null });
    // With the code kept (anywhere in the owner's words) it is approved.
    await expect(
      owner().approveMessage({
        enrolmentId: c.enrolmentId,
        text: "Hi {{firstName}}, it's Sam. Here is {{offerCode}} for your next party.",
      }),
    ).resolves.toEqual({ approved: true });
    await owner().dismissMessage({ enrolmentId: c.enrolmentId });
  });

  it("no churn intervention for a customer sent a campaign message in the last 14 days, nor re-engagement during one", async () => {
    const t = new Date(NOW.getTime() + 2 * DAY + HOUR);
    // Two repeat customers, last party 200 days ago; one got the re-engagement offer 3 days ago.
    const offered = await customer("offered", [500, 200]);
    const quiet = await customer("quiet", [520, 210]);
    const plain = await customer("plain", [530, 205]);
    const reengage = await env.t.db.campaignEnrolment.create({
      data: {
        sequenceId: "seq_reengage",
        subjectKey: `customer:${offered.id}:f9`,
        customerId: offered.id,
        email: offered.email,
        timeZone: TZ,
        anchorAt: ago(200),
        createdAt: ago(110),
        nextPosition: 2,
        nextDueAt: new Date(NOW.getTime() + 60 * DAY),
      },
    });
    const step1 = await env.t.db.campaignStep.findFirstOrThrow({
      where: { sequenceId: "seq_reengage", position: 1 },
    });
    await env.t.db.campaignSend.create({
      data: {
        enrolmentId: reengage.id,
        stepId: step1.id,
        channel: "EMAIL",
        recipient: offered.email,
        status: "SENT",
        claimedAt: new Date(t.getTime() - 3 * DAY),
        sentAt: new Date(t.getTime() - 3 * DAY),
      },
    });
    const scored = [offered, quiet].map((c) => ({
      customerId: c.id,
      churnScore: 90,
      reasons: ["test"],
      completedBookings: 2,
      eventDays: 2,
    }));
    const r = await enrolChurnInterventions(env.t.db, scored, t, TZ);
    expect(r.enrolled).toBe(1);
    const churnOf = (id: string) =>
      env.t.db.campaignEnrolment.count({
        where: { customerId: id, sequence: { trigger: "CHURN_RISK" } },
      });
    expect(await churnOf(offered.id)).toBe(0);
    expect(await churnOf(quiet.id)).toBe(1);
    // 15 days after that email, the offered customer can be enrolled.
    expect(
      (await enrolChurnInterventions(env.t.db, scored, new Date(t.getTime() + 12 * DAY), TZ))
        .enrolled,
    ).toBe(1);
    expect(await churnOf(offered.id)).toBe(1);
    // The other way round: while a churn intervention is under way (or was made in the last 90
    // days), the re-engagement emails don't enrol the customer again.
    await env.t.db.campaignSequence.update({
      where: { id: "seq_reengage" },
      data: { active: true },
    });
    try {
      await enrolCampaigns(env.t.db, t);
      const reOf = (id: string) =>
        env.t.db.campaignEnrolment.count({
          where: { customerId: id, sequence: { trigger: "RE_ENGAGEMENT" }, createdAt: t },
        });
      expect(await reOf(quiet.id)).toBe(0);
      expect(await reOf(offered.id)).toBe(0);
      // The same history without a churn intervention is enrolled (the rule, not the data).
      expect(await reOf(plain.id)).toBe(1);
    } finally {
      await env.t.db.campaignSequence.update({
        where: { id: "seq_reengage" },
        data: { active: false },
      });
      // Nobody else gets re-engagement emails in this file's later runs.
      await env.t.db.campaignEnrolment.deleteMany({
        where: { sequence: { trigger: "RE_ENGAGEMENT" }, createdAt: t },
      });
    }
  });

  it("a customer who books leaves the churn campaign at once: no page says 'under way'", async () => {
    const e = await env.t.db.campaignEnrolment.findFirstOrThrow({
      where: { state: "ACTIVE", sequence: { trigger: "CHURN_RISK" } },
    });
    const who = await env.t.db.customer.findUniqueOrThrow({ where: { id: e.customerId! } });
    const t = new Date(NOW.getTime() + 3 * DAY + HOUR);
    // They book a party (the site's booking, confirmed), hours before any step of theirs is due.
    await event(who.id, who.email, new Date(t.getTime() + 40 * DAY), 60_000, "CONFIRMED", t);
    // Before the campaign run records it, the pages already say it stopped because they booked.
    const page = (await owner().customer({ id: who.id })).campaigns.find(
      (c) => c.enrolmentId === e.id,
    )!;
    expect(page).toMatchObject({ state: "EXITED", exitReason: "booked", awaitingApproval: false });
    expect(page.draft).toBeNull();
    const listed = (await owner().churn())!.customers.find((c) => c.customerId === who.id);
    if (listed)
      expect(listed.intervention).toMatchObject({ state: "EXITED", exitReason: "booked" });
    // The next campaign run (every minute) records the exit; nothing is sent.
    const sentBefore = (await inbox.to(who.email)).length;
    await campaignsAt(new Date(t.getTime() + MINUTE));
    expect(
      await env.t.db.campaignEnrolment.findUniqueOrThrow({ where: { id: e.id } }),
    ).toMatchObject({ state: "EXITED", exitReason: "booked", nextDueAt: null });
    expect(await inbox.to(who.email)).toHaveLength(sentBefore);
  });

  it("a new quarter a few days later enrols nobody who had a note or offer in the last 90 days", async () => {
    const before = await env.t.db.campaignEnrolment.findMany({
      where: { sequence: { trigger: "CHURN_RISK" } },
      select: { customerId: true },
    });
    // January 5th: another calendar quarter, 35 days after the first enrolments, the same scores.
    const run = await env.t.db.analyticsRun.findFirstOrThrow({
      where: { status: "DONE" },
      orderBy: { startedAt: "desc" },
    });
    const scores = await env.t.db.customerScore.findMany({ where: { runId: run.id } });
    const r = await enrolChurnInterventions(
      env.t.db,
      scores.map((x) => ({
        customerId: x.customerId,
        churnScore: x.churnScore,
        reasons: x.reasons as string[],
        completedBookings: x.completedBookings,
        eventDays: x.eventDays,
      })),
      new Date(NOW.getTime() + 35 * DAY),
      TZ,
    );
    expect(r.enrolled).toBe(0);
    const again = await env.t.db.campaignEnrolment.count({
      where: {
        sequence: { trigger: "CHURN_RISK" },
        customerId: { in: before.map((b) => b.customerId!) },
      },
    });
    expect(again).toBe(before.length);
  });

  it("only the owner reads scores and approves notes", async () => {
    await expect(callers.caller("STAFF").owner.insights.churn()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      callers.caller("STAFF").owner.insights.customer({ id: lapsed.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callers.caller("CUSTOMER").owner.insights.approveMessage({ enrolmentId: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner().approveMessage({ enrolmentId: "nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(owner().customer({ id: "no-such-customer" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("the forecast's backtest", () => {
  it("forecasts the last 30 days as the page does: with what was on the books at their start", async () => {
    // The latest run (after the refits above): four days on.
    const T = new Date(NOW.getTime() + 4 * DAY);
    const before = (days: number) => new Date(T.getTime() - days * DAY);
    const today = zonedParts(T, TZ).date;
    const c = await customer("backtest", []);
    // Booked before the period, cancelled during it: on the books at its start, never happened.
    const cancelled = await event(c.id, c.email, before(10), 60_000, "COMPLETED", before(40));
    await env.t.db.booking.update({
      where: { id: cancelled.id },
      data: { status: "CANCELLED", cancelledAt: before(15) },
    });
    // Booked during the period for a day in it: happened, but not on the books at its start.
    await event(c.id, c.email, before(5), 60_000, "COMPLETED", before(12));
    await refitAt(T);
    const bt = (await owner().forecast({ days: 30 }))!.backtest;
    expect(bt).toHaveLength(30);
    expect(bt[29]!.date < today).toBe(true);
    const origin = zonedTimeToUtc(bt[0]!.date, 0, TZ);
    // Rows written in this file: every booking of a day in the period, as it stood at its start.
    const rows = await env.t.db.booking.findMany({
      where: { startsAt: { gte: origin, lt: zonedTimeToUtc(today, 0, TZ) } },
      select: { startsAt: true, createdAt: true, status: true, cancelledAt: true },
    });
    for (const d of bt) {
      const of = rows.filter((r) => zonedParts(r.startsAt, TZ).date === d.date);
      const then = of.filter(
        (r) =>
          r.createdAt < origin &&
          (r.status !== "CANCELLED" || (r.cancelledAt !== null && r.cancelledAt > origin)),
      ).length;
      expect(d.onBooks, d.date).toBe(then);
      expect(d.actual, d.date).toBe(of.filter((r) => r.status === "COMPLETED").length);
      // The forecast starts from what was booked, and its band holds it.
      expect(d.lo80, d.date).toBeGreaterThanOrEqual(d.onBooks);
      expect(d.mean, d.date).toBeGreaterThanOrEqual(d.onBooks);
      expect(d.lo80).toBeLessThanOrEqual(d.mean + 1e-9);
      expect(d.mean).toBeLessThanOrEqual(d.hi80 + 1e-9);
    }
    const cancelledDay = bt.find((d) => d.date === zonedParts(before(10), TZ).date)!;
    expect(cancelledDay.onBooks).toBe(cancelledDay.actual + 1);
    expect(bt.reduce((s, d) => s + d.onBooks, 0)).toBeGreaterThan(0);
  });
});
