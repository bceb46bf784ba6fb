// /healthz names the broken dependency: Redis down -> 503 with checks.redis an error. It listens
// on loopback only by default and shows queue counts only to a request with the configured token.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createQueues, closeQueues, createRedis } from "@myhibachi/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { healthReport, startHealthServer } from "./health";
import {
  REDIS_URL,
  getHealth,
  listeningOn,
  startWorkerProcess,
  testPrefix,
  type WorkerProcess,
} from "./testing/support";

let tdb: TestDatabase;
const running: WorkerProcess[] = [];

/** A port nothing listens on (bound then released). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop("SIGKILL")));
});
afterAll(async () => {
  await tdb.drop();
});

describe("health", () => {
  it("healthReport: 200 with queue counts when Postgres and Redis answer", async () => {
    const redis = createRedis(REDIS_URL, "cache");
    const qconn = createRedis(REDIS_URL, "queue");
    const queues = createQueues(qconn, { prefix: testPrefix() });
    try {
      const { code, body } = await healthReport({ db: tdb.db, redis, queues });
      expect(code).toBe(200);
      expect(body).toMatchObject({ status: "ok", checks: { db: "ok", redis: "ok" }, failing: [] });
      expect(body.queues?.email).toMatchObject({ waiting: 0, active: 0, failed: 0 });
    } finally {
      await closeQueues(queues);
      qconn.disconnect();
      redis.disconnect();
    }
  });

  it("healthReport: 503 naming redis when Redis is unreachable", async () => {
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`, "cache");
    try {
      const { code, body } = await healthReport({ db: tdb.db, redis });
      expect(code).toBe(503);
      expect(body.status).toBe("degraded");
      expect(body.failing).toEqual(["redis"]);
      expect(body.checks.db).toBe("ok");
      expect(body.checks.redis).toMatch(/^error: /);
    } finally {
      redis.disconnect();
    }
  });

  it("the worker process answers GET /healthz with 503 naming redis when REDIS_URL points to a closed port (GET /livez still 200), and still exits 0 on SIGTERM", async () => {
    const w = await startWorkerProcess({
      DATABASE_URL: tdb.url,
      QUEUE_PREFIX: testPrefix(),
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      WORKER_SHUTDOWN_TIMEOUT_MS: 500,
    });
    running.push(w);
    const { status, body } = await getHealth(w.port);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: "degraded",
      failing: ["redis"],
      checks: { db: "ok" },
      queues: null,
    });
    expect(body.checks.redis).toMatch(/^error: /);
    // Liveness touches no dependency: the process is alive while Redis is away.
    const live = await fetch(`http://127.0.0.1:${w.port}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok" });

    const t0 = Date.now();
    expect(await w.stop("SIGTERM"), w.output()).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it("listens on 127.0.0.1 by default, and shows queue counts only with the configured token", async () => {
    const redis = createRedis(REDIS_URL, "cache");
    const qconn = createRedis(REDIS_URL, "queue");
    const queues = createQueues(qconn, { prefix: testPrefix() });
    const token = "health-token-0123456789";
    const h = await startHealthServer({ db: tdb.db, redis, queues }, 0, { token });
    try {
      expect(listeningOn(h.port)).toEqual(["127.0.0.1"]);
      const get = async (authorization?: string) => {
        const res = await fetch(`http://127.0.0.1:${h.port}/healthz`, {
          headers: authorization ? { authorization } : {},
        });
        return (await res.json()) as { status: string; queues: unknown };
      };
      const anonymous = await get();
      expect(anonymous.status).toBe("ok");
      expect(anonymous.queues).toBeNull();
      expect((await get("Bearer not-the-token")).queues).toBeNull();
      expect((await get(`Bearer ${token}`)).queues).toMatchObject({ email: { failed: 0 } });
    } finally {
      await h.close();
      await closeQueues(queues);
      qconn.disconnect();
      redis.disconnect();
    }
  });

  it("the worker process binds /healthz to loopback and shows no queue statistics to anyone", async () => {
    const w = await startWorkerProcess({ DATABASE_URL: tdb.url, QUEUE_PREFIX: testPrefix() });
    running.push(w);
    expect(w.output()).toMatch(/host=127\.0\.0\.1/);
    expect(listeningOn(w.port)).toEqual(["127.0.0.1"]);
    const { status, body } = await getHealth(w.port);
    expect(status).toBe(200);
    expect(body.queues).toBeNull();
  });
});
