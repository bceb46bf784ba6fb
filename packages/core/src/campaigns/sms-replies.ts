// What a text message sent TO the business number means (Twilio's inbound webhook, handled by
// packages/api/src/twilio-sms.ts): the carrier-standard keywords, and their effect on SMS consent.
//
//   STOP, STOPALL, QUIT, END, REVOKE, OPT OUT, OPTOUT, CANCEL, UNSUBSCRIBE, REMOVE -> consent REVOKED ("sms-stop"),
//       the phone on the SMS suppression list, its campaign texts not yet sent stop. Nothing else
//       stops: the same customer's campaign emails go on.
//   START, UNSTOP  -> consent GRANTED again ("sms-start"), off the suppression list.
//   HELP, INFO     -> who we are, our phone, how to stop.
//   anything else  -> "other" (today a short answer naming the business phone; issue 17 routes it
//                     to the assistant).
// A keyword is the whole message, any case, punctuation and emoji aside; "stop please", "stop
// texting me" stop too, and YES from a stopped phone starts again (as Twilio does).
import type { Db, DbTx } from "@myhibachi/db";
import { normalizePhone } from "../contact/phone";

export type SmsReplyKind = "stop" | "start" | "help" | "other";

const STOP = new Set([
  "STOP",
  "STOPALL",
  "STOP ALL",
  "QUIT",
  "END",
  "REVOKE",
  "OPT OUT",
  "OPTOUT",
  "CANCEL",
  "UNSUBSCRIBE",
  "REMOVE",
]);
const START = new Set(["START", "UNSTOP"]);
const HELP = new Set(["HELP", "INFO"]);
/** "Stop please", "please unsubscribe", "stop texting me", "please stop sending me messages". */
const STOP_ASKED =
  /^(?:PLEASE )?(?:STOP|UNSUBSCRIBE|OPT OUT|OPTOUT|REMOVE ME)(?: PLEASE| NOW| THANKS| THANK YOU| IMMEDIATELY)*$|^(?:PLEASE )?(?:STOP|QUIT|NO MORE) (?:TEXTING|MESSAGING|SENDING|TEXTS|MESSAGES)\b(?: (?:ME|US|TEXTS|MESSAGES|THIS NUMBER|TO THIS NUMBER))*(?: PLEASE| THANKS| THANK YOU)*$/;

/**
 * The text as a keyword: NFKC (fullwidth ＳＴＯＰ), emoji and punctuation dropped ("Stop.",
 * "stop!", "STOP 🙏", "opt-out"), spaces collapsed, upper case.
 */
const asKeyword = (body: string) =>
  body
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}\s]+/gu, " ")
    .trim()
    .replace(/\s+/g, " ")
    .toUpperCase();

export function smsReplyKind(body: string): SmsReplyKind {
  const word = asKeyword(body);
  if (STOP.has(word) || STOP_ASKED.test(word)) return "stop";
  if (START.has(word)) return "start";
  if (HELP.has(word)) return "help";
  return "other";
}

/** YES from a phone that said STOP: Twilio takes it as START (its opt-in keywords), so do we. */
export const smsSaysYes = (body: string) => asKeyword(body) === "YES";

/**
 * STOP: the phone's SMS consent REVOKED (source "sms-stop"), the phone on the SMS suppression
 * list, and every text still QUEUED for it marked not sent (a text already claimed by a sender
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
    // Every text still waiting for this phone stays unsent: campaigns, hold links, replies.
    await tx.smsMessage.updateMany({
      where: { to: phone, status: "QUEUED" },
      data: { status: "FAILED", error: SMS_STOPPED_ERROR },
    });
  });
  return { phone };
}

/**
 * Whether the phone said STOP (or turned texts off, or the owner suppressed it): then nothing is
 * texted to it, whoever the sender (a campaign, the assistant, a hold link, staff), until START.
 */
export async function smsStopped(db: Db | DbTx, rawPhone: string): Promise<boolean> {
  const row = await db.suppression.findUnique({
    where: { channel_address: { channel: "SMS", address: normalizePhone(rawPhone) } },
    select: { id: true },
  });
  return !!row;
}

/** Why a text to a phone that said STOP is not sent (stored on the SmsMessage). */
export const SMS_STOPPED_ERROR = "Not sent: the number replied STOP before it went out.";

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
