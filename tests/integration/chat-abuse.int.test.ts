// Issue 9, point 5: the chat's rate limit must not be bypassed by choosing a fresh visitor cookie
// per message. Through the apps' own tRPC HTTP handler and wiring (createServerDeps).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createServerDeps,
  customerRouter,
  handleTrpc,
  signVisitorId,
  type ServerDeps,
} from "@myhibachi/api";
import { getCatalog } from "@myhibachi/core";
import { runTool } from "@myhibachi/ai";
import { closeQueues } from "@myhibachi/jobs";
import { REDIS_URL, setupEnv, type Env } from "./helpers";

const SECRET = "chat-abuse-test-secret-0123456789abcdef";
let env: Env;
let deps: ServerDeps;
beforeAll(async () => {
  env = await setupEnv();
  deps = createServerDeps(
    {
      DATABASE_URL: env.t.url,
      REDIS_URL,
      AUTH_SECRET: SECRET,
      APP_URL: "http://127.0.0.1:3999",
      CUSTOMER_URL: "http://127.0.0.1:3999",
      QUEUE_PREFIX: env.prefix,
      CACHE_PREFIX: env.prefix,
    },
    "customer",
  );
  if (deps.redis?.status !== "ready") await new Promise((r) => deps.redis!.once("ready", r));
});
afterAll(async () => {
  const keys = await deps.queueRedis.keys(`${env.prefix}:*`).catch(() => []);
  if (keys.length) await deps.queueRedis.del(...keys);
  await closeQueues(deps.queues);
  deps.queueRedis.disconnect();
  deps.redis?.disconnect();
  await deps.db.$disconnect();
  await env?.close();
});

const randomId = () => randomBytes(12).toString("hex");

async function send(cookie: string, ip: string, text = "what's on the menu?") {
  const res = await handleTrpc(
    new Request("http://127.0.0.1:3999/api/trpc/chat.send", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        cookie: `mh_vid=${cookie}`,
        "x-forwarded-for": ip,
      },
      body: JSON.stringify({ json: { text, clientMessageId: randomId() } }),
    }),
    customerRouter,
    deps,
  );
  const body = (await res.json()) as { error?: { json: { message: string } } };
  return { status: res.status, message: body.error?.json.message ?? "" };
}

const conversationsOf = (visitorId: string) =>
  env.t.db.conversation.count({ where: { visitorId } });

describe("chat abuse", () => {
  it("a visitor cookie we did not sign is refused and starts nothing", async () => {
    const id = randomId();
    const unsigned = await send(id, "198.51.100.1");
    expect(unsigned.status).toBe(412);
    expect(unsigned.message).toMatch(/enable cookies and reload/);
    // Signed with another secret (or a tampered signature): refused too.
    const forged = await send(
      signVisitorId(id, "someone-elses-secret-0123456789abcdef"),
      "198.51.100.1",
    );
    expect(forged.status).toBe(412);
    expect(await conversationsOf(id)).toBe(0);
    // The genuine article works.
    expect((await send(signVisitorId(id, SECRET), "198.51.100.1")).status).toBe(200);
    expect(await conversationsOf(id)).toBe(1);
  });

  it("a fresh cookie for every message is still limited per IP", async () => {
    const ip = "198.51.100.2";
    const statuses: number[] = [];
    let last = "";
    for (let i = 0; i < 45; i++) {
      const r = await send(signVisitorId(randomId(), SECRET), ip);
      statuses.push(r.status);
      if (r.status !== 200) last = r.message;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(40);
    expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429]);
    expect(last).toMatch(/sending messages very fast\. Please wait \d+ (seconds?|minutes?)/);
    // Another address is not affected.
    expect((await send(signVisitorId(randomId(), SECRET), "198.51.100.3")).status).toBe(200);
  });

  it("one visitor is limited whatever address they come from", async () => {
    const cookie = signVisitorId(randomId(), SECRET);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await send(cookie, `203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  it("holds the assistant makes count against the booking limit per address, whatever the cookie", async () => {
    // Found by a black-box attack: a fresh visitor cookie per chat reset the hold limit, and
    // one address held (then finished) as many times as it liked.
    const address = "198.51.100.77";
    const visitor = randomId();
    expect((await send(signVisitorId(visitor, SECRET), address)).status).toBe(200);
    const stored = await env.t.db.chatMessage.findFirstOrThrow({
      where: { conversation: { visitorId: visitor }, role: "USER" },
    });
    expect(stored.clientAddress).toBe(address);

    const catalog = await getCatalog(env.t.db, env.cache);
    const limit = catalog.settings.bookingRateLimit;
    // A different day each time, so no hold competes with another for the fixture's chef.
    const day = (i: number) =>
      new Date(Date.now() + (30 + i) * 86_400_000).toISOString().slice(0, 10);
    const hold = (visitorId: string, from: string, i: number) =>
      runTool(
        {
          db: env.t.db,
          cache: env.cache,
          catalog,
          now: new Date(),
          identity: { userId: null, visitorId, address: from },
          turnKey: `abuse-${i}-${randomId()}`,
          siteUrl: "http://127.0.0.1:3999",
        },
        "create_booking_hold",
        { date: day(i), startMinute: 17 * 60, guests: 4, postalCode: "95125" },
      );
    const results = [];
    for (let i = 0; i <= limit; i++) results.push(await hold(randomId(), address, i));
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0]!.data)).toMatch(/a lot of bookings in a short time/);
    expect(
      results
        .slice(0, limit)
        .every((r) => r.ok || /free|booked|available/i.test(JSON.stringify(r.data))),
    ).toBe(true);
    // Another address is not affected.
    const other = await hold(randomId(), "198.51.100.78", limit + 1);
    expect(JSON.stringify(other.data)).not.toMatch(/a lot of bookings/);
  });
});
