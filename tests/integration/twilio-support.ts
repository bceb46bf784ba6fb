// A local HTTP server on 127.0.0.1 that plays Twilio's Messages API for the SMS tests (not a test
// file itself): the real `twilio` SDK talks to it (apps/worker/src/sms.ts, `twilioBaseUrl`). It
// records every request it receives, so tests count the texts Twilio was asked to send, not rows
// in our own tables. Create (POST .../Messages.json) and list (GET, filtered by To) are played;
// requests without the account's Basic auth get Twilio's 401.
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

export interface TwilioRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  authorized: boolean;
}

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  direction: "outbound-api";
  status: "queued";
  date_created: string;
  date_sent: string;
}

export interface FakeTwilio {
  url: string;
  /** Numbers (E.164) that opted out at "Twilio": sending to them is refused with 21610. */
  optedOut: Set<string>;
  accountSid: string;
  authToken: string;
  /** Every request received, in order. */
  requests: TwilioRequest[];
  /** The texts it was asked to send (POST Messages.json, authorized). */
  sent(): { to: string; from: string | null; body: string }[];
  close(): Promise<void>;
}

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString("hex")}`;
  const authToken = randomBytes(16).toString("hex");
  const requests: TwilioRequest[] = [];
  const messages: FakeTwilioMessage[] = [];
  const optedOut = new Set<string>();
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? "/", "http://127.0.0.1");
      const form = new URLSearchParams(await read(req));
      const authorized = req.headers.authorization === basic;
      requests.push({
        method: req.method ?? "",
        path: u.pathname,
        query: u.searchParams,
        form,
        authorized,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (!authorized)
        return json(401, { code: 20003, message: "Authenticate", status: 401, more_info: "" });
      if (u.pathname !== base) return json(404, { code: 20404, message: "Not found", status: 404 });
      if (req.method === "POST") {
        const to = form.get("To");
        const body = form.get("Body");
        if (!to || !body || (!form.get("From") && !form.get("MessagingServiceSid")))
          return json(400, {
            code: 21604,
            message: "A 'To', 'Body' and 'From' are required",
            status: 400,
          });
        if (optedOut.has(to))
          return json(400, {
            code: 21610,
            message: "Attempt to send to unsubscribed recipient",
            status: 400,
            more_info: "https://www.twilio.com/docs/errors/21610",
          });
        const now = new Date().toUTCString();
        const m: FakeTwilioMessage = {
          sid: `SM${randomBytes(16).toString("hex")}`,
          to,
          from: form.get("From"),
          messaging_service_sid: form.get("MessagingServiceSid"),
          body,
          direction: "outbound-api",
          status: "queued",
          date_created: now,
          date_sent: now,
        };
        messages.push(m);
        return json(201, {
          ...m,
          account_sid: accountSid,
          api_version: "2010-04-01",
          num_segments: "1",
        });
      }
      if (req.method === "GET") {
        const to = u.searchParams.get("To");
        const list = messages.filter((m) => !to || m.to === to);
        return json(200, {
          messages: list.map((m) => ({ ...m, account_sid: accountSid })),
          first_page_uri: `${base}?PageSize=50&Page=0`,
          next_page_uri: null,
          previous_page_uri: null,
          page: 0,
          page_size: 50,
          start: 0,
          end: Math.max(0, list.length - 1),
          uri: `${base}?PageSize=50&Page=0`,
        });
      }
      return json(405, { code: 20004, message: "Method not allowed", status: 405 });
    })();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    optedOut,
    accountSid,
    authToken,
    requests,
    sent: () =>
      requests
        .filter((r) => r.method === "POST" && r.path === base && r.authorized)
        .map((r) => ({
          to: r.form.get("To")!,
          from: r.form.get("From"),
          body: r.form.get("Body")!,
        })),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * A webhook as Twilio sends it: a form body signed with the SDK's own algorithm over the public
 * URL Twilio was given (`publicBase` + path), arriving at the app's own address (`internalBase`:
 * the app behind a proxy sees another host). `signedUrl` signs another URL (a forgery).
 */
export function twilioWebhook(
  at: { token: string; publicBase: string; internalBase: string },
  path: string,
  params: Record<string, string>,
  signedUrl = `${at.publicBase}${path}`,
): Request {
  return new Request(`${at.internalBase}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(at.token, signedUrl, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

/** A TwiML answer: its whole body, the words spoken, and where the caller's next answer goes. */
export async function readTwiml(res: Response) {
  const body = await res.text();
  if (res.status !== 200) throw new Error(`expected TwiML (200), got ${res.status}: ${body}`);
  const said = [...body.matchAll(/<Say[^>]*>([^<]*)<\/Say>/g)].map((m) => m[1]).join(" ");
  const action = /<Gather[^>]*action="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, "&") ?? null;
  return { body, said, action };
}
