// Churn-risk interventions (issue 15, point 6) go through the campaign engine: the nightly run
// enrols each customer whose score falls in a CHURN_RISK sequence's band (70-100: the owner's
// personal note with 20 % off, which the owner approves first; 40-69: the new-menu showcase with
// 10 %; below 40: nothing, the normal cadence), once per customer per quarter, and the engine
// sends it with its usual rules (consent, quiet hours, frequency cap, exit on a booking).
import { Prisma, type Db, type DbTx } from "@myhibachi/db";
import { formatInstant, zonedParts } from "@myhibachi/shared";
import { adminWrite, badInput, notFound, type AdminActor, type AdminDeps } from "../admin/audit";
import { exitReasonFor, firstNameOf } from "../campaigns/engine";
import { checkMessageWords } from "../campaigns/owner";

/** "2026-Q4" in the business time zone: the period a customer is enrolled at most once in. */
export function quarterOf(now: Date, timeZone: string): string {
  const p = zonedParts(now, timeZone);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

export const churnSubjectKey = (customerId: string, quarter: string) =>
  `churn:${customerId}:${quarter}`;

const minScoreOf = (json: Prisma.JsonValue): number | null =>
  typeof json === "object" && json && !Array.isArray(json) && typeof json.minScore === "number"
    ? json.minScore
    : null;

export interface ScoredCustomer {
  customerId: string;
  churnScore: number;
  reasons: string[];
  /** Completed parties as the owner counts them (two on one day are two). */
  completedBookings: number;
  /**
   * Days with a completed party: a customer with one (however many parties that day) is a
   * one-time customer, left to the re-engagement emails.
   */
  eventDays: number;
}

/**
 * Churn-risk interventions are for customers who came back at least once: completed parties on
 * at least this many different days (two parties on one day are one occasion). Most hibachi parties
 * are one-offs, so nearly every one-time customer is at "high" risk: they stay in the
 * re-engagement emails (3, 6 and 12 months) instead of each asking for an owner's personal note.
 */
export const CHURN_INTERVENTION_MIN_BOOKINGS = 2;

/** At most one churn-risk enrolment per customer per calendar quarter and per 90 days. */
export const CHURN_INTERVENTION_GAP_DAYS = 90;
/**
 * No churn-risk enrolment for a customer who got any campaign message (an email, a text, an
 * in-app message: a re-engagement offer, a thank-you) in the last 14 days: two offers a day or two
 * apart (10 % then 20 %) read as spam (attack 15 round 2, F9). They are skipped, not held: the
 * nightly run looks again with a fresh score once the 14 days are over, and nothing waits for the
 * owner's approval meanwhile for a customer who may book on the offer they just got.
 */
export const CHURN_INTERVENTION_QUIET_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Enrols the scored customers in the churn-risk sequence of their band. Skipped: a one-time
 * customer (above), a customer
 * already enrolled in any churn-risk sequence this quarter or in the last 90 days, one sent any
 * campaign message in the last 14 days, one with a booking on the books
 * (HELD, PENDING or CONFIRMED), a deleted account's placeholder address. Serialised by an
 * advisory lock (two runs at once can't enrol a customer in both bands); nothing here calls out.
 */
export async function enrolChurnInterventions(
  db: Db,
  scored: ScoredCustomer[],
  now: Date,
  timeZone: string,
): Promise<{ enrolled: number; bySequence: Record<string, number> }> {
  const sequences = (
    await db.campaignSequence.findMany({
      where: { trigger: "CHURN_RISK", active: true },
      include: { steps: { orderBy: { position: "asc" }, take: 1 } },
    })
  )
    .map((s) => ({ ...s, minScore: minScoreOf(s.exitRules) }))
    .filter((s): s is typeof s & { minScore: number } => s.minScore !== null && s.steps.length > 0)
    .sort((a, b) => b.minScore - a.minScore);
  const bySequence: Record<string, number> = {};
  if (sequences.length === 0) return { enrolled: 0, bySequence };
  const lowest = sequences[sequences.length - 1]!.minScore;
  const candidates = scored.filter(
    (s) => s.churnScore >= lowest && s.eventDays >= CHURN_INTERVENTION_MIN_BOOKINGS,
  );
  if (candidates.length === 0) return { enrolled: 0, bySequence };
  const quarter = quarterOf(now, timeZone);
  let enrolled = 0;
  for (let i = 0; i < candidates.length; i += 500) {
    const chunk = candidates.slice(i, i + 500);
    const ids = chunk.map((c) => c.customerId);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('churn-interventions'))`;
      const [customers, already, busy, zones] = await Promise.all([
        tx.customer.findMany({
          where: { id: { in: ids } },
          select: { id: true, email: true, name: true },
        }),
        tx.campaignEnrolment.findMany({
          where: {
            sequence: { trigger: "CHURN_RISK" },
            OR: [
              { subjectKey: { in: ids.map((id) => churnSubjectKey(id, quarter)) } },
              // A quarter is also at least 90 days: a note on December 30 is not followed by
              // another on January 2 (attack R1-14's side question).
              {
                customerId: { in: ids },
                createdAt: { gt: new Date(now.getTime() - CHURN_INTERVENTION_GAP_DAYS * DAY_MS) },
              },
            ],
          },
          select: { customerId: true },
        }),
        tx.booking.findMany({
          where: { customerId: { in: ids }, status: { in: ["HELD", "PENDING", "CONFIRMED"] } },
          select: { customerId: true },
          distinct: ["customerId"],
        }),
        tx.$queryRaw<{ customerId: string; timeZone: string }[]>`
          SELECT DISTINCT ON ("customerId") "customerId", "timeZone" FROM "Booking"
          WHERE "customerId" IN (${Prisma.join(ids)}) ORDER BY "customerId", "startsAt" DESC`,
      ]);
      const recent = await tx.campaignSend.findMany({
        where: {
          status: { in: ["CLAIMED", "SENT"] },
          claimedAt: { gt: new Date(now.getTime() - CHURN_INTERVENTION_QUIET_DAYS * DAY_MS) },
          OR: [
            { enrolment: { customerId: { in: ids } } },
            { recipient: { in: customers.map((c) => c.email.toLowerCase()) } },
          ],
        },
        select: { recipient: true, enrolment: { select: { customerId: true } } },
      });
      const recentlyMessaged = new Set(recent.map((r) => r.recipient));
      const skip = new Set([
        ...already.map((a) => a.customerId),
        ...busy.map((b) => b.customerId),
        ...recent.flatMap((r) => (r.enrolment.customerId ? [r.enrolment.customerId] : [])),
        ...customers.filter((c) => recentlyMessaged.has(c.email.toLowerCase())).map((c) => c.id),
      ]);
      const byId = new Map(customers.map((c) => [c.id, c]));
      const zoneOf = new Map(zones.map((z) => [z.customerId, z.timeZone]));
      const rows = chunk.flatMap((c) => {
        const customer = byId.get(c.customerId);
        if (!customer || skip.has(c.customerId) || customer.email.endsWith(".invalid")) return [];
        const seq = sequences.find((s) => c.churnScore >= s.minScore)!;
        const first = seq.steps[0]!;
        bySequence[seq.key] = (bySequence[seq.key] ?? 0) + 1;
        return [
          {
            sequenceId: seq.id,
            subjectKey: churnSubjectKey(c.customerId, quarter),
            customerId: c.customerId,
            email: customer.email.toLowerCase(),
            firstName: firstNameOf(customer.name),
            timeZone: zoneOf.get(c.customerId) ?? timeZone,
            anchorAt: now,
            createdAt: now,
            nextPosition: first.position,
            nextDueAt: new Date(now.getTime() + first.delayMinutes * 60_000),
            reason: `Churn risk ${c.churnScore}: ${c.reasons.join("; ") || "no reason recorded"}`,
          },
        ];
      });
      if (rows.length) {
        enrolled += (await tx.campaignEnrolment.createMany({ data: rows, skipDuplicates: true }))
          .count;
        // One win-back track at a time: the churn-risk offer replaces the re-engagement emails
        // still to come (two different offers on consecutive days read as spam).
        await tx.campaignEnrolment.updateMany({
          where: {
            customerId: { in: rows.map((r) => r.customerId) },
            state: "ACTIVE",
            sequence: { trigger: "RE_ENGAGEMENT" },
          },
          data: {
            state: "EXITED",
            exitReason: "replaced by the churn-risk offer",
            exitedAt: now,
            nextDueAt: null,
          },
        });
      }
    });
  }
  return { enrolled, bySequence };
}

type EnrolmentWithSteps = Prisma.CampaignEnrolmentGetPayload<{
  include: { sequence: { include: { steps: true } } };
}>;

/** The enrolment, locked as the engine locks it to send a step (FOR UPDATE), with its steps. */
async function lockedEnrolment(tx: DbTx, enrolmentId: string): Promise<EnrolmentWithSteps> {
  await tx.$queryRaw`SELECT id FROM "CampaignEnrolment" WHERE id = ${enrolmentId} FOR UPDATE`;
  const e = await tx.campaignEnrolment.findUnique({
    where: { id: enrolmentId },
    include: { sequence: { include: { steps: { orderBy: { position: "asc" } } } } },
  });
  if (!e) throw notFound("message");
  return e;
}

/**
 * The engine's exit rules (`exitReasonFor`: a booking since the enrolment, an unsubscribe; and a
 * sequence turned off), applied on the locked row when the owner approves or dismisses: an
 * enrolment the engine would end is ended here the same way (its reason), and the owner is told
 * why in a sentence, instead of an "approved" for a note that will never go out (attack 15
 * round 2, F7). Null when the enrolment goes on.
 */
async function endIfTheEngineWould(
  tx: DbTx,
  e: EnrolmentWithSteps,
  now: Date,
): Promise<string | null> {
  if (e.state !== "ACTIVE") return null;
  const why = e.sequence.active ? await exitReasonFor(tx, e) : "sequence turned off";
  if (!why) return null;
  await tx.campaignEnrolment.updateMany({
    where: { id: e.id, state: "ACTIVE" },
    data: { state: "EXITED", exitReason: why, exitedAt: now, nextDueAt: null },
  });
  const who = e.firstName ?? "This customer";
  if (why === "booked") {
    const b = e.customerId
      ? await tx.booking.findFirst({
          where: {
            customerId: e.customerId,
            createdAt: { gt: e.createdAt },
            status: { in: ["HELD", "PENDING", "CONFIRMED", "COMPLETED"] },
          },
          orderBy: { startsAt: "asc" },
          select: { startsAt: true, timeZone: true },
        })
      : null;
    return `${who} booked a party${b ? ` for ${formatInstant(b.startsAt, b.timeZone, "fullDate")}` : ""} after this note was drafted: it won't be sent.`;
  }
  if (why === "unsubscribed")
    return `${who} unsubscribed from our emails after this note was drafted: it won't be sent.`;
  return `This message was stopped (${why}): it won't be sent.`;
}

/** The step waiting for the owner's approval, or a sentence saying why there is none. */
function awaitingApproval(e: EnrolmentWithSteps) {
  const step = e.sequence.steps.find((s) => s.position === e.nextPosition);
  if (e.state !== "ACTIVE" || !step?.needsApproval || e.approvedAt)
    throw badInput(
      e.state === "EXITED"
        ? `This message was stopped (${e.exitReason ?? "ended"}): there is nothing to approve.`
        : e.approvedAt
          ? "This message was already approved."
          : "This message doesn't wait for approval.",
    );
  return step;
}

const usesOfferCode = (words: string) => /\{\{\s*offerCode\s*\}\}/.test(words);

/**
 * The owner approves one customer's message, with their own words if they edited it: it goes out
 * through the engine at its next run (quiet hours, consent and the frequency cap still apply).
 * Refused with a sentence, and the enrolment ended as the engine would end it, when the customer
 * has booked (or unsubscribed) since the note was drafted. A step with an offer keeps its code:
 * words without {{offerCode}} are refused (the owner can choose "Don't send" instead).
 */
export async function approveCampaignMessage(
  db: Db,
  deps: AdminDeps & { now: () => Date },
  p: { actor: AdminActor; enrolmentId: string; subject?: string; text?: string },
) {
  const r = await adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    // The engine's lock: approving is before or after its run on this row, never beside it.
    const e = await lockedEnrolment(tx, p.enrolmentId);
    const step = awaitingApproval(e);
    const now = deps.now();
    // Ended in this transaction, which commits: the refusal is thrown after it (below).
    const stopped = await endIfTheEngineWould(tx, e, now);
    if (stopped) {
      audit({
        action: "campaign-message.stopped",
        entity: "customer",
        entityId: e.customerId,
        after: { sequence: e.sequence.name, reason: stopped },
      });
      return { stopped };
    }
    const subject = p.subject ?? e.draftSubject ?? step.subject;
    const text = p.text ?? e.draftText ?? step.template;
    checkMessageWords({
      subject,
      template: text,
      offerPercent: step.offerPercent,
      trigger: e.sequence.trigger,
      minRating: step.minRating,
    });
    // The intervention is "a personal note with N % off": an edit that drops the code would send
    // the note without the offer it was chosen for (F11). Refused, not silently changed.
    if (step.offerPercent && step.offerValidDays && !usesOfferCode(`${subject} ${text}`))
      throw badInput(
        `This note comes with ${step.offerPercent} % off: keep {{offerCode}} in the text so the customer gets their code, or choose "Don't send" instead.`,
        "template",
      );
    // Conditional: of two approvals at once, the second changes nothing and is told so.
    const done = await tx.campaignEnrolment.updateMany({
      where: { id: e.id, state: "ACTIVE", approvedAt: null },
      data: {
        approvedAt: now,
        approvedBy: p.actor.userId,
        draftSubject: subject,
        draftText: text,
        nextDueAt: now,
      },
    });
    if (done.count === 0) throw badInput("This message was already approved or stopped.");
    audit({
      action: "campaign-message.approve",
      entity: "customer",
      entityId: e.customerId,
      after: {
        sequence: e.sequence.name,
        edited: subject !== step.subject || text !== step.template,
      },
    });
    return { stopped: null };
  });
  if (r.stopped) throw badInput(r.stopped);
  return { approved: true as const };
}

/** The owner decides not to send this customer's message: the enrolment ends, nothing goes out. */
export async function dismissCampaignMessage(
  db: Db,
  deps: AdminDeps & { now: () => Date },
  p: { actor: AdminActor; enrolmentId: string },
) {
  const r = await adminWrite(db, deps, { actor: p.actor, scopes: [] }, async (tx, audit) => {
    // The engine locks an enrolment to send its step: holding the same lock, "Don't send" is
    // either before the send was claimed (stopped, nothing goes out) or after (refused).
    const e = await lockedEnrolment(tx, p.enrolmentId);
    const step = e.sequence.steps.find((s) => s.position === e.nextPosition);
    if (e.state !== "ACTIVE" || !step?.needsApproval)
      throw badInput(
        e.state === "EXITED"
          ? `This message was stopped (${e.exitReason ?? "ended"}): there is nothing to stop.`
          : e.state === "COMPLETED"
            ? "This message was sent: it can't be stopped."
            : "This message doesn't wait for approval.",
      );
    // Approved but not yet on its way (the frequency cap or quiet hours can hold it for days):
    // the owner can still stop it, e.g. after approving a mistake.
    const claimed = await tx.campaignSend.findFirst({
      where: { enrolmentId: e.id, stepId: step.id },
      select: { id: true },
    });
    if (claimed) throw badInput("This message is already on its way: it can't be stopped.");
    // A booking since (or an unsubscribe) ends it as the engine would, with that reason.
    const stopped = await endIfTheEngineWould(tx, e, deps.now());
    if (stopped) return { stopped };
    const done = await tx.campaignEnrolment.updateMany({
      where: { id: e.id, state: "ACTIVE", nextPosition: step.position },
      data: {
        state: "EXITED",
        exitReason: "owner chose not to send",
        exitedAt: deps.now(),
        nextDueAt: null,
      },
    });
    if (done.count === 0) throw badInput("This message was already sent or stopped.");
    audit({
      action: "campaign-message.dismiss",
      entity: "customer",
      entityId: e.customerId,
      after: { sequence: e.sequence.name },
    });
    return { stopped: null };
  });
  if (r.stopped) throw badInput(r.stopped);
  return { dismissed: true as const };
}
