// Phone calls and text threads with the assistant (issue 17): the rows behind them. Everything a
// Twilio webhook changes is keyed by Twilio's own identifiers behind unique constraints, so a
// retried webhook (Twilio retries on a timeout) or the same webhook reaching a second app instance
// continues the same call instead of starting another:
//
//   a call           one Conversation per CallSid (unique), channel VOICE
//   a caller's turn  one USER ChatMessage per (conversation, `turn:<n>`): n is in the URL Twilio
//                    was told to post the answer to, so a retry carries the same n and finds the
//                    stored message (and the assistant its stored reply: replyToId is unique)
//   a text thread    one open SMS Conversation per phone (partial unique index), one USER
//                    message per MessageSid
//   the hold's link  one SmsMessage per hold and version of its details
//                    (`hold-link:<bookingId>:v<hash>`), one to another number
//                    (`hold-link:<bookingId>:to:<digits>`); none to a number that said STOP
//   the call's end   its duration written once (`durationSeconds IS NULL` guards the update)
import { createHash } from "node:crypto";
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db, type Prisma } from "@myhibachi/db";
import {
  formatCents,
  formatInstant,
  nextPhoneOpening,
  phoneOpenAt,
  readPhoneHours,
} from "@myhibachi/shared";
import { normalizePhone, phoneToE164 } from "../contact/phone";
import { smsText } from "../messages/sms";
import { smsStopped } from "../campaigns/sms-replies";
import { expireHolds } from "../booking/shared";

export type CallOutcome =
  | "booked"
  | "transferred"
  /** Put through, but nobody answered (busy, no answer) and no message was left. */
  | "missed"
  | "message"
  | "dropped"
  | "completed";

/** Outcomes a later event may not overwrite (a booked call that then hangs up stays booked). */
const FINAL: CallOutcome[] = ["booked", "transferred", "missed", "message"];

async function createOrFind<T>(create: () => Promise<T>, find: () => Promise<T | null>) {
  try {
    return { row: await create(), created: true };
  } catch (err) {
    if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
    const row = await find();
    if (!row) throw err;
    return { row, created: false };
  }
}

/**
 * The call's conversation, made on its first webhook. The caller is an anonymous participant
 * named by the call (`call:<CallSid>`): its holds are scoped to this call. The caller's number is
 * kept as the contact a person can call back.
 */
export async function openCall(db: Db, p: { callSid: string; phone: string | null; now: Date }) {
  const find = () => db.conversation.findUnique({ where: { callSid: p.callSid } });
  const existing = await find();
  if (existing) return { conversation: existing, created: false };
  const { row, created } = await createOrFind(
    () =>
      db.conversation.create({
        data: {
          channel: "VOICE",
          callSid: p.callSid,
          visitorId: `call:${p.callSid}`,
          phone: p.phone,
          contactPhone: p.phone,
          lastMessageAt: p.now,
        },
      }),
    find,
  );
  return { conversation: row, created };
}

/** The phone's open text thread, made on its first text (one per phone, even when raced). */
export async function openSmsThread(db: Db, p: { phone: string; now: Date }) {
  const find = () =>
    db.conversation.findFirst({
      where: { channel: "SMS", phone: p.phone, status: { in: ["OPEN", "HANDOFF"] } },
    });
  const existing = await find();
  if (existing) return { conversation: existing, created: false };
  const { row, created } = await createOrFind(
    () =>
      db.conversation.create({
        data: {
          channel: "SMS",
          phone: p.phone,
          visitorId: `sms:${p.phone}`,
          contactPhone: p.phone,
          lastMessageAt: p.now,
        },
      }),
    find,
  );
  return { conversation: row, created };
}

/**
 * What the caller (or texter) said, stored once per key: a retry returns the stored message and
 * `created: false` (its reply, if any, is replayed rather than computed again).
 */
export async function storeCustomerTurn(
  db: Db,
  p: { conversationId: string; key: string; text: string; now: Date },
) {
  const where = {
    conversationId_clientMessageId: { conversationId: p.conversationId, clientMessageId: p.key },
  };
  const existing = await db.chatMessage.findUnique({ where });
  if (existing) return { message: existing, created: false };
  const { row, created } = await createOrFind(
    () =>
      db.chatMessage.create({
        data: {
          conversationId: p.conversationId,
          role: "USER",
          content: p.text.slice(0, 1000),
          clientMessageId: p.key,
        },
      }),
    () => db.chatMessage.findUnique({ where }),
  );
  if (created)
    await db.conversation.update({
      where: { id: p.conversationId },
      data: { lastMessageAt: p.now },
    });
  return { message: row, created };
}

/** Sets the call's outcome, never overwriting a final one (booked, transferred, message). */
export async function setCallOutcome(db: Db, conversationId: string, outcome: CallOutcome) {
  await db.conversation.updateMany({
    where: {
      id: conversationId,
      ...(FINAL.includes(outcome)
        ? {}
        : { OR: [{ outcome: null }, { outcome: { notIn: FINAL } }] }),
    },
    data: { outcome },
  });
}

/**
 * A person is asked for outside the phone hours: what the caller says next is their message,
 * stored and flagged for staff (the admin's Chats list shows it).
 */
export async function takeCallMessage(
  db: Db,
  p: { conversationId: string; key: string; text: string; now: Date },
) {
  const turn = await storeCustomerTurn(db, p);
  await db.conversation.update({
    where: { id: p.conversationId },
    data: {
      status: "HANDOFF",
      flaggedAt: p.now,
      flagReason: "phone message: the caller asked for a person outside phone hours",
      outcome: "message",
    },
  });
  return turn;
}

/** How Twilio says a transfer (<Dial>) ended (DialCallStatus): its documented values only. */
export const DIAL_CALL_STATUSES = [
  "completed",
  "answered",
  "busy",
  "no-answer",
  "failed",
  "canceled",
] as const;
export type DialCallStatus = (typeof DIAL_CALL_STATUSES)[number];

export const isDialCallStatus = (s: string | undefined): s is DialCallStatus =>
  (DIAL_CALL_STATUSES as readonly string[]).includes(s ?? "");

/** A transfer nobody took, in our own words for staff (never Twilio's raw value). */
const MISSED_TRANSFER_WHY: Record<Exclude<DialCallStatus, "completed" | "answered">, string> = {
  busy: "the line was busy",
  "no-answer": "no answer",
  failed: "the call didn't go through",
  canceled: "the call was cut off before anyone answered",
};

/**
 * The transfer to the business phone was not answered (busy, no answer, failed, canceled):
 * flagged for staff to call back, the reason in our words; the outcome "missed" unless the call
 * booked (a message left next wins).
 */
export async function missedTransfer(
  db: Db,
  conversationId: string,
  status: keyof typeof MISSED_TRANSFER_WHY,
  now: Date,
) {
  await db.conversation.update({
    where: { id: conversationId },
    data: {
      status: "HANDOFF",
      flaggedAt: now,
      flagReason: `phone: put through to the team, but nobody answered (${MISSED_TRANSFER_WHY[status]})`,
    },
  });
  await db.conversation.updateMany({
    where: { id: conversationId, outcome: "transferred" },
    data: { outcome: "missed" },
  });
}

/** The call ended (Twilio's status callback): its duration and end written once. */
export async function endCall(
  db: Db,
  p: { callSid: string; status: string; durationSeconds: number; now: Date },
  /** Written in the same transaction when this callback is the first to end the call. */
  ledger?: (tx: Prisma.TransactionClient, conversationId: string) => Promise<void>,
): Promise<{ conversationId: string; first: boolean } | null> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Conversation"
         SET "durationSeconds" = ${Math.max(0, Math.round(p.durationSeconds))},
             "endedAt" = ${p.now},
             "outcome" = CASE
               WHEN "outcome" IN ('booked', 'transferred', 'missed', 'message', 'dropped') THEN "outcome"
               -- Hung up after the assistant answered: ended. No answer ever given: dropped.
               WHEN ${p.status} = 'completed' AND EXISTS (
                 SELECT 1 FROM "ChatMessage" m
                  WHERE m."conversationId" = "Conversation"."id" AND m."role" = 'ASSISTANT'
               ) THEN 'completed'
               ELSE 'dropped' END,
             "updatedAt" = ${p.now}
       WHERE "callSid" = ${p.callSid} AND "durationSeconds" IS NULL
       RETURNING "id"`;
    if (!row) {
      const known = await tx.conversation.findUnique({
        where: { callSid: p.callSid },
        select: { id: true },
      });
      return known ? { conversationId: known.id, first: false } : null;
    }
    await ledger?.(tx, row.id);
    return { conversationId: row.id, first: true };
  });
}

/** Whether a person answers the business phone now (that weekday's phone hours, in the business's zone). */
export function phoneIsOpen(s: { timeZone: string; phoneHours: unknown }, now: Date): boolean {
  return phoneOpenAt(readPhoneHours(s.phoneHours), s.timeZone, now);
}

/** When a person answers next, as said to a caller ("tomorrow at 9:00 AM"), or null. */
export function phoneOpensNext(s: { timeZone: string; phoneHours: unknown }, now: Date) {
  return nextPhoneOpening(readPhoneHours(s.phoneHours), s.timeZone, now);
}

/** The booking id of a hold link the assistant gave (`/book/finish/<id>?token=...`). */
export function holdIdOfLink(href: string): string | null {
  const m = /\/book\/finish\/([A-Za-z0-9_-]{8,64})(?:\?|$)/.exec(href);
  return m ? m[1]! : null;
}

/**
 * Area codes a hold link is never texted to when a caller names the number: premium rate (900),
 * toll free (no phone there reads texts), and the Caribbean NANP countries (billed as
 * international: the SMS-pumping pattern).
 */
const NOT_TEXTED_AREAS = new Set(
  (
    "900 976 800 833 844 855 866 877 888 " +
    "242 246 264 268 284 345 441 473 649 658 664 721 758 767 784 809 829 849 868 869 876"
  ).split(" "),
);

/**
 * Whether we text this number at all: a +1 (NANP) number with a real area code (N, then not 9,
 * not N11) outside premium, toll-free and Caribbean area codes. Everything else is abroad: caller
 * ID is easily spoofed, and a text abroad is billed as international (SMS pumping, issue 17 round
 * 5, M6), so no hold link, reply or other text goes there.
 */
export function usTextNumber(phone: string): boolean {
  const e164 = phoneToE164(phone);
  const m = e164 ? /^\+1([2-9]\d{2})(\d{3})\d{4}$/.exec(e164) : null;
  if (!m) return false;
  const area = m[1]!;
  const exchange = m[2]!;
  if (area[1] === "9" || area.slice(1) === "11" || NOT_TEXTED_AREAS.has(area)) return false;
  return exchange !== "976";
}

/**
 * Whether a number a caller named may get a text from us: a US number we text (usTextNumber), and
 * none of the business's own numbers (`own`: its line, the number called).
 */
export function textableNumber(phone: string, own: (string | null | undefined)[]): boolean {
  if (!usTextNumber(phone)) return false;
  const digits = phone.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "");
  return !own.some((o) => o && o.replace(/\D/g, "").replace(/^1(?=\d{10}$)/, "") === digits);
}

/**
 * At most this many hold links go to one number a day: the caller's (each change of a hold texts
 * its new details) or one they name.
 */
export const HOLD_LINKS_PER_NUMBER_PER_DAY = 3;

export type HoldLinkText =
  | { kind: "stored"; key: string; created: boolean; body: string }
  /** The number replied STOP: nothing is texted to it until START. */
  | { kind: "stopped" }
  /** The link already went to another number (one other number per hold). */
  | { kind: "another-taken"; to: string }
  /** That number got HOLD_LINKS_PER_NUMBER_PER_DAY hold links today already. */
  | { kind: "too-many" }
  /** Not a number we text (usTextNumber): abroad, premium, toll-free. Nothing is stored. */
  | { kind: "not-us" };

/**
 * The hold's finish-and-pay link texted to the caller, with the exact figures (speech rounds
 * them), then delivered by the worker. Stored once per hold and version of its details
 * (`hold-link:<bookingId>:v<hash>`): a retried webhook texts nothing twice, and a change of date,
 * time, guests or price texts the new details. To `another` number the caller named: one number
 * per hold (`hold-link:<bookingId>:to:<digits>`), never to a number that said STOP; at most
 * HOLD_LINKS_PER_NUMBER_PER_DAY new texts a day to any one number; never to a number abroad
 * (usTextNumber). Null when the hold is gone (finished, expired).
 */
export async function storeHoldLinkText(
  db: Db,
  p: {
    bookingId: string;
    href: string;
    to: string;
    now: Date;
    /** Another number the caller gave: its own text (one other number per hold). */
    another?: boolean;
  },
): Promise<HoldLinkText | null> {
  const b = await db.booking.findUnique({
    where: { id: p.bookingId },
    select: {
      code: true,
      startsAt: true,
      timeZone: true,
      adults: true,
      children: true,
      totalCents: true,
      depositCents: true,
      holdExpiresAt: true,
      status: true,
      paymentMode: true,
    },
  });
  if (!b || b.status !== "HELD") return null;
  if (!usTextNumber(p.to)) return { kind: "not-us" };
  if (await smsStopped(db, p.to)) return { kind: "stopped" };
  const digits = p.to.replace(/\D/g, "");
  if (p.another) {
    const other = await db.smsMessage.findFirst({
      where: { idempotencyKey: { startsWith: `hold-link:${p.bookingId}:to:` } },
      select: { to: true, idempotencyKey: true },
    });
    if (other && other.idempotencyKey !== `hold-link:${p.bookingId}:to:${digits}`)
      return { kind: "another-taken", to: other.to };
  }
  const s = await db.businessSettings.findUnique({
    where: { id: 1 },
    select: { businessName: true },
  });
  const guests = b.adults + b.children;
  const until = b.holdExpiresAt
    ? ` until ${formatInstant(b.holdExpiresAt, b.timeZone, "time")}`
    : "";
  // Paid at the event (no Stripe): no deposit is asked, as the call and every page say.
  const money =
    b.paymentMode === "PAY_AT_EVENT"
      ? ", paid at the event. Finish your booking"
      : `${b.depositCents > 0 ? `, deposit ${formatCents(b.depositCents)}` : ""}. Finish and pay`;
  const body = smsText(
    `${s?.businessName ?? "MyHibachi"}: your party of ${guests} on ${formatInstant(b.startsAt, b.timeZone, "shortDayTime")} is held${until} (${b.code}). Total ${formatCents(b.totalCents)}${money}: ${p.href}`,
  );
  const version = createHash("sha256")
    .update([b.startsAt.toISOString(), guests, b.totalCents, b.depositCents].join("|"))
    .digest("hex")
    .slice(0, 12);
  const key = p.another
    ? `hold-link:${p.bookingId}:to:${digits}`
    : `hold-link:${p.bookingId}:v${version}`;
  // A new text (not a retry of one stored): at most HOLD_LINKS_PER_NUMBER_PER_DAY a day to one
  // number, the caller's own included (caller ID can be spoofed: one call changing its party
  // over and over must not text a stranger's phone each time).
  if (!(await db.smsMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true } }))) {
    const today = await db.smsMessage.count({
      where: {
        to: p.to,
        idempotencyKey: { startsWith: "hold-link:" },
        createdAt: { gte: new Date(p.now.getTime() - 86_400_000) },
      },
    });
    if (today >= HOLD_LINKS_PER_NUMBER_PER_DAY) return { kind: "too-many" };
  }
  const { created } = await createOrFind(
    () => db.smsMessage.create({ data: { idempotencyKey: key, to: p.to, body, createdAt: p.now } }),
    () => db.smsMessage.findUnique({ where: { idempotencyKey: key } }),
  );
  return { kind: "stored", key, created, body };
}

/** Whether the caller was texted a link for this hold before (an earlier version of its details). */
export async function holdLinkTextedBefore(db: Db, bookingId: string, to: string, key: string) {
  const n = await db.smsMessage.count({
    where: {
      to,
      idempotencyKey: { startsWith: `hold-link:${bookingId}:v`, not: key },
    },
  });
  return n > 0;
}

const SPOKEN_DIGITS: Record<string, string> = {
  zero: "0",
  oh: "0",
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
};

/** The words of what was said, lower case, punctuation dropped ("Four-one-five." -> four one five). */
const speechWords = (said: string) =>
  said
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/**
 * A phone number said on the phone ("it's 415 555 0123", "four one five, five five five...") in
 * its stored form, or null when the words are not (only) a US phone number.
 */
export function phoneFromSpeech(said: string): string | null {
  const words = speechWords(said);
  let digits = "";
  let other = 0;
  for (const w of words) {
    if (/^\d+$/.test(w)) digits += w;
    else if (SPOKEN_DIGITS[w] !== undefined) digits += SPOKEN_DIGITS[w];
    else other++;
  }
  if (other > 6) return null;
  const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  if (ten.length !== 10 || !/^[2-9]\d{2}[2-9]/.test(ten)) return null;
  return phoneToE164(ten) ? normalizePhone(ten) : null;
}

/**
 * A phone number said somewhere in a message ("call me back at 415 555 0123 about my party",
 * "it's four one five, five five five...") in its stored form, or null: the first run of digits
 * and digit words that makes a US number.
 */
export function phoneInSpeech(said: string): string | null {
  const words = speechWords(said);
  let run = "";
  const check = (digits: string) => {
    const ten = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
    return ten.length === 10 && /^[2-9]\d{2}[2-9]/.test(ten) && phoneToE164(ten)
      ? normalizePhone(ten)
      : null;
  };
  for (const w of [...words, "."]) {
    const d = /^\d+$/.test(w) ? w : SPOKEN_DIGITS[w];
    if (d !== undefined && run.length + d.length <= 11) {
      run += d;
      continue;
    }
    const found = check(run);
    if (found) return found;
    run = d !== undefined ? d : "";
  }
  return null;
}

/**
 * A number said with a country code other than the US's ("plus 44 7911 123456", "+86 28 2452
 * 2530"): its digits (8 to 15 after the "plus"), or null. The link is texted to US numbers only,
 * so the caller hears that instead of the digits being taken for something else (a party size).
 */
export function internationalInSpeech(said: string): string | null {
  const words = speechWords(said.replace(/\+/g, " plus "));
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== "plus") continue;
    let digits = "";
    for (const w of words.slice(i + 1)) {
      const d = /^\d+$/.test(w) ? w : SPOKEN_DIGITS[w];
      if (d === undefined) break;
      digits += d;
    }
    if (digits.length >= 8 && digits.length <= 15 && !/^1\d{10}$/.test(digits)) return digits;
  }
  return null;
}

/** Words that are never a name said on its own ("sounds good", "no thanks", "what time"). */
const NOT_A_NAME = new Set(
  (
    "yes yeah yep no nope ok okay sure fine good great perfect sounds thanks thank you please that " +
    "this it is its all nothing else bye goodbye what when where why how who which can could would " +
    "will do does did the a an and or but for to of on at in with my our we i me us book booking " +
    "change cancel move time date day people guests guest party price cost menu hold link text " +
    "number phone call hello hi hey wait sorry again repeat not am pm " +
    // A party described ("two are vegetarian", "all of us are vegan"): never a name.
    "are is was were be of us them all both none some most half one two three four five six " +
    "seven eight nine ten twelve kids kid adults children guests vegetarian vegetarians vegan " +
    "vegans allergic allergy allergies gluten dairy halal kosher pescatarian shellfish nuts " +
    // What follows "I'm" when it is no name ("so I'm thinking maybe Saturday instead").
    "thinking maybe instead looking going calling wondering trying hoping planning asking just " +
    "really very also too still here there so not sure good fine busy free available interested " +
    "flexible excited ready done back " +
    // The same in Spanish ("dos personas son vegetarianas", "somos diez").
    "sí si vale claro gracias hola bueno somos soy están estamos hay tenemos " +
    "uno una dos tres cuatro cinco seis siete ocho nueve diez todos todas nadie ninguno alguien " +
    "personas persona invitados invitado niños niñas niño niña adultos adulto nosotros ellos " +
    "vegetariano vegetariana vegetarianos vegetarianas vegano vegana veganos veganas alérgico " +
    "alérgica alérgicos alérgicas alergia alergias gluten mariscos nueces carne comen come pescado " +
    "reserva reservar cambiar cancelar hora fecha día precio menú"
  ).split(" "),
);

/**
 * Words of a day: never a name said alone ("Sunday", "tomorrow"), but after "my name is" they
 * may be part of one (Sunday Adeyemi, Jack Friday): names are not dates.
 */
const DAY_WORDS = new Set(
  "sunday monday tuesday wednesday thursday friday saturday today tomorrow weekend".split(" "),
);

/** "it's spelled S I O B H A N", "that's spelt D-A-N-A": a spelling of the name (or a part). */
const SPELLED_LEAD =
  /^(?:(?:yes|yeah|no|nope|sorry|actually)[, ]+)?(?:(?:it'?s|it is|that'?s|that is|i'?ts|my name is|my name'?s|the name is)\s+)?(?:spelled|spelt|spelling)\s*(?:is\s+|as\s+|like\s+)?:?\s*/i;

/** Letters said one by one ("S I O B H A N", "D-A-N-A", "s. i. o."): one word. */
const LETTER_RUN = /(?<![\p{L}'’])\p{L}\.?(?:[\s,-]+\p{L}\.?){1,}(?![\p{L}'’])/gu;

/** Letter runs joined into one word each, marked with a leading "\u0001". */
function joinLetterRuns(t: string): string {
  return t.replace(LETTER_RUN, (run) => {
    const letters = run.replace(/[\s.,-]+/g, "");
    return letters.length >= 2 ? ` \u0001${letters} ` : run;
  });
}

/** What callers say before their name: "my name is", "it's", "this is", "put it under". */
const NAME_LEAD =
  /^(?:(?:yes|yeah|sure|ok|okay|hi|hello|hey|no|nope|sorry|actually|and|oh|um|uh|so|well|great|perfect|thanks|thank you|wait|no wait|k|kk|hola|sí|si|bueno|pues|gracias)[, ]+){0,3}(?:my name is|my name's|name is|the name is|name:|(?:it'?s|it is|that'?s|put it|book it|the booking is|reservation is)\s+under(?:\s+the\s+name)?|it'?s|it is|this is|i'?m|i am|under the name|under|me llamo|mi nombre es|soy|a nombre de)\s+/i;

/**
 * A name said on the phone ("my name is dana lee", "Dana Lee.", "it's María José") in title case,
 * or null when the words are not (only) a name: a question, a yes, a number, a date. Letters said
 * one by one are a word ("Siobhan, S I O B H A N" is Siobhan); a spelling alone ("no, it's spelled
 * S I O B H A N") corrects the word of `current` (the name the booking has) that starts with
 * the same letter, else its first: "Shivon Kelly" becomes "Siobhan Kelly".
 */
export function nameFromSpeech(said: string, current?: string | null): string | null {
  let t = said
    .normalize("NFKC")
    .trim()
    .replace(/[.!]+$/, "")
    .replace(/[,;]?\s*(?:thanks|thank you|please)$/i, "")
    .trim();
  if (!t || t.length > 80 || /[?\d@]/.test(t)) return null;
  const spelledLead = SPELLED_LEAD.exec(t);
  if (spelledLead) t = t.slice(spelledLead[0].length);
  // "Dana, last name Kowalski": the words that say which part is which are not the name; "the
  // name is Lisa Lee, not Lee": what it is not is dropped.
  t = t
    .replace(
      /,?\s+(?:and|y)\s+(?=(?:my\s+|the\s+|mi\s+)?(?:(?:last|family|sur)\s*name|surname|apellido))/gi,
      " ",
    )
    .replace(
      /\b(?:my|the|mi)\s+(?=(?:(?:last|first|given|family|sur)\s*name|surname|apellido))/gi,
      " ",
    )
    .replace(
      /\b(?:(?:last|first|family|sur|given)\s*name|surname|apellido)(?:\s+is|\s+es)?\b[:,]?/gi,
      " ",
    )
    .replace(/,?\s+not\s+\p{L}+(?:\s+\p{L}+)?$/u, "");
  t = joinLetterRuns(t).replace(/,/g, " ").replace(/\s+/g, " ").trim();
  if (spelledLead && !t.includes("\u0001")) return null;
  const lead = spelledLead ? null : NAME_LEAD.exec(t);
  if (lead) t = t.slice(lead[0].length);
  // A word and its spelling ("Shivon, S I O B H A N"): the spelling replaces the word it spells
  // (the same first letter); a spelling alone corrects the booking's name the same way.
  const heard = t.split(/\s+/).filter(Boolean);
  const plain = heard.filter((w) => !w.startsWith("\u0001"));
  let words: string[] =
    plain.length === 0 && spelledLead && current ? current.trim().split(/\s+/) : [];
  const alone = words.length > 0;
  for (const w of heard) {
    if (!w.startsWith("\u0001")) {
      words.push(w);
      continue;
    }
    const sp = w.slice(1);
    // A spelling of a word said before it (or of the booking's name): it replaces that word.
    const at = closestSpelled(words, sp);
    if (at >= 0) words[at] = sp;
    else if (alone) words[0] = sp;
    else words.push(sp);
  }
  words = words.filter(Boolean);
  return titleName(words, !!lead || !!spelledLead);
}

/** "My name is raj patel", "the name's Ana Ruiz", "put it under dana lee": a name, any case. */
const NAME_SAID =
  /^(?:(?:hi|hello|hey|and|oh|ok|okay|k|kk|thanks|yes|yeah|sorry|no wait|wait|hola|sí|si|bueno|gracias)[, ]+){0,3}(?:my name is|my name'?s|name is|name:|the name is|the name'?s|put it under|it'?s under|under the name|me llamo|mi nombre es|a nombre de)\s+\S/i;
/** "I'm Ana Ruiz", "this is Raj Patel": a name only when written as one (capitals). */
const NAME_CAPITALISED =
  /^(?:(?:hi|hello|hey|and|oh)[, ]+){0,2}(?:i'?m|i am|this is|it'?s)\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,2}[.!]?$/u;

/**
 * A name introduced in a text message ("my name is Raj Patel", "im Ana Ruiz"), or null. Stricter
 * than the phone (where the caller was just asked for it): a text is a name only when it says so.
 */
export function nameFromText(text: string, current?: string | null): string | null {
  const t = text.normalize("NFKC").trim();
  if (!NAME_SAID.test(t) && !NAME_CAPITALISED.test(t)) return null;
  return nameFromSpeech(t, current);
}

/**
 * Which of `words` a spelling is of: same first letter, most letters in common ("Shivon" for
 * SIOBHAN; "Smith", not "Sam", for SMITH); -1 for none.
 */
function closestSpelled(words: string[], spelled: string): number {
  const sp = spelled.toLowerCase();
  let best = -1;
  let bestScore = 0;
  words.forEach((w, i) => {
    const x = w.toLowerCase();
    if (x[0] !== sp[0]) return;
    const left = [...sp];
    let shared = 0;
    for (const ch of x) {
      const k = left.indexOf(ch);
      if (k >= 0) {
        shared++;
        left.splice(k, 1);
      }
    }
    const score = shared / Math.max(x.length, sp.length);
    if (score > bestScore) [best, bestScore] = [i, score];
  });
  return best;
}

/** Words inside a name that are written in lower case ("de la Cruz", "van der Berg"). */
const NAME_PARTICLES = new Set(
  "de la del los las da di do dos das van von der den ter le du bin ibn al".split(" "),
);

function titleName(words: string[], lead: boolean): string | null {
  if (words.length < 1 || words.length > 4) return null;
  if (!words.every((w) => /^\p{L}[\p{L}'’-]*$/u.test(w))) return null;
  if (words.some((w) => NOT_A_NAME.has(w.toLowerCase()))) return null;
  const days = words.filter((w) => DAY_WORDS.has(w.toLowerCase())).length;
  if (days > 0 && (!lead || days === words.length)) return null;
  // A single word without a lead-in is a name only when it looks like one (capitalised by the
  // recognizer): "Dana", not "lobster".
  if (!lead && words.length === 1 && !/^\p{Lu}/u.test(words[0]!)) return null;
  // Title case for what came in all lower (or upper) case; a name written with capitals of its
  // own (McDonald, Mary-Jane, DeShawn) keeps them.
  return words
    .map((w, i) =>
      // "José de la Cruz", "Ludwig van Beethoven": a lower-case particle inside stays so.
      i > 0 && i < words.length - 1 && NAME_PARTICLES.has(w)
        ? w
        : w === w.toLocaleLowerCase("en-US") || w === w.toLocaleUpperCase("en-US")
          ? w
              .toLocaleLowerCase("en-US")
              .replace(
                /(^|[-'’])(\p{L})/gu,
                (_, sep: string, c: string) => sep + c.toLocaleUpperCase("en-US"),
              )
          : w[0]!.toLocaleUpperCase("en-US") + w.slice(1),
    )
    .join(" ");
}

/**
 * The caller's name on the hold the call made (what the finish page starts from, what staff see
 * on the hold). Only while nobody has finished it. True when written.
 */
export async function nameTheHold(db: Db, bookingId: string, name: string): Promise<boolean> {
  const r = await db.booking.updateMany({
    where: { id: bookingId, status: "HELD", customerId: null },
    data: { contactName: name },
  });
  return r.count === 1;
}

/** How a flag for a call-back about a hold starts (the call goes on; no transfer for it). */
export const HOLD_CALL_BACK = "phone: a hold was made";

/**
 * The hold link could not be texted to the caller (their number had its day's texts): flagged
 * for staff to call back and finish the booking with them.
 */
export async function flagHoldLinkNotTexted(
  db: Db,
  conversationId: string,
  now: Date,
  why: "too-many" | "not-us" = "too-many",
) {
  await db.conversation.update({
    where: { id: conversationId },
    data: {
      status: "HANDOFF",
      flaggedAt: now,
      flagReason:
        why === "not-us"
          ? `${HOLD_CALL_BACK}, but the caller's number is outside the US, so no link was texted: call back`
          : `${HOLD_CALL_BACK}, but the caller's number had its day's texts: call back`,
    },
  });
}

/**
 * The caller let their own hold go ("cancel that", then yes): it expires now, so its time is free
 * again, and whatever it used (points, an offer code) is given back as for any expired hold.
 * Only a hold nobody has finished. True when released.
 */
export async function releaseCallHold(db: Db, bookingId: string, now: Date): Promise<boolean> {
  const r = await db.booking.updateMany({
    where: { id: bookingId, status: "HELD", customerId: null },
    data: { holdExpiresAt: new Date(now.getTime() - 1) },
  });
  if (r.count !== 1) return false;
  await expireHolds(db, now);
  return true;
}
