// The balance email, `balanceLinkDaysBefore` days before the event (0 = never): with Stripe, a
// link to the balance page (balance + a tip choice, paid on Stripe Checkout); without it (or for a
// booking made in pay-at-the-event mode), a reminder that the balance is paid at the event, and
// never a request to pay online.
//
// One email per booking, ever: its idempotency key `balance:<bookingId>` is unique in
// EmailMessage and written in one transaction with the link token it carries, so a retried job,
// two workers or a second run store nothing more. The worker's scheduler calls
// `storeDueBalanceEmails` and sends what it returns (the email sweep sends any it couldn't).
import type { Db, DbTx } from "@myhibachi/db";
import { PG_UNIQUE_VIOLATION, pgErrorCode } from "@myhibachi/db";
import { DAY, formatCents, formatInstant } from "@myhibachi/shared";
import { issueAccessToken } from "../booking/links";
import type { StoredEmail } from "../operations/define";
import { BALANCE_BOOKING_SELECT, balanceOptions } from "./balance";

export const balanceEmailKey = (bookingId: string) => `balance:${bookingId}`;

/**
 * Live bookings whose event starts within `days` days from `now` and that have had no balance
 * email yet, soonest first.
 */
export async function bookingsDueForBalanceEmail(db: Db, now: Date, days: number, limit = 200) {
  if (days <= 0) return [];
  const until = new Date(now.getTime() + days * DAY);
  return db.$queryRaw<{ id: string }[]>`
    SELECT b.id FROM "Booking" b
     WHERE b.status IN ('PENDING', 'CONFIRMED')
       AND b."startsAt" > ${now} AND b."startsAt" <= ${until}
       AND b."contactEmail" IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM "EmailMessage" e
                        WHERE e."idempotencyKey" = 'balance:' || b.id)
     ORDER BY b."startsAt", b.id
     LIMIT ${limit}`;
}

/** The email for one booking, or null when nothing is due (paid in full, not payable). */
export async function balanceEmail(
  db: Db | DbTx,
  bookingId: string,
  opts: { onlinePayments: boolean; customerUrl: string; token: () => Promise<string> },
): Promise<StoredEmail | null> {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    select: { ...BALANCE_BOOKING_SELECT, contactEmail: true, contactName: true },
  });
  if (!b?.contactEmail) return null;
  const o = await balanceOptions(db, b, { onlinePayments: opts.onlinePayments });
  if (o.dueCents <= 0 || !["PENDING", "CONFIRMED"].includes(b.status)) return null;
  const settings = await db.businessSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { businessName: true, phone: true, email: true },
  });
  const token = await opts.token();
  const page = `${opts.customerUrl}/bookings/${b.id}`;
  const when = formatInstant(b.startsAt, b.timeZone, "fullDateTime");
  const lines = o.money.lines
    .filter((l) => l.kind !== "pay_at_event")
    .map((l) => `  ${l.label}${l.amountCents != null ? `: ${formatCents(l.amountCents)}` : ""}`);
  const hello = `Hi ${b.contactName ?? "there"}, your hibachi party ${b.code} is on ${when}.`;
  const money = [`Total ${formatCents(b.totalCents)}`, ...lines].join("\n");
  const sign = `See you soon!\n${settings.businessName} · ${settings.phone} · ${settings.email}`;
  if (o.online) {
    const tips = o.tips.map((t) => `${t.label} (${formatCents(t.cents)})`).join(", ");
    return {
      to: b.contactEmail,
      subject: `Pay the balance for your hibachi party (${b.code})`,
      text: [
        hello,
        money,
        `You can pay the balance of ${formatCents(o.dueCents)} now on our secure payment page (Stripe), and add a tip for your chef if you like${tips ? `: ${tips}, or an amount of your choice` : ""}:\n${page}/balance?token=${token}`,
        `Prefer to pay at the event? That's fine too: the chef takes cash or a card.`,
        `Your booking: ${page}?token=${token}`,
        sign,
      ].join("\n\n"),
      idempotencyKey: balanceEmailKey(b.id),
    };
  }
  return {
    to: b.contactEmail,
    subject: `Your hibachi party is coming up (${b.code})`,
    text: [
      hello,
      money,
      `No payment is taken online: you pay the balance of ${formatCents(o.dueCents)} at the event, in cash or by card. A tip for your chef is welcome but never required.`,
      `Your booking: ${page}?token=${token}`,
      sign,
    ].join("\n\n"),
    idempotencyKey: balanceEmailKey(b.id),
  };
}

/**
 * Stores the balance email of every booking due for one (see `bookingsDueForBalanceEmail`), each
 * in its own transaction with its link token; returns the emails to send now. A booking with
 * nothing due gets none (and is looked at again on the next run: it may owe money later).
 */
export async function storeDueBalanceEmails(
  db: Db,
  opts: { now: Date; onlinePayments: boolean; customerUrl: string },
): Promise<StoredEmail[]> {
  const settings = await db.businessSettings.findUniqueOrThrow({
    where: { id: 1 },
    select: { balanceLinkDaysBefore: true },
  });
  const due = await bookingsDueForBalanceEmail(db, opts.now, settings.balanceLinkDaysBefore);
  const out: StoredEmail[] = [];
  for (const { id } of due) {
    try {
      const email = await db.$transaction(async (tx) => {
        if (
          await tx.emailMessage.findUnique({
            where: { idempotencyKey: balanceEmailKey(id) },
            select: { id: true },
          })
        )
          return null;
        const e = await balanceEmail(tx, id, {
          ...opts,
          token: () => issueAccessToken(tx, id, { sentByEmail: true }),
        });
        // The run's clock (the sweep measures "queued for 20 s" from it), not the server's.
        if (e) await tx.emailMessage.create({ data: { ...e, createdAt: opts.now } });
        return e;
      });
      if (email) out.push(email);
    } catch (err) {
      // Another worker stored it between our check and our insert: that one is sent.
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
    }
  }
  return out;
}
