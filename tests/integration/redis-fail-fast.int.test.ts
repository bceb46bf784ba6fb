// Issue 9, point 10: every Redis call a request makes gives up fast and goes on without Redis.
// A private redis-server is killed (crash) or frozen (SIGSTOP: up but not answering); and what a
// restart lost is re-derived from Postgres.
import { afterEach, describe, expect, it } from "vitest";
import { createServerDeps } from "@myhibachi/api";
import { QueryCache } from "@myhibachi/core";
import { createTestDatabase } from "@myhibachi/db/testing";
import {
  closeQueues,
  createQueues,
  createRedis,
  enqueue,
  jobIdFor,
  type Redis,
} from "@myhibachi/jobs";
import { requeueUnansweredMessages } from "../../apps/worker/src/recovery";
import { PrivateRedis } from "../security/private-stack";

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function ready(r: Redis) {
  if (r.status !== "ready") await new Promise((res) => r.once("ready", res));
}

/** Settles with "hung" if `p` has not settled within `ms`: a request must never wait that long. */
function orHang<T>(p: Promise<T>, ms = 5_000): Promise<T | "hung"> {
  return Promise.race([p, new Promise<"hung">((r) => setTimeout(() => r("hung"), ms))]);
}

async function setup() {
  const server = await PrivateRedis.start();
  cleanup.push(() => server.kill());
  const producer = createRedis(server.url, "producer");
  const cacheConn = createRedis(server.url, "cache");
  cleanup.push(
    () => producer.disconnect(),
    () => cacheConn.disconnect(),
  );
  await Promise.all([ready(producer), ready(cacheConn)]);
  const queues = createQueues(producer, { prefix: "failfast" });
  cleanup.push(() => closeQueues(queues).catch(() => {}));
  return { server, producer, cacheConn, queues };
}

const email = (key: string) => ({
  to: "dana@example.com",
  subject: "Your booking",
  text: "Thanks",
  idempotencyKey: key,
});

describe("request-path Redis calls with Redis down", () => {
  it("a request's email is stored and the request goes on at once when Redis has crashed", async () => {
    const server = await PrivateRedis.start();
    cleanup.push(() => server.kill());
    const t = await createTestDatabase();
    cleanup.push(() => t.drop());
    // The apps' own wiring (the same function both Next apps call).
    const deps = createServerDeps(
      {
        DATABASE_URL: t.url,
        REDIS_URL: server.url,
        AUTH_SECRET: "x".repeat(40),
        APP_URL: "http://127.0.0.1:3999",
        CUSTOMER_URL: "http://127.0.0.1:3999",
        QUEUE_PREFIX: "failfast",
      },
      "customer",
    );
    cleanup.push(async () => {
      await closeQueues(deps.queues).catch(() => {});
      deps.queueRedis.disconnect();
      deps.redis?.disconnect();
      await deps.db.$disconnect();
    });
    await ready(deps.queueRedis);
    await deps.sendEmail(email("before"));
    await server.kill();

    const outcome = await orHang(deps.sendEmail(email("during")).then(() => "returned"));
    expect(outcome).toBe("returned");
    // Nothing lost: the row waits in Postgres for the worker's sweep.
    const row = await t.db.emailMessage.findUnique({ where: { idempotencyKey: "during" } });
    expect(row?.status).toBe("QUEUED");
  });

  it("a frozen Redis (up, not answering) costs one timeout, then every caller skips it", async () => {
    const { server, producer, cacheConn, queues } = await setup();
    const cache = new QueryCache(cacheConn, "failfast-qc");
    expect(await cache.read("catalog", "k", async () => "from-db")).toBe("from-db");
    server.freeze();
    cleanup.push(() => server.thaw());

    const first = await orHang(cache.read("catalog", "k2", async () => "from-db"));
    expect(first).toBe("from-db");
    const enq = await orHang(
      enqueue(queues, "email.send", email("frozen")).then(
        () => "enqueued",
        (err: unknown) => err,
      ),
    );
    expect(enq).toBeInstanceOf(Error); // timed out, not "hung"
    // The breaker: both connections dropped the hung socket, so until Redis answers again every
    // caller sees them "not ready" and goes straight to Postgres / the outbox.
    await new Promise((r) => setTimeout(r, 50)); // the socket's close event
    expect(cacheConn.status).not.toBe("ready");
    expect(producer.status).not.toBe("ready");
    expect(await orHang(cache.read("calendar", "k3", async () => "from-db"))).toBe("from-db");

    // Once Redis answers again, the connections come back by themselves and enqueue works.
    server.thaw();
    let job = null;
    for (let i = 0; i < 100 && !job; i++) {
      job = await enqueue(queues, "email.send", email("after")).catch(() => null);
      if (!job) await new Promise((r) => setTimeout(r, 100));
    }
    expect(job?.id).toContain("after");
    expect(await cacheConn.ping()).toBe("PONG");
  });

  it("chat messages whose reply job a Redis restart lost are queued again when it is back", async () => {
    const server = await PrivateRedis.start();
    cleanup.push(() => server.kill());
    const t = await createTestDatabase();
    cleanup.push(() => t.drop());
    const conn = createRedis(server.url, "queue");
    cleanup.push(() => conn.disconnect());
    const queues = createQueues(conn, { prefix: "failfast" });
    cleanup.push(() => closeQueues(queues).catch(() => {}));
    const conv = await t.db.conversation.create({ data: { visitorId: "v-requeue-test-0001" } });
    const at = new Date(Date.now() - 5 * 60_000);
    const ask = (content: string) =>
      t.db.chatMessage.create({
        data: { conversationId: conv.id, role: "USER", content, createdAt: at },
      });
    const lost = await ask("is the 14th free?");
    const answered = await ask("do you do vegan?");
    await t.db.chatMessage.create({
      data: {
        conversationId: conv.id,
        role: "ASSISTANT",
        content: "Yes.",
        replyToId: answered.id,
        createdAt: at,
      },
    });

    // Redis came back empty: the job for `lost` is gone. The worker's recovery re-derives it.
    expect(await requeueUnansweredMessages(t.db, queues)).toBe(1);
    const job = await queues.ai.getJob(jobIdFor("ai.reply", `ai-reply:${lost.id}`));
    expect(job?.data).toEqual({ conversationId: conv.id, messageId: lost.id });
    expect(await queues.ai.getJob(jobIdFor("ai.reply", `ai-reply:${answered.id}`))).toBeUndefined();
    // Running it again (another reconnect) adds nothing twice.
    await requeueUnansweredMessages(t.db, queues);
    expect(await queues.ai.count()).toBe(1);
  });
});
