// Hand-off that reaches a person: when the assistant hands a chat to staff, an anonymous visitor
// with no contact on file is asked (once) for an email or phone number so a person can get back
// to them after they leave the page; what they give next is read with a maintained parser
// (libphonenumber-js for phone numbers, zod for email addresses), stored on the conversation and
// acknowledged, and anything that looks like a try but isn't usable is refused politely. A
// signed-in customer is never asked: their account email is used (and said).
//
// The assistant calls `planHandoff` while planning a turn; what it returns shapes the reply:
// a whole answer of its own (`reply`, no model is asked), or words before/after the tier's answer,
// plus the conversation columns stored with the reply in the same transaction.
import { findPhoneNumbersInText, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { normalizePhone } from "@myhibachi/core";
import type { Conversation, Db, Prisma } from "@myhibachi/db";
import type { LedgerRow } from "./ledger";
import type { Language } from "./language";
import type { Memory } from "./providers/types";
import type { ToolExtras } from "./tools";

/**
 * Phone numbers written without a country code are read as numbers of this country (the
 * business serves one area; +44 ... and other international numbers are read as written).
 */
export const DEFAULT_PHONE_REGION: CountryCode = "US";

/** What the hand-off says, in the customer's language. */
const SAY = {
  en: {
    ask: "So a person can get back to you even if you leave this page, what's the best email address or phone number to reach you?",
    invalid:
      "Sorry, that doesn't look like an email address or phone number I can use. Could you type it again, like name@example.com or (408) 555-0123?",
    declined:
      "No problem. A person from our team will reply right here in this chat, so keep this page open.",
    thanks: (contact: string) => `Thanks! If we miss you here, we'll reach you at ${contact}.`,
    meanwhile:
      "A person from our team will reply right here in this chat. Anything else I can help with meanwhile?",
    account: (email: string) => `If we miss you here, we'll write to you at ${email}.`,
    or: " or ",
  },
  es: {
    ask: "Para que una persona pueda responderle aunque salga de esta página, ¿cuál es el mejor correo electrónico o número de teléfono para contactarle?",
    invalid:
      "Perdón, eso no parece un correo electrónico ni un número de teléfono que pueda usar. ¿Podría escribirlo otra vez, como nombre@ejemplo.com o (408) 555-0123?",
    declined:
      "No hay problema. Una persona de nuestro equipo le responderá aquí mismo en este chat; mantenga esta página abierta.",
    thanks: (contact: string) =>
      `¡Gracias! Si no le encontramos aquí, le contactaremos en ${contact}.`,
    meanwhile:
      "Una persona de nuestro equipo le responderá aquí mismo en este chat. ¿Le ayudo con algo más mientras tanto?",
    account: (email: string) => `Si no le encontramos aquí, le escribiremos a ${email}.`,
    or: " o ",
  },
} satisfies Record<Language, unknown>;

/** A message that only checks someone is there: "hello??", "anyone there?", "hola". */
const STILL_THERE =
  /^(?:\s*(?:hi+|hello+|hey+|helo+|hola|yo|ping|(?:is )?(?:any(?:one|body)|some(?:one|body)) (?:there|here|home)|(?:are )?(?:you|u) (?:still )?there|still there|\?+)[\s!?.,]*)+$/i;

export interface HandoffTurn {
  /** The whole answer to this message: no tier is asked (a contact given, refused or declined). */
  reply?: string;
  /** Said before the tier's answer. */
  prepend?: string;
  /** Said after the tier's answer. */
  append?: string;
  /** Stored on the conversation with the reply (same transaction). */
  conversation?: Prisma.ConversationUpdateInput;
  /** Marks the reply as asking for a contact: the next message may be one. */
  extras?: { contactAsk: true };
  /** With `reply`: the memory to keep (the conversation's, unchanged by a phone number's digits). */
  memory?: Memory;
}

export interface Contact {
  email?: string;
  /** In the one stored form (normalizePhone): "(408) 555-0123", "+44 20 7946 0958". */
  phone?: string;
}

const emailShape = z.email();

/** The first usable email address and phone number in a message. */
export function contactIn(text: string, region: CountryCode = DEFAULT_PHONE_REGION): Contact {
  const out: Contact = {};
  for (const raw of text.match(/[^\s<>()[\]{},;:"'`]+@[^\s<>()[\]{},;:"'`]+/g) ?? []) {
    const candidate = raw.replace(/[.!?]+$/, "").toLowerCase();
    if (candidate.length <= 254 && emailShape.safeParse(candidate).success) {
      out.email = candidate;
      break;
    }
  }
  // An email's digits are not a phone number.
  const rest = out.email ? text.replace(/\S+@\S+/g, " ") : text;
  const phone = findPhoneNumbersInText(rest, region).find((f) => f.number.isValid());
  if (phone) out.phone = normalizePhone(phone.number.number);
  return out;
}

/**
 * Looks like the visitor tried to give a contact: an @, a run of digits (a bare 5-digit number
 * is a ZIP code), "x at y dot com", or "my number is ..." with digits.
 */
export function triedContact(text: string): boolean {
  const digits = text.replace(/\D/g, "").length;
  const phoneShaped =
    /^[\s\d()+.-]+$/.test(text.trim()) && digits >= 4 && !/^\s*\d{5}\s*$/.test(text);
  return (
    text.includes("@") ||
    digits >= 6 ||
    phoneShaped ||
    /\b\w+\s+at\s+\w+\s+dot\s+\w+\b/i.test(text) ||
    (/\b(e-?mail|phone|cell|mobile|number)\b/i.test(text) && digits > 0)
  );
}

/** "no thanks", "I'd rather not", "skip", "no gracias": the visitor won't give a contact. */
export function declinesContact(text: string): boolean {
  const t = text.trim().toLowerCase();
  return (
    t.split(/\s+/).length <= 8 &&
    /^(no|nope|nah|no thanks?|no thank you|i'?d rather not|rather not|skip( it)?|not now|i'?ll (just )?wait( here)?|never ?mind|i prefer not|prefer not|no gracias|prefiero no|mejor no)\b/.test(
      t,
    )
  );
}

const FILLER = new Set(
  (
    "my your the a an is it's its it email e-mail mail address phone number cell mobile you can " +
    "could reach me at or and sure ok okay yes yeah yep here thanks thank please call text best " +
    "way to use try on of via i'm im this that's thats is:"
  ).split(" "),
);

/** The message is the contact and little else (no question left to answer). */
function onlyContact(text: string): boolean {
  if (text.includes("?")) return false;
  const rest = text
    .replace(/\S+@\S+/g, " ")
    .replace(/[+()\d][\d\s().-]{5,}\d/g, " ")
    .toLowerCase()
    .split(/[^a-z'-]+/)
    .filter((w) => w && !FILLER.has(w));
  return rest.length <= 3;
}

const said = (c: Contact, or: string) => [c.email, c.phone].filter((x) => !!x).join(or);

/** Was the assistant's last reply in this chat before `before` an ask for a contact? */
async function lastReplyAsked(db: Db, conversationId: string, before: Date): Promise<boolean> {
  const last = await db.chatMessage.findFirst({
    where: { conversationId, role: "ASSISTANT", createdAt: { lte: before } },
    orderBy: { createdAt: "desc" },
    select: { extras: true },
  });
  return (last?.extras as { contactAsk?: boolean } | null)?.contactAsk === true;
}

/**
 * What the hand-off adds to this turn. `handoff` is the assistant's reason to hand off on this
 * message (null when none); a chat already in HANDOFF is not handed off again.
 */
export async function planHandoff(
  db: Db,
  conv: Pick<
    Conversation,
    "id" | "userId" | "status" | "contactEmail" | "contactPhone" | "contactAskAt" | "memory"
  >,
  msg: { content: string; createdAt: Date },
  handoff: string | null,
  now: Date,
  language: Language = "en",
): Promise<HandoffTurn> {
  const say = SAY[language];
  const handingOff = !!handoff && conv.status !== "HANDOFF";
  // "hello??" while the team has the conversation: a person will reply (not the first greeting).
  if (conv.status === "HANDOFF" && !handoff && STILL_THERE.test(msg.content))
    return { reply: say.meanwhile, memory: (conv.memory ?? {}) as Memory };
  if (conv.userId) {
    if (!handingOff) return {};
    const user = await db.user.findUnique({ where: { id: conv.userId }, select: { email: true } });
    return user ? { append: say.account(user.email) } : {};
  }
  if (conv.contactEmail || conv.contactPhone) return {};
  if (!handingOff && conv.status !== "HANDOFF") return {};
  const memory = (conv.memory ?? {}) as Memory;
  const found = contactIn(msg.content);
  if (found.email || found.phone) {
    const conversation = {
      contactEmail: found.email ?? null,
      contactPhone: found.phone ?? null,
      contactAskAt: conv.contactAskAt ?? now,
    };
    const ack = say.thanks(said(found, say.or));
    if (handingOff) return { append: ack, conversation };
    if (onlyContact(msg.content))
      return {
        reply: `${ack} ${say.meanwhile}`,
        conversation,
        memory,
      };
    return { prepend: ack, conversation };
  }
  if (conv.contactAskAt && (await lastReplyAsked(db, conv.id, msg.createdAt))) {
    if (declinesContact(msg.content)) return { reply: say.declined, memory };
    if (triedContact(msg.content))
      return { reply: say.invalid, extras: { contactAsk: true }, memory };
  }
  if (handingOff && !conv.contactAskAt)
    return {
      append: say.ask,
      conversation: { contactAskAt: now },
      extras: { contactAsk: true },
    };
  return {};
}

/** The reply text with what the hand-off says before and after the tier's answer. */
export function withHandoff(content: string, turn: HandoffTurn): string {
  return [turn.prepend, content, turn.append].filter(Boolean).join("\n\n");
}

/** A turn the hand-off answers itself (`turn.reply`): no model call, nothing to cache. */
export function handoffAnswer(
  turn: HandoffTurn,
  known: Memory,
): {
  content: string;
  extras: ToolExtras;
  intent: string;
  tier: string;
  cacheStatus: "bypass";
  toolCalls: unknown[];
  memory: Memory;
  unknown: boolean;
  ledger: LedgerRow[];
} {
  return {
    content: turn.reply ?? "",
    extras: {},
    intent: "handoff_contact",
    tier: "local",
    cacheStatus: "bypass",
    toolCalls: [],
    memory: turn.memory ?? known,
    unknown: false,
    ledger: [],
  };
}
