// The follow-up campaign engine (issue 14, points 5-7): one place, called by the worker's
// `campaigns.run` job (every minute) with its clock. Nothing here reads the system clock: every
// function takes `now`.
//
//   enrolCampaigns      triggers -> one enrolment per (sequence, subject), a unique constraint
//   runDueCampaignSteps each due enrolment, on its own locked row and in its own transaction:
//                       exit rules, step conditions, quiet hours, frequency cap, consent and
//                       suppression are checked; then the step's send record (unique per
//                       enrolment and step) and its outbox email (`campaign:<enrolment>:<step>`)
//                       are written and COMMITTED; the caller delivers the returned email keys
//                       through the outbox's claim/send/record path (messages/claims.ts), never
//                       inside a transaction. `campaignEmailObsolete` re-checks the exit rules
//                       right before the SMTP call.
//                       An SMS step (to the booking's phone, only with a GRANTED SMS consent and
//                       not suppressed) writes its SmsMessage the same way (same key form); the
//                       worker delivers it through the SMS outbox (messages/sms.ts), and
//                       `smsObsolete` re-checks consent and the exit rules right before
//                       the Twilio call.
import { Prisma, type Db, type DbTx } from "@myhibachi/db";
import { DAY, formatInstant, MINUTE } from "@myhibachi/shared";
import { newOfferCode } from "./codes";
import { ALWAYS_EXIT_ON_BOOKING, type CampaignTriggerName } from "./owner";
import { referralCodeRow } from "./referrals";
import { releaseOfferCodesOfExpiredHolds } from "./offers";
import { DEFAULT_SEND_WINDOW, nextAllowedSendTime, type SendWindow } from "./quiet-hours";
import {
  fillTemplate,
  renderCampaignEmail,
  renderCampaignSms,
  type TemplateValues,
} from "./render";
import { signCampaignToken } from "./tokens";
import { SMS_STOPPED_ERROR, smsStopped } from "./sms-replies";
import { TRACKED_LINKS, trackedLink } from "./clicks";
import { campaignReviewUrl, reviewLinksOf, type ReviewLinks } from "./reviews";

export const CAMPAIGN_KEY_PREFIX = "campaign";
export const campaignEmailKey = (enrolmentId: string, stepId: string) =>
  `${CAMPAIGN_KEY_PREFIX}:${enrolmentId}:${stepId}`;

export interface CampaignOptions {
  /** Public URL of the customer site (links in the emails). */
  siteUrl: string;
  /** Signs the unsubscribe and rating links (the apps' AUTH_SECRET). */
  secret: string;
  /** At most one campaign message per recipient in this window (default 24 h). */
  frequencyCapMs?: number;
  window?: SendWindow;
  /**
   * Where happy customers are asked to leave a public review, overriding the owner's settings
   * (the worker's CAMPAIGN_REVIEW_URL). Default: the owner's Google review page, else their Yelp
   * page, else <site>/reviews.
   */
  reviewUrl?: string;
  /** Enrolments handled per run (the rest next minute). */
  take?: number;
}

export const DEFAULT_FREQUENCY_CAP_MS = DAY;

/** What a run reads once from the owner's settings. */
interface SiteFacts {
  /** The texts' prefix ("MyHibachi: ..."). */
  businessName: string;
  reviewLinks: ReviewLinks;
}

async function siteFactsOf(db: Db): Promise<SiteFacts> {
  const [s, reviewLinks] = await Promise.all([
    db.businessSettings.findUnique({ where: { id: 1 }, select: { businessName: true } }),
    reviewLinksOf(db),
  ]);
  return { businessName: s?.businessName ?? "", reviewLinks };
}

/** Abandoned bookings are picked up this long after they were started, not later. */
const ABANDONED_LOOKBACK_MS = 3 * DAY;
/** Completed events are picked up this long after they ended. */
const POST_EVENT_LOOKBACK_MS = 35 * DAY;
/** A customer whose last event is older than this is not enrolled in re-engagement any more. */
const REENGAGE_LOOKBACK_MS = 400 * DAY;

const LINK_VALIDITY_MS = 365 * DAY;

interface ExitRules {
  exitOnBooking: boolean;
}
const exitRulesOf = (json: Prisma.JsonValue): ExitRules => ({
  exitOnBooking:
    typeof json === "object" && json !== null && !Array.isArray(json)
      ? json.exitOnBooking !== false
      : true,
});

export const firstNameOf = (name: string | null | undefined) =>
  name?.trim().split(/\s+/)[0] || null;
const lower = (email: string) => email.trim().toLowerCase();

interface Candidate {
  subjectKey: string;
  customerId: string | null;
  bookingId: string | null;
  email: string;
  firstName: string | null;
  timeZone: string;
  anchorAt: Date;
}

/**
 * Enrols what the triggers find at `now`: an abandoned booking (HELD, or EXPIRED after its hold
 * lapsed, with a contact email), a completed event, a customer whose last event was the
 * re-engagement sequence's first delay ago with nothing booked since. One enrolment per sequence
 * and subject (unique): running it twice enrols nothing new. An enrolment starts at the latest
 * step already due (a late pickup sends the step that fits now, not every missed one).
 */
export async function enrolCampaigns(db: Db, now: Date): Promise<{ enrolled: number }> {
  const sequences = await db.campaignSequence.findMany({
    where: { active: true },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  let enrolled = 0;
  for (const seq of sequences) {
    if (seq.steps.length === 0) continue;
    const candidates = await candidatesFor(db, seq, seq.steps[0]!.delayMinutes, now);
    if (candidates.length === 0) continue;
    const r = await db.campaignEnrolment.createMany({
      data: candidates.map((c) => {
        const due = seq.steps.filter(
          (s) => c.anchorAt.getTime() + s.delayMinutes * MINUTE <= now.getTime(),
        );
        const start = due[due.length - 1] ?? seq.steps[0]!;
        return {
          sequenceId: seq.id,
          ...c,
          email: lower(c.email),
          createdAt: now,
          nextPosition: start.position,
          nextDueAt: new Date(c.anchorAt.getTime() + start.delayMinutes * MINUTE),
        };
      }),
      skipDuplicates: true,
    });
    enrolled += r.count;
  }
  return { enrolled };
}

async function candidatesFor(
  db: Db,
  seq: { id: string; trigger: CampaignTriggerName },
  firstDelayMinutes: number,
  now: Date,
): Promise<Candidate[]> {
  // Not a subject already in this sequence (the unique constraint is the real guard). Never an
  // address under the reserved .invalid domain (a deleted account's placeholder).
  const notEnrolled = (subjectKey: Prisma.Sql) => Prisma.sql`NOT EXISTS (
    SELECT 1 FROM "CampaignEnrolment" e WHERE e."sequenceId" = ${seq.id} AND e."subjectKey" = ${subjectKey})`;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  // Churn-risk sequences are enrolled by the nightly analytics run (its scores), not from here.
  if (seq.trigger === "CHURN_RISK") return [];
  let rows: {
    id: string;
    customerId: string | null;
    email: string | null;
    name: string | null;
    timeZone: string;
    anchorAt: Date;
  }[];
  if (seq.trigger === "RE_ENGAGEMENT") {
    // Each customer's last completed event, when it is old enough and nothing was booked (or is
    // being booked) since. The subject names that event: a later one re-arms the sequence.
    rows = await db.$queryRaw`
      WITH last AS (
        SELECT DISTINCT ON (b."customerId") b.id, b."customerId", b."endsAt", b."timeZone"
        FROM "Booking" b
        WHERE b.status = 'COMPLETED' AND b."customerId" IS NOT NULL
        ORDER BY b."customerId", b."endsAt" DESC
      )
      SELECT l.id, l."customerId", c.email, c.name, l."timeZone", l."endsAt" AS "anchorAt"
      FROM last l JOIN "Customer" c ON c.id = l."customerId"
      WHERE l."endsAt" <= ${ago(firstDelayMinutes * MINUTE)}
        AND c.email NOT LIKE '%.invalid'
        AND l."endsAt" > ${ago(REENGAGE_LOOKBACK_MS)}
        AND NOT EXISTS (
          SELECT 1 FROM "Booking" o WHERE o."customerId" = l."customerId"
            AND o.status IN ('HELD', 'PENDING', 'CONFIRMED'))
        AND ${notEnrolled(Prisma.sql`'customer:' || l."customerId" || ':' || l.id`)}
        -- One win-back track at a time: not while a churn-risk intervention (the owner's note,
        -- the new-menu offer) is under way or was made in the last 90 days (its own gap).
        AND NOT EXISTS (
          SELECT 1 FROM "CampaignEnrolment" ce JOIN "CampaignSequence" cs ON cs.id = ce."sequenceId"
          WHERE ce."customerId" = l."customerId" AND cs.trigger::text = 'CHURN_RISK'
            AND (ce.state = 'ACTIVE' OR ce."createdAt" > ${ago(90 * DAY)}))
      LIMIT 1000`;
  } else {
    // ABANDONED_BOOKING: a HELD booking, or one whose hold lapsed (EXPIRED), with a contact
    // email, counted from when it was started, once its first step is due: a booking still being
    // finished (held for minutes while the customer confirms) is not "abandoned", and one
    // confirmed by then is no candidate at all. POST_EVENT: a COMPLETED one, from its end.
    const abandoned = seq.trigger === "ABANDONED_BOOKING";
    const anchor = abandoned ? Prisma.sql`b."createdAt"` : Prisma.sql`b."endsAt"`;
    rows = await db.$queryRaw`
      SELECT b.id, b."customerId", COALESCE(b."contactEmail", c.email) AS email,
             COALESCE(b."contactName", c.name) AS name, b."timeZone", ${anchor} AS "anchorAt"
      FROM "Booking" b LEFT JOIN "Customer" c ON c.id = b."customerId"
      WHERE ${
        abandoned
          ? Prisma.sql`b.status IN ('HELD', 'EXPIRED') AND b."contactEmail" IS NOT NULL`
          : Prisma.sql`b.status = 'COMPLETED'`
      }
        AND ${anchor} > ${ago(abandoned ? ABANDONED_LOOKBACK_MS : POST_EVENT_LOOKBACK_MS)}
        AND ${anchor} <= ${abandoned ? ago(firstDelayMinutes * MINUTE) : now}
        AND COALESCE(b."contactEmail", c.email) IS NOT NULL
        AND COALESCE(b."contactEmail", c.email) NOT LIKE '%.invalid'
        AND ${notEnrolled(Prisma.sql`'booking:' || b.id`)}
      LIMIT 1000`;
  }
  return rows.flatMap((r) =>
    r.email
      ? [
          {
            subjectKey:
              seq.trigger === "RE_ENGAGEMENT"
                ? `customer:${r.customerId}:${r.id}`
                : `booking:${r.id}`,
            customerId: r.customerId,
            bookingId: r.id,
            email: r.email,
            firstName: firstNameOf(r.name),
            timeZone: r.timeZone,
            anchorAt: r.anchorAt,
          },
        ]
      : [],
  );
}

type EnrolmentRow = Prisma.CampaignEnrolmentGetPayload<{ include: { sequence: true } }>;

/**
 * Why this enrolment must stop, or null. Checked when a step comes due and again right before its
 * email goes out. A booking made or confirmed ends the abandoned-booking sequence (and a newer
 * booking started by the same person: it has its own enrolment); any booking since ends
 * re-engagement; an unsubscribed or suppressed address ends everything.
 */
export async function exitReasonFor(
  db: Db | DbTx,
  e: Pick<EnrolmentRow, "bookingId" | "customerId" | "email" | "anchorAt" | "createdAt"> & {
    sequence: { trigger: string; exitRules: Prisma.JsonValue };
  },
): Promise<string | null> {
  if (e.email && !(await emailAllowed(db, e.email))) return "unsubscribed";
  if (
    !ALWAYS_EXIT_ON_BOOKING.includes(e.sequence.trigger as CampaignTriggerName) &&
    !exitRulesOf(e.sequence.exitRules).exitOnBooking
  )
    return null;
  if (e.sequence.trigger === "ABANDONED_BOOKING") {
    if (e.bookingId) {
      const b = await db.booking.findUnique({
        where: { id: e.bookingId },
        select: { status: true },
      });
      if (b && ["PENDING", "CONFIRMED", "COMPLETED"].includes(b.status)) return "booked";
    }
    const newer = await db.booking.count({
      where: {
        id: { not: e.bookingId ?? "" },
        contactEmail: { equals: e.email ?? "", mode: "insensitive" },
        createdAt: { gt: e.anchorAt },
        status: { in: ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] },
      },
    });
    return newer > 0 ? "booked" : null;
  }
  if (
    (e.sequence.trigger === "RE_ENGAGEMENT" || e.sequence.trigger === "CHURN_RISK") &&
    e.customerId
  ) {
    const since = await db.booking.count({
      where: {
        customerId: e.customerId,
        createdAt: { gt: e.createdAt },
        status: { in: ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] },
      },
    });
    return since > 0 ? "booked" : null;
  }
  return null;
}

/**
 * Ends at once, not when their next step comes due, the active enrolments a booking ended
 * (`exitReasonFor`'s booking rules: re-engagement and churn risk when the customer books anything
 * after enrolling, HELD included; an abandoned booking when it is confirmed or a newer one is
 * started). Run every minute by `runDueCampaignSteps`, so the owner's pages stop saying "under
 * way" within a minute of the booking. Each exit re-checks on the locked row.
 */
export async function exitBookedEnrolments(db: Db, now: Date): Promise<StepOutcome[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id FROM "CampaignEnrolment" e JOIN "CampaignSequence" s ON s.id = e."sequenceId"
    WHERE e.state = 'ACTIVE'
      AND (s.trigger::text IN ('ABANDONED_BOOKING', 'RE_ENGAGEMENT', 'CHURN_RISK') -- ALWAYS_EXIT_ON_BOOKING
        OR NOT (jsonb_typeof(s."exitRules") = 'object' AND s."exitRules"->'exitOnBooking' = 'false'::jsonb))
      AND (
        (s.trigger::text IN ('RE_ENGAGEMENT', 'CHURN_RISK') AND EXISTS (
          SELECT 1 FROM "Booking" b WHERE b."customerId" = e."customerId"
            AND b."createdAt" > e."createdAt"
            AND b.status IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED')))
        OR (s.trigger::text = 'ABANDONED_BOOKING' AND (
          EXISTS (SELECT 1 FROM "Booking" b WHERE b.id = e."bookingId"
            AND b.status IN ('PENDING', 'CONFIRMED', 'COMPLETED'))
          OR EXISTS (SELECT 1 FROM "Booking" b WHERE b.id <> COALESCE(e."bookingId", '')
            AND lower(b."contactEmail") = lower(e.email) AND b."createdAt" > e."anchorAt"
            AND b.status IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED'))))
      )
    LIMIT 1000`;
  const out: StepOutcome[] = [];
  for (const { id } of rows) {
    const o = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "CampaignEnrolment" WHERE id = ${id} AND state = 'ACTIVE' FOR UPDATE SKIP LOCKED`;
      if (locked.length === 0) return null;
      const e = await tx.campaignEnrolment.findUniqueOrThrow({
        where: { id },
        include: { sequence: true },
      });
      const why = await exitReasonFor(tx, e);
      if (why !== "booked") return null;
      await tx.campaignEnrolment.update({
        where: { id },
        data: { state: "EXITED", exitReason: why, exitedAt: now, nextDueAt: null },
      });
      return { enrolmentId: id, outcome: "exited" as const, why };
    });
    if (o) out.push(o);
  }
  return out;
}

/**
 * Email consent for campaign messages. Decision (docs/CAMPAIGNS.md): our campaign emails go only
 * to people with a transactional relationship with us (they started or made a booking), so email
 * is allowed unless the address unsubscribed (consent REVOKED) or is on the suppression list.
 * SMS needs an explicit GRANTED consent (`smsAllowed`).
 */
export async function emailAllowed(db: Db | DbTx, email: string): Promise<boolean> {
  const address = lower(email);
  const [consent, suppressed] = await Promise.all([
    db.contactConsent.findUnique({
      where: { channel_address: { channel: "EMAIL", address } },
      select: { status: true },
    }),
    db.suppression.findUnique({
      where: { channel_address: { channel: "EMAIL", address } },
      select: { id: true },
    }),
  ]);
  return consent?.status !== "REVOKED" && !suppressed;
}

/**
 * SMS consent for campaign texts: an explicit GRANTED consent for this phone (stored form,
 * `normalizePhone`: the booking form's checkbox, or START by text) and not on the SMS suppression
 * list (STOP by text).
 */
export async function smsAllowed(db: Db | DbTx, phone: string): Promise<boolean> {
  const [consent, suppressed] = await Promise.all([
    db.contactConsent.findUnique({
      where: { channel_address: { channel: "SMS", address: phone } },
      select: { status: true },
    }),
    db.suppression.findUnique({
      where: { channel_address: { channel: "SMS", address: phone } },
      select: { id: true },
    }),
  ]);
  return consent?.status === "GRANTED" && !suppressed;
}

export type StepOutcome =
  | { enrolmentId: string; outcome: "queued"; emailKey: string }
  | { enrolmentId: string; outcome: "queued-sms"; smsKey: string }
  | { enrolmentId: string; outcome: "in-app"; messageId: string }
  | { enrolmentId: string; outcome: "postponed"; until: Date; why: "quiet-hours" | "frequency-cap" }
  | { enrolmentId: string; outcome: "skipped"; why: string }
  | { enrolmentId: string; outcome: "exited"; why: string }
  | { enrolmentId: string; outcome: "failed"; why: string }
  | { enrolmentId: string; outcome: "completed" | "not-due" | "awaiting-approval" };

export interface RunResult {
  outcomes: StepOutcome[];
  /** Outbox emails written (and committed) by this run: deliver each with the outbox sender. */
  emailKeys: string[];
  /** Outbox texts written (and committed) by this run: deliver each with the SMS sender. */
  smsKeys: string[];
}

/**
 * Every enrolment whose next step is due at `now`, one transaction each (see the file header).
 */
export async function runDueCampaignSteps(
  db: Db,
  now: Date,
  opts: CampaignOptions,
): Promise<RunResult> {
  await reconcileCampaignSends(db);
  await releaseOfferCodesOfExpiredHolds(db, now);
  const facts = await siteFactsOf(db);
  // A booking ends the enrolments it concerns now, not when their next step comes due.
  const outcomes: StepOutcome[] = await exitBookedEnrolments(db, now);
  const due = await db.campaignEnrolment.findMany({
    where: { state: "ACTIVE", nextDueAt: { lte: now } },
    orderBy: { nextDueAt: "asc" },
    take: opts.take ?? 500,
    select: { id: true },
  });
  for (const { id } of due) {
    // A step that is skipped (rating too low, no consent for its channel) moves to the next one
    // at once: loop while the enrolment's next step stays due.
    for (let i = 0; i < 10; i++) {
      // One enrolment that fails (its transaction rolled back: nothing claimed) doesn't stop the
      // others; it is tried again next run.
      const o = await runOneStep(db, id, now, opts, facts).catch((err: unknown): StepOutcome => ({
        enrolmentId: id,
        outcome: "failed",
        why: err instanceof Error ? err.message : String(err),
      }));
      outcomes.push(o);
      if (o.outcome !== "skipped") break;
    }
  }
  return {
    outcomes,
    emailKeys: outcomes.flatMap((o) => (o.outcome === "queued" ? [o.emailKey] : [])),
    smsKeys: outcomes.flatMap((o) => (o.outcome === "queued-sms" ? [o.smsKey] : [])),
  };
}

async function runOneStep(
  db: Db,
  enrolmentId: string,
  now: Date,
  opts: CampaignOptions,
  facts: SiteFacts,
): Promise<StepOutcome> {
  return db.$transaction(async (tx) => {
    // The enrolment's row lock. Two runs (two workers, a retried job) walk the same due list in
    // the same order: one that finds the row locked skips it (the holder handles this step; if
    // its transaction rolls back, the step is still due next run) instead of waiting for it and
    // then finding it done, so concurrent runs share the work instead of going in lockstep.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "CampaignEnrolment" WHERE id = ${enrolmentId} FOR UPDATE SKIP LOCKED`;
    if (locked.length === 0) return { enrolmentId, outcome: "not-due" as const };
    const e = await tx.campaignEnrolment.findUniqueOrThrow({
      where: { id: enrolmentId },
      include: { sequence: { include: { steps: { orderBy: { position: "asc" } } } } },
    });
    if (e.state !== "ACTIVE" || !e.nextDueAt || e.nextDueAt > now || e.nextPosition === null)
      return { enrolmentId, outcome: "not-due" as const };
    const exit = async (why: string) => {
      await tx.campaignEnrolment.update({
        where: { id: e.id },
        data: { state: "EXITED", exitReason: why, exitedAt: now, nextDueAt: null },
      });
      return { enrolmentId, outcome: "exited" as const, why };
    };
    if (!e.sequence.active) return exit("sequence turned off");
    const exitWhy = await exitReasonFor(tx, e);
    if (exitWhy) return exit(exitWhy);

    const steps = e.sequence.steps;
    const step = steps.find((s) => s.position >= e.nextPosition!);
    if (!step) {
      await tx.campaignEnrolment.update({
        where: { id: e.id },
        data: { state: "COMPLETED", nextDueAt: null, nextPosition: null },
      });
      return { enrolmentId, outcome: "completed" as const };
    }
    const following = steps.find((s) => s.position > step.position);
    const advance = () =>
      tx.campaignEnrolment.update({
        where: { id: e.id },
        data: following
          ? {
              nextPosition: following.position,
              nextDueAt: new Date(
                Math.max(now.getTime(), e.anchorAt.getTime() + following.delayMinutes * MINUTE),
              ),
            }
          : { state: "COMPLETED", nextPosition: null, nextDueAt: null },
      });
    const recipient = e.email ?? "";
    const skip = async (why: string) => {
      await tx.campaignSend.create({
        data: {
          enrolmentId: e.id,
          stepId: step.id,
          channel: step.channel,
          recipient,
          status: "SKIPPED",
          skipReason: why,
          claimedAt: now,
        },
      });
      await advance();
      return { enrolmentId, outcome: "skipped" as const, why };
    };

    // Step conditions: the public review request only after a happy rating (>= minRating).
    if (step.minRating !== null) {
      const fb = e.bookingId
        ? await tx.eventFeedback.findUnique({ where: { bookingId: e.bookingId } })
        : null;
      if (!fb || fb.rating < step.minRating)
        return skip(fb ? `rated ${fb.rating} of 5` : "no rating given");
    }
    if (!e.email) return skip("no email");
    // A step the owner approves per customer (the churn-risk personal note) waits, out of the
    // due list, until the owner approves this enrolment's words (approveCampaignDraft).
    if (step.needsApproval && !e.approvedAt) {
      await tx.campaignEnrolment.update({ where: { id: e.id }, data: { nextDueAt: null } });
      return { enrolmentId, outcome: "awaiting-approval" as const };
    }
    const words =
      step.needsApproval && e.draftText !== null
        ? { subject: e.draftSubject ?? step.subject, template: e.draftText }
        : { subject: step.subject, template: step.template };
    // In-app: into the customer's inbox (shown on My bookings to their signed-in account); a
    // person with no customer record (a visitor's abandoned booking) has no inbox.
    const inApp = step.channel === "IN_APP";
    if (inApp && !e.customerId) return skip("no customer account for an in-app message");
    // SMS: only to a phone with an explicit GRANTED consent that is not suppressed (STOP).
    const phone = step.channel === "SMS" ? await campaignPhone(tx, e) : null;
    if (step.channel === "SMS" && (!phone || !(await smsAllowed(tx, phone))))
      return skip("no SMS consent");

    // Frequency cap per recipient, then quiet hours in the event's time zone: postponed, not lost.
    // The advisory lock serialises the cap check per recipient across enrolments and workers.
    // An in-app message interrupts nobody (it waits on My bookings): neither applies to it, and
    // it doesn't count towards the cap of the emails and texts.
    if (!inApp) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`campaign-cap:${recipient}`}))`;
      const capMs = opts.frequencyCapMs ?? DEFAULT_FREQUENCY_CAP_MS;
      const last = await tx.campaignSend.findFirst({
        where: {
          recipient,
          channel: { in: ["EMAIL", "SMS"] },
          status: { in: ["CLAIMED", "SENT"] },
          claimedAt: { gt: new Date(now.getTime() - capMs) },
        },
        orderBy: { claimedAt: "desc" },
        select: { claimedAt: true },
      });
      const capUntil = last ? new Date(last.claimedAt.getTime() + capMs) : now;
      const at = nextAllowedSendTime(capUntil, e.timeZone, opts.window ?? DEFAULT_SEND_WINDOW);
      if (at > now) {
        await tx.campaignEnrolment.update({ where: { id: e.id }, data: { nextDueAt: at } });
        return {
          enrolmentId,
          outcome: "postponed" as const,
          until: at,
          why: last ? ("frequency-cap" as const) : ("quiet-hours" as const),
        };
      }
    }

    // Claim: the send record (unique per enrolment and step), the offer code, the outbox email.
    const values = await templateValues(
      tx,
      e,
      now,
      opts,
      facts,
      `${words.subject} ${words.template}`,
    );
    if (step.offerPercent && step.offerValidDays) {
      const expiresAt = new Date(now.getTime() + step.offerValidDays * DAY);
      const offer = await tx.offerCode.create({
        data: {
          code: newOfferCode(),
          percentOff: step.offerPercent,
          email: recipient,
          customerId: e.customerId,
          enrolmentId: e.id,
          stepId: step.id,
          expiresAt,
        },
      });
      values.offerCode = offer.code;
      values.offerPercent = String(step.offerPercent);
      values.offerExpires = formatInstant(expiresAt, e.timeZone, "fullDateTime");
    } else if (step.offerPercent) values.offerPercent = String(step.offerPercent);
    const unsubscribeUrl = `${opts.siteUrl}/unsubscribe?token=${signCampaignToken(opts.secret, {
      purpose: "unsubscribe",
      subject: recipient,
      expiresAt: now.getTime() + LINK_VALIDITY_MS,
    })}`;
    const emailKey = campaignEmailKey(e.id, step.id);
    if (inApp) {
      // The send record (unique per enrolment and step) and the message, in this transaction:
      // delivered when it commits (SENT), plain links (the page is ours).
      const send = await tx.campaignSend.create({
        data: {
          enrolmentId: e.id,
          stepId: step.id,
          channel: "IN_APP",
          recipient,
          status: "SENT",
          claimedAt: now,
          sentAt: now,
        },
      });
      const message = await tx.inAppMessage.create({
        data: {
          customerId: e.customerId!,
          sendId: send.id,
          subject: fillTemplate(words.subject, values).trim(),
          body: fillTemplate(words.template, values).trim(),
          createdAt: now,
        },
      });
      await advance();
      return { enrolmentId, outcome: "in-app" as const, messageId: message.id };
    }
    if (phone) {
      // The text: plain, short, "Reply STOP to opt out" once; no unsubscribe link (STOP is it).
      await tx.campaignSend.create({
        data: {
          enrolmentId: e.id,
          stepId: step.id,
          channel: "SMS",
          recipient,
          status: "CLAIMED",
          smsKey: emailKey,
          claimedAt: now,
        },
      });
      await tx.smsMessage.create({
        data: {
          idempotencyKey: emailKey,
          createdAt: now,
          to: phone,
          body: renderCampaignSms({
            template: words.template,
            values,
            businessName: facts.businessName,
          }),
        },
      });
      await advance();
      return { enrolmentId, outcome: "queued-sms" as const, smsKey: emailKey };
    }
    const send = await tx.campaignSend.create({
      data: {
        enrolmentId: e.id,
        stepId: step.id,
        channel: "EMAIL",
        recipient,
        status: "CLAIMED",
        emailKey,
        claimedAt: now,
      },
    });
    // The email's links go through the click-tracking redirect, naming this send (clicks.ts).
    const link = {
      siteUrl: opts.siteUrl,
      secret: opts.secret,
      expiresAt: now.getTime() + LINK_VALIDITY_MS,
      reviewLinks: facts.reviewLinks,
    };
    const emailValues: TemplateValues = { ...values };
    for (const k of TRACKED_LINKS) {
      const url = emailValues[k];
      if (url) emailValues[k] = trackedLink(link, send.id, url);
    }
    const mail = renderCampaignEmail({
      subject: words.subject,
      template: words.template,
      values: emailValues,
      unsubscribeUrl,
    });
    await tx.emailMessage.create({
      data: {
        idempotencyKey: emailKey,
        to: recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: campaignHeaders(unsubscribeUrl),
        // The run's clock (the sweep's "queued for 20 s" is measured from it), not the server's.
        createdAt: now,
      },
    });
    await advance();
    return { enrolmentId, outcome: "queued" as const, emailKey };
  });
}

/** RFC 8058 one-click unsubscribe (the URL is https in production; the POST body is fixed). */
export function campaignHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

async function templateValues(
  tx: DbTx,
  e: EnrolmentRow,
  now: Date,
  opts: CampaignOptions,
  facts: SiteFacts,
  /** The step's words: the referral code is looked up (or created) only when they use it. */
  words: string,
): Promise<TemplateValues> {
  const booking = e.bookingId
    ? await tx.booking.findUnique({ where: { id: e.bookingId }, select: { startsAt: true } })
    : null;
  const values: TemplateValues = {
    firstName: e.firstName ?? "there",
    bookUrl: `${opts.siteUrl}/book`,
    menuUrl: `${opts.siteUrl}/menu`,
    reviewUrl: campaignReviewUrl(opts.siteUrl, facts.reviewLinks, opts.reviewUrl),
    eventDate: booking ? formatInstant(booking.startsAt, e.timeZone, "fullDate") : "your event",
  };
  if (e.customerId && /\{\{\s*referral/.test(words)) {
    // Their referral code, for steps that ask them to share it ({{referralCode}}).
    const ref = await referralCodeRow(tx, e.customerId);
    values.referralCode = ref.code;
    values.referralPercent = String(ref.percentOff);
  }
  if (e.bookingId)
    values.ratingUrl = `${opts.siteUrl}/feedback?token=${signCampaignToken(opts.secret, {
      purpose: "rate",
      subject: e.bookingId,
      expiresAt: now.getTime() + 60 * DAY,
    })}`;
  return values;
}

/**
 * Why a stored campaign email must not go out any more (checked by the outbox sender right
 * before the SMTP call), or null: the enrolment exited meanwhile (a booking made, an unsubscribe).
 */
export async function campaignEmailObsolete(
  db: Db,
  idempotencyKey: string,
): Promise<string | null> {
  const m = /^campaign:([^:]+):([^:]+)$/.exec(idempotencyKey);
  if (!m) return null;
  const e = await db.campaignEnrolment.findUnique({
    where: { id: m[1]! },
    include: { sequence: true },
  });
  if (!e) return "Not sent: the campaign enrolment no longer exists.";
  const why = e.state === "EXITED" ? e.exitReason : await exitReasonFor(db, e);
  return why
    ? `Not sent: ${why === "booked" ? "the customer booked" : why} before it went out.`
    : null;
}

/**
 * Quiet hours at the moment of sending (checked by the email and SMS senders right after their
 * claim, before the network call, on every attempt: the first, a retry, the sweep's resend of a
 * dead sender's message): null when a campaign message may go at `now`, else the next opening of
 * the send window in the enrolment's (the event's) time zone, until which the sender holds the
 * row (`notBefore`). Only campaign messages (`campaign:<enrolment>:<step>`): booking emails and
 * every other transactional message are never held.
 */
export async function campaignQuietUntil(
  db: Db,
  idempotencyKey: string,
  now: Date,
  window: SendWindow = DEFAULT_SEND_WINDOW,
): Promise<Date | null> {
  const m = /^campaign:([^:]+):([^:]+)$/.exec(idempotencyKey);
  if (!m) return null;
  const e = await db.campaignEnrolment.findUnique({
    where: { id: m[1]! },
    select: { timeZone: true },
  });
  if (!e) return null;
  const at = nextAllowedSendTime(now, e.timeZone, window);
  return at > now ? at : null;
}

/**
 * The phone an enrolment's texts go to, in its stored form: the booking's contact phone, else the
 * customer's. Null when there is none.
 */
async function campaignPhone(
  tx: DbTx | Db,
  e: Pick<EnrolmentRow, "bookingId" | "customerId">,
): Promise<string | null> {
  const b = e.bookingId
    ? await tx.booking.findUnique({ where: { id: e.bookingId }, select: { contactPhone: true } })
    : null;
  if (b?.contactPhone) return b.contactPhone;
  const c = e.customerId
    ? await tx.customer.findUnique({ where: { id: e.customerId }, select: { phone: true } })
    : null;
  return c?.phone || null;
}

/**
 * Why a stored text must not go out any more (checked by the SMS sender before its claim and
 * right before the Twilio call), or null: the phone said STOP (any text), or, for a campaign
 * text, its consent was withdrawn or the enrolment ended.
 */
export async function smsObsolete(
  db: Db,
  idempotencyKey: string,
  phone: string,
): Promise<string | null> {
  // No text of any kind goes to a phone that said STOP (Twilio refuses it too: 21610).
  if (!/^campaign:[^:]+:[^:]+$/.test(idempotencyKey))
    return (await smsStopped(db, phone)) ? SMS_STOPPED_ERROR : null;
  if (!(await smsAllowed(db, phone)))
    return "Not sent: no SMS consent (the customer replied STOP) before it went out.";
  return campaignEmailObsolete(db, idempotencyKey);
}

/** Send records follow their outbox email: SENT when it went, SKIPPED when it became obsolete. */
export async function reconcileCampaignSends(db: Db): Promise<void> {
  await db.$executeRaw`
    UPDATE "CampaignSend" s SET status = 'SENT', "sentAt" = e."sentAt"
    FROM "EmailMessage" e
    WHERE s.status = 'CLAIMED' AND e."idempotencyKey" = s."emailKey" AND e.status = 'SENT'`;
  await db.$executeRaw`
    UPDATE "CampaignSend" s SET status = 'SKIPPED', "skipReason" = e.error
    FROM "EmailMessage" e
    WHERE s.status = 'CLAIMED' AND e."idempotencyKey" = s."emailKey" AND e.status = 'FAILED'
      AND e.error LIKE 'Not sent:%'`;
  // The same for texts (SmsMessage).
  await db.$executeRaw`
    UPDATE "CampaignSend" s SET status = 'SENT', "sentAt" = m."sentAt"
    FROM "SmsMessage" m
    WHERE s.status = 'CLAIMED' AND m."idempotencyKey" = s."smsKey" AND m.status = 'SENT'`;
  await db.$executeRaw`
    UPDATE "CampaignSend" s SET status = 'SKIPPED', "skipReason" = m.error
    FROM "SmsMessage" m
    WHERE s.status = 'CLAIMED' AND m."idempotencyKey" = s."smsKey" AND m.status = 'FAILED'
      AND m.error LIKE 'Not sent:%'`;
}
