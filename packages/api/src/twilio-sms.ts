// Twilio's inbound SMS webhook (POST /api/twilio/sms in the customer app): a text sent to the
// business number. The request's X-Twilio-Signature is checked with the official SDK
// (`twilio.validateRequest`) against the public URL Twilio was given (CUSTOMER_URL + the path), so
// only Twilio can change a phone's consent here. Then (core/campaigns/sms-replies.ts):
//
//   STOP and the other opt-out words  -> consent REVOKED, suppressed, its campaign texts stop;
//                                        emails go on. Empty TwiML: Twilio (and the carrier)
//                                        send the standard opt-out confirmation themselves.
//   START, UNSTOP                      -> consent GRANTED again. Empty TwiML (Twilio confirms).
//   HELP, INFO                         -> the business name, its phone, how to stop.
//   anything else                      -> `otherReply` (today: "call or text us at <phone>";
//                                        issue 17 hands these to the assistant: the seam).
//
// A sender we don't text (abroad, premium, toll-free: core's usTextNumber) gets no reply at all,
// not even to HELP: a reply is a text billed to the business, international when the number is
// abroad, and a spoofed sender pumps those (issue 17 round 5, M6). Their STOP and START are still
// kept (empty TwiML); other texts are not read by the assistant.
//
// A bad or missing signature is a 403 with a readable message and writes nothing; a body that
// isn't Twilio's form is a 4xx, never a 500. The edge's cross-site check lets form POSTs through on
// this path (http/edge.ts): the signature is the authority.
import twilio from "twilio";
import {
  AppError,
  normalizePhone,
  phoneToE164,
  restartSms,
  smsReplyKind,
  smsSaysYes,
  smsStopped,
  stopSms,
  usTextNumber,
} from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { LIMITS, mediaType, readBodyLimited } from "./http";

export const TWILIO_SMS_PATH = "/api/twilio/sms";

export interface InboundSms {
  /** The sender in its stored form, "(408) 555-0199". */
  from: string;
  body: string;
  /** Twilio's id of the text (one turn per text: a retried webhook carries the same). */
  messageSid: string | null;
  business: { name: string; phone: string };
}

export interface TwilioSmsDeps {
  db: Db;
  /** TWILIO_AUTH_TOKEN (signs Twilio's webhook requests); unset: the endpoint answers 503. */
  authToken: string | undefined;
  /** The site's public URL as Twilio is given it (CUSTOMER_URL): the signature covers it. */
  publicUrl: string;
  now?: () => Date;
  /**
   * The answer to a text that is no keyword. Issue 17 routes these to the assistant; until then
   * `defaultOtherReply`.
   */
  otherReply?: (sms: InboundSms) => Promise<string>;
}

const twiml = (message?: string): Response => {
  const r = new twilio.twiml.MessagingResponse();
  if (message) r.message(message);
  return new Response(r.toString(), {
    status: 200,
    headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" },
  });
};

export const plain = (status: number, message: string): Response =>
  new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });

export const defaultOtherReply = async ({ business }: InboundSms): Promise<string> =>
  `Thanks for your message. This number doesn't read replies yet: call or text ${business.name} at ${business.phone}. Reply STOP to opt out.`;

export const helpReply = ({ business }: Pick<InboundSms, "business">): string =>
  `${business.name}: hibachi catering. Questions? Call ${business.phone}. Reply STOP to opt out of texts, START to opt back in. Msg & data rates may apply.`;

/** The URL Twilio signed: the public origin, this path and its query. */
export function signedUrlOf(req: Request, publicUrl: string): string {
  const u = new URL(req.url);
  return `${publicUrl.replace(/\/+$/, "")}${u.pathname}${u.search}`;
}

/**
 * A Twilio webhook's form, once its X-Twilio-Signature is right for the public URL it was sent to
 * (`twilio.validateRequest`, the SDK's own algorithm); otherwise the refusal to answer with (503
 * unconfigured, 405, 415, 413, 400 unreadable, 403 bad signature), before anything is read or
 * written.
 */
export async function verifiedTwilioForm(
  req: Request,
  deps: { authToken: string | undefined; publicUrl: string },
  what: string,
): Promise<{ params: Record<string, string>; refuse?: never } | { refuse: Response }> {
  if (req.method !== "POST")
    return { refuse: plain(405, `Twilio posts ${what} here (POST only).`) };
  if (!deps.authToken)
    return {
      refuse: plain(
        503,
        "Twilio is not set up on this site: TWILIO_AUTH_TOKEN is not set (README, Configuring real services).",
      ),
    };
  if (mediaType(req) !== "application/x-www-form-urlencoded")
    return { refuse: plain(415, "Send Twilio's form body (application/x-www-form-urlencoded).") };
  const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
  if (read.refuse) return { refuse: read.refuse };
  let params: Record<string, string>;
  try {
    const text = read.body ? new TextDecoder("utf-8", { fatal: true }).decode(read.body) : "";
    params = Object.fromEntries(new URLSearchParams(text));
  } catch {
    return { refuse: plain(400, "The body is not a readable form.") };
  }
  const signature = req.headers.get("x-twilio-signature") ?? "";
  const url = signedUrlOf(req, deps.publicUrl);
  if (!signature || !twilio.validateRequest(deps.authToken, signature, url, params))
    return {
      refuse: plain(
        403,
        `The X-Twilio-Signature header is missing or wrong for ${url}: only Twilio may post here. If this is Twilio, check TWILIO_AUTH_TOKEN and that the webhook URL in Twilio's console is exactly this one.`,
      ),
    };
  // What people typed or said, without control characters (a NUL can't be stored in Postgres
  // text): checked as signed, used as readable.
  return {
    params: Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, v.replace(CONTROL_CHARS, "")]),
    ),
  };
}

/** C0 controls but tab, newline and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export async function handleTwilioSms(req: Request, deps: TwilioSmsDeps): Promise<Response> {
  if (req.method === "POST" && !deps.authToken)
    return plain(
      503,
      "Text messages are not set up on this site: TWILIO_AUTH_TOKEN is not set (README, Configuring real services).",
    );
  const form = await verifiedTwilioForm(req, deps, "text messages");
  if (form.refuse) return form.refuse;
  const { params } = form;
  const rawFrom = params.From ?? "";
  if (!phoneToE164(rawFrom))
    return plain(400, "From must be the sender's phone number (E.164, +14085550199).");
  if (typeof params.Body !== "string") return plain(400, "Body (the text message) is missing.");
  const now = deps.now?.() ?? new Date();
  const from = normalizePhone(rawFrom);
  // No text back to a number abroad (the header): consent words are kept, nothing is answered.
  const answers = usTextNumber(rawFrom);
  try {
    const kind = smsReplyKind(params.Body);
    if (!answers && kind !== "stop" && kind !== "start") return twiml();
    switch (kind) {
      case "stop":
        await stopSms(deps.db, from, now);
        return twiml();
      case "start":
        await restartSms(deps.db, from, now);
        return twiml();
      case "help":
        return twiml(helpReply({ business: await businessOf(deps.db) }));
      case "other": {
        if (smsSaysYes(params.Body) && (await smsStopped(deps.db, from))) {
          await restartSms(deps.db, from, now);
          return twiml();
        }
        const sms = {
          from,
          body: params.Body,
          messageSid: params.MessageSid ?? null,
          business: await businessOf(deps.db),
        };
        return twiml(await (deps.otherReply ?? defaultOtherReply)(sms));
      }
    }
  } catch (err) {
    if (err instanceof AppError) return plain(400, err.message);
    console.error("[twilio-sms]", err);
    // Twilio retries a failed webhook: the answer says it is ours, not theirs.
    return plain(503, "Something went wrong on our side; Twilio may retry.");
  }
}

export async function businessOf(db: Db): Promise<{ name: string; phone: string }> {
  const s = await db.businessSettings.findUnique({
    where: { id: 1 },
    select: { businessName: true, phone: true },
  });
  return { name: s?.businessName || "MyHibachi", phone: s?.phone || "our number" };
}
