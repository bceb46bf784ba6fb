// email.send: one EmailMessage row and one delivery per idempotency key, whatever the retries.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  type Queues,
  type Redis,
} from "@myhibachi/jobs";
import type { Job } from "bullmq";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "./context";
import type { Logger } from "./log";
import { createMailer, type Mailer, type OutgoingEmail } from "./mailer";
import { EMAIL_SEND_LEASE_MS, emailSend, type EmailSendResult } from "./processors/email-send";
import { emailSweep } from "./processors/email-sweep";
import { idleInTransaction, rowLockState } from "./testing/open-tx";
import {
  REDIS_URL,
  deletePrefix,
  startWorkerProcess,
  testPrefix,
  waitFor,
  type WorkerProcess,
} from "./testing/support";

let tdb: TestDatabase;
let redis: Redis;
let queues: Queues;
const prefix = testPrefix();
const running: WorkerProcess[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(REDIS_URL, "queue");
  queues = createQueues(redis, { prefix });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop("SIGKILL")));
});
afterAll(async () => {
  await closeQueues(queues);
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await tdb.drop();
});

interface Received {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 (random port) that records what it accepts. With `stall`, it
 * reads each message and holds its "250 OK" until `release()` (counted in `stalled()`).
 */
async function startSmtp({ stall = false } = {}) {
  const received: Received[] = [];
  let stalled = 0;
  let release!: () => void;
  const released = stall ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  if (!stall) release = () => {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString()));
      stream.on("end", () => {
        if (stall) stalled++;
        void released.then(() => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stalled: () => stalled,
    release,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The real worker process (what `npm start` runs), on this file's database and queues. */
async function startWorker(smtpUrl?: string): Promise<WorkerProcess> {
  const w = await startWorkerProcess({
    DATABASE_URL: tdb.url,
    QUEUE_PREFIX: prefix,
    ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
  });
  running.push(w);
  return w;
}

const silent: Logger = { info: () => {}, error: () => {} };

function fakeJob(attemptsMade = 0, attempts = 6): Job {
  return {
    id: "j",
    queueName: "email",
    name: "email.send",
    attemptsMade,
    opts: { attempts },
  } as unknown as Job;
}

function run(deps: WorkerDeps, payload: Parameters<typeof emailSend>[0], job = fakeJob()) {
  return emailSend(payload, { job, signal: new AbortController().signal, deps });
}

describe("email.send through the real worker and a real SMTP server", () => {
  it("delivers exactly one message when the same email is enqueued twice and re-run under a new job id", async () => {
    const smtp = await startSmtp();
    try {
      await startWorker(smtp.url);
      const payload = {
        to: "ana@example.com",
        subject: "Your hibachi night is confirmed",
        text: "See you Saturday at 6pm.",
        html: "<p>See you Saturday at 6pm.</p>",
        idempotencyKey: "booking-confirmed:bk_123",
      };
      const a = await enqueue(queues, "email.send", payload);
      const b = await enqueue(queues, "email.send", payload); // deduplicated by jobId
      expect(b.id).toBe(a.id);
      await waitFor(
        async () => (await queues.email.getJobState(a.id!)) === "completed",
        "first email job",
      );
      // The BullMQ job is gone (e.g. removed after its retention) and the producer retries: a new
      // job id, same idempotency key. The EmailMessage row stops the second delivery.
      const c = await enqueue(queues, "email.send", payload, {
        jobId: "email-retry-after-removal",
      });
      await waitFor(
        async () => (await queues.email.getJobState(c.id!)) === "completed",
        "re-enqueued email job",
      );
      expect((await queues.email.getJob(c.id!))?.returnvalue).toMatchObject({
        status: "already-sent",
      });

      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(["ana@example.com"]);
      expect(smtp.received[0]!.raw).toMatch(/Subject: Your hibachi night is confirmed/);
      const rows = await tdb.db.emailMessage.findMany({
        where: { idempotencyKey: payload.idempotencyKey },
      });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: "SENT",
        attempts: 1,
        error: null,
        to: "ana@example.com",
      });
      expect(rows[0]!.sentAt).toBeInstanceOf(Date);
    } finally {
      await smtp.close();
    }
  });

  it("once an SMTP server took it, the stored copy keeps no secret link (tokens live only as hashes)", async () => {
    const smtp = await startSmtp();
    try {
      await startWorker(smtp.url);
      const token = "tok_" + "a1b2c3d4".repeat(5);
      const link = `http://localhost:3000/api/auth/magic-link/verify?token=${token}&callbackURL=%2Fbookings`;
      const payload = {
        to: "cleo@example.com",
        subject: "Your MyHibachi sign-in link",
        text: `Use this link to sign in:\n\n${link}\n\nOur menu: http://localhost:3000/menu`,
        html: `<p><a href="${link}">Sign in</a></p>`,
        idempotencyKey: "magic-link:hash-of-token",
      };
      const job = await enqueue(queues, "email.send", payload);
      await waitFor(
        async () => (await queues.email.getJobState(job.id!)) === "completed",
        "sign-in email job",
      );
      // The recipient got the working link...
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.raw.replace(/=\r?\n/g, "")).toContain(token);
      // ...and the database copy no longer opens anything; harmless links stay.
      const row = await tdb.db.emailMessage.findUniqueOrThrow({
        where: { idempotencyKey: payload.idempotencyKey },
      });
      expect(row.status).toBe("SENT");
      expect(`${row.text} ${row.html}`).not.toContain(token);
      expect(row.text).toContain("[link hidden]");
      expect(row.text).toContain("http://localhost:3000/menu");
    } finally {
      await smtp.close();
    }
  });

  it("dev mailbox mode (no SMTP_URL) logs one [mail] line and marks the row SENT", async () => {
    const w = await startWorker();
    const job = await enqueue(queues, "email.send", {
      to: "dev@example.com",
      subject: "Dev mailbox check",
      text: "hello",
      idempotencyKey: "dev-mailbox:1",
    });
    await waitFor(
      async () => (await queues.email.getJobState(job.id!)) === "completed",
      "dev email job",
    );
    expect(
      w.output().match(/\[mail\] to=dev@example\.com subject="Dev mailbox check"/g),
    ).toHaveLength(1);
    const row = await tdb.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: "dev-mailbox:1" },
    });
    expect(row.status).toBe("SENT");
  });
});

describe("email.send processor (real database)", () => {
  const payload = {
    to: "bo@example.com",
    subject: "Hi",
    text: "Body",
    idempotencyKey: "retry-test:1",
  };

  it("records a failed attempt, rethrows, and on retry sends once; later runs do nothing", async () => {
    const sent: OutgoingEmail[] = [];
    let fail = true;
    const mailer: Mailer = {
      mode: "smtp",
      async send(e) {
        if (fail) throw new Error("421 try again later");
        sent.push(e);
      },
      close() {},
    };
    const deps: WorkerDeps = { db: tdb.db, mailer, log: silent, now: () => new Date() };

    await expect(run(deps, payload, fakeJob(0))).rejects.toThrow("421 try again later");
    let row = await tdb.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: payload.idempotencyKey },
    });
    expect(row).toMatchObject({ status: "QUEUED", attempts: 1, error: "421 try again later" });

    fail = false;
    await expect(run(deps, payload, fakeJob(1))).resolves.toMatchObject({ status: "sent" });
    await expect(run(deps, payload, fakeJob(2))).resolves.toMatchObject({ status: "already-sent" });
    expect(sent).toHaveLength(1);
    row = await tdb.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: payload.idempotencyKey },
    });
    expect(row).toMatchObject({ status: "SENT", attempts: 2, error: null });
    expect(
      await tdb.db.emailMessage.count({ where: { idempotencyKey: payload.idempotencyKey } }),
    ).toBe(1);
  });

  it("marks the row FAILED when the last attempt fails", async () => {
    const mailer: Mailer = {
      mode: "smtp",
      send: async () => {
        throw new Error("550 mailbox unavailable");
      },
      close() {},
    };
    const deps: WorkerDeps = { db: tdb.db, mailer, log: silent, now: () => new Date() };
    const p = { ...payload, idempotencyKey: "retry-test:final" };
    await expect(run(deps, p, fakeJob(5, 6))).rejects.toThrow("550");
    const row = await tdb.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: p.idempotencyKey },
    });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, error: "550 mailbox unavailable" });
  });

  it("two concurrent runs for the same key deliver once (the committed claim)", async () => {
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = {
      mode: "smtp",
      async send(e) {
        await new Promise((r) => setTimeout(r, 300)); // slow SMTP: both runs overlap
        sent.push(e);
      },
      close() {},
    };
    const deps: WorkerDeps = { db: tdb.db, mailer, log: silent, now: () => new Date() };
    const p = { ...payload, idempotencyKey: "concurrent:1" };
    const results = (await Promise.all([run(deps, p), run(deps, p)])) as EmailSendResult[];
    // The loser sees a live claim and leaves the message to its holder.
    expect(results.map((r) => r.status).sort()).toEqual(["sending-elsewhere", "sent"]);
    expect(sent).toHaveLength(1);
    expect(await tdb.db.emailMessage.count({ where: { idempotencyKey: p.idempotencyKey } })).toBe(
      1,
    );
  });

  it("the sweep delivers an email that was saved but never reached the queue, once", async () => {
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = {
      mode: "smtp",
      async send(e) {
        sent.push(e);
      },
      close() {},
    };
    const deps: WorkerDeps = { db: tdb.db, mailer, log: silent, now: () => new Date() };
    await tdb.db.emailMessage.create({
      data: {
        idempotencyKey: "sweep:1",
        to: "late@example.com",
        subject: "Booked",
        text: "Hi",
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const ctx = { job: fakeJob(0, 1), signal: new AbortController().signal, deps };
    expect(await emailSweep({ olderThanMs: 120_000 }, ctx)).toEqual({ sent: 1 });
    expect(await emailSweep({ olderThanMs: 120_000 }, ctx)).toEqual({ sent: 0 });
    expect(sent.map((e) => e.to)).toEqual(["late@example.com"]);
    expect(
      (await tdb.db.emailMessage.findUniqueOrThrow({ where: { idempotencyKey: "sweep:1" } }))
        .status,
    ).toBe("SENT");
  });
});

describe("no transaction spans the SMTP call", () => {
  it("the mailer refuses to send from inside a database transaction, before anything goes out", async () => {
    const smtp = await startSmtp();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "MyHibachi <t@example.com>",
      log: silent,
    });
    try {
      const email = { to: "tx@example.com", subject: "Hi", text: "Body", messageId: "<tx@t>" };
      await expect(
        tdb.db.$transaction(async (tx) => {
          await tx.emailMessage.count();
          await mailer.send(email);
        }),
      ).rejects.toThrow(/sending an email inside a database transaction/);
      expect(smtp.received).toEqual([]);
      await mailer.send(email); // outside: fine
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it("while the SMTP server stalls, the worker holds no open transaction and no row lock", async () => {
    const smtp = await startSmtp({ stall: true });
    try {
      await startWorker(smtp.url);
      const job = await enqueue(queues, "email.send", {
        to: "stall@example.com",
        subject: "Your sign-in link",
        text: "Open it within 15 minutes.",
        idempotencyKey: "stall:1",
      });
      await waitFor(() => smtp.stalled() === 1, "the SMTP server to receive the message");

      const row = await tdb.db.emailMessage.findUniqueOrThrow({
        where: { idempotencyKey: "stall:1" },
      });
      expect(await idleInTransaction(tdb.db)).toEqual([]);
      expect(await rowLockState(tdb.db, "EmailMessage", row.id)).toBe("free");
      // The claim is committed and visible: the owner's Outbox shows it as being sent.
      expect(row).toMatchObject({ status: "SENDING", attempts: 1 });

      smtp.release();
      await waitFor(
        async () => (await queues.email.getJobState(job.id!)) === "completed",
        "the email job to complete",
      );
      expect(smtp.received).toHaveLength(1);
      // The Message-ID is the row id: a receiver can drop a duplicate of a re-sent message.
      expect(smtp.received[0]!.raw).toContain(`Message-ID: <${row.id}@myhibachi.mail>`);
      expect(await tdb.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
        status: "SENT",
        attempts: 1,
        error: null,
      });
    } finally {
      smtp.release();
      await smtp.close();
    }
  });

  it("a worker killed mid-send leaves a claimed row that the sweep re-sends once, only after the lease", async () => {
    const smtp = await startSmtp({ stall: true });
    const w = await startWorker(smtp.url);
    try {
      await enqueue(queues, "email.send", {
        to: "crash@example.com",
        subject: "Booked",
        text: "See you soon.",
        idempotencyKey: "crash:1",
      });
      await waitFor(() => smtp.stalled() === 1, "the SMTP server to receive the message");
      await w.stop("SIGKILL");
    } finally {
      smtp.release();
      await smtp.close();
    }
    const row = await tdb.db.emailMessage.findUniqueOrThrow({
      where: { idempotencyKey: "crash:1" },
    });
    expect(row.status).toBe("SENDING");

    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = { mode: "smtp", send: async (e) => void sent.push(e), close() {} };
    const sweepAt = (ms: number) => ({
      job: fakeJob(0, 1),
      signal: new AbortController().signal,
      deps: { db: tdb.db, mailer, log: silent, now: () => new Date(row.claimedAt!.getTime() + ms) },
    });
    // Within the lease the claim may still be alive (a slow SMTP server): not sent again.
    expect(await emailSweep({ olderThanMs: 0 }, sweepAt(EMAIL_SEND_LEASE_MS - 1_000))).toEqual({
      sent: 0,
    });
    expect(sent).toHaveLength(0);
    // After the lease: the sender is presumed dead, the message goes out again (at least once).
    expect(await emailSweep({ olderThanMs: 0 }, sweepAt(EMAIL_SEND_LEASE_MS + 1_000))).toEqual({
      sent: 1,
    });
    expect(await emailSweep({ olderThanMs: 0 }, sweepAt(EMAIL_SEND_LEASE_MS + 2_000))).toEqual({
      sent: 0,
    });
    expect(sent.map((e) => [e.to, e.messageId])).toEqual([
      ["crash@example.com", `<${row.id}@myhibachi.mail>`],
    ]);
    expect(await tdb.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "SENT",
      attempts: 2,
    });
  });
});
