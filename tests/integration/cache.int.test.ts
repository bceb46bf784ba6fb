import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking, getAvailability, QueryCache } from "@myhibachi/core";
import { createRedis } from "@myhibachi/jobs";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";

const NOW = new Date("2026-06-01T17:00:00Z");
let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
});
afterAll(async () => env?.close());

const q = { from: "2026-06-10", to: "2026-06-16", guests: 10, postalCode: "95125" };

describe("query cache with invalidation", () => {
  it("serves repeat availability from Redis and never offers a just-booked slot", async () => {
    const first = await getAvailability(env.t.db, q, { cache: env.cache, now: NOW });
    const misses = env.cache.stats.miss;
    const again = await getAvailability(env.t.db, q, { cache: env.cache, now: NOW });
    expect(env.cache.stats.miss).toBe(misses); // catalog, roster and calendar all hit
    expect(again.slots.length).toBe(first.slots.length);

    const slot = first.slots[0]!;
    await createBooking(
      env.t.db,
      {
        idempotencyKey: "cache-test-1",
        date: slot.date,
        startMinute: slot.startMinute,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Ann", email: "ann@example.com", phone: "408-555-0101" },
      },
      { cache: env.cache, now: () => NOW },
    );
    const after = await getAvailability(env.t.db, q, { cache: env.cache, now: NOW });
    expect(
      after.slots.find((s) => s.date === slot.date && s.startMinute === slot.startMinute),
    ).toBeUndefined();
  });

  it("a menu price change is visible at once after invalidation", async () => {
    const read = () =>
      env.cache.read("catalog", "filet-price", () =>
        env.t.db.menuItem
          .findUniqueOrThrow({ where: { slug: "filet-mignon" } })
          .then((i) => i.priceCents),
      );
    expect(await read()).toBe(500);
    await env.t.db.menuItem.update({ where: { slug: "filet-mignon" }, data: { priceCents: 700 } });
    expect(await read()).toBe(500); // still cached: nobody invalidated
    await env.cache.invalidate("catalog");
    expect(await read()).toBe(700);
  });

  it("the assistant's in-process menu copy follows a price change made by another process", async () => {
    const price = () =>
      env.t.db.menuItem
        .findUniqueOrThrow({ where: { slug: "filet-mignon" } })
        .then((i) => i.priceCents);
    // Two app processes (two caches over one Redis): one answers chat, the other is the admin.
    const chat = new QueryCache(env.redis, env.prefix);
    const admin = new QueryCache(env.redis, env.prefix);
    const read = () => chat.readMemo("catalog", "memo-filet-price", price);
    const first = await read();
    await env.t.db.menuItem.update({
      where: { slug: "filet-mignon" },
      data: { priceCents: first + 300 },
    });
    await admin.invalidate("catalog");
    expect(await read()).toBe(first + 300);
  });

  it("with Redis down, reads go to Postgres and booking still works", async () => {
    const dead = createRedis("redis://127.0.0.1:1/0", "cache");
    const cache = new QueryCache(dead, env.prefix);
    const res = await getAvailability(
      env.t.db,
      { ...q, from: "2026-06-20", to: "2026-06-20" },
      { cache, now: NOW },
    );
    expect(res.slots.length).toBeGreaterThan(0);
    expect(cache.stats.bypass).toBeGreaterThan(0);
    const b = await createBooking(
      env.t.db,
      {
        idempotencyKey: "cache-test-2",
        date: "2026-06-20",
        startMinute: res.slots[0]!.startMinute,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Bo", email: "bo@example.com", phone: "408-555-0102" },
      },
      { cache, now: () => NOW },
    );
    // Booked (held until the customer confirms from the emailed link), with Redis down.
    expect(b.status).toBe("HELD");
    expect(await env.t.db.booking.count({ where: { id: b.id } })).toBe(1);
    dead.disconnect();
  });
});
