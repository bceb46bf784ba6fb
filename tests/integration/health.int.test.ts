import { afterAll, describe, expect, it } from "vitest";
import { healthResponse, liveResponse } from "@myhibachi/api";
import { createDb } from "@myhibachi/db";
import { createTestDatabase, type TestDatabase } from "@myhibachi/db/testing";
import { createRedis } from "@myhibachi/jobs";
import { REDIS_URL } from "./helpers";

// Nothing listens on port 1: a stopped service, as far as a client can tell.
const DEAD_PG = "postgresql://postgres@127.0.0.1:1/postgres";
const DEAD_REDIS = "redis://127.0.0.1:1/0";

const opened: { close(): unknown }[] = [];
let t: TestDatabase | undefined;
afterAll(async () => {
  for (const o of opened) await o.close();
  await t?.drop();
});

async function health(dbUrl: string, redisUrl: string) {
  const db = dbUrl === "test" ? (t ??= await createTestDatabase()).db : createDb({ url: dbUrl });
  const redis = createRedis(redisUrl, "cache");
  opened.push({ close: () => redis.disconnect() });
  if (dbUrl !== "test") opened.push({ close: () => db.$disconnect() });
  const res = await healthResponse({ db, redis });
  return {
    status: res.status,
    body: (await res.json()) as { status: string; checks: Record<string, string> },
  };
}

describe("/api/health", () => {
  it("200 with db and redis ok when both answer", async () => {
    const r = await health("test", REDIS_URL);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok", checks: { db: "ok", redis: "ok" } });
  });

  it("503 naming redis when Redis is down", async () => {
    const r = await health("test", DEAD_REDIS);
    expect(r.status).toBe(503);
    expect(r.body.checks.db).toBe("ok");
    expect(r.body.checks.redis).toMatch(/^error: /);
  });

  it("503 naming db when Postgres is down", async () => {
    const r = await health(DEAD_PG, REDIS_URL);
    expect(r.status).toBe(503);
    expect(r.body.checks.redis).toBe("ok");
    expect(r.body.checks.db).toMatch(/^error: /);
  });
});

describe("/api/live", () => {
  it("200 {status: ok}, never cached, without asking Postgres or Redis", async () => {
    const res = liveResponse();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
