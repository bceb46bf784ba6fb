// Issue 18 (booking write path): a booking is placed in a few statements (its rows in one), with
// the catalog and the roster kept in memory under their DataVersion numbers. What it must still
// do: price with the prices of the moment and place on the chefs of the moment, whoever changed
// them and however (here: plain SQL, past the app and its cache); write everything or nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { AppError, createBooking, type CreateBookingInput } from "@myhibachi/core";
import { createDb, type Db } from "@myhibachi/db";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";

const NOW = new Date("2026-06-01T17:00:00Z");
let env: Env;
let db: Db;
const statements: string[] = [];
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  // Our own client on the test database, counting what it sends.
  db = createDb({ url: env.t.url, max: 4, onQuery: (q) => statements.push(q) });
});
afterAll(async () => {
  await db?.$disconnect();
  await env?.close();
});

const deps = () => ({ cache: env.cache, now: () => NOW });
function input(i: number, over: Partial<CreateBookingInput> = {}): CreateBookingInput {
  return {
    idempotencyKey: `wp-${i}-${Math.random().toString(36).slice(2)}`,
    date: "2026-06-13",
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: `Guest ${i}`, email: `wp${i}@example.com`, phone: "408-555-0100" },
    ...over,
  };
}

it("books in a handful of statements, all of its rows in one", async () => {
  await createBooking(db, input(0, { date: "2026-06-10" }), deps()); // fills what is kept
  statements.length = 0;
  const b = await createBooking(db, input(1, { date: "2026-06-11" }), deps());
  const sent = statements.filter((q) => !/^\s*(BEGIN|COMMIT)/i.test(q));
  // The key, the catalog's version, expiring holds with the chefs' blocks, the booking.
  expect(sent.length).toBeLessThanOrEqual(4);
  const row = await env.t.db.booking.findUniqueOrThrow({
    where: { id: b.id },
    include: { lines: true, chefs: true, events: true, accessTokens: true, customer: true },
  });
  expect(row).toMatchObject({
    status: "HELD",
    code: b.code,
    totalCents: b.totalCents,
    contactEmail: "wp1@example.com",
    customer: { email: "wp1@example.com", name: "Guest 1" },
  });
  expect(row.lines.length).toBeGreaterThan(0);
  expect(row.chefs).toMatchObject([{ chefId: env.biz.chefIds[0], live: true }]);
  expect(row.chefs[0]!.blockStart.getTime()).toBe(row.chefBlockStart.getTime());
  expect(row.events).toMatchObject([
    { type: "created", actor: `customer:${row.customerId}`, data: { status: "HELD" } },
  ]);
  expect(row.accessTokens).toHaveLength(1);
});

it("prices with a price changed a moment ago, however it was changed", async () => {
  const before = await createBooking(db, input(2, { date: "2026-06-15" }), deps());
  await env.t.db.$executeRaw`
    UPDATE "Package" SET "adultPriceCents" = "adultPriceCents" + 1000 WHERE "slug" = 'classic'`;
  const after = await createBooking(db, input(3, { date: "2026-06-16" }), deps());
  // 10 adults, $10 more each: the food subtotal is $100 more.
  const food = async (id: string) =>
    (await env.t.db.booking.findUniqueOrThrow({ where: { id } })).subtotalCents;
  expect((await food(after.id)) - (await food(before.id))).toBe(10 * 1000);
});

it("places only on chefs who work then, as the roster is now", async () => {
  await env.t.db.$executeRaw`UPDATE "Chef" SET "active" = false`;
  const count = await env.t.db.booking.count();
  await expect(createBooking(db, input(4, { date: "2026-06-17" }), deps())).rejects.toSatisfy(
    (e) => e instanceof AppError && e.code === "CONFLICT",
  );
  expect(await env.t.db.booking.count()).toBe(count);
  expect(await env.t.db.customer.count({ where: { email: "wp4@example.com" } })).toBe(0);
  await env.t.db.$executeRaw`UPDATE "Chef" SET "active" = true`;
  await expect(createBooking(db, input(5, { date: "2026-06-17" }), deps())).resolves.toMatchObject({
    status: "HELD",
  });
});
