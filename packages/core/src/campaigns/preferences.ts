// "Messages from us" on My bookings: the signed-in customer turns our offers by email and our texts
// on or off themselves, with the same effect as the unsubscribe link and STOP/START by text, and
// the consent recorded with source "my-bookings" and the time.
//
// Whose addresses: the account's own email once it is confirmed (the same rule that shows
// bookings), and the phone numbers on that account's bookings and customer records. An account
// whose email isn't confirmed has proven nothing, so it sees and changes nothing here.
//
// Booking messages (confirmation, reminders, "your chef is on the way") are not marketing and are
// not switched off here: they belong to the booking.
import type { Db } from "@myhibachi/db";
import { phonesIn, type AccountOwner } from "../account/customer-data";
import { customerIdsForUser } from "../booking/customer-access";
import { normalizePhone } from "../contact/phone";
import { AppError } from "../errors";
import { unsubscribeEmailIn } from "./consent";
import { restartSms, stopSms } from "./sms-replies";

export interface ChannelPreference {
  /** The email address or phone number, as stored. */
  address: string;
  /** Whether we may send it offers (email) or texts (SMS) today. */
  on: boolean;
  /** Set when the business itself stopped messages to it: the customer can't turn it on here. */
  blockedByUs: boolean;
  /** When and where the person last said yes or no, if they did. */
  said: { status: "GRANTED" | "REVOKED"; source: string; at: Date } | null;
}

export interface MessagePreferences {
  /** Null until the account's email is confirmed. */
  email: ChannelPreference | null;
  texts: ChannelPreference[];
}

/** The phone numbers of the account's bookings and customer records, in stored form. */
async function phonesOf(db: Db, user: AccountOwner): Promise<string[]> {
  if (!user.emailVerified) return [];
  const customerIds = await customerIdsForUser(db, user);
  if (!customerIds.length) return [];
  const [customers, bookings] = await Promise.all([
    db.customer.findMany({ where: { id: { in: customerIds } }, select: { phone: true } }),
    db.booking.findMany({
      where: { customerId: { in: customerIds } },
      select: { contactPhone: true },
      distinct: ["contactPhone"],
    }),
  ]);
  return phonesIn(customers, bookings);
}

export async function getMessagePreferences(
  db: Db,
  user: AccountOwner,
): Promise<MessagePreferences> {
  if (!user.emailVerified) return { email: null, texts: [] };
  const email = user.email.trim().toLowerCase();
  const phones = await phonesOf(db, user);
  const keys = [
    { channel: "EMAIL" as const, address: email },
    ...phones.map((address) => ({ channel: "SMS" as const, address })),
  ];
  const [consents, suppressions] = await Promise.all([
    db.contactConsent.findMany({ where: { OR: keys } }),
    db.suppression.findMany({ where: { OR: keys } }),
  ]);
  const pref = (channel: "EMAIL" | "SMS", address: string): ChannelPreference => {
    const c = consents.find((x) => x.channel === channel && x.address === address);
    const s = suppressions.find((x) => x.channel === channel && x.address === address);
    // The engine's rules (engine.ts emailAllowed / smsAllowed): email unless revoked or
    // suppressed; texts only with an explicit yes and not suppressed.
    const on = channel === "EMAIL" ? c?.status !== "REVOKED" && !s : c?.status === "GRANTED" && !s;
    // Another account's word on a shared phone is not shown as this one's (attack R8-2): the
    // state is the phone's, who said it is theirs.
    const mine = c && (c.accountId === null || c.accountId === user.id);
    return {
      address,
      on,
      blockedByUs: s?.source === "owner",
      said: c && mine ? { status: c.status, source: c.source, at: c.at } : null,
    };
  };
  return {
    email: pref("EMAIL", email),
    texts: phones.map((p) => pref("SMS", p)),
  };
}

export const NOT_YOUR_PHONE =
  "That phone number isn't on any of your bookings. Choose one of the numbers listed.";
export const CONFIRM_EMAIL_FIRST =
  "Confirm your email address first (the link is in the email we sent you): until then we can't tell these messages are yours.";
export const STOPPED_FROM_PHONE = (phone: string) =>
  `Texts to ${phone} were stopped by a STOP reply from that phone. To get them again, text START to our number from it.`;
export const STOPPED_BY_ANOTHER = (phone: string) =>
  `Texts to ${phone} were turned off by someone else who has this number on their bookings. To get them again, text START to our number from that phone.`;

/**
 * Who may say yes again to texts a phone turned down: not this account when the "no" came from
 * the phone itself (STOP: only the phone undoes it) or from another account that has the same
 * number (attack R8-1: anyone who once typed a number could switch its texts back on).
 */
function smsYesRefusal(
  c: { status: string; source: string; accountId: string | null } | null,
  userId: string,
  phone: string,
): string | null {
  if (c?.status !== "REVOKED") return null;
  if (c.source === "sms-stop") return STOPPED_FROM_PHONE(phone);
  if (c.accountId !== null && c.accountId !== userId) return STOPPED_BY_ANOTHER(phone);
  return null;
}

/**
 * Turns offers by email, or texts to one of the account's phones, on or off. Idempotent: the
 * same choice twice changes nothing more. Returns the preferences as they now are.
 */
export async function setMessagePreference(
  db: Db,
  user: AccountOwner,
  p: { channel: "EMAIL" | "SMS"; phone?: string | undefined; on: boolean; now: Date },
): Promise<MessagePreferences> {
  if (!user.emailVerified) throw new AppError("FORBIDDEN", CONFIRM_EMAIL_FIRST);
  if (p.channel === "EMAIL") {
    const email = user.email.trim().toLowerCase();
    if (p.on) {
      // Their yes is recorded; a stop the owner added stays until the owner lifts it (which the
      // customer's yes now allows, attack R8-3).
      await db.$transaction(async (tx) => {
        await tx.contactConsent.upsert({
          where: { channel_address: { channel: "EMAIL", address: email } },
          create: {
            channel: "EMAIL",
            address: email,
            status: "GRANTED",
            source: "my-bookings",
            accountId: user.id,
            at: p.now,
          },
          update: { status: "GRANTED", source: "my-bookings", accountId: user.id, at: p.now },
        });
        await tx.suppression.deleteMany({
          where: { channel: "EMAIL", address: email, source: { not: "owner" } },
        });
      });
    } else {
      await db.$transaction((tx) => unsubscribeEmailIn(tx, email, "my-bookings", p.now, user.id));
    }
    return getMessagePreferences(db, user);
  }
  const phones = await phonesOf(db, user);
  const phone = p.phone ? normalizePhone(p.phone) : phones.length === 1 ? phones[0] : undefined;
  if (!phone || !phones.includes(phone))
    throw new AppError("BAD_REQUEST", NOT_YOUR_PHONE, { fields: { phone: NOT_YOUR_PHONE } });
  if (p.on) {
    const c = await db.contactConsent.findUnique({
      where: { channel_address: { channel: "SMS", address: phone } },
    });
    const refusal = smsYesRefusal(c, user.id, phone);
    if (refusal) throw new AppError("CONFLICT", refusal);
    await restartSms(db, phone, p.now, "my-bookings", user.id);
  } else {
    await stopSms(db, phone, p.now, "my-bookings", user.id);
  }
  return getMessagePreferences(db, user);
}
