// The owner's side of the campaigns (issue 14, point 8): the sequences and their steps as the
// owner reads and edits them, the funnel per step worked out from the tables (send records, the
// outbox, bookings), the post-event ratings and the suppression list. Every write goes through
// `adminWrite` (the change and its audit row in one transaction). Nothing here reads the clock.
import { Prisma, type Db } from "@myhibachi/db";
import { DAY, HOUR, MINUTE, formatInstant, invisibleTextProblem } from "@myhibachi/shared";
import { adminWrite, badInput, notFound, type AdminActor, type AdminDeps } from "../admin/audit";
import { AppError } from "../errors";
import { CAMPAIGN_PLACEHOLDERS, placeholdersIn, renderCampaignEmail } from "./render";

export type CampaignTriggerName =
  "ABANDONED_BOOKING" | "POST_EVENT" | "RE_ENGAGEMENT" | "CHURN_RISK";
export type CampaignChannelName = "EMAIL" | "SMS" | "IN_APP";

/** A step's delay as people say it: "2 hours", "1 day", "30 days" (minutes only when needed). */
export function delayWords(minutes: number): string {
  const n = (v: number, one: string) => `${v} ${v === 1 ? one : `${one}s`}`;
  if (minutes % (DAY / MINUTE) === 0) return n(minutes / (DAY / MINUTE), "day");
  if (minutes % (HOUR / MINUTE) === 0) return n(minutes / (HOUR / MINUTE), "hour");
  return n(minutes, "minute");
}

/** The delay as the editor shows it: whole days when it is whole days, else hours. */
export function delayParts(minutes: number): { value: number; unit: "hours" | "days" } {
  return minutes % (DAY / MINUTE) === 0
    ? { value: minutes / (DAY / MINUTE), unit: "days" }
    : { value: Math.round((minutes / (HOUR / MINUTE)) * 100) / 100, unit: "hours" };
}

/** What starts the sequence, in words, and what its delays count from. */
export function triggerWords(trigger: CampaignTriggerName): string {
  switch (trigger) {
    case "ABANDONED_BOOKING":
      return "Someone starts a booking with their email and doesn't finish it (delays count from when they started)";
    case "POST_EVENT":
      return "An event is marked completed (delays count from the end of the event)";
    case "RE_ENGAGEMENT":
      return "A customer's last event was a while ago and they have booked nothing since (delays count from the end of that event; the first step's delay is how long)";
    case "CHURN_RISK":
      return "The nightly churn-risk score puts a customer in this sequence's band, at most once a quarter (delays count from that night)";
  }
}

export const CHANNEL_WORDS: Record<CampaignChannelName, string> = {
  EMAIL: "Email",
  SMS: "Text message",
  IN_APP: "In the app",
};

const exitOnBookingOf = (json: Prisma.JsonValue): boolean =>
  typeof json === "object" && json !== null && !Array.isArray(json)
    ? json.exitOnBooking !== false
    : true;

/** The sample values of the owner's preview (links on the customer site). */
export function samplePlaceholderValues(siteUrl: string): Record<string, string> {
  return Object.fromEntries(
    CAMPAIGN_PLACEHOLDERS.map((p) => [
      p.name,
      p.sample.startsWith("/") ? siteUrl + p.sample : p.sample,
    ]),
  );
}

/** The step rendered by the engine's own renderer with sample data (what a customer would get). */
export function previewCampaignStep(
  step: { subject: string; template: string; offerPercent: number | null },
  siteUrl: string,
): { subject: string; text: string } {
  const values = samplePlaceholderValues(siteUrl);
  if (step.offerPercent) values.offerPercent = String(step.offerPercent);
  const mail = renderCampaignEmail({
    subject: step.subject,
    template: step.template,
    values,
    unsubscribeUrl: `${siteUrl}/unsubscribe?token=…`,
  });
  return { subject: mail.subject, text: mail.text };
}

/** Every sequence with its steps in order and how many people are in it now. */
export async function listCampaignSequences(db: Db, siteUrl: string) {
  const [sequences, active] = await Promise.all([
    db.campaignSequence.findMany({
      orderBy: { key: "asc" },
      include: { steps: { orderBy: { position: "asc" } } },
    }),
    db.campaignEnrolment.groupBy({
      by: ["sequenceId"],
      where: { state: "ACTIVE" },
      _count: { _all: true },
    }),
  ]);
  const order: CampaignTriggerName[] = [
    "ABANDONED_BOOKING",
    "POST_EVENT",
    "RE_ENGAGEMENT",
    "CHURN_RISK",
  ];
  return sequences
    .sort((a, b) => order.indexOf(a.trigger) - order.indexOf(b.trigger))
    .map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      trigger: s.trigger,
      triggerWords: triggerWords(s.trigger),
      active: s.active,
      exitOnBooking: ALWAYS_EXIT_ON_BOOKING.includes(s.trigger) || exitOnBookingOf(s.exitRules),
      activeEnrolments: active.find((a) => a.sequenceId === s.id)?._count._all ?? 0,
      updatedAt: s.updatedAt,
      steps: s.steps.map((st) => ({
        id: st.id,
        position: st.position,
        delayMinutes: st.delayMinutes,
        delay: delayParts(st.delayMinutes),
        delayWords: delayWords(st.delayMinutes),
        channel: st.channel,
        subject: st.subject,
        template: st.template,
        offerPercent: st.offerPercent,
        offerValidDays: st.offerValidDays,
        minRating: st.minRating,
        needsApproval: st.needsApproval,
        updatedAt: st.updatedAt,
        preview: previewCampaignStep(st, siteUrl),
      })),
    }));
}

export interface StepPatch {
  delayMinutes?: number;
  channel?: CampaignChannelName;
  subject?: string;
  template?: string;
  offerPercent?: number | null;
  offerValidDays?: number | null;
  minRating?: number | null;
}

const KNOWN = new Set<string>(CAMPAIGN_PLACEHOLDERS.map((p) => p.name));
const NEEDS_OFFER = new Set<string>(
  CAMPAIGN_PLACEHOLDERS.filter((p) => "needsOffer" in p && p.needsOffer).map((p) => p.name),
);

/** The lowest rating that may be asked for a public review (issue 14: a low rating never is). */
export const REVIEW_MIN_RATING = 4;

/**
 * The sequences a booking always ends (issue 14: a booking exits the abandoned-booking sequence at
 * once; re-engagement and churn-risk messages are "come back and book" offers for someone who
 * hasn't booked, so "We miss you: 10 % off" must not reach a customer with a party booked: attack
 * round 2, G7): their "stop when the person books" can't be switched off, and the engine treats it
 * as on whatever is stored. Only the post-event sequence keeps the owner's switch.
 */
export const ALWAYS_EXIT_ON_BOOKING: readonly CampaignTriggerName[] = [
  "ABANDONED_BOOKING",
  "RE_ENGAGEMENT",
  "CHURN_RISK",
];

const what = (field: "subject" | "template") => (field === "subject" ? "subject" : "text");
const What = (field: "subject" | "template") => (field === "subject" ? "Subject" : "Text");

/**
 * A message's words use only placeholders we can fill in, written whole ({{name}}, no "{{" or
 * "}}" left over), offer placeholders only when the step makes an offer, the rating link only in
 * the post-event sequence and the public-review link only in a post-event step that goes to
 * someone who rated 4 or 5; the subject is one line, and neither has control characters other
 * than the text's line breaks and tabs (a step's template, or the owner's edit of one customer's
 * message).
 */
export function checkMessageWords(s: {
  subject: string;
  template: string;
  offerPercent: number | null;
  /** The sequence's trigger and the step's minimum rating: who the message can reach. */
  trigger: CampaignTriggerName;
  minRating: number | null;
}): void {
  // A subject is one line (a header): no CR/LF, no other control characters.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s.subject))
    throw badInput(
      /[\r\n\u0085\u2028\u2029]/.test(s.subject)
        ? "A subject must be one line. Take the line breaks out of the subject."
        : "The subject has an invisible control character (a tab or similar). Take it out of the subject.",
      "subject",
    );
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s.template))
    throw badInput(
      "The text has an invisible control character. Only line breaks and tabs may be in it: take it out.",
      "template",
    );
  for (const field of ["subject", "template"] as const) {
    const text = s[field];
    // No direction overrides (a subject that reads reversed in mail clients) and no subject or
    // text of zero-width characters alone (it looks empty): attack round 2, G6.
    const invisible = invisibleTextProblem(text, what(field));
    if (invisible) throw badInput(invisible, field);
    // "{{{firstName}}}" would send "{Casey}": a placeholder has two braces each side.
    if (/\{\{\{|\}\}\}/.test(text))
      throw badInput(
        `The ${what(field)} has three braces in a row. A placeholder has two on each side, like {{firstName}}: take the extra brace out.`,
        field,
      );
    const rest = text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, "");
    if (rest.includes("{{"))
      throw badInput(
        `The ${what(field)} has a “{{” that isn't closed with “}}”. Write a placeholder whole, like {{firstName}}, or take the braces out.`,
        field,
      );
    if (rest.includes("}}"))
      throw badInput(
        `The ${what(field)} has a “}}” without its “{{”. Write a placeholder whole, like {{firstName}}, or take the braces out.`,
        field,
      );
    const used = placeholdersIn(text);
    const unknown = used.filter((n) => !KNOWN.has(n));
    if (unknown.length)
      throw badInput(
        `The ${what(field)} uses ${unknown.map((n) => `{{${n}}}`).join(", ")}, which we can't fill in. Use only the placeholders listed under the text.`,
        field,
      );
    const offer = used.filter((n) => NEEDS_OFFER.has(n));
    if (offer.length && !s.offerPercent)
      throw badInput(
        `The ${what(field)} uses {{${offer[0]}}}, but this step makes no offer. Give it an offer percent, or take the placeholder out.`,
        field,
      );
    if (used.includes("ratingUrl") && s.trigger !== "POST_EVENT")
      throw badInput(
        `${What(field)}: {{ratingUrl}} is the link to rate an event, so only the post-event sequence can use it. Take it out of this step.`,
        field,
      );
    if (used.includes("reviewUrl")) {
      if (s.trigger !== "POST_EVENT")
        throw badInput(
          `${What(field)}: {{reviewUrl}} asks for a public review, which only goes to someone who rated their event ${REVIEW_MIN_RATING} or 5: only a post-event step can use it. Take it out of this step.`,
          field,
        );
      if (s.minRating === null || s.minRating < REVIEW_MIN_RATING)
        throw badInput(
          `${What(field)}: {{reviewUrl}} asks for a public review, which only goes to someone who rated their event ${REVIEW_MIN_RATING} or 5 (a low rating never is). Set "Send only after a rating of" to ${REVIEW_MIN_RATING} or more, or take the placeholder out.`,
          "minRating",
        );
    }
  }
}

/** The rules that need the whole step (and its neighbours), after the schema's field checks. */
function checkStep(
  s: Required<StepPatch>,
  trigger: CampaignTriggerName,
  prev: { position: number; delayMinutes: number } | undefined,
  next: { position: number; delayMinutes: number } | undefined,
): void {
  checkMessageWords({ ...s, trigger });
  if ((s.offerPercent === null) !== (s.offerValidDays === null))
    throw badInput(
      s.offerPercent === null
        ? "An offer needs its percent too (1-50 %), or clear the days it is valid."
        : "Say how many days the offer's code is valid (1-365), or clear the offer percent.",
      s.offerPercent === null ? "offerPercent" : "offerValidDays",
    );
  if (prev && s.delayMinutes <= prev.delayMinutes)
    throw badInput(
      `The delay must be longer than step ${prev.position}'s (${delayWords(prev.delayMinutes)}): steps go out in order.`,
      "delay",
    );
  if (next && s.delayMinutes >= next.delayMinutes)
    throw badInput(
      `The delay must be shorter than step ${next.position}'s (${delayWords(next.delayMinutes)}): steps go out in order.`,
      "delay",
    );
}

/**
 * Changes one step (only the fields given), audited. Already sent steps are never sent again: a
 * send record is unique per (enrolment, step) and an edit keeps the step's id and position. A new
 * delay moves only the next due time of the people whose NEXT step is this one (to the anchor
 * plus the new delay, or now when that has passed; quiet hours and the frequency cap still apply
 * when it comes due), in the same transaction; nobody else's schedule changes.
 */
export async function updateCampaignStep(
  db: Db,
  deps: AdminDeps & { now: () => Date },
  p: { actor: AdminActor; stepId: string; patch: StepPatch },
) {
  return adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    const before = await tx.campaignStep.findUnique({
      where: { id: p.stepId },
      include: { sequence: { select: { name: true, trigger: true, steps: true } } },
    });
    if (!before) throw notFound("campaign step");
    const merged: Required<StepPatch> = {
      delayMinutes: p.patch.delayMinutes ?? before.delayMinutes,
      channel: p.patch.channel ?? before.channel,
      subject: p.patch.subject ?? before.subject,
      template: p.patch.template ?? before.template,
      offerPercent: p.patch.offerPercent !== undefined ? p.patch.offerPercent : before.offerPercent,
      offerValidDays:
        p.patch.offerValidDays !== undefined ? p.patch.offerValidDays : before.offerValidDays,
      minRating: p.patch.minRating !== undefined ? p.patch.minRating : before.minRating,
    };
    const others = before.sequence.steps
      .filter((s) => s.id !== before.id)
      .sort((a, b) => a.position - b.position);
    checkStep(
      merged,
      before.sequence.trigger,
      others.filter((s) => s.position < before.position).at(-1),
      others.find((s) => s.position > before.position),
    );
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const k of Object.keys(merged) as (keyof StepPatch)[])
      if (merged[k] !== before[k]) {
        b[k] = before[k];
        a[k] = merged[k];
      }
    if (!Object.keys(a).length) return { changed: false, rescheduled: 0 };
    await tx.campaignStep.update({ where: { id: before.id }, data: a });
    let rescheduled = 0;
    if (a.delayMinutes !== undefined)
      rescheduled = await tx.$executeRaw`
        UPDATE "CampaignEnrolment"
        SET "nextDueAt" = GREATEST(${deps.now()}::timestamptz,
                                   "anchorAt" + make_interval(mins => ${merged.delayMinutes}::int))
        WHERE "sequenceId" = ${before.sequenceId} AND state = 'ACTIVE'
          AND "nextPosition" = ${before.position}`;
    // The sequence and step named on both sides: the audit sentence reads them, the details list
    // only what changed.
    const ctx = { sequence: before.sequence.name, position: before.position };
    audit({
      action: "campaign-step.update",
      entity: "campaignSequence",
      entityId: before.sequenceId,
      before: { ...ctx, ...b },
      after: { ...ctx, ...a, ...(rescheduled ? { rescheduled } : {}) },
    });
    return { changed: true, rescheduled };
  });
}

/**
 * Switches a sequence on or off and sets its exit rule, audited. Off: nobody new is enrolled and
 * no step of it goes out; a person whose next step comes due while it is off leaves the sequence
 * ("sequence turned off", the engine's rule) and is not picked up again when it is switched back
 * on. Steps already sent stay sent.
 */
export async function setCampaignSequence(
  db: Db,
  deps: AdminDeps,
  p: { actor: AdminActor; key: string; active?: boolean; exitOnBooking?: boolean },
) {
  return adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    const before = await tx.campaignSequence.findUnique({ where: { key: p.key } });
    if (!before) throw notFound("campaign sequence");
    const always = ALWAYS_EXIT_ON_BOOKING.includes(before.trigger);
    if (always && p.exitOnBooking === false)
      throw badInput(
        `${before.name} always stops when the person books (a booking ends it at once), so that can't be switched off.`,
        "exitOnBooking",
      );
    const was = {
      active: before.active,
      exitOnBooking: always || exitOnBookingOf(before.exitRules),
    };
    const now = {
      active: p.active ?? was.active,
      exitOnBooking: p.exitOnBooking ?? was.exitOnBooking,
    };
    const b: Record<string, unknown> = {};
    const a: Record<string, unknown> = {};
    for (const k of ["active", "exitOnBooking"] as const)
      if (was[k] !== now[k]) {
        b[k] = was[k];
        a[k] = now[k];
      }
    if (!Object.keys(a).length) return { changed: false };
    const exitRules = {
      ...(typeof before.exitRules === "object" &&
      before.exitRules &&
      !Array.isArray(before.exitRules)
        ? before.exitRules
        : {}),
      exitOnBooking: now.exitOnBooking,
    };
    await tx.campaignSequence.update({
      where: { id: before.id },
      data: { active: now.active, exitRules },
    });
    audit({
      action: "campaign-sequence.update",
      entity: "campaignSequence",
      entityId: before.id,
      before: { sequence: before.name, ...b },
      after: { sequence: before.name, ...a },
    });
    return { changed: true };
  });
}

// ------------------------------------------------------------------------------------- Funnel

/** A booking made within this long of a send is that send's conversion (last touch). */
export const CONVERSION_WINDOW_DAYS = 14;

interface FunnelRow {
  stepId: string;
  sent: number;
  delivered: number;
  failed: number;
  clicked: number;
}

/**
 * The funnel of every step over the last `days` days (sends claimed in the period), from the
 * tables:
 * - sent: send records written with an email (CLAIMED or SENT: the email went to the outbox);
 * - delivered: of those, the outbox row is SENT (an in-app message: in the inbox); failed:
 *   FAILED (not a "Not sent" exit);
 * - skipped: send records SKIPPED, grouped by their reason;
 * - converted: bookings that are PENDING, CONFIRMED or COMPLETED, by the send's recipient (the
 *   booking's contact email, or its customer's email), made after the send and within 14 days of it;
 *   for an abandoned booking also that very booking once confirmed (its `confirmedAt`, or when it
 *   last changed for one waiting for approval). Each booking counts once per sequence, for the
 *   latest of its sends before the booking (last touch); revenue is those bookings' totals.
 * - clicked: of the sent ones, those whose email had a link followed (the signed /r redirect
 *   records the first click of each send, clicks.ts), by the end of the period. Texts' links are
 *   plain: a text or in-app step says null ("not tracked") unless a click was recorded.
 */
export async function campaignFunnel(db: Db, p: { now: Date; days: number }) {
  const since = new Date(p.now.getTime() - p.days * DAY);
  const [counts, skips, conversions, sequences] = await Promise.all([
    db.$queryRaw<FunnelRow[]>`
      SELECT s."stepId",
        COUNT(*) FILTER (WHERE s.status IN ('CLAIMED', 'SENT'))::int AS sent,
        COUNT(*) FILTER (WHERE s.status IN ('CLAIMED', 'SENT')
          AND (m.status = 'SENT' OR s.channel = 'IN_APP'))::int AS delivered,
        COUNT(*) FILTER (WHERE s.status IN ('CLAIMED', 'SENT') AND m.status = 'FAILED')::int
          AS failed,
        COUNT(*) FILTER (WHERE s.status IN ('CLAIMED', 'SENT') AND s."clickedAt" IS NOT NULL
          AND s."clickedAt" <= ${p.now})::int AS clicked
      FROM "CampaignSend" s
      LEFT JOIN "EmailMessage" m ON m."idempotencyKey" = s."emailKey"
      WHERE s."claimedAt" > ${since} AND s."claimedAt" <= ${p.now}
      GROUP BY s."stepId"`,
    db.$queryRaw<{ stepId: string; reason: string; count: number }[]>`
      SELECT s."stepId", COALESCE(s."skipReason", 'no reason recorded') AS reason,
             COUNT(*)::int AS count
      FROM "CampaignSend" s
      WHERE s.status = 'SKIPPED' AND s."claimedAt" > ${since} AND s."claimedAt" <= ${p.now}
      GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
    db.$queryRaw<{ sequenceId: string; stepId: string; bookingId: string; totalCents: number }[]>`
      WITH sent AS (
        SELECT s.id, s."stepId", s."claimedAt", s.recipient, e."sequenceId", e."bookingId",
               q.trigger
        FROM "CampaignSend" s
        JOIN "CampaignEnrolment" e ON e.id = s."enrolmentId"
        JOIN "CampaignSequence" q ON q.id = e."sequenceId"
        WHERE s.status IN ('CLAIMED', 'SENT') AND s."claimedAt" > ${since}
          AND s."claimedAt" <= ${p.now}
      ), matched AS (
        -- The abandoned booking itself, once confirmed (or waiting for approval).
        SELECT x."sequenceId", x."stepId", x."claimedAt", b.id AS "bookingId", b."totalCents",
               COALESCE(b."confirmedAt", b."updatedAt") AS at
        FROM sent x JOIN "Booking" b ON b.id = x."bookingId"
        WHERE x.trigger = 'ABANDONED_BOOKING'
        UNION
        -- Any booking made with the same contact email, or by the customer with that email.
        SELECT x."sequenceId", x."stepId", x."claimedAt", b.id, b."totalCents", b."createdAt"
        FROM sent x JOIN "Booking" b ON lower(b."contactEmail") = x.recipient
        WHERE b.id IS DISTINCT FROM x."bookingId" OR x.trigger <> 'ABANDONED_BOOKING'
        UNION
        SELECT x."sequenceId", x."stepId", x."claimedAt", b.id, b."totalCents", b."createdAt"
        FROM sent x JOIN "Customer" c ON lower(c.email) = x.recipient
        JOIN "Booking" b ON b."customerId" = c.id
        WHERE b.id IS DISTINCT FROM x."bookingId" OR x.trigger <> 'ABANDONED_BOOKING'
      )
      SELECT DISTINCT ON (m."sequenceId", m."bookingId")
             m."sequenceId", m."stepId", m."bookingId", m."totalCents"
      FROM matched m JOIN "Booking" b ON b.id = m."bookingId"
      WHERE b.status IN ('PENDING', 'CONFIRMED', 'COMPLETED')
        AND m.at > m."claimedAt"
        AND m.at <= m."claimedAt" + make_interval(days => ${CONVERSION_WINDOW_DAYS}::int)
        AND m.at <= ${p.now}
      ORDER BY m."sequenceId", m."bookingId", m."claimedAt" DESC`,
    db.campaignSequence.findMany({
      include: { steps: { orderBy: { position: "asc" } } },
    }),
  ]);
  const stepFunnel = (stepId: string, channel: CampaignChannelName) => {
    const c = counts.find((r) => r.stepId === stepId);
    const conv = conversions.filter((r) => r.stepId === stepId);
    const skipped = skips.filter((r) => r.stepId === stepId);
    return {
      sent: c?.sent ?? 0,
      delivered: c?.delivered ?? 0,
      failed: c?.failed ?? 0,
      skipped: skipped.reduce((n, r) => n + r.count, 0),
      skipReasons: skipped.map((r) => ({ reason: r.reason, count: r.count })),
      /** Sends with a link followed; null: "not tracked" (a text or in-app step: plain links). */
      clicked:
        channel === "EMAIL" || (c?.clicked ?? 0) > 0 ? (c?.clicked ?? 0) : (null as number | null),
      converted: conv.length,
      revenueCents: conv.reduce((n, r) => n + Number(r.totalCents), 0),
    };
  };
  return {
    days: p.days,
    since,
    conversionWindowDays: CONVERSION_WINDOW_DAYS,
    sequences: sequences.map((s) => {
      const steps = s.steps.map((st) => ({
        stepId: st.id,
        position: st.position,
        subject: st.subject,
        delayWords: delayWords(st.delayMinutes),
        channel: st.channel,
        ...stepFunnel(st.id, st.channel),
      }));
      const sum = (k: "sent" | "delivered" | "failed" | "skipped" | "converted" | "revenueCents") =>
        steps.reduce((n, st) => n + st[k], 0);
      return {
        id: s.id,
        key: s.key,
        name: s.name,
        trigger: s.trigger,
        totals: {
          sent: sum("sent"),
          delivered: sum("delivered"),
          failed: sum("failed"),
          skipped: sum("skipped"),
          clicked: steps.some((st) => st.clicked !== null)
            ? steps.reduce((n, st) => n + (st.clicked ?? 0), 0)
            : null,
          converted: sum("converted"),
          revenueCents: sum("revenueCents"),
        },
        steps,
      };
    }),
  };
}

/** A rating this low (or lower) is listed with its comment for the owner. */
export const LOW_RATING = 3;

/** The post-event ratings given in the last `days` days: how many, the average, the low ones. */
export async function campaignRatings(db: Db, p: { now: Date; days: number }) {
  const since = new Date(p.now.getTime() - p.days * DAY);
  const where = { createdAt: { gt: since, lte: p.now } };
  const [agg, byRating, low] = await Promise.all([
    db.eventFeedback.aggregate({ where, _count: { _all: true }, _avg: { rating: true } }),
    db.eventFeedback.groupBy({ by: ["rating"], where, _count: { _all: true } }),
    db.eventFeedback.findMany({
      where: { ...where, rating: { lte: LOW_RATING } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
  ]);
  const bookings = await db.booking.findMany({
    where: { id: { in: low.map((f) => f.bookingId) } },
    select: { id: true, code: true, contactName: true, startsAt: true, timeZone: true },
  });
  return {
    count: agg._count._all,
    /** Rounded to one decimal; null when nobody rated. */
    average: agg._avg.rating === null ? null : Math.round(agg._avg.rating * 10) / 10,
    byRating: [5, 4, 3, 2, 1].map((r) => ({
      rating: r,
      count: byRating.find((x) => x.rating === r)?._count._all ?? 0,
    })),
    low: low.map((f) => {
      const b = bookings.find((x) => x.id === f.bookingId);
      return {
        bookingId: f.bookingId,
        bookingCode: b?.code ?? null,
        contactName: b?.contactName ?? null,
        eventDate: b ? formatInstant(b.startsAt, b.timeZone, "fullDate") : null,
        rating: f.rating,
        comment: f.comment,
        createdAt: f.createdAt,
      };
    }),
  };
}

// ---------------------------------------------------------------------------- Suppression list

/** Consent sources that are the person's own word (only they can take it back). */
const SELF_SOURCES: Record<string, string> = {
  "unsubscribe-link": "with the unsubscribe link in one of our emails",
  "sms-stop": "by replying STOP to a text",
  "my-bookings": "with the switch on My bookings",
};

const sourceWords = (source: string) =>
  source === "owner"
    ? "Added by the owner"
    : source === "unsubscribe-link"
      ? "Unsubscribed with the link in our email"
      : source === "sms-stop"
        ? "Replied STOP to a text"
        : source === "my-bookings"
          ? "Turned off by the customer on My bookings"
          : source;

export const normalizeAddress = (channel: CampaignChannelName, address: string) =>
  channel === "EMAIL" ? address.trim().toLowerCase() : address.trim();

export async function listSuppressions(
  db: Db,
  p: { search?: string; cursor?: string; take?: number },
) {
  const take = Math.min(Math.max(p.take ?? 50, 1), 200);
  const rows = await db.suppression.findMany({
    where: p.search ? { address: { contains: p.search.trim(), mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(p.cursor ? { cursor: { id: p.cursor }, skip: 1 } : {}),
  });
  const more = rows.length > take;
  const items = rows.slice(0, take);
  const consents = await db.contactConsent.findMany({
    where: {
      OR: items.map((r) => ({ channel: r.channel, address: r.address })),
    },
  });
  return {
    nextCursor: more ? items[items.length - 1]!.id : null,
    items: items.map((r) => {
      const c = consents.find((x) => x.channel === r.channel && x.address === r.address);
      const refusal = removalRefusal(r.address, c ?? null);
      return {
        id: r.id,
        channel: r.channel,
        address: r.address,
        reason: r.reason,
        source: r.source,
        sourceWords: sourceWords(r.source),
        createdAt: r.createdAt,
        consent: c ? { status: c.status, source: c.source, at: c.at } : null,
        /** Why it can't be removed here, or null when the owner may remove it. */
        removable: refusal === null,
        cannotRemoveBecause: refusal,
      };
    }),
  };
}

function removalRefusal(
  address: string,
  consent: { status: string; source: string; at: Date } | null,
): string | null {
  if (consent?.status !== "REVOKED" || consent.source === "owner") return null;
  const how = SELF_SOURCES[consent.source] ?? `themselves (${consent.source})`;
  return `${address} unsubscribed ${how}. Only they can agree to hear from us again, so it stays on the list.`;
}

export async function addSuppression(
  db: Db,
  deps: AdminDeps & { now: () => Date },
  p: { actor: AdminActor; channel: CampaignChannelName; address: string; reason: string },
) {
  const address = normalizeAddress(p.channel, p.address);
  return adminWrite(
    db,
    deps,
    {
      actor: p.actor,
      scopes: [],
      duplicate: `${address} is already on the suppression list.`,
    },
    async (tx, audit) => {
      const now = deps.now();
      const row = await tx.suppression.create({
        data: { channel: p.channel, address, reason: p.reason, source: "owner", createdAt: now },
      });
      // Everything still running for the address stops now (the engine would at its next step).
      const exited =
        p.channel === "EMAIL"
          ? (
              await tx.campaignEnrolment.updateMany({
                where: { email: address, state: "ACTIVE" },
                data: { state: "EXITED", exitReason: "suppressed", exitedAt: now, nextDueAt: null },
              })
            ).count
          : 0;
      audit({
        action: "suppression.add",
        entity: "suppression",
        entityId: row.id,
        after: { channel: p.channel, address, reason: p.reason, ...(exited ? { exited } : {}) },
      });
      return { ...row, exited };
    },
  );
}

/**
 * Takes an address off the suppression list (the owner confirmed: we may message them again).
 * Refused, writing nothing, when the person revoked their consent themselves.
 */
export async function removeSuppression(
  db: Db,
  deps: AdminDeps,
  p: { actor: AdminActor; id: string },
) {
  return adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    const row = await tx.suppression.findUnique({ where: { id: p.id } });
    if (!row) throw notFound("suppression");
    const consent = await tx.contactConsent.findUnique({
      where: { channel_address: { channel: row.channel, address: row.address } },
    });
    const refusal = removalRefusal(row.address, consent);
    if (refusal) throw new AppError("CONFLICT", refusal);
    await tx.suppression.delete({ where: { id: row.id } });
    audit({
      action: "suppression.remove",
      entity: "suppression",
      entityId: row.id,
      before: { channel: row.channel, address: row.address, reason: row.reason },
    });
    return { removed: true, address: row.address };
  });
}
