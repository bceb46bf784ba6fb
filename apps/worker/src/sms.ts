// Text messages (SMS): Twilio when its keys are set, otherwise the local outbox only (the
// SmsMessage row, marked SENT, is the copy: the product works fully offline, like emails without
// SMTP). The official `twilio` SDK; it has no base-URL option, so tests hand it an `httpClient`
// (`twilioClientFor(..., { baseUrl })` below) that sends its requests to a local server.
import { assertOutsideTransaction } from "@myhibachi/db";
import { phoneToE164 } from "@myhibachi/core";
import twilio from "twilio";
import type TwilioRequestClient from "twilio/lib/base/RequestClient";
import type { Logger } from "./log";

export interface OutgoingSms {
  /** The stored (normalised) phone number. */
  to: string;
  body: string;
}

export interface SmsSender {
  readonly mode: "twilio" | "local-outbox";
  /** Hands the text to the provider; its id (Twilio's message sid), null in local-outbox mode. */
  send(sms: OutgoingSms): Promise<string | null>;
  /**
   * Whether the provider already has this text (sent to `to` since `since` with this body): asked
   * before a RETRY, so an attempt whose claim or answer was lost is not sent twice. Its id, or null.
   */
  findSent(sms: OutgoingSms, since: Date): Promise<string | null>;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** The sending number ("+14085550199"), or */
  from?: string | undefined;
  /** a Messaging Service sid ("MG..."): one of the two. */
  messagingServiceSid?: string | undefined;
}

/** Twilio's settings from the worker's env, or null (local outbox) when the keys are not set. */
export function twilioSettingsFrom(env: {
  TWILIO_ACCOUNT_SID?: string | undefined;
  TWILIO_AUTH_TOKEN?: string | undefined;
  TWILIO_FROM?: string | undefined;
  TWILIO_MESSAGING_SERVICE_SID?: string | undefined;
}): TwilioSettings | null {
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) return null;
  if (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID)
    throw new Error(
      "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set, but neither TWILIO_FROM (the sending number) nor TWILIO_MESSAGING_SERVICE_SID: set one of them, or unset the keys to keep texts in the local outbox.",
    );
  return {
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    from: env.TWILIO_FROM,
    messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID,
  };
}

/** Bounded, so a hung Twilio fails the attempt (retried later) instead of hanging the worker. */
const TWILIO_TIMEOUT_MS = 15_000;

/**
 * A RequestClient that sends every request to `baseUrl` instead of https://api.twilio.com (and
 * the other Twilio hosts): a local server playing Twilio in tests.
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ timeout: TWILIO_TIMEOUT_MS });
  }
  override request<TData>(opts: TwilioRequestClient.RequestOptions<TData>) {
    const u = new URL(opts.uri);
    return super.request({ ...opts, uri: `${this.baseUrl}${u.pathname}${u.search}` });
  }
}

export function twilioClientFor(settings: TwilioSettings, opts: { baseUrl?: string } = {}) {
  return twilio(settings.accountSid, settings.authToken, {
    httpClient: opts.baseUrl
      ? new RedirectingRequestClient(opts.baseUrl)
      : new twilio.RequestClient({ timeout: TWILIO_TIMEOUT_MS }),
  });
}

export function createSmsSender(opts: {
  twilio: TwilioSettings | null;
  log: Logger;
  /** TEST-ONLY: where the Twilio client sends its requests (a local server). */
  twilioBaseUrl?: string | undefined;
}): SmsSender {
  const { log } = opts;
  const settings = opts.twilio;
  if (!settings)
    return {
      mode: "local-outbox",
      async send(sms) {
        assertOutsideTransaction("sending a text message");
        log.info(`[sms] local outbox (no Twilio keys): to=${sms.to} ${sms.body.length} chars`);
        return null;
      },
      async findSent() {
        return null;
      },
    };
  const client = twilioClientFor(
    settings,
    opts.twilioBaseUrl ? { baseUrl: opts.twilioBaseUrl } : {},
  );
  const e164 = (to: string) => {
    const n = phoneToE164(to);
    if (!n) throw new Error(`Not a phone number a text can go to: ${to}`);
    return n;
  };
  return {
    mode: "twilio",
    async send(sms) {
      assertOutsideTransaction("sending a text message");
      const m = await client.messages.create({
        to: e164(sms.to),
        body: sms.body,
        ...(settings.messagingServiceSid
          ? { messagingServiceSid: settings.messagingServiceSid }
          : { from: settings.from! }),
      });
      return m.sid;
    },
    async findSent(sms, since) {
      assertOutsideTransaction("asking Twilio about a text message");
      // DateSent filters by day (UTC): a day earlier covers a claim made just after midnight.
      const list = await client.messages.list({
        to: e164(sms.to),
        dateSentAfter: new Date(since.getTime() - 86_400_000),
        limit: 50,
      });
      const same = list.find((m) => m.body === sms.body && m.direction !== "inbound");
      return same?.sid ?? null;
    },
  };
}
