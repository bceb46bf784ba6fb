// Issue 9, points 4, 12, 14, 15 and 16, through the real tRPC HTTP handler (real Postgres and
// Redis): rate limits and short holds for unconfirmed bookings, optimistic concurrency for the
// owner's settings, nothing written by a failing request, idempotency keys bound to their
// request, manage-link tokens hashed at rest and expiring.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminRouter,
  createCallerFactory,
  customerRouter,
  handleTrpc,
  type ServerDeps,
} from "@myhibachi/api";
import { createHold, expireHolds, QueryCache, updateSettings } from "@myhibachi/core";
import { createRedis } from "@myhibachi/jobs";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { customerServerDeps, emailedLinkToken, setupEnv, type Env } from "./helpers";
import { createUser } from "./admin-helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const todayInBusinessZone = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

interface Reply {
  status: number;
  message: string;
  data: Record<string, unknown>;
}

async function call(
  path: string,
  input: unknown,
  opts: { ip?: string; get?: boolean; deps?: ServerDeps; now?: Date } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  const url = `http://127.0.0.1:3999/api/trpc/${path}`;
  const req = opts.get
    ? new Request(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
        headers,
      })
    : new Request(url, { method: "POST", headers, body: JSON.stringify({ json: input }) });
  const d = opts.deps ?? deps;
  const res = await handleTrpc(req, customerRouter, opts.now ? { ...d, now: () => opts.now! } : d);
  const json = (await res.json()) as {
    error?: { json: { message: string } };
    result?: { data: { json: Record<string, unknown> } };
  };
  return {
    status: res.status,
    message: json.error?.json.message ?? "",
    data: json.result?.data.json ?? {},
  };
}

function booking(over: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `k-${uniq()}`,
    date: future(30),
    startMinute: 17 * 60,
    selection: classicSelection(10),
    address: FIXTURE_ADDRESS,
    contact: { name: "Pat Doe", email: `pat-${uniq()}@example.com`, phone: "(408) 555-0100" },
    notes: "Gate code 4321",
    ...over,
  };
}

/** Row counts of every table in the database. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await env.t.db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await env.t.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${name}"`,
    );
    out[name] = Number(row!.n);
  }
  return out;
}

describe("a failing request writes nothing (point 14)", () => {
  it("conflicts, late validation errors and expired or mismatched holds leave every table as it was", async () => {
    // Take the slot with both chefs, so the next booking for it conflicts.
    const slot = { date: future(40), startMinute: 15 * 60 };
    for (let i = 0; i < 2; i++) {
      const r = await call("booking.create", booking(slot), { ip: `198.51.100.${i + 1}` });
      expect(r.status, r.message).toBe(200);
    }
    const hold = await createHold(
      env.t.db,
      {
        idempotencyKey: `hold-${uniq()}`,
        date: future(41),
        startMinute: 12 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: env.cache },
    );
    const before = await tableCounts();
    const failures: [string, Reply][] = [
      ["slot taken", await call("booking.create", booking(slot), { ip: "198.51.100.20" })],
      [
        "unknown package",
        await call(
          "booking.create",
          booking({ selection: { ...classicSelection(10), packageSlug: "nope" } }),
          { ip: "198.51.100.21" },
        ),
      ],
      [
        "protein count wrong",
        await call(
          "booking.create",
          booking({ selection: { ...classicSelection(10), proteins: { chicken: 1 } } }),
          { ip: "198.51.100.22" },
        ),
      ],
      [
        "hold finished with the wrong party size",
        await call("hold.finish", {
          id: hold.id,
          token: hold.accessToken,
          selection: classicSelection(12),
          address: FIXTURE_ADDRESS,
          contact: { name: "Lee", email: `lee-${uniq()}@example.com`, phone: "4085550100" },
        }),
      ],
      [
        "hold finished for another ZIP",
        await call("hold.finish", {
          id: hold.id,
          token: hold.accessToken,
          selection: classicSelection(10),
          address: { ...FIXTURE_ADDRESS, postalCode: "95008" },
          contact: { name: "Lee", email: `lee-${uniq()}@example.com`, phone: "4085550100" },
        }),
      ],
      [
        "hold finished after it expired",
        await call(
          "hold.finish",
          {
            id: hold.id,
            token: hold.accessToken,
            selection: classicSelection(10),
            address: FIXTURE_ADDRESS,
            contact: { name: "Lee", email: `lee-${uniq()}@example.com`, phone: "4085550100" },
          },
          { now: new Date(hold.holdExpiresAt!.getTime() + 60_000) },
        ),
      ],
    ];
    const chatHoldConflict = await createHold(
      env.t.db,
      {
        idempotencyKey: `hold-${uniq()}`,
        date: slot.date,
        startMinute: slot.startMinute,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: env.cache },
    ).catch((e: unknown) => e);
    expect(chatHoldConflict).toMatchObject({ code: "CONFLICT" });
    for (const [what, r] of failures) {
      expect(r.status, `${what}: ${r.message}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${what}: ${r.message}`).toBeLessThan(500);
      expect(r.message.length, what).toBeGreaterThan(10);
    }
    expect(await tableCounts()).toEqual(before);
  });
});

describe("idempotency keys are bound to their request (point 15)", () => {
  it("the same request again gets the same booking; another request with the key gets a 422 and nothing of the booking", async () => {
    const first = booking({ date: future(50) });
    const a = await call("booking.create", first, { ip: "198.51.100.30" });
    expect(a.status, a.message).toBe(200);
    const again = await call("booking.create", first, { ip: "198.51.100.30" });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(a.data.id);
    expect(again.data.replayed).toBe(true);
    // The replay's link opens the booking too.
    const viaReplay = await call(
      "booking.get",
      { id: a.data.id, token: again.data.token },
      { get: true },
    );
    expect(viaReplay.status).toBe(200);

    const stolen = {
      ...booking({ date: future(51) }),
      idempotencyKey: first.idempotencyKey,
    };
    const r = await call("booking.create", stolen, { ip: "203.0.113.99" });
    expect(r.status).toBe(422);
    expect(r.message).toBe(
      "We already got a booking from this page with other details: check your email for it. To book with these details as well, press the button again.",
    );
    expect(JSON.stringify(r)).not.toContain(String(a.data.id));
    expect(JSON.stringify(r)).not.toContain(String(a.data.token));
    // A subtle change (one more guest) is a different request too.
    const tweaked = { ...first, selection: classicSelection(11) };
    expect((await call("booking.create", tweaked, { ip: "198.51.100.30" })).status).toBe(422);
    expect(await env.t.db.booking.count({ where: { idempotencyKey: first.idempotencyKey } })).toBe(
      1,
    );
  });

  it("the exact same request from another signed-in account is refused too", async () => {
    const alice = await createUser(env.t.db, "CUSTOMER");
    const mallory = await createUser(env.t.db, "CUSTOMER");
    const caller = (user: typeof alice | null) =>
      createCallerFactory(customerRouter)({ ...deps, headers: new Headers(), user });
    const req = booking({
      date: future(52),
      contact: { ...booking().contact, email: alice.email },
    });
    const mine = await caller(alice).booking.create(req);
    expect(mine.status).toBe("PENDING"); // her verified email: nothing to confirm
    const err = await caller(mallory)
      .booking.create(req)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const anon = await caller(null)
      .booking.create(req)
      .catch((e: unknown) => e);
    expect(anon).toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
  });
});

describe("manage links (point 16)", () => {
  it("only a hash of the token is stored; the link still opens the booking", async () => {
    const r = await call("booking.create", booking({ date: future(53) }), { ip: "198.51.100.40" });
    const token = String(r.data.token);
    const dump = JSON.stringify(
      await env.t.db
        .$queryRaw`SELECT b.*, t.* FROM "Booking" b JOIN "BookingAccessToken" t ON t."bookingId" = b."id" WHERE b."id" = ${r.data.id}`,
      (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v),
    );
    expect(dump).not.toContain(token);
    expect(dump).toContain(createHash("sha256").update(token).digest("hex"));
    expect((await call("booking.get", { id: r.data.id, token }, { get: true })).status).toBe(200);
    // The confirmation email's link works as well (its own token, hashed the same way).
    const mail = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: { contains: String(r.data.code) } },
    });
    const emailed = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(
      (await call("booking.get", { id: r.data.id, token: emailed }, { get: true })).status,
    ).toBe(200);
  });

  it("a cancelled booking's link shows a read-only summary without personal details, and links expire", async () => {
    const req = booking({ date: future(54) });
    const r = await call("booking.create", req, { ip: "198.51.100.41" });
    const id = r.data.id;
    const token = r.data.token;
    const open = await call("booking.get", { id, token }, { get: true });
    expect(JSON.stringify(open.data)).toContain("Gate code 4321");
    expect((await call("booking.cancel", { id, token, reason: "" })).status).toBe(200);
    const after = await call("booking.get", { id, token }, { get: true });
    expect(after.status).toBe(200);
    const text = JSON.stringify(after.data);
    expect(text).toContain("CANCELLED");
    for (const secret of ["Gate code 4321", req.contact.email, "555-0100", FIXTURE_ADDRESS.line1])
      expect(text).not.toContain(secret);
    // 30 days after the cancellation the link stops working.
    const later = new Date(Date.now() + 31 * 86400_000);
    const expired = await call("booking.get", { id, token }, { get: true, now: later });
    expect(expired.status).toBe(404);
    expect(expired.message).toMatch(/link has expired/);

    // A live booking's link works until 30 days after the event, then not.
    const live = await call("booking.create", booking({ date: future(55) }), {
      ip: "198.51.100.42",
    });
    const ends = (await env.t.db.booking.findUniqueOrThrow({ where: { id: String(live.data.id) } }))
      .endsAt;
    const at = (days: number) => new Date(ends.getTime() + days * 86400_000);
    const q = { id: live.data.id, token: live.data.token };
    expect((await call("booking.get", q, { get: true, now: at(29) })).status).toBe(200);
    expect((await call("booking.get", q, { get: true, now: at(31) })).status).toBe(404);
  });
});

describe("rate limits and unconfirmed bookings (point 4)", () => {
  it("an IP gets 3 online bookings per 10 minutes, an email too; then a readable 429 and nothing written", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < 3; i++) {
      const r = await call("booking.create", booking({ date: future(60 + i) }), { ip });
      expect(r.status, r.message).toBe(200);
    }
    const before = await tableCounts();
    const refused = await call("booking.create", booking({ date: future(64) }), { ip });
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/try again in about 10 minutes/);
    expect(await tableCounts()).toEqual(before);
    // Another client is not affected.
    expect(
      (await call("booking.create", booking({ date: future(65) }), { ip: "203.0.113.8" })).status,
    ).toBe(200);
    // One email from many IPs: limited as well.
    // "+tags" and case reach the same inbox, so they share its limit (found by a black-box attack).
    const name = `spam-${uniq()}`;
    const byEmail = [];
    for (let i = 0; i < 4; i++)
      byEmail.push(
        await call(
          "booking.create",
          booking({
            date: future(66 + i),
            contact: {
              ...booking().contact,
              email: i === 0 ? `${name}@example.com` : `${name.toUpperCase()}+x${i}@Example.com`,
            },
          }),
          { ip: `192.0.2.${i + 1}` },
        ),
      );
    expect(byEmail.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it("refused attempts cost nothing: 15 refusals (times taken, details to fix), then the customer still books, up to the limit (G2)", async () => {
    // A time both chefs are taken at, by other clients.
    const taken = { date: future(90), startMinute: 15 * 60 };
    for (let i = 0; i < 2; i++)
      expect(
        (await call("booking.create", booking(taken), { ip: `198.51.100.${90 + i}` })).status,
      ).toBe(200);
    const ip = "203.0.113.90";
    const email = `trier-${uniq()}@example.com`;
    const contact = { name: "Robin Trier", email, phone: "(408) 555-0100" };
    const refusals: Reply[] = [];
    // One customer tries the taken time again and again (12 times), and gets details wrong.
    for (let i = 0; i < 12; i++)
      refusals.push(await call("booking.create", booking({ ...taken, contact }), { ip }));
    refusals.push(
      // Too soon: today in the business's zone (a UTC date plus one day is two days ahead there
      // between midnight UTC and midnight in Los Angeles, outside the 48-hour notice).
      await call("booking.create", booking({ contact, date: todayInBusinessZone() }), { ip }),
      await call(
        "booking.create",
        booking({ contact, address: { ...FIXTURE_ADDRESS, postalCode: "99999" } }),
        { ip },
      ), // outside the area
      await call(
        "booking.create",
        booking({ contact, selection: { ...classicSelection(10), proteins: { chicken: 1 } } }),
        { ip },
      ), // proteins missing
    );
    expect(refusals.map((r) => r.status)).toEqual([...Array(12).fill(409), 400, 400, 400]);
    expect(refusals.some((r) => r.status === 429)).toBe(false);
    // Then the customer picks a free time: booked, and two more after it (the limit is 3)...
    const made = [];
    for (let i = 0; i < 3; i++)
      made.push(await call("booking.create", booking({ contact, date: future(91 + i) }), { ip }));
    expect(made.map((r) => [r.status, r.message])).toEqual([
      [200, ""],
      [200, ""],
      [200, ""],
    ]);
    // ...and the limit still stops the fourth booking made, for this client and this email.
    const fourth = await call("booking.create", booking({ contact, date: future(95) }), { ip });
    expect(fourth.status).toBe(429);
    expect(fourth.message).toMatch(
      /That's a lot of bookings in a short time\. Please try again in about 10 minutes/,
    );
    const otherIp = await call("booking.create", booking({ contact, date: future(96) }), {
      ip: "203.0.113.91",
    });
    expect(otherIp.status).toBe(429);
  });

  it("parallel attempts never make more bookings than the limit, refusals mixed in or not (G2)", async () => {
    const taken = { date: future(100), startMinute: 15 * 60 };
    for (let i = 0; i < 2; i++)
      expect(
        (await call("booking.create", booking(taken), { ip: `198.51.100.${100 + i}` })).status,
      ).toBe(200);
    // Twelve at once from one client: six for the taken time, six for free days.
    const ip = "203.0.113.100";
    const burst = await Promise.all([
      ...Array.from({ length: 6 }, () => call("booking.create", booking(taken), { ip })),
      ...Array.from({ length: 6 }, (_, i) =>
        call("booking.create", booking({ date: future(101 + i) }), { ip }),
      ),
    ]);
    for (const r of burst) expect([200, 409, 429], r.message).toContain(r.status);
    expect(burst.slice(0, 6).every((r) => r.status !== 200)).toBe(true);
    // (Which of them got the three points first is a race: a refusal holds its point until it
    // is refused, so valid requests at the same moment may hear 429.)
    const booked = burst.filter((r) => r.status === 200).length;
    expect(booked).toBeLessThanOrEqual(3);
    // The refusals gave their points back: the client books up to the limit, not one more.
    const after = [];
    for (let i = 0; i < 4; i++)
      after.push((await call("booking.create", booking({ date: future(110 + i) }), { ip })).status);
    expect(booked + after.filter((s) => s === 200).length).toBe(3);
    expect(after.at(-1)).toBe(429);
    // Ten valid requests at once from a fresh client: exactly three bookings.
    const fresh = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call("booking.create", booking({ date: future(120 + i) }), { ip: "203.0.113.101" }),
      ),
    );
    expect(fresh.filter((r) => r.status === 200)).toHaveLength(3);
    expect(fresh.filter((r) => r.status === 429)).toHaveLength(7);
  });

  it("one request sent again at once (a retry, a double click) is one booking, never a 429", async () => {
    const ip = "203.0.113.120";
    const same = booking({ date: future(140) });
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => call("booking.create", same, { ip })),
    );
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = new Set(burst.map((r) => (r.data as { id: string }).id));
    expect(ids.size).toBe(1);
    expect(await env.t.db.booking.count({ where: { idempotencyKey: same.idempotencyKey } })).toBe(
      1,
    );
    // It counted once: the client still has two bookings of its three.
    const more = [];
    for (let i = 0; i < 3; i++)
      more.push((await call("booking.create", booking({ date: future(141 + i) }), { ip })).status);
    expect(more).toEqual([200, 200, 429]);
  });

  it("a client hammering refused requests is stopped after 10 attempts per booking allowed (G2)", async () => {
    const taken = { date: future(130), startMinute: 15 * 60 };
    for (let i = 0; i < 2; i++)
      expect(
        (await call("booking.create", booking(taken), { ip: `198.51.100.${130 + i}` })).status,
      ).toBe(200);
    const ip = "203.0.113.130";
    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await call("booking.create", booking(taken), { ip })).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(409));
    const stopped = await call("booking.create", booking({ date: future(131) }), { ip });
    expect(statuses[30]).toBe(429);
    expect(stopped.status).toBe(429);
    expect(stopped.message).toMatch(
      /That's a lot of booking attempts in a short time\. Please try again in about/,
    );
  });

  it("with Redis unreachable the limit still holds (in memory) and requests don't hang", async () => {
    const dead = createRedis("redis://127.0.0.1:1/0", "cache");
    const noRedis = { ...deps, redis: dead, cache: new QueryCache(dead, `${env.prefix}-dead`) };
    const ip = "203.0.113.50";
    const statuses = [];
    // Refusals first (a time both chefs are taken at): given back in memory too.
    const taken = { date: future(69), startMinute: 15 * 60 };
    for (let i = 0; i < 2; i++)
      await call("booking.create", booking(taken), { ip: `198.51.100.${50 + i}`, deps: noRedis });
    for (let i = 0; i < 5; i++)
      statuses.push((await call("booking.create", booking(taken), { ip, deps: noRedis })).status);
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call("booking.create", booking({ date: future(70 + i) }), { ip, deps: noRedis }))
          .status,
      );
    dead.disconnect();
    expect(statuses).toEqual([409, 409, 409, 409, 409, 200, 200, 200, 429]);
  });

  it("an online booking holds its time only until the customer confirms it from the emailed link", async () => {
    const date = future(80);
    const r = await call("booking.create", booking({ date, startMinute: 12 * 60 }), {
      ip: "198.51.100.60",
    });
    expect(r.data.status).toBe("HELD");
    const until = new Date(String(r.data.holdExpiresAt)).getTime();
    expect(until).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
    const shown = await call("booking.get", { id: r.data.id, token: r.data.token }, { get: true });
    expect(shown.data).toMatchObject({ awaitingConfirmation: true });
    const mail = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: `Please confirm your booking ${String(r.data.code)}` },
    });
    expect(mail.text).toMatch(/holding this time for you until/);
    // Not confirmed in time: released, and the slot is free for someone else.
    await expireHolds(env.t.db, new Date(until + 1000));
    expect(
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: String(r.data.id) } })).status,
    ).toBe("EXPIRED");
    const late = await call("booking.confirm", {
      id: r.data.id,
      token: await emailedLinkToken(env.t.db, String(r.data.id)),
    });
    expect(late.status).toBe(412);
    expect(late.message).toMatch(/wasn't confirmed in time/);

    // Confirmed from the link in time: it stays, deposit due.
    const b = await call("booking.create", booking({ date, startMinute: 12 * 60 }), {
      ip: "198.51.100.61",
    });
    expect(b.status, b.message).toBe(200);
    // The token the booking request itself returned can't confirm (the booker must own the
    // address): only the emailed link can. Found by a black-box attack.
    const own = await call("booking.confirm", { id: b.data.id, token: b.data.token });
    expect(own.status).toBe(403);
    expect(own.message).toMatch(/open the link we emailed to \w\*\*\*@example\.com/);
    const ok = await call("booking.confirm", {
      id: b.data.id,
      token: await emailedLinkToken(env.t.db, String(b.data.id)),
    });
    expect(ok.data.status).toBe("PENDING");
    await expireHolds(env.t.db, new Date(Date.now() + 3 * 3600_000));
    expect(
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: String(b.data.id) } })).status,
    ).toBe("PENDING");
  });
});

describe("owners editing settings at once (point 12)", () => {
  it("two saves based on the same version: one wins, the other is told to reload; the rules hold", async () => {
    const owner1 = await createUser(env.t.db, "OWNER");
    const owner2 = await createUser(env.t.db, "OWNER");
    const admin = (user: typeof owner1) =>
      createCallerFactory(adminRouter)({ ...deps, headers: new Headers(), user });
    const s = await admin(owner1).owner.settings.get();
    expect(s.depositCents).toBeLessThan(s.partyMinimumCents);
    // Each edit alone is fine; together the deposit would exceed the party minimum.
    const results = await Promise.allSettled([
      admin(owner1).owner.settings.update({ depositCents: 50_000, version: s.version }),
      admin(owner2).owner.settings.update({ partyMinimumCents: 40_000, version: s.version }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({
      code: "CONFLICT",
      message: "These settings were changed by someone else; reload to see their changes.",
    });
    const now = await env.t.db.businessSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(now.depositCents).toBeLessThanOrEqual(now.partyMinimumCents);
    // A save without the version it was based on is refused with a message to act on.
    const noVersion = await admin(owner1)
      .owner.settings.update({ depositCents: 1000 } as never)
      .catch((e: unknown) => e);
    expect(noVersion).toMatchObject({ code: "BAD_REQUEST", message: /Reload the settings page/ });
    // Reloaded, the other owner's edit is checked against the saved row: refused by the rule.
    const fresh = await admin(owner2).owner.settings.get();
    const second = won[0] === results[0] ? { partyMinimumCents: 40_000 } : { depositCents: 50_000 };
    await expect(
      updateSettings(
        env.t.db,
        { actor: { userId: owner2.id, role: "OWNER" }, patch: second, version: fresh.version },
        { cache: env.cache },
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: /deposit can't be more/ });
  });

  it("the same holds for menu items and packages: a stale edit is refused, not merged", async () => {
    const owner1 = await createUser(env.t.db, "OWNER");
    const owner2 = await createUser(env.t.db, "OWNER");
    const admin = (user: typeof owner1) =>
      createCallerFactory(adminRouter)({ ...deps, headers: new Headers(), user });
    const menu = await admin(owner1).owner.menu.list();
    const item = menu.items.find((i) => i.slug === "steak")!;
    const results = await Promise.allSettled([
      admin(owner1).owner.menu.updateItem({
        id: item.id,
        item: { priceCents: 700 },
        updatedAt: item.updatedAt,
      }),
      admin(owner2).owner.menu.updateItem({
        id: item.id,
        item: { name: "Hibachi steak (NY strip)" },
        updatedAt: item.updatedAt,
      }),
    ]);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({
      code: "CONFLICT",
      message: "This menu item was changed by someone else; reload to see their changes.",
    });
    const pkg = menu.packages[0]!;
    await admin(owner1).owner.menu.updatePackage({
      id: pkg.id,
      pkg: { adultPriceCents: pkg.adultPriceCents + 100 },
      updatedAt: pkg.updatedAt,
    });
    await expect(
      admin(owner2).owner.menu.updatePackage({
        id: pkg.id,
        pkg: { childPriceCents: 100 },
        updatedAt: pkg.updatedAt,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: /package was changed by someone else/ });
  });
});
