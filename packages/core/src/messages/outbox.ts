// The owner's Outbox: every stored outgoing message (emails, texts, alert webhook calls), to whom, its
// status and attempts, with secrets redacted; and "retry" for the ones that failed for good.
// Also the local demo mailbox's view of the same rows (customer emails only).
import { Prisma, type Db } from "@myhibachi/db";
import { formatStamp } from "@myhibachi/shared";
import { AppError } from "../errors";
import { businessTimeZone } from "../costs/settings";
import { attachmentsOf } from "./attachments";
import { linksIn, redactSecrets } from "./redact";

export type OutboxStatus = "queued" | "sending" | "sent" | "failed";
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ["queued", "sending", "sent", "failed"];
export type OutboxKind = "email" | "sms" | "webhook";
export const OUTBOX_KINDS: readonly OutboxKind[] = ["email", "sms", "webhook"];

export interface OutboxItem {
  kind: OutboxKind;
  id: string;
  /** What the message is about ("sign-in link", "booking confirmation", ...), never its key. */
  topic: string;
  to: string;
  subject: string;
  /** The text with secret links and codes replaced by "[link hidden]" / "[code hidden]". */
  body: string;
  status: OutboxStatus;
  attempts: number;
  /** Last error, redacted too. */
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
}

const TOPICS: Record<string, string> = {
  "magic-link": "sign-in link",
  "verify-email": "email verification",
  "signup-existing": "sign-up with an existing email",
  "booking.created": "booking received",
  "booking.confirmed": "booking confirmed",
  "booking.cancelled": "booking cancelled",
  "booking.rescheduled": "booking rescheduled",
  "booking.changed": "booking changed (guests or menu)",
  "cost-alert": "AI cost alert",
  "staff-notice": "staff notice about a booking",
  "chat-transcript": "chat transcript",
  receipt: "payment or refund receipt",
  balance: "balance reminder before the event",
  "reminder-7d": "reminder a week before the party",
  "reminder-24h": "reminder the day before the party",
  "on-the-way": "chef on the way",
  campaign: "follow-up campaign",
  "feedback-alert": "low rating alert",
  "referral-reward": "referral reward",
};

/**
 * The topic of an email from the prefix of its idempotency key. Only a known prefix is shown:
 * the rest of a key can be secret (a sign-in link's key holds its token).
 */
export function emailTopic(idempotencyKey: string): string {
  return TOPICS[idempotencyKey.split(":", 1)[0]!] ?? "email";
}

const STATUS_SQL: Record<OutboxStatus, { email: string; webhook: string }> = {
  queued: { email: "QUEUED", webhook: "PENDING" },
  sending: { email: "SENDING", webhook: "SENDING" },
  sent: { email: "SENT", webhook: "SENT" },
  failed: { email: "FAILED", webhook: "FAILED" },
};
const fromSql = (s: string): OutboxStatus =>
  s === "PENDING" || s === "QUEUED" ? "queued" : (s.toLowerCase() as OutboxStatus);

interface OutboxRow {
  kind: OutboxKind;
  id: string;
  key: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  error: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  sentAt: Date | null;
}

export interface OutboxQuery {
  status?: OutboxStatus | undefined;
  /** Part of the recipient's address (case-insensitive). */
  to?: string | undefined;
  /** `nextCursor` of the previous page. */
  cursor?: string | undefined;
  limit?: number;
}

export interface OutboxPage {
  items: OutboxItem[];
  nextCursor: string | null;
  /** The business's time zone, for showing the timestamps. */
  timeZone: string;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function parseCursor(cursor: string): { at: Date; id: string } {
  const [at = "", id] = cursor.split("|");
  const d = new Date(at);
  // Exactly what nextCursor writes (an ISO instant of years 0001-9999), so Postgres takes it.
  const iso = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at);
  if (!id || !iso || Number.isNaN(d.getTime()) || d.toISOString() !== at)
    throw new AppError("BAD_REQUEST", "That page link is broken. Open the Outbox again.");
  return { at: d, id };
}

/** Newest first; emails, texts and alert webhook calls together. */
export async function listOutbox(db: Db, q: OutboxQuery = {}): Promise<OutboxPage> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  const where: Prisma.Sql[] = [];
  if (q.status) {
    const s = STATUS_SQL[q.status];
    where.push(
      Prisma.sql`((m.kind IN ('email', 'sms') AND m.status = ${s.email}) OR (m.kind = 'webhook' AND m.status = ${s.webhook}))`,
    );
  }
  if (q.to?.trim())
    where.push(Prisma.sql`lower(m."to") LIKE ${`%${likeEscape(q.to.trim().toLowerCase())}%`}`);
  if (q.cursor) {
    const c = parseCursor(q.cursor);
    where.push(Prisma.sql`(m."createdAt", m.id) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await db.$queryRaw<OutboxRow[]>`
    SELECT * FROM (
      SELECT 'email' AS kind, e.id, e."idempotencyKey" AS key, e."to", e.subject, e.text AS body,
             e.status::text AS status, e.attempts, e.error, e."createdAt",
             e."claimedAt" AS "lastAttemptAt", e."sentAt"
      FROM "EmailMessage" e
      UNION ALL
      SELECT 'sms', s.id, s."idempotencyKey", s."to", 'Text message', s.body,
             s.status::text, s.attempts, s.error, s."createdAt", s."claimedAt", s."sentAt"
      FROM "SmsMessage" s
      UNION ALL
      SELECT 'webhook', d.id, 'cost-alert', 'alert webhook', a.title, a.message,
             d.status::text, d.attempts, d."lastError", d."createdAt", d."lastAttemptAt", d."sentAt"
      FROM "AlertDelivery" d JOIN "CostAlert" a ON a.id = d."alertId"
      WHERE d.channel = 'webhook'
    ) m
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY m."createdAt" DESC, m.id DESC
    LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      topic:
        r.kind === "webhook"
          ? "AI cost alert (webhook)"
          : r.kind === "sms"
            ? `text · ${emailTopic(r.key).replace(/^email$/, "message")}`
            : emailTopic(r.key),
      to: r.to,
      subject: r.subject,
      body: redactSecrets(r.body),
      status: fromSql(r.status),
      attempts: r.attempts,
      error: r.error === null ? null : redactSecrets(r.error),
      createdAt: r.createdAt,
      lastAttemptAt: r.lastAttemptAt,
      sentAt: r.sentAt,
    })),
    nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
    timeZone: await businessTimeZone(db),
  };
}

export type RetriedMessage =
  | { kind: "sms"; id: string; attempts: number }
  | {
      kind: "email";
      id: string;
      attempts: number;
      email: { to: string; subject: string; text: string; idempotencyKey: string };
    }
  | { kind: "webhook"; id: string; attempts: number };

/**
 * Puts a FAILED message back in line for one more attempt (email: QUEUED, the caller enqueues it
 * and the sweep delivers it anyway; webhook: PENDING, sent at the next alert check) and records
 * who did it in the audit log. Anything not FAILED is a CONFLICT: it is sent or on its way.
 */
export async function retryOutboxMessage(
  db: Db,
  { kind, id, actorId }: { kind: OutboxKind; id: string; actorId: string | null },
): Promise<RetriedMessage> {
  return db.$transaction(async (tx) => {
    let result: RetriedMessage | null = null;
    if (kind === "email") {
      const [row] = await tx.emailMessage.updateManyAndReturn({
        where: { id, status: "FAILED" },
        data: { status: "QUEUED" },
      });
      if (row)
        result = {
          kind,
          id,
          attempts: row.attempts,
          email: {
            to: row.to,
            subject: row.subject,
            text: row.text,
            idempotencyKey: row.idempotencyKey,
          },
        };
    } else if (kind === "sms") {
      // QUEUED again: the outbox sweep sends it (a campaign text whose phone said STOP since
      // stays unsent: the sender checks consent right before Twilio).
      const [row] = await tx.smsMessage.updateManyAndReturn({
        where: { id, status: "FAILED" },
        data: { status: "QUEUED" },
      });
      if (row) result = { kind, id, attempts: row.attempts };
    } else {
      const [row] = await tx.alertDelivery.updateManyAndReturn({
        where: { id, channel: "webhook", status: "FAILED" },
        data: { status: "PENDING" },
      });
      if (row) result = { kind, id, attempts: row.attempts };
    }
    if (!result) {
      const exists =
        kind === "email"
          ? await tx.emailMessage.findUnique({ where: { id }, select: { status: true } })
          : kind === "sms"
            ? await tx.smsMessage.findUnique({ where: { id }, select: { status: true } })
            : await tx.alertDelivery.findUnique({ where: { id }, select: { status: true } });
      if (!exists)
        throw new AppError("NOT_FOUND", "That message doesn't exist any more. Reload the page.");
      throw new AppError(
        "CONFLICT",
        `That message is ${fromSql(exists.status)}, not failed: there is nothing to retry. Reload the page.`,
      );
    }
    await tx.auditLog.create({
      data: {
        actorId,
        action: "outbox.retry",
        entity: kind === "email" ? "EmailMessage" : kind === "sms" ? "SmsMessage" : "AlertDelivery",
        entityId: id,
        before: { status: "failed" },
        after: { status: "queued" },
      },
    });
    return result;
  });
}

/** The web calendars a booking email links to (shared/calendar-links.ts). */
const CALENDAR_ORIGINS = ["https://calendar.google.com", "https://outlook.live.com"];

export interface MailboxItem {
  id: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  createdAt: Date;
  /** When it was stored, for people: "Nov 28, 2026, 6:05 PM PST" (the business's wall clock). */
  when: string;
  /** The text, or null when it is not shown here (see `hidden`). */
  body: string | null;
  /** Why the body is hidden: addressed to a staff/owner account, or links outside the site. */
  hidden: "staff" | "offsite" | null;
  /** Names of the files sent with it ("hibachi-party-HB-7K2QXA.ics"). */
  attachments: string[];
}

/**
 * The local demo mailbox (no SMTP server): the latest emails, showing the body only of emails to
 * customers that link nowhere but the customer site. Emails to staff and owner accounts (their
 * sign-in links), cost alerts, and anything linking elsewhere (e.g. the admin app) keep their
 * body hidden: whoever reads a sign-in link becomes that account.
 */
export async function listLocalMailbox(
  db: Db,
  { siteUrl, to, take = 50 }: { siteUrl: string; to?: string | undefined; take?: number },
): Promise<MailboxItem[]> {
  const mails = await db.emailMessage.findMany({
    where: to ? { to: { equals: to.trim(), mode: "insensitive" } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  const addresses = [...new Set(mails.map((m) => m.to.toLowerCase()))];
  const staff = addresses.length
    ? await db.user.findMany({
        where: {
          role: { in: ["STAFF", "OWNER"] },
          OR: addresses.map((email) => ({
            email: { equals: email, mode: "insensitive" as const },
          })),
        },
        select: { email: true },
      })
    : [];
  const staffEmails = new Set(staff.map((u) => u.email.toLowerCase()));
  const timeZone = await businessTimeZone(db);
  const site = new URL(siteUrl).origin;
  const onSite = (link: string) => {
    try {
      const u = new URL(link);
      // "Add to calendar" links (booking emails) open the calendar's own page: no secret there.
      return u.origin === site || CALENDAR_ORIGINS.includes(u.origin);
    } catch {
      return false;
    }
  };
  return mails.map((m) => {
    const hidden =
      staffEmails.has(m.to.toLowerCase()) ||
      m.idempotencyKey.startsWith("staff-notice:") ||
      emailTopic(m.idempotencyKey) === "AI cost alert"
        ? ("staff" as const)
        : linksIn(m.text).every(onSite)
          ? null
          : ("offsite" as const);
    return {
      id: m.id,
      to: m.to,
      // An email to the business says what it is about in its subject ("Low rating: 2 of 5 for
      // booking HB-..."): only its being there is shown.
      subject: hidden === "staff" ? "An email to the business" : m.subject,
      status: fromSql(m.status),
      createdAt: m.createdAt,
      when: formatStamp(m.createdAt, timeZone),
      body: hidden ? null : m.text,
      hidden,
      attachments: hidden === "staff" ? [] : attachmentsOf(m.attachments).map((a) => a.filename),
    };
  });
}
