// `pnpm bench campaigns`: 10,000 customers enrolled in the built-in follow-up sequences
// (abandoned holds, post-event, re-engagement; SMS steps added the way an owner would), then one
// simulated day, in 15-minute ticks of an injected clock, of the real worker: `campaigns.run` and
// `email.sweep` on BullMQ, two worker instances on the same queues, every tick run twice at once
// and every fourth tick run again afterwards (a retried job). Emails go over SMTP to a local
// server (smtp-server; 2 % of first attempts refused with a 451 so the retry path runs), texts
// through the real `twilio` SDK to a local Twilio-compatible server; some phones say STOP during
// the day through the real inbound webhook, some numbers are opted out at "Twilio" only.
//
// Independent truth: what the two servers received, against the enrolment set built here.
// Duplicates are counted there (email: recipient + subject, and Message-ID; text: To + body),
// so are quiet-hours violations (the injected clock at receipt, read in the event's time zone)
// and suppression violations (an unsubscribed address, or a phone without consent / after its
// STOP, that received something on that channel). Exits 1 on any. Prints throughput, peak Redis
// used_memory and Postgres memory. Asserts nothing about time.
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { createServer } from "node:net";
import twilio from "twilio";
import pg from "pg";
import { handleTwilioSms } from "@myhibachi/api";
import {
  QueryCache,
  createBooking,
  enrolCampaigns,
  normalizePhone,
  phoneToE164,
} from "@myhibachi/core";
import { createDb, type Db } from "@myhibachi/db";
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  type Queues,
  type Redis,
} from "@myhibachi/jobs";
import { createFixtureBusiness, classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { addDays, DAY, HOUR, MINUTE, todayIn, zonedParts } from "@myhibachi/shared";
import { startWorkers, type WorkerPool } from "../apps/worker/src/workers";
import { processors } from "../apps/worker/src/processors";
import { createMailer } from "../apps/worker/src/mailer";
import { createSmsSender } from "../apps/worker/src/sms";
import type { WorkerDeps } from "../apps/worker/src/context";
import { startFakeTwilio } from "../tests/integration/twilio-support";
import { scratchDatabase } from "./_db";

const DB_NAME = "myhibachi_bench_campaigns";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const CUSTOMERS = 10_000;
/** Midnight in Los Angeles, a Wednesday with no DST change: the simulated day starts here. */
const DAY0 = new Date("2026-12-02T08:00:00Z");
const TICK = 15 * MINUTE;
const SITE = "http://127.0.0.1:3999";
const SECRET = "bench-campaigns-secret-0123456789abcdef";
const FROM = "+14085550199";
const WINDOW = { start: 8 * 60, end: 21 * 60 };

// ---- deterministic randomness ----
let seed = 0x5eed_c0de;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (a: number, b: number) => a + rand() * (b - a);
function pick<T>(weighted: [T, number][]): T {
  let r = rand() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

const ZONES: [string, number, string][] = [
  ["America/Los_Angeles", 40, "213"],
  ["America/New_York", 25, "212"],
  ["America/Chicago", 20, "312"],
  ["America/Denver", 10, "303"],
  ["Pacific/Honolulu", 5, "808"],
];

type Kind = "abandoned" | "post-event" | "re-engagement";
interface Subject {
  i: number;
  kind: Kind;
  email: string;
  phone: string; // stored form
  e164: string;
  tz: string;
  status: "HELD" | "EXPIRED" | "COMPLETED";
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  rating: number | null;
  emailOff: "revoked" | "suppressed" | null;
  sms: "none" | "granted" | "stopped-before" | "stop-during" | "twilio-opted-out";
  stopAt: Date | null;
}

function buildSubjects(): Subject[] {
  const out: Subject[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const m = i % 20;
    const kind: Kind = m < 6 ? "abandoned" : m < 13 ? "post-event" : "re-engagement";
    const zi = pick(ZONES.map((z, k) => [k, z[1]] as [number, number]));
    const [tz, , area] = ZONES[zi]!;
    const phone = normalizePhone(
      `(${area}) ${String(200 + Math.floor(i / 10_000))}-${String(i % 10_000).padStart(4, "0")}`,
    );
    let createdAt: Date, startsAt: Date, endsAt: Date;
    let status: Subject["status"] = "COMPLETED";
    if (kind === "abandoned") {
      createdAt = new Date(DAY0.getTime() + between(-50 * HOUR, 20 * HOUR));
      startsAt = new Date(createdAt.getTime() + between(10, 40) * DAY);
      endsAt = new Date(startsAt.getTime() + 2 * HOUR);
      status = rand() < 0.7 ? "HELD" : "EXPIRED";
    } else {
      endsAt = new Date(
        DAY0.getTime() +
          (kind === "post-event" ? between(-31 * DAY, 12 * HOUR) : between(-399 * DAY, -89 * DAY)),
      );
      startsAt = new Date(endsAt.getTime() - 2 * HOUR);
      createdAt = new Date(startsAt.getTime() - 20 * DAY);
    }
    const rating =
      kind === "post-event" && endsAt.getTime() < DAY0.getTime() - DAY && rand() < 0.6
        ? pick<number>([
            [1, 5],
            [2, 5],
            [3, 10],
            [4, 30],
            [5, 50],
          ])
        : null;
    const r = rand();
    const emailOff = r < 0.04 ? "revoked" : r < 0.05 ? "suppressed" : null;
    let sms: Subject["sms"] = "none";
    let stopAt: Date | null = null;
    if (kind !== "re-engagement" && rand() < 0.35) {
      const s = rand();
      sms =
        s < 0.08
          ? "stopped-before"
          : s < 0.14
            ? "stop-during"
            : s < 0.17
              ? "twilio-opted-out"
              : "granted";
      if (sms === "stop-during")
        stopAt = new Date(DAY0.getTime() + Math.floor(between(16, 80)) * TICK);
    }
    out.push({
      i,
      kind,
      email: `guest${i}@campaigns.bench`,
      phone,
      e164: phoneToE164(phone)!,
      tz,
      status,
      startsAt,
      endsAt,
      createdAt,
      rating,
      emailOff,
      sms,
      stopAt,
    });
  }
  return out;
}

// ---- the local SMTP server: records what it accepted, with the injected clock at receipt ----
// A minimal RFC 5321 server (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on a real TCP port: the
// worker's own nodemailer transport talks to it. Not smtp-server, which waits 100 ms before its
// greeting on every connection (its "early talker" check) and would time that, not us: the
// mailer opens one connection per email.
interface Received {
  to: string;
  raw: string;
  at: number;
}
let clock = new Date(DAY0);
async function startSmtp(failFirst: (to: string) => boolean) {
  const received: Received[] = [];
  const refusedOnce = new Set<string>();
  let refused = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.setNoDelay(true);
    let buf = "";
    let rcpt: string[] = [];
    let data: string[] | null = null;
    const reply = (line: string) => sock.write(`${line}\r\n`);
    reply("220 bench.local ESMTP");
    sock.on("error", () => {});
    sock.on("data", (chunk: Buffer) => {
      buf += chunk.toString("utf8");
      let nl: number;
      while ((nl = buf.indexOf("\r\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (data) {
          if (line !== ".") {
            data.push(line.startsWith("..") ? line.slice(1) : line);
            continue;
          }
          const to = rcpt.join(",");
          const raw = data.join("\r\n");
          data = null;
          rcpt = [];
          if (failFirst(to) && !refusedOnce.has(to)) {
            // A transient refusal: the sender records the failure and the sweep retries it.
            refusedOnce.add(to);
            refused++;
            reply("451 4.3.0 Try again later");
          } else {
            received.push({ to, raw, at: clock.getTime() });
            reply("250 2.0.0 OK");
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") reply("250 bench.local");
        else if (cmd === "MAIL") {
          rcpt = [];
          reply("250 2.1.0 OK");
        } else if (cmd === "RCPT") {
          rcpt.push((/<([^>]*)>/.exec(line)?.[1] ?? "").toLowerCase());
          reply("250 2.1.5 OK");
        } else if (cmd === "DATA") {
          data = [];
          reply("354 End data with <CR><LF>.<CR><LF>");
        } else if (cmd === "RSET" || cmd === "NOOP") {
          rcpt = [];
          reply("250 2.0.0 OK");
        } else if (cmd === "QUIT") {
          reply("221 2.0.0 Bye");
          sock.end();
        } else reply("502 5.5.2 Command not implemented");
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused: () => refused,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

// ---- memory sampling ----
async function redisUsedMemory(r: Redis): Promise<number> {
  const info = await r.info("memory");
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}
/** Sum of the proportional set size (PSS) of every postgres process, or null when unreadable. */
function postgresPss(): number | null {
  let total = 0;
  let any = false;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") continue;
      const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (kb) {
        total += Number(kb[1]) * 1024;
        any = true;
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return any ? total : null;
}
const mb = (b: number | null) =>
  b === null || Number.isNaN(b) ? "n/a" : `${(b / 1e6).toFixed(1)} MB`;

// ---- the worker: two instances on the same queues ----
interface Instance {
  pool: WorkerPool;
  connection: Redis;
  db: Db;
  close(): Promise<void>;
}
const errors: string[] = [];
const log = {
  info: () => {},
  warn: () => {},
  error: (msg: string, err?: unknown) => {
    errors.push(`${msg}${err ? ` ${String(err)}` : ""}`);
  },
};

function startInstance(
  url: string,
  prefix: string,
  smtpUrl: string,
  tw: { url: string; accountSid: string; authToken: string },
): Instance {
  const connection = createRedis(REDIS_URL, "queue");
  const db = createDb({ url, max: 8 });
  const mailer = createMailer({ smtpUrl, from: "MyHibachi <hello@myhibachi.local>", log });
  const deps: WorkerDeps = {
    db,
    mailer,
    sms: createSmsSender({
      twilio: { accountSid: tw.accountSid, authToken: tw.authToken, from: FROM },
      log,
      twilioBaseUrl: tw.url,
    }),
    log,
    now: () => clock,
    customerUrl: SITE,
    campaigns: { secret: SECRET, frequencyCapMs: DAY },
  };
  const pool = startWorkers({
    connection,
    prefix,
    processors,
    deps,
    queues: ["bookings", "email"],
  });
  return {
    pool,
    connection,
    db,
    async close() {
      await pool.close(5_000);
      mailer.close();
      connection.disconnect();
      await db.$disconnect();
    },
  };
}

async function drained(queues: Queues): Promise<void> {
  for (;;) {
    let left = 0;
    for (const q of [queues.bookings, queues.email]) {
      const c = await q.getJobCounts("waiting", "active", "delayed", "prioritized");
      left += Object.values(c).reduce((s, n) => s + n, 0);
    }
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main() {
  console.log(
    "MyHibachi campaigns benchmark: 10,000 enrolments, one simulated day of the real worker\n",
  );
  const url = await scratchDatabase(DB_NAME);
  const db = createDb({ url, max: 10 });
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  const dbSize = async () =>
    Number(
      (await sql.query<{ s: string }>("SELECT pg_database_size(current_database())::text AS s"))
        .rows[0]!.s,
    );
  const sizeEmpty = await dbSize();

  // ---- the business, one real booking as the row template, and the owner's SMS steps ----
  const t0 = performance.now();
  await createFixtureBusiness(db, { chefs: 2, settings: { bookingWindowDays: 365 } });
  await db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 100_000 } });
  const cacheRedis = createRedis(REDIS_URL, "cache");
  const prefix = `bench-camp-${randomBytes(4).toString("hex")}`;
  const template = await createBooking(
    db,
    {
      idempotencyKey: `template-${prefix}`,
      date: addDays(todayIn("America/Los_Angeles"), 5),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: "Template Row", email: "template@bench.invalid", phone: "408-555-0100" },
    },
    { cache: new QueryCache(cacheRedis, prefix), payments: null, customerUrl: SITE },
  );
  cacheRedis.disconnect();
  // Owner edits: an SMS step in the abandoned-booking sequence (+1 h, before the +2 h email) and
  // in post-event (+2 days, between the rating email and the review request).
  await sql.query(
    `UPDATE "CampaignStep" SET position = position + 10 WHERE "sequenceId" IN ('seq_abandoned','seq_post_event')`,
  );
  await sql.query(
    `UPDATE "CampaignStep" SET position = position - 9 WHERE "sequenceId" = 'seq_abandoned'`,
  );
  await sql.query(
    `UPDATE "CampaignStep" SET position = position - 10 WHERE "sequenceId" = 'seq_post_event' AND position = 11`,
  );
  await sql.query(
    `UPDATE "CampaignStep" SET position = position - 9 WHERE "sequenceId" = 'seq_post_event' AND position > 11`,
  );
  await db.campaignStep.createMany({
    data: [
      {
        sequenceId: "seq_abandoned",
        position: 1,
        delayMinutes: 60,
        channel: "SMS",
        subject: "(text)",
        template:
          "Still thinking about your party on {{eventDate}}? Your spot is held: {{bookUrl}}",
      },
      {
        sequenceId: "seq_post_event",
        position: 2,
        delayMinutes: 2 * 1440,
        channel: "SMS",
        subject: "(text)",
        template:
          "Thanks again for having us on {{eventDate}}, {{firstName}}! Next party: {{bookUrl}}",
      },
    ],
  });

  // ---- 10,000 customers, their bookings, consents and suppressions (bulk) ----
  const subjects = buildSubjects();
  await db.customer.createMany({
    data: subjects.map((s) => ({
      id: `cust_${s.i}`,
      name: `Guest${s.i} Tanaka`,
      email: s.email,
      phone: s.phone,
      createdAt: s.createdAt,
    })),
  });
  const cols = (
    await sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Booking' ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.column_name);
  const override: Record<string, [string, string, unknown[]]> = {
    id: ["text", "", subjects.map((s) => `bk_${s.i}`)],
    code: ["text", "", subjects.map((s) => `BENCH${s.i}`)],
    accessToken: ["text", "", subjects.map((s) => `bench-access-${s.i}`)],
    idempotencyKey: ["text", "", subjects.map((s) => `bench-booking-${s.i}`)],
    customerId: ["text", "", subjects.map((s) => `cust_${s.i}`)],
    status: ["text", `::"BookingStatus"`, subjects.map((s) => s.status)],
    startsAt: ["timestamptz", "", subjects.map((s) => s.startsAt)],
    endsAt: ["timestamptz", "", subjects.map((s) => s.endsAt)],
    chefBlockStart: ["timestamptz", "", subjects.map((s) => new Date(s.startsAt.getTime() - HOUR))],
    chefBlockEnd: ["timestamptz", "", subjects.map((s) => new Date(s.endsAt.getTime() + HOUR))],
    timeZone: ["text", "", subjects.map((s) => s.tz)],
    contactName: ["text", "", subjects.map((s) => `Guest${s.i} Tanaka`)],
    contactEmail: ["text", "", subjects.map((s) => s.email)],
    contactPhone: ["text", "", subjects.map((s) => s.phone)],
    createdAt: ["timestamptz", "", subjects.map((s) => s.createdAt)],
    updatedAt: ["timestamptz", "", subjects.map((s) => s.createdAt)],
  };
  // Unique columns a migration dropped (accessToken) are simply not written.
  for (const n of Object.keys(override)) if (!cols.includes(n)) delete override[n];
  const names = Object.keys(override);
  await sql.query(
    `INSERT INTO "Booking" (${cols.map((c) => `"${c}"`).join(", ")})
     SELECT ${cols.map((c) => (c in override ? `u."${c}"${override[c]![1]}` : `t."${c}"`)).join(", ")}
     FROM "Booking" t, unnest(${names.map((n, k) => `$${k + 1}::${override[n]![0]}[]`).join(", ")})
       AS u(${names.map((n) => `"${n}"`).join(", ")})
     WHERE t.id = $${names.length + 1}`,
    [...names.map((n) => override[n]![2]), template.id],
  );
  // The template itself is out of the way (no sequence takes a cancelled booking), and so are
  // the emails its booking wrote.
  await sql.query(`UPDATE "Booking" SET status = 'CANCELLED' WHERE id = $1`, [template.id]);
  await sql.query(`DELETE FROM "EmailMessage"`);
  await db.eventFeedback.createMany({
    data: subjects.flatMap((s) => (s.rating ? [{ bookingId: `bk_${s.i}`, rating: s.rating }] : [])),
  });
  const before = new Date(DAY0.getTime() - 30 * DAY);
  await db.contactConsent.createMany({
    data: subjects.flatMap((s) => [
      ...(s.emailOff === "revoked"
        ? [
            {
              channel: "EMAIL" as const,
              address: s.email,
              status: "REVOKED" as const,
              source: "unsubscribe-link",
              at: before,
            },
          ]
        : []),
      ...(s.sms === "none"
        ? []
        : [
            {
              channel: "SMS" as const,
              address: s.phone,
              status: s.sms === "stopped-before" ? ("REVOKED" as const) : ("GRANTED" as const),
              source: s.sms === "stopped-before" ? "sms-stop" : "booking-form",
              at: before,
            },
          ]),
    ]),
  });
  await db.suppression.createMany({
    data: subjects.flatMap((s) => [
      ...(s.emailOff
        ? [
            {
              channel: "EMAIL" as const,
              address: s.email,
              reason: "unsubscribed",
              source: s.emailOff === "revoked" ? "unsubscribe-link" : "owner",
              createdAt: before,
            },
          ]
        : []),
      ...(s.sms === "stopped-before"
        ? [
            {
              channel: "SMS" as const,
              address: s.phone,
              reason: "STOP",
              source: "sms-stop",
              createdAt: before,
            },
          ]
        : []),
    ]),
  });
  const setupS = (performance.now() - t0) / 1000;

  // Whatever is due at the start of the day is enrolled by the product's own enrolment (1,000
  // per sequence per call, as the job does); the rest is enrolled by the job during the day.
  const t1 = performance.now();
  let enrolledAtStart = 0;
  for (;;) {
    const { enrolled } = await enrolCampaigns(db, DAY0);
    enrolledAtStart += enrolled;
    if (enrolled === 0) break;
  }
  const enrolS = (performance.now() - t1) / 1000;
  const sizeSetup = await dbSize();
  const count = (k: Kind) => subjects.filter((s) => s.kind === k).length;
  console.log(
    `setup: ${CUSTOMERS} customers (${count("abandoned")} abandoned holds, ${count("post-event")} post-event, ${count("re-engagement")} re-engagement) in ${setupS.toFixed(1)} s`,
  );
  console.log(
    `       email unsubscribed ${subjects.filter((s) => s.emailOff).length}; SMS consent ${subjects.filter((s) => s.sms !== "none").length} (STOP before ${subjects.filter((s) => s.sms === "stopped-before").length}, STOP during the day ${subjects.filter((s) => s.sms === "stop-during").length}, opted out at Twilio ${subjects.filter((s) => s.sms === "twilio-opted-out").length})`,
  );
  console.log(
    `       enrolled at the start of the day: ${enrolledAtStart} in ${enrolS.toFixed(1)} s (the rest by campaigns.run as their time comes)`,
  );

  // ---- the outside world, local ----
  const smtp = await startSmtp((to) => {
    const n = Number(/guest(\d+)@/.exec(to)?.[1] ?? -1);
    return n >= 0 && n % 50 === 7; // 2 % of recipients: their first attempt is refused (451)
  });
  const fake = await startFakeTwilio();
  for (const s of subjects) if (s.sms === "twilio-opted-out") fake.optedOut.add(s.e164);
  const smsAt: number[] = []; // injected clock for each of fake.requests
  const stampSms = () => {
    while (smsAt.length < fake.requests.length) smsAt.push(clock.getTime());
  };

  const tw = { url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken };
  const a = startInstance(url, prefix, smtp.url, tw);
  const b = startInstance(url, prefix, smtp.url, tw);
  const producer = createRedis(REDIS_URL, "queue");
  const queues = createQueues(producer, { prefix });
  const monitor = createRedis(REDIS_URL, "cache");
  await new Promise((r) => (monitor.status === "ready" ? r(null) : monitor.once("ready", r)));

  // Memory, sampled while the day runs.
  const redisBase = await redisUsedMemory(monitor);
  let redisPeak = redisBase;
  const pgBase = postgresPss();
  let pgPeak = pgBase;
  let backendsPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      redisPeak = Math.max(redisPeak, await redisUsedMemory(monitor).catch(() => 0));
      const p = postgresPss();
      if (p !== null) pgPeak = Math.max(pgPeak ?? 0, p);
      const n = await sql
        .query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`,
        )
        .then((r) => r.rows[0]!.n)
        .catch(() => 0);
      backendsPeak = Math.max(backendsPeak, n);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  const stopWebhook = (phoneE164: string) => {
    const params = {
      MessageSid: `SM${randomBytes(16).toString("hex")}`,
      AccountSid: fake.accountSid,
      From: phoneE164,
      To: FROM,
      Body: "STOP",
    };
    const webhookUrl = `${SITE}/api/twilio/sms`;
    return handleTwilioSms(
      new Request(webhookUrl, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(
            fake.authToken,
            webhookUrl,
            params,
          ),
        },
        body: new URLSearchParams(params).toString(),
      }),
      { db, authToken: fake.authToken, publicUrl: SITE, now: () => clock },
    );
  };

  // ---- one simulated day ----
  const dueNow = async () =>
    db.campaignEnrolment.count({ where: { state: "ACTIVE", nextDueAt: { lte: clock } } });
  let jobs = 0;
  let retriedTicks = 0;
  let catchUps = 0;
  let stops = 0;
  const totals = {
    enrolled: 0,
    queued: 0,
    smsQueued: 0,
    postponed: 0,
    exited: 0,
    skipped: 0,
    stepsFailed: 0,
  };
  const run = async (label: string) => {
    const added = await Promise.all([
      enqueue(queues, "campaigns.run", {}, { jobId: `${label}-a` }),
      enqueue(queues, "campaigns.run", {}, { jobId: `${label}-b` }),
      enqueue(queues, "email.sweep", { olderThanMs: 20_000 }, { jobId: `${label}-sweep` }),
    ]);
    jobs += added.length;
    await drained(queues);
    let enrolled = 0;
    for (const j of added) {
      const done = await queues[j.name === "email.sweep" ? "email" : "bookings"].getJob(j.id!);
      const r = (done?.returnvalue ?? {}) as Record<string, number>;
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k] ?? 0;
      enrolled += r.enrolled ?? 0;
    }
    return enrolled;
  };
  const start = performance.now();
  const ticks = Math.round(DAY / TICK);
  for (let k = 0; k <= ticks; k++) {
    clock = new Date(DAY0.getTime() + k * TICK);
    for (const s of subjects)
      if (s.stopAt && s.stopAt.getTime() === clock.getTime()) {
        const res = await stopWebhook(s.e164);
        if (res.status !== 200) throw new Error(`STOP webhook answered ${res.status}`);
        stops++;
      }
    // The every-minute schedule catches up within the tick: run again while anything is due.
    for (let round = 0; ; round++) {
      const enrolled = await run(`t${k}-r${round}`);
      stampSms();
      if (round > 0) catchUps++;
      if ((await dueNow()) === 0 && enrolled === 0) break;
      if (round > 50) throw new Error(`tick ${k}: steps still due after 50 runs`);
    }
    if (k % 16 === 0)
      console.log(
        `  ${clock.toISOString().slice(11, 16)} UTC  ${String(smtp.received.length).padStart(5)} emails, ${String(fake.requests.length).padStart(4)} Twilio requests received  (${((performance.now() - start) / 1000).toFixed(0)} s)`,
      );
    if (k % 4 === 3) {
      // A retried tick: the same jobs again at the same clock (nothing may go twice).
      await run(`t${k}-retry`);
      stampSms();
      retriedTicks++;
    }
  }
  const wallS = (performance.now() - start) / 1000;
  sampling = false;
  await sampler;
  stampSms();

  // ---- what the servers received ----
  const bySubjectEmail = new Map(subjects.map((s) => [s.email, s]));
  const bySubjectPhone = new Map(subjects.map((s) => [s.e164, s]));
  const outside = (at: number, tz: string) => {
    const m = zonedParts(new Date(at), tz).minutes;
    return m < WINDOW.start || m >= WINDOW.end;
  };
  let emailDup = 0;
  let messageIdDup = 0;
  let quietEmail = 0;
  let suppressedEmail = 0;
  let strangers = 0;
  const seen = new Set<string>();
  const ids = new Set<string>();
  const perStep = new Map<string, number>();
  const violations: string[] = [];
  for (const r of smtp.received) {
    const m = await simpleParser(r.raw);
    const s = bySubjectEmail.get(r.to);
    if (!s) {
      strangers++;
      continue;
    }
    const subject = m.subject ?? "";
    const key = `${r.to}|${subject}`;
    if (seen.has(key)) {
      emailDup++;
      violations.push(`duplicate email ${key}`);
    }
    seen.add(key);
    if (m.messageId) {
      if (ids.has(m.messageId)) messageIdDup++;
      ids.add(m.messageId);
    }
    const stepName = `${s.kind}: ${subject.replace(/ on [A-Z][a-z]+day,.*$| [A-Z][a-z]+day,.*$/, "").replace(/\d+ %/, "N %")}`;
    perStep.set(stepName, (perStep.get(stepName) ?? 0) + 1);
    if (outside(r.at, s.tz)) {
      quietEmail++;
      violations.push(`email to ${r.to} at ${new Date(r.at).toISOString()} (${s.tz})`);
    }
    if (s.emailOff) {
      suppressedEmail++;
      violations.push(`email to unsubscribed ${r.to}`);
    }
  }
  const base = `/2010-04-01/Accounts/${fake.accountSid}/Messages.json`;
  let smsReceived = 0;
  let smsDup = 0;
  let quietSms = 0;
  let suppressedSms = 0;
  let refusedAtTwilio = 0;
  const seenSms = new Set<string>();
  fake.requests.forEach((q, idx) => {
    if (q.method !== "POST" || q.path !== base || !q.authorized) return;
    const to = q.form.get("To") ?? "";
    if (fake.optedOut.has(to)) {
      refusedAtTwilio++; // Twilio answered 21610: not delivered
      return;
    }
    smsReceived++;
    const at = smsAt[idx]!;
    const s = bySubjectPhone.get(to);
    const body = q.form.get("Body") ?? "";
    const key = `${to}|${body}`;
    if (seenSms.has(key)) {
      smsDup++;
      violations.push(`duplicate text ${key}`);
    }
    seenSms.add(key);
    const stepName = `${s?.kind ?? "?"}: text ${body.split(" ").slice(1, 4).join(" ")}`;
    perStep.set(stepName, (perStep.get(stepName) ?? 0) + 1);
    if (!s) return;
    if (outside(at, s.tz)) {
      quietSms++;
      violations.push(`text to ${to} at ${new Date(at).toISOString()} (${s.tz})`);
    }
    if (
      s.sms === "none" ||
      s.sms === "stopped-before" ||
      (s.sms === "stop-during" && at >= s.stopAt!.getTime())
    ) {
      suppressedSms++;
      violations.push(`text to ${to} (${s.sms}) at ${new Date(at).toISOString()}`);
    }
  });

  // For the report only (not the truth): what the product's own tables say.
  const enrolments = await db.campaignEnrolment.count();
  const sends = await db.campaignSend.groupBy({
    by: ["channel", "status"],
    _count: { _all: true },
  });
  const failedJobs =
    (await queues.bookings.getJobCounts("failed")).failed! +
    (await queues.email.getJobCounts("failed")).failed!;
  const sizeEnd = await dbSize();

  console.log(
    `\nday: ${ticks + 1} ticks of 15 min from ${DAY0.toISOString()}, 2 worker instances on the same queues; each tick runs campaigns.run twice at once + email.sweep (${catchUps} catch-up rounds), ${retriedTicks} ticks re-run afterwards; ${stops} STOP replies through the webhook; ${jobs} jobs, ${failedJobs} failed`,
  );
  console.log("");
  console.log(`customers enrolled                 ${enrolments} / ${CUSTOMERS}`);
  console.log(
    `steps handled (product's records)  ${sends.map((g) => `${g.channel} ${g.status} ${g._count._all}`).join(", ")}`,
  );
  console.log(
    `job totals                         queued ${totals.queued} emails + ${totals.smsQueued} texts, postponed ${totals.postponed}, skipped ${totals.skipped}, exited ${totals.exited}, step failures ${totals.stepsFailed}`,
  );
  console.log(
    `emails received (SMTP server)      ${smtp.received.length - strangers} (+${smtp.refused()} refused once with 451 and retried${strangers ? `, ${strangers} to other addresses` : ""})`,
  );
  console.log(
    `texts received (Twilio server)     ${smsReceived} (+${refusedAtTwilio} refused with 21610: opted out at Twilio)`,
  );
  for (const [k, v] of [...perStep].sort()) console.log(`  ${k.padEnd(60)} ${v}`);
  console.log("");
  console.log(
    `duplicates                         ${emailDup + smsDup} (emails by recipient+subject ${emailDup}, same Message-ID ${messageIdDup}; texts by To+body ${smsDup})`,
  );
  console.log(
    `quiet-hours violations             ${quietEmail + quietSms} (emails ${quietEmail}, texts ${quietSms}; 8:00-21:00 in the event's zone, injected clock at receipt)`,
  );
  console.log(
    `suppression violations             ${suppressedEmail + suppressedSms} (emails to unsubscribed ${suppressedEmail}, texts without consent or after STOP ${suppressedSms})`,
  );
  const msgs = smtp.received.length - strangers + smsReceived;
  console.log("");
  console.log(
    `throughput                         ${(msgs / wallS).toFixed(0)} messages/s (${msgs} over ${wallS.toFixed(1)} s wall time of the simulated day)`,
  );
  console.log(
    `Redis used_memory                  peak ${mb(redisPeak)} (at start ${mb(redisBase)}; INFO memory every 250 ms, whole server)`,
  );
  console.log(
    `Postgres memory                    peak ${mb(pgPeak)} (at start ${mb(pgBase)}; PSS summed over every postgres process, /proc/*/smaps_rollup, every 250 ms); peak ${backendsPeak} backends on the scratch DB`,
  );
  console.log(
    `Postgres database size             ${mb(sizeEmpty)} migrated, ${mb(sizeSetup)} after setup, ${mb(sizeEnd)} after the day`,
  );
  if (errors.length)
    console.log(
      `worker errors logged               ${errors.length} (first: ${errors.slice(0, 3).join(" | ")})`,
    );

  await a.close();
  await b.close();
  await closeQueues(queues);
  producer.disconnect();
  monitor.disconnect();
  await smtp.close();
  await fake.close();
  await sql.end();
  await db.$disconnect();
  const ok =
    emailDup + smsDup + messageIdDup + quietEmail + quietSms + suppressedEmail + suppressedSms ===
      0 && enrolments === CUSTOMERS;
  if (!ok) for (const v of violations.slice(0, 20)) console.log(`  ${v}`);
  console.log(
    ok ? "\nOK: 0 duplicates, 0 quiet-hours or suppression violations" : "\nFAILED: see above",
  );
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
