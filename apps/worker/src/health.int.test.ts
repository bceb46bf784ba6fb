// /healthz names the broken dependency: Redis down -> 503 with checks.redis an error.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createQueues, closeQueues, createRedis } from "@myhibachi/jobs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { healthReport } from "./health";
import {
  REDIS_URL,
  getHealth,
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

  it("the worker process answers GET /healthz with 503 naming redis when REDIS_URL points to a closed port, and still exits 0 on SIGTERM", async () => {
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

    const t0 = Date.now();
    expect(await w.stop("SIGTERM"), w.output()).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
