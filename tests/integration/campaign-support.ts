// A real SMTP server on 127.0.0.1 for the campaign tests (not a test file itself): it records the
// raw messages it accepts, parsed with mailparser when asked, so tests assert on what a mailbox
// received (headers and bodies), not on our own tables. Also the worker's side of those tests:
// its mailer sending to that server, and what BullMQ hands a processor (`workerCtxAt`).
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { Job } from "bullmq";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { handleCampaignClick } from "@myhibachi/api";
import type { Db } from "@myhibachi/db";
import { DAY } from "@myhibachi/shared";
import type { ProcessorContext, WorkerDeps } from "../../apps/worker/src/context";
import { createMailer, type Mailer } from "../../apps/worker/src/mailer";
import { SITE } from "./after-booking-support";
import type { Env } from "./helpers";

export interface Inbox {
  url: string;
  /** Raw messages in the order the server accepted them. */
  raw: { to: string[]; raw: string }[];
  /** Every accepted message, parsed. */
  messages(): Promise<ParsedMail[]>;
  /** Accepted messages to `to`, parsed. */
  to(address: string): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<Inbox> {
  const raw: Inbox["raw"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (d: Buffer) => chunks.push(d));
      stream.on("end", () => {
        raw.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  const messages = () => Promise.all(raw.map((r) => simpleParser(r.raw)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    raw,
    messages,
    async to(address) {
      return Promise.all(
        raw.filter((r) => r.to.includes(address.toLowerCase())).map((r) => simpleParser(r.raw)),
      );
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The List-* headers of a parsed message (mailparser groups them under `list`). */
export function listHeaders(m: ParsedMail): {
  unsubscribeUrl: string | undefined;
  post: string | undefined;
} {
  const list = m.headers.get("list") as
    { unsubscribe?: { url?: string }; ["unsubscribe-post"]?: { name?: string } } | undefined;
  const postLine = m.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line;
  return {
    unsubscribeUrl: list?.unsubscribe?.url,
    post: postLine?.replace(/^List-Unsubscribe-Post:\s*/i, ""),
  };
}

/** The tracked links (`<site>/r?token=...`) in an email's text, in order. */
export function trackedLinksIn(text: string | undefined): string[] {
  return [...(text ?? "").matchAll(/(https?:\/\/\S+?\/r\?token=[\w.-]+)/g)].map((m) => m[1]!);
}

/**
 * Where a tracked link leads, as a link checker's HEAD request to the customer site's redirect
 * sees it (a HEAD records no click): the 303's Location.
 */
export async function whereLinkLeads(
  url: string,
  deps: { db: Db; cookieSecret: string; now?: () => Date },
): Promise<string> {
  const r = await handleCampaignClick(new Request(url, { method: "HEAD" }), deps);
  if (r.status !== 303) throw new Error(`${url} answered ${r.status}`);
  return r.headers.get("location")!;
}

/** A processor's logger that says nothing. */
export const silent = { info: () => {}, error: () => {} };

/** The worker's mailer (nodemailer over SMTP) sending to `inbox`, from the fixture business. */
export const inboxMailer = (inbox: Inbox): Mailer =>
  createMailer({ smtpUrl: inbox.url, from: "MyHibachi <hello@myhibachi.local>", log: silent });

/**
 * The worker's deps on the test database with the clock stopped at `clock`: links to the customer
 * site (`SITE`), campaigns signed with `secret`, one campaign message a day at the most.
 */
export const workerDepsAt = (
  env: Env,
  clock: Date,
  mailer: Mailer,
  secret: string,
): WorkerDeps => ({
  db: env.t.db,
  log: silent,
  now: () => clock,
  customerUrl: SITE,
  mailer,
  campaigns: { secret, frequencyCapMs: DAY },
});

/**
 * What BullMQ hands a processor, faked: the job `job` (`campaigns.run` unless said), its first of
 * three attempts, a signal never aborted, and the worker's deps at `clock` (`workerDepsAt`).
 */
export const workerCtxAt = (
  env: Env,
  clock: Date,
  mailer: Mailer,
  opts: { secret: string; job?: string },
): ProcessorContext => ({
  job: {
    id: "j",
    name: opts.job ?? "campaigns.run",
    queueName: "bookings",
    attemptsMade: 0,
    opts: { attempts: 3 },
  } as unknown as Job,
  signal: new AbortController().signal,
  deps: workerDepsAt(env, clock, mailer, opts.secret),
});
