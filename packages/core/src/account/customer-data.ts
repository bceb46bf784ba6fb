// A customer's own data: a copy of everything we hold about them (their account, bookings,
// payments, chats and the emails we sent them), and deleting the account.
//
// Whose data is whose follows the one rule of customer-access.ts: the bookings (and the emails
// about them) belong to an account only once it has proved it owns its email address. Anyone can
// sign up with someone else's address; such an account's copy holds its own chats and nothing of
// the address's bookings, and deleting it leaves those bookings alone.
//
// Deleting keeps the books: bookings, payments and refunds stay (a caterer must keep its sales
// records), with the person taken out of them (name, email, phone, street address, notes,
// the reasons they typed: replaced, see DELETED_NAME). The account itself, its sessions and passwords are deleted, so it
// can't be signed in to again; chats are deleted; emails to the person lose their address and
// text. A booking still to come refuses the deletion (see `deleteCustomerAccount`).
import { eraseCampaignData } from "../campaigns/erase";
import { Prisma, type Db, type DbTx } from "@myhibachi/db";
import { formatInstant } from "@myhibachi/shared";
import { AppError } from "../errors";
import { customerIdsForUser } from "../booking/customer-access";
import { redactSecrets } from "../messages/redact";
import { normalizePhone } from "../contact/phone";
import { likeLiteral } from "../like";

export interface AccountOwner {
  id: string;
  email: string;
  emailVerified: boolean;
}

/**
 * What a deleted customer's records say instead of them. A live-looking booking (waiting,
 * confirmed, completed) must have contact details (a CHECK constraint), so they are replaced by
 * these, never left as the person's: an address under the reserved .invalid domain receives
 * nothing.
 */
export const DELETED_NAME = "Deleted customer";
export const DELETED_PHONE = "(removed)";
export const DELETED_ADDRESS = "(address removed)";
export const deletedEmailFor = (customerId: string) => `deleted-${customerId}@deleted.invalid`;
const REMOVED_TEXT = "(Removed when the customer deleted their account.)";

/** Keys of a booking's selection that describe the person rather than the order. */
const PERSONAL_SELECTION_KEYS = ["notes", "allergies", "allergyNotes", "dietaryNotes", "contact"];

/** A party-changed event's data without the allergies it went from and to. */
function scrubAllergies(data: Prisma.JsonValue): Prisma.JsonValue {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const d = data as Record<string, Prisma.JsonValue>;
  const state = (v: Prisma.JsonValue | undefined) =>
    v && typeof v === "object" && !Array.isArray(v) ? { ...v, allergies: null } : v;
  const changes = Array.isArray(d.changes)
    ? d.changes.map((c) =>
        c &&
        typeof c === "object" &&
        !Array.isArray(c) &&
        (c.what === "Allergies and diets" || c.what === "Dietary needs")
          ? { ...c, from: REMOVED_TEXT, to: REMOVED_TEXT }
          : c,
      )
    : d.changes;
  return { ...d, from: state(d.from), to: state(d.to), changes } as Prisma.JsonValue;
}

/** The customer's bookings (verified email only), with what a copy of their data shows. */
async function ownBookings(db: Db | DbTx, customerIds: string[]) {
  if (!customerIds.length) return [];
  return db.booking.findMany({
    where: { customerId: { in: customerIds } },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    include: {
      package: { select: { name: true } },
      lines: { orderBy: { position: "asc" } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
    },
  });
}

/** The addresses we wrote to about this person: the account's (verified) and its bookings'. */
function emailsOf(user: AccountOwner, bookings: { contactEmail: string | null }[]): string[] {
  if (!user.emailVerified) return [];
  const set = new Set<string>([user.email.toLowerCase()]);
  for (const b of bookings) if (b.contactEmail) set.add(b.contactEmail.toLowerCase());
  return [...set];
}

/** The phone numbers of these records, in stored form (a deleted customer's placeholder is none). */
export function phonesIn(
  customers: { phone: string | null }[],
  bookings: { contactPhone: string | null }[],
): string[] {
  const set = new Set<string>();
  for (const p of [...customers.map((c) => c.phone), ...bookings.map((b) => b.contactPhone)]) {
    const typed = p?.trim();
    if (typed && typed.replace(/\D/g, "").length >= 7) set.add(normalizePhone(typed));
  }
  return [...set].sort();
}

/** Everything we hold about the signed-in customer, as plain JSON. Only theirs. */
export async function exportCustomerData(db: Db, user: AccountOwner, now: Date) {
  const account = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { id: true, name: true, email: true, emailVerified: true, createdAt: true },
  });
  const customerIds = await customerIdsForUser(db, user);
  const [customers, bookings, conversations] = await Promise.all([
    customerIds.length
      ? db.customer.findMany({
          where: { id: { in: customerIds } },
          select: {
            id: true,
            name: true,
            email: true,
            phone: true,
            createdAt: true,
            // The dietary profile saved from their bookings (issue 16).
            dietaryProfile: true,
          },
          orderBy: { createdAt: "asc" },
        })
      : [],
    ownBookings(db, customerIds),
    db.conversation.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      include: {
        messages: {
          where: { role: { in: ["USER", "ASSISTANT", "STAFF"] } },
          orderBy: { createdAt: "asc" },
          select: { role: true, content: true, authorName: true, createdAt: true },
        },
      },
    }),
  ]);
  const addresses = emailsOf(user, bookings);
  const emails = addresses.length
    ? await db.emailMessage.findMany({
        where: { OR: addresses.map((a) => ({ to: { equals: a, mode: "insensitive" as const } })) },
        orderBy: { createdAt: "asc" },
        select: {
          to: true,
          subject: true,
          text: true,
          status: true,
          createdAt: true,
          sentAt: true,
        },
      })
    : [];
  const phones = phonesIn(customers, bookings);
  const bookingIds = bookings.map((b) => b.id);
  const [texts, consents, ledger, feedback, inApp] = await Promise.all([
    phones.length
      ? db.smsMessage.findMany({
          where: { to: { in: phones } },
          orderBy: { createdAt: "asc" },
          select: { to: true, body: true, status: true, createdAt: true, sentAt: true },
        })
      : [],
    addresses.length || phones.length
      ? db.contactConsent.findMany({
          where: {
            OR: [
              ...addresses.map((address) => ({ channel: "EMAIL" as const, address })),
              ...phones.map((address) => ({ channel: "SMS" as const, address })),
            ],
            // Another account's word about a shared phone is theirs, not in this copy (R8-2).
            AND: [{ OR: [{ accountId: null }, { accountId: user.id }] }],
          },
          orderBy: { at: "asc" },
          select: { channel: true, address: true, status: true, source: true, at: true },
        })
      : [],
    customerIds.length
      ? db.loyaltyLedger.findMany({
          where: { customerId: { in: customerIds } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { kind: true, points: true, bookingId: true, note: true, createdAt: true },
        })
      : [],
    bookingIds.length
      ? db.eventFeedback.findMany({
          where: { bookingId: { in: bookingIds } },
          orderBy: { createdAt: "asc" },
          select: { bookingId: true, rating: true, comment: true, publicOk: true, createdAt: true },
        })
      : [],
    customerIds.length
      ? db.inAppMessage.findMany({
          where: { customerId: { in: customerIds } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { subject: true, body: true, createdAt: true, readAt: true },
        })
      : [],
  ]);
  return {
    exportedAt: now,
    account: {
      id: account.id,
      name: account.name,
      email: account.email,
      emailVerified: account.emailVerified,
      createdAt: account.createdAt,
    },
    /** Why bookings may be missing: an account sees them once its email is confirmed. */
    note: user.emailVerified
      ? null
      : "Your email address isn't confirmed yet, so this copy has your account and chats only. Confirm your email on My bookings to include the bookings made with it.",
    customers,
    bookings: bookings.map((b) => ({
      id: b.id,
      code: b.code,
      status: b.status,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      timeZone: b.timeZone,
      adults: b.adults,
      children: b.children,
      packageName: b.package.name,
      address: {
        line1: b.addressLine1,
        line2: b.addressLine2,
        city: b.city,
        state: b.state,
        postalCode: b.postalCode,
      },
      contact: { name: b.contactName, email: b.contactEmail, phone: b.contactPhone },
      notes: b.notes,
      allergies: b.allergies,
      dietaryProfile: b.dietaryProfile as Prisma.JsonValue,
      selection: b.selection as Prisma.JsonValue,
      lines: b.lines.map((l) => ({
        label: l.label,
        detail: l.detail,
        quantity: l.quantity,
        unitCents: l.unitCents,
        totalCents: l.totalCents,
      })),
      subtotalCents: b.subtotalCents,
      travelFeeCents: b.travelFeeCents,
      taxCents: b.taxCents,
      totalCents: b.totalCents,
      depositCents: b.depositCents,
      createdAt: b.createdAt,
      cancelledAt: b.cancelledAt,
      cancelReason: b.cancelReason,
    })),
    payments: bookings.flatMap((b) =>
      b.payments.map((p) => ({
        id: p.id,
        bookingId: b.id,
        bookingCode: b.code,
        kind: p.kind,
        method: p.method,
        status: p.status,
        amountCents: p.amountCents,
        tipCents: p.tipCents,
        refundedCents: p.refundedCents,
        currency: p.currency,
        paidAt: p.paidAt,
        createdAt: p.createdAt,
      })),
    ),
    refunds: bookings.flatMap((b) =>
      b.refunds.map((r) => ({
        id: r.id,
        bookingId: b.id,
        paymentId: r.paymentId,
        amountCents: r.amountCents,
        status: r.status,
        createdAt: r.createdAt,
        succeededAt: r.succeededAt,
      })),
    ),
    chats: conversations.map((c) => ({
      id: c.id,
      startedAt: c.createdAt,
      messages: c.messages.map((m) => ({
        from:
          m.role === "USER" ? "you" : m.role === "STAFF" ? (m.authorName ?? "staff") : "assistant",
        text: m.content,
        at: m.createdAt,
      })),
    })),
    // Secret links (sign-in, manage) are replaced: a copy of your data must not sign anyone in.
    emails: emails.map((e) => ({
      to: e.to,
      subject: e.subject,
      text: redactSecrets(e.text),
      status: e.status,
      createdAt: e.createdAt,
      sentAt: e.sentAt,
    })),
    texts: texts.map((t) => ({ ...t, body: redactSecrets(t.body) })),
    /** What you told us about offers by email and texts, where and when. */
    consents,
    loyaltyPoints: ledger,
    feedback,
    /** Our messages to you on My bookings (in-app campaign messages). */
    inAppMessages: inApp.map((m) => ({ ...m, body: redactSecrets(m.body) })),
  };
}

export type CustomerDataExport = Awaited<ReturnType<typeof exportCustomerData>>;

/**
 * Deletes the signed-in customer's account, keeping their bookings and payments anonymised.
 *
 * A booking still to come (held, waiting or confirmed, not yet over) refuses the deletion: a
 * caterer can't cook at an address it no longer has, and cancelling it silently would decide the
 * deposit (the cancellation policy) for the customer. They cancel it first, on its page, where
 * the policy and any refund are said before they confirm; or wait until after the party.
 */
export async function deleteCustomerAccount(
  db: Db,
  user: AccountOwner,
  opts: { now: Date; businessPhone?: string },
): Promise<{ bookingsKept: number; paymentsKept: number }> {
  const { now } = opts;
  return db.$transaction(async (tx) => {
    const customerIds = await customerIdsForUser(tx as unknown as Db, user);
    // Lock the customer rows: a booking made for them meanwhile waits for this to finish (it
    // updates the same row) and then finds no account to attach to.
    if (customerIds.length)
      await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ANY(${customerIds}) FOR UPDATE`;
    const bookings = await ownBookings(tx, customerIds);
    const ahead = bookings
      .filter(
        (b) =>
          (b.status === "PENDING" ||
            b.status === "CONFIRMED" ||
            (b.status === "HELD" && (!b.holdExpiresAt || b.holdExpiresAt > now))) &&
          b.endsAt > now,
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (ahead.length) {
      const first = ahead[0]!;
      const when = formatInstant(first.startsAt, first.timeZone, "shortDateTime");
      const more = ahead.length > 1 ? ` (and ${ahead.length - 1} more)` : "";
      throw new AppError(
        "PRECONDITION_FAILED",
        `You have a party coming up: ${first.code} on ${when}${more}. Cancel it on its page first (you'll see what the cancellation policy means for your deposit), or wait until after the party, then delete your account.${opts.businessPhone ? ` Questions? Call us at ${opts.businessPhone}.` : ""}`,
        { upcoming: ahead.map((b) => b.code) },
      );
    }
    const addresses = emailsOf(user, bookings);
    const bookingIds = bookings.map((b) => b.id);
    // Their phone numbers (stored form), for the SMS outbox and SMS consent below.
    const customerPhones = await tx.customer.findMany({
      where: { id: { in: customerIds } },
      select: { phone: true },
    });
    const phones = [
      ...new Set(
        [...bookings.map((b) => b.contactPhone), ...customerPhones.map((c) => c.phone)].filter(
          (p): p is string => !!p && p !== DELETED_PHONE,
        ),
      ),
    ];
    for (const b of bookings) {
      const selection =
        b.selection && typeof b.selection === "object" && !Array.isArray(b.selection)
          ? Object.fromEntries(
              Object.entries(b.selection as Record<string, unknown>).filter(
                ([k]) => !PERSONAL_SELECTION_KEYS.includes(k),
              ),
            )
          : b.selection;
      await tx.booking.update({
        where: { id: b.id },
        data: {
          contactName: DELETED_NAME,
          contactEmail: deletedEmailFor(b.customerId ?? b.id),
          contactPhone: DELETED_PHONE,
          addressLine1: DELETED_ADDRESS,
          addressLine2: null,
          notes: null,
          // Allergies and diets are health data about the person's guests: not the books.
          allergies: null,
          dietaryProfile: Prisma.DbNull,
          // What the customer typed is theirs; a reason staff wrote is the business's record.
          ...(b.cancelReason && !b.cancelledBy?.startsWith("staff:")
            ? { cancelReason: "Cancelled by the customer" }
            : {}),
          selection: selection as Prisma.InputJsonValue,
        },
      });
    }
    if (bookingIds.length) {
      // Manage and receipt links stop working.
      await tx.bookingAccessToken.deleteMany({ where: { bookingId: { in: bookingIds } } });
      await tx.$executeRaw`UPDATE "BookingEvent" SET data = data - 'reason'
                            WHERE "bookingId" = ANY(${bookingIds}) AND data ? 'reason'`;
      // A party change keeps the allergies it went from and to (and a line saying so): health
      // data, out with the rest.
      const changes = await tx.bookingEvent.findMany({
        where: { bookingId: { in: bookingIds }, type: "party-changed" },
      });
      for (const e of changes) {
        const data = scrubAllergies(e.data);
        if (data !== e.data)
          await tx.bookingEvent.update({
            where: { id: e.id },
            data: { data: data as Prisma.InputJsonValue },
          });
      }
    }
    for (const id of customerIds)
      await tx.customer.update({
        where: { id },
        data: {
          name: DELETED_NAME,
          email: deletedEmailFor(id),
          phone: null,
          notes: null,
          userId: null,
          dietaryProfile: Prisma.DbNull,
        },
      });
    await tx.conversation.deleteMany({ where: { userId: user.id } });
    if (addresses.length) {
      const to = {
        OR: addresses.map((a) => ({ to: { equals: a, mode: "insensitive" as const } })),
      };
      // Not sent yet: never sent now.
      await tx.emailMessage.updateMany({
        where: { ...to, status: { in: ["QUEUED", "SENDING"] } },
        data: { status: "FAILED", error: "Not sent: the customer deleted their account." },
      });
      await tx.emailMessage.updateMany({
        where: to,
        // The attached calendar file (.ics) has the street address and the party in it too.
        data: {
          to: "deleted-customer@deleted.invalid",
          text: REMOVED_TEXT,
          html: null,
          attachments: Prisma.DbNull,
        },
      });
    }
    // Follow-up campaigns: nothing more goes out, and what named them is gone. The suppression
    // list keeps an unsubscribed address (so it is never emailed again).
    await eraseCampaignData(tx, { customerIds, bookingIds, addresses, phones }, now);
    await tx.verification.deleteMany({
      where: {
        OR: [
          { identifier: { equals: user.email, mode: "insensitive" } },
          { value: { contains: likeLiteral(`"${user.email.toLowerCase()}"`) } },
        ],
      },
    });
    // Sessions and passwords go with the account (ON DELETE CASCADE): it can't be signed in to.
    await tx.user.delete({ where: { id: user.id } });
    const paymentsKept = bookings.reduce((n, b) => n + b.payments.length, 0);
    await tx.auditLog.create({
      data: {
        actorId: null,
        action: "account.deleted",
        entity: "User",
        entityId: user.id,
        after: { bookingsKept: bookings.length, paymentsKept, customerIds },
      },
    });
    return { bookingsKept: bookings.length, paymentsKept };
  });
}
