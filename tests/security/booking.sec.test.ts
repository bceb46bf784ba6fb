// Issue 9, booking state and data integrity, against the BUILT apps over HTTP:
//   3  concurrent state changes never leave phantom chef blocks (cancel x reschedule and staff
//      reassign x customer reschedule, 50 pairs each; every pair is in the integration races)
//   4  booking creation is rate limited with a readable 429; an online booking is only held
//   12 two owners saving settings at once: one is told to reload, the rules hold
//   14 a failing booking request writes nothing, in any table
//   15 an idempotency key is bound to its request: someone else's key gets a 422, not a booking
//   16 manage tokens are stored hashed; a cancelled booking's link is read-only; links expire
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, futureDate, signIn, sql, trpc, uniq, type TrpcResult } from "./harness";

const N = 50;
const ZIP = "95125";
const address = { line1: "742 Willow Glen Way", city: "San Jose", state: "CA", postalCode: ZIP };
const selection = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 10, steak: 10 },
  extras: {},
};

let staff = "";
let owner = "";
let redis: Redis;
beforeAll(async () => {
  staff = await signIn("admin", demo.staff.email, demo.staff.password);
  owner = await signIn("admin", demo.owner.email, demo.owner.password);
  redis = new Redis(inject("sec").redisUrl, { maxRetriesPerRequest: 1 });
});
afterAll(() => redis?.disconnect());

interface Slot {
  date: string;
  startMinute: number;
}

/**
 * The calendar for 10 guests, far enough ahead that the seeded history doesn't reach it: its free
 * slots and when they were read (`asOf`, which the site sends back as `seenAt` when booking).
 */
async function availability(fromDays: number, toDays: number) {
  const r = await trpc<{ slots: Slot[]; asOf: string }>(
    "customer",
    "booking.availability",
    { from: futureDate(fromDays), to: futureDate(toDays), guests: 10, postalCode: ZIP },
    { type: "query" },
  );
  expect(r.status, r.text).toBe(200);
  return r.data!;
}

/** Free slots for 10 guests, far enough ahead that the seeded history doesn't reach them. */
async function freeSlots(fromDays: number, toDays: number): Promise<Slot[]> {
  return (await availability(fromDays, toDays)).slots;
}

function request(slot: Slot, over: Record<string, unknown> = {}) {
  return {
    idempotencyKey: uniq("key"),
    date: slot.date,
    startMinute: slot.startMinute,
    selection,
    address,
    contact: { name: "Sec Tester", email: `${uniq("guest")}@example.com`, phone: "4085550100" },
    notes: "Gate code 2468",
    ...over,
  };
}

async function book(slot: Slot, over: Record<string, unknown> = {}) {
  const r = await trpc<{ id: string; token: string; code: string; status: string }>(
    "customer",
    "booking.create",
    request(slot, over),
  );
  expect(r.status, r.text).toBe(200);
  return r.data!;
}

function expectReadable(results: TrpcResult[]) {
  for (const r of results) {
    expect(r.status, r.text).toBeLessThan(500);
    if (r.status >= 400) expect(r.message.length, r.text).toBeGreaterThan(10);
  }
}

/**
 * No live block for a non-live booking; every live block spans the booking's current time,
 * widened by the travel and cleanup buffers (unchanged during this file).
 */
async function expectNoPhantomBlocks() {
  const bad = await sql(
    `SELECT b."id", b."status"::text AS status, bc."blockStart", b."startsAt"
       FROM "BookingChef" bc JOIN "Booking" b ON b."id" = bc."bookingId"
      CROSS JOIN "BusinessSettings" s
      WHERE bc."live" AND b."startsAt" > now()
        AND (b."status" NOT IN ('HELD', 'PENDING', 'CONFIRMED', 'COMPLETED')
             OR bc."blockStart" <> b."startsAt" - make_interval(mins => s."travelBufferMinutes")
             OR bc."blockEnd" <> b."endsAt" + make_interval(mins => s."cleanupBufferMinutes"))`,
  );
  expect(bad).toEqual([]);
}

async function release(id: string) {
  const [b] = await sql<{ status: string }>(
    `SELECT "status"::text AS status FROM "Booking" WHERE "id" = $1`,
    id,
  );
  if (["HELD", "PENDING", "CONFIRMED"].includes(b!.status)) {
    const r = await trpc(
      "admin",
      "bookings.cancel",
      { id, reason: "round over" },
      { cookie: staff },
    );
    expect(r.status, r.text).toBe(200);
  }
}

describe("concurrent booking changes over HTTP (point 3)", () => {
  it(`customer cancel x customer reschedule, ${N} pairs: no phantom blocks, no 500`, async () => {
    const [a, b] = pickTwoDays(await freeSlots(150, 170));
    for (let i = 0; i < N; i++) {
      const bk = await book(a);
      try {
        const results = await Promise.all([
          trpc("customer", "booking.cancel", { id: bk.id, token: bk.token, reason: "" }),
          trpc("customer", "booking.reschedule", { id: bk.id, token: bk.token, ...b }),
        ]);
        expectReadable(results);
        await expectNoPhantomBlocks();
        const [row] = await sql<{ status: string }>(
          `SELECT "status"::text AS status FROM "Booking" WHERE "id" = $1`,
          bk.id,
        );
        expect(row!.status).toBe("CANCELLED");
      } finally {
        await release(bk.id);
      }
    }
  });

  it(`staff reassign x customer reschedule, ${N} pairs: no phantom blocks, no 500`, async () => {
    // A time when at least two chefs are free, so staff have someone to reassign to.
    const slots = await freeSlots(150, 170);
    let a: Slot | undefined;
    for (const slot of slots) {
      const probe = await book(slot);
      const other = await otherFreeChef(probe.id);
      await release(probe.id);
      if (other) {
        a = slot;
        break;
      }
    }
    expect(a, "a time with two free chefs").toBeTruthy();
    const b = slots.find((s) => s.date !== a!.date)!;
    for (let i = 0; i < N; i++) {
      const bk = await book(a!);
      try {
        const other = await otherFreeChef(bk.id);
        expect(other, "another chef free at the booking's time").toBeTruthy();
        const results = await Promise.all([
          trpc("admin", "bookings.reassign", { id: bk.id, chefIds: [other] }, { cookie: staff }),
          trpc("customer", "booking.reschedule", { id: bk.id, token: bk.token, ...b }),
        ]);
        expectReadable(results);
        await expectNoPhantomBlocks();
      } finally {
        await release(bk.id);
      }
    }
  });
});

/** An active chef with nothing in the way at the booking's time, other than its own chefs. */
async function otherFreeChef(bookingId: string): Promise<string | undefined> {
  const detail = await trpc<{
    liveChefs: { id: string }[];
    chefOptions: { id: string; problems: string[] }[];
  }>("admin", "bookings.get", { id: bookingId }, { cookie: staff, type: "query" });
  expect(detail.status, detail.text).toBe(200);
  const current = detail.data!.liveChefs.map((c) => c.id);
  return detail.data!.chefOptions.find((c) => !c.problems.length && !current.includes(c.id))?.id;
}

/** Two slots on different days (the reschedule target is another day). */
function pickTwoDays(slots: Slot[]): [Slot, Slot] {
  const a = slots[0]!;
  const b = slots.find((s) => s.date !== a.date)!;
  expect(b, "free slots on two different days").toBeTruthy();
  return [a, b];
}

/** Row counts of every table (BookingEvent without the worker's hold-expiry rows). */
async function counts(): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const where = t === "BookingEvent" ? ` WHERE "type" <> 'expired'` : "";
    const [row] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "${t}"${where}`);
    out[t] = Number(row!.n);
  }
  return out;
}

describe("a failing booking request writes nothing (point 14)", () => {
  it("a taken slot (409) and a bad package (400) leave every table as it was", async () => {
    const { slots, asOf } = await availability(172, 176);
    const slot = slots[0]!;
    // Book the slot until no chef is left for it.
    const filled: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await trpc<{ id: string }>("customer", "booking.create", request(slot));
      if (r.status === 409) break;
      expect(r.status, r.text).toBe(200);
      filled.push(r.data!.id);
    }
    const before = await counts();
    // Free when this customer's calendar was read (the site sends its asOf as seenAt).
    const taken = await trpc("customer", "booking.create", request(slot, { seenAt: asOf }));
    expect(taken.status).toBe(409);
    expect(taken.message).toMatch(/just booked/);
    const badPackage = await trpc(
      "customer",
      "booking.create",
      request(slots[slots.length - 1]!, { selection: { ...selection, packageSlug: "nope" } }),
    );
    expect(badPackage.status).toBe(400);
    expect(await counts()).toEqual(before);
    for (const id of filled) await release(id);
  });
});

describe("idempotency keys (point 15)", () => {
  it("replaying someone else's key with another booking gets a 422 and nothing of theirs", async () => {
    const [slot] = await freeSlots(160, 165);
    const first = request(slot!);
    const a = await trpc<{ id: string; token: string }>("customer", "booking.create", first);
    expect(a.status, a.text).toBe(200);
    const same = await trpc<{ id: string; replayed: boolean }>("customer", "booking.create", first);
    expect(same.data).toMatchObject({ id: a.data!.id, replayed: true });
    const attack = await trpc("customer", "booking.create", {
      ...request(slot!),
      idempotencyKey: first.idempotencyKey,
    });
    expect(attack.status).toBe(422);
    expect(attack.message).toMatch(/already got a booking from this page with other details/);
    expect(attack.text).not.toContain(a.data!.id);
    expect(attack.text).not.toContain(a.data!.token);
    await release(a.data!.id);
  });
});

describe("manage links (point 16)", () => {
  it("tokens are stored hashed; a cancelled booking's link is a read-only summary, then expires", async () => {
    const [slot] = await freeSlots(160, 165);
    const bk = await book(slot!);
    const hash = createHash("sha256").update(bk.token).digest("hex");
    const plain = await sql(
      `SELECT 1 FROM "Booking" b JOIN "BookingAccessToken" t ON t."bookingId" = b."id"
        WHERE b."id" = $1 AND (t."tokenHash" = $2 OR row_to_json(b)::text LIKE '%' || $2 || '%')`,
      bk.id,
      bk.token,
    );
    expect(plain).toEqual([]);
    expect(
      await sql(`SELECT 1 FROM "BookingAccessToken" WHERE "tokenHash" = $1`, hash),
    ).toHaveLength(1);
    const get = () =>
      trpc("customer", "booking.get", { id: bk.id, token: bk.token }, { type: "query" });
    expect((await get()).text).toContain("Gate code 2468");
    expect(
      (await trpc("customer", "booking.cancel", { id: bk.id, token: bk.token, reason: "" })).status,
    ).toBe(200);
    const after = await get();
    expect(after.status).toBe(200);
    expect(after.text).toContain("CANCELLED");
    for (const secret of ["Gate code 2468", address.line1, "4085550100"])
      expect(after.text).not.toContain(secret);
    // A month after the cancellation, the link no longer opens it.
    await sql(
      `UPDATE "Booking" SET "cancelledAt" = now() - interval '31 days' WHERE "id" = $1`,
      bk.id,
    );
    const expired = await get();
    expect(expired.status).toBe(404);
    expect(expired.message).toMatch(/link has expired/);
  });
});

describe("rate limits and short holds (point 4)", () => {
  const clearCounters = async () => {
    // The bookings made and the attempts (booking-attempt:*) alike.
    const keys = await redis.keys("*:rl:booking*");
    if (keys.length) await redis.del(...keys);
  };

  it("a client gets 3 bookings per 10 minutes, then a readable 429; bookings are held, not taken", async () => {
    await sql(
      `UPDATE "BusinessSettings" SET "bookingRateLimit" = 3, "bookingRateWindowMinutes" = 10`,
    );
    await clearCounters();
    try {
      // Four different days, each looked up right before booking (nothing else competes).
      const slots: Slot[] = [];
      for (let i = 0; i < 4; i++) slots.push((await freeSlots(140 + 9 * i, 147 + 9 * i))[0]!);
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await book(slots[i]!));
      // Made online and not confirmed: held for a short, visible time.
      const shown = await trpc<{
        awaitingConfirmation: boolean;
        booking: { holdExpiresAt: string };
      }>("customer", "booking.get", { id: made[0]!.id, token: made[0]!.token }, { type: "query" });
      expect(made[0]!.status).toBe("HELD");
      expect(shown.data!.awaitingConfirmation).toBe(true);
      const left = new Date(shown.data!.booking.holdExpiresAt).getTime() - Date.now();
      expect(left).toBeGreaterThan(20 * 60_000);
      expect(left).toBeLessThanOrEqual(30 * 60_000);

      const before = await counts();
      const refused = await trpc("customer", "booking.create", request(slots[3]!));
      expect(refused.status).toBe(429);
      expect(refused.message).toMatch(/try again in about \d+ minutes?/);
      expect(await counts()).toEqual(before);
      for (const b of made) await release(b.id);
    } finally {
      await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = 1000`);
      await clearCounters();
    }
  });
});

describe("two owners saving settings at once (point 12)", () => {
  it("one save wins, the other is told to reload; the deposit never exceeds the party minimum", async () => {
    const other = await signIn("admin", demo.owner.email, demo.owner.password);
    const s = await trpc<{ version: number; depositCents: number; partyMinimumCents: number }>(
      "admin",
      "owner.settings.get",
      undefined,
      { cookie: owner, type: "query" },
    );
    const { version, depositCents, partyMinimumCents } = s.data!;
    try {
      const results = await Promise.all([
        trpc(
          "admin",
          "owner.settings.update",
          { depositCents: partyMinimumCents - 1000, version },
          { cookie: owner },
        ),
        trpc(
          "admin",
          "owner.settings.update",
          { partyMinimumCents: depositCents + 1000, version },
          { cookie: other },
        ),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.message).toBe(
        "These settings were changed by someone else; reload to see their changes.",
      );
      const [row] = await sql<{ d: number; p: number }>(
        `SELECT "depositCents" AS d, "partyMinimumCents" AS p FROM "BusinessSettings"`,
      );
      expect(row!.d).toBeLessThanOrEqual(row!.p);
    } finally {
      const now = await trpc<{ version: number }>("admin", "owner.settings.get", undefined, {
        cookie: owner,
        type: "query",
      });
      const restore = await trpc(
        "admin",
        "owner.settings.update",
        { depositCents, partyMinimumCents, version: now.data!.version },
        { cookie: owner },
      );
      expect(restore.status, restore.text).toBe(200);
    }
  });
});
