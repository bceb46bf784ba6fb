// What a text message sent TO the business number means (Twilio's inbound webhook, handled by
// packages/api/src/twilio-sms.ts): the carrier-standard keywords, and their effect on SMS consent.
//
//   STOP, STOPALL, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE  -> consent REVOKED ("sms-stop"),
//       the phone on the SMS suppression list, its campaign texts not yet sent stop. Nothing else
//       stops: the same customer's campaign emails go on.
//   START, UNSTOP  -> consent GRANTED again ("sms-start"), off the suppression list.
//   HELP, INFO     -> who we are, our phone, how to stop.
//   anything else  -> "other" (today a short answer naming the business phone; issue 17 routes it
//                     to the assistant).
// A keyword is the whole message, trimmed, any case.
import type { Db } from "@myhibachi/db";
import { normalizePhone } from "../contact/phone";

export type SmsReplyKind = "stop" | "start" | "help" | "other";

const STOP = new Set([
  "STOP",
  "STOPALL",
  "QUIT",
  "END",
  "REVOKE",
  "OPT OUT",
  "CANCEL",
  "UNSUBSCRIBE",
]);
const START = new Set(["START", "UNSTOP"]);
const HELP = new Set(["HELP", "INFO"]);

export function smsReplyKind(body: string): SmsReplyKind {
  const word = body.trim().replace(/\s+/g, " ").toUpperCase();
  if (STOP.has(word)) return "stop";
  if (START.has(word)) return "start";
  if (HELP.has(word)) return "help";
  return "other";
}

/**
 * STOP: the phone's SMS consent REVOKED (source "sms-stop"), the phone on the SMS suppression
 * list, and its campaign texts still QUEUED marked not sent (a text already claimed by a sender
 * is stopped by that sender's own consent check right before the Twilio call). Enrolments go on:
 * their email steps are still sent, their SMS steps are skipped ("no SMS consent"). Idempotent.
 */
export async function stopSms(
  db: Db,
  rawPhone: string,
  now: Date,
  /** Where the person said it: "sms-stop" (a text), "my-bookings" (the switch on My bookings). */
  source: "sms-stop" | "my-bookings" = "sms-stop",
  /** The signed-in account that said it (My bookings); none for a text from the phone. */
  accountId: string | null = null,
): Promise<{ phone: string }> {
  const phone = normalizePhone(rawPhone);
  const reason = source === "sms-stop" ? "replied STOP" : "turned texts off on My bookings";
  await db.$transaction(async (tx) => {
    await tx.contactConsent.upsert({
      where: { channel_address: { channel: "SMS", address: phone } },
      create: { channel: "SMS", address: phone, status: "REVOKED", source, accountId, at: now },
      update: { status: "REVOKED", source, accountId, at: now },
    });
    await tx.suppression.upsert({
      where: { channel_address: { channel: "SMS", address: phone } },
      create: { channel: "SMS", address: phone, reason, source, createdAt: now },
      update: {},
    });
    await tx.smsMessage.updateMany({
      where: { to: phone, status: "QUEUED", idempotencyKey: { startsWith: "campaign:" } },
      data: { status: "FAILED", error: "Not sent: the customer replied STOP before it went out." },
    });
  });
  return { phone };
}

/**
 * START / UNSTOP (source "sms-start"), or texts turned on on My bookings ("my-bookings"): consent
 * GRANTED again and off the suppression list. From My bookings an entry the owner added stays
 * (their reason, e.g. a wrong number, is not the account's to overrule); START from the phone
 * itself is the carrier's rule and lifts every entry.
 */
export async function restartSms(
  db: Db,
  rawPhone: string,
  now: Date,
  source: "sms-start" | "my-bookings" = "sms-start",
  accountId: string | null = null,
): Promise<{ phone: string }> {
  const phone = normalizePhone(rawPhone);
  await db.$transaction(async (tx) => {
    await tx.contactConsent.upsert({
      where: { channel_address: { channel: "SMS", address: phone } },
      create: { channel: "SMS", address: phone, status: "GRANTED", source, accountId, at: now },
      update: { status: "GRANTED", source, accountId, at: now },
    });
    await tx.suppression.deleteMany({
      where: {
        channel: "SMS",
        address: phone,
        ...(source === "my-bookings" ? { source: { not: "owner" } } : {}),
      },
    });
  });
  return { phone };
}
