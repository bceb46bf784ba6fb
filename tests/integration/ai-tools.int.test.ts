// The assistant's tools are adapters over the operation registry: each names a registered
// operation, its input mapping produces what the operation's own schema accepts, and the
// operation's access rule is what decides what the chat identity gets. (The JSON Schema the
// model sees is checked against the zod arguments in packages/ai/src/tools.test.ts.)
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatTools, runTool, type ToolContext } from "@myhibachi/ai";
import { createBooking, getCatalog, operations, runOperation } from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
});
afterAll(async () => env?.close());

const randomId = () => randomBytes(12).toString("hex");
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function toolContext(identity: ToolContext["identity"]): Promise<ToolContext> {
  return {
    db: env.t.db,
    cache: env.cache,
    catalog: await getCatalog(env.t.db, env.cache),
    now: new Date(),
    identity,
    turnKey: `turn-${randomId()}`,
    siteUrl: "http://127.0.0.1:3999",
  };
}
let addresses = 0;
const visitor = () => ({
  userId: null,
  visitorId: randomId(),
  address: `198.51.100.${++addresses}`,
});

async function customerAccount(name: string, emailVerified: boolean) {
  const id = `user-${randomId()}`;
  const email = `${name.toLowerCase()}-${id}@example.com`;
  await env.t.db.user.create({ data: { id, name, email, emailVerified } });
  return { id, email, name };
}

/** Arguments a model would send, one set per tool (a new tool must add its own). */
const SAMPLE_ARGS: Record<string, Record<string, unknown>> = {
  get_menu: { dietary: "vegetarian" },
  get_quote: { adults: 10, children: 2, postalCode: "95125", items: { "lobster-tail": 2 } },
  check_availability: { date: day(40), guests: 8, postalCode: "95125" },
  create_booking_hold: { date: day(41), startMinute: 17 * 60, guests: 6, postalCode: "95125" },
  get_my_bookings: { code: "hb-abc" },
  get_loyalty_program: {},
  get_my_loyalty: {},
  get_my_referral_code: {},
};

describe("every tool is an adapter over a registered operation", () => {
  it("maps the model's arguments to an input the operation's own schema accepts", async () => {
    expect(Object.keys(SAMPLE_ARGS).sort()).toEqual(chatTools.map((t) => t.name).sort());
    const ctx = await toolContext(visitor());
    for (const tool of chatTools) {
      const args = tool.argsSchema.parse(SAMPLE_ARGS[tool.name]);
      const input = await tool.toInput(args, ctx);
      const op = operations[tool.operation as keyof typeof operations];
      if (!op.input) {
        expect(input, tool.name).toBeUndefined();
        continue;
      }
      const parsed = op.input.safeParse(input);
      expect(parsed.success, `${tool.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("answers each tool's sample through its operation", async () => {
    const ctx = await toolContext(visitor());
    for (const tool of chatTools) {
      const r = await runTool(ctx, tool.name, SAMPLE_ARGS[tool.name]);
      expect(r.ok, `${tool.name}: ${JSON.stringify(r.data)}`).toBe(true);
    }
    const quote = await runTool(ctx, "get_quote", { adults: 10 });
    expect(quote.data).toMatchObject({
      guests: 10,
      zone: "travel fee depends on the ZIP code; shown for our local zone",
    });
    const priced = await runTool(ctx, "get_quote", SAMPLE_ARGS.get_quote);
    expect((priced.data as { zone: string }).zone).toMatch(/^San Jose \([\d.]+ mi\): /);
  });
});

describe("the operation's access rule protects what a tool returns", () => {
  it("an anonymous visitor is asked to sign in for bookings; a hold is theirs", async () => {
    const ctx = await toolContext(visitor());
    const mine = await runTool(ctx, "get_my_bookings", {});
    expect(mine).toMatchObject({ ok: true, personal: true, data: { signedIn: false } });
    expect(JSON.stringify(mine.data)).toMatch(/must sign in/);

    const hold = await runTool(ctx, "create_booking_hold", SAMPLE_ARGS.create_booking_hold);
    expect(hold.ok, JSON.stringify(hold.data)).toBe(true);
    expect(hold.wrote).toBe(true);
    const link = (hold.data as { link: string }).link;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3999\/book\/finish\/.+\?token=/);
    // A retried turn returns the same hold, with a link that opens it.
    const again = await runTool(ctx, "create_booking_hold", SAMPLE_ARGS.create_booking_hold);
    expect((again.data as { code: string }).code).toBe((hold.data as { code: string }).code);
    const url = new URL((again.data as { link: string }).link);
    const held = await runOperation(
      operations.getChatHold,
      {
        db: env.t.db,
        cache: env.cache,
        now: () => new Date(),
        caller: { user: null, address: null, surface: "internal" },
      },
      { id: url.pathname.split("/").at(-1), token: url.searchParams.get("token") },
    );
    expect(held).toMatchObject({ guests: 6, date: SAMPLE_ARGS.create_booking_hold!.date });
  });

  it("a chat identity with neither an account nor a visitor cookie can't hold a time", async () => {
    const ctx = await toolContext({ userId: null, visitorId: null });
    const before = await env.t.db.booking.count();
    const r = await runTool(ctx, "create_booking_hold", SAMPLE_ARGS.create_booking_hold);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.data)).toMatch(/needs cookies/);
    expect(await env.t.db.booking.count()).toBe(before);
  });

  it("a signed-in customer sees only their own bookings, and only once their email is verified", async () => {
    const bob = await customerAccount("Bob", true);
    const bobs = await createBooking(
      env.t.db,
      {
        idempotencyKey: `tools-${bob.id}`,
        date: day(45),
        startMinute: 18 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Bob", email: bob.email, phone: "4085550100" },
        user: { id: bob.id, email: bob.email, emailVerified: true },
      },
      { cache: env.cache },
    );
    const asBob = await toolContext({ userId: bob.id, visitorId: null });
    const byCode = await runTool(asBob, "get_my_bookings", { code: bobs.code.toLowerCase() });
    const found = byCode.data as { signedIn: boolean; bookings: { code: string }[] };
    expect(found.signedIn).toBe(true);
    expect(found.bookings.map((b) => b.code)).toEqual([bobs.code]);
    expect(byCode.extras?.links?.[0]?.href).toBe(`/bookings/${bobs.id}`);
    const otherCode = await runTool(asBob, "get_my_bookings", { code: "HB-NOPE00" });
    expect((otherCode.data as { bookings: unknown[] }).bookings).toEqual([]);

    const alice = await customerAccount("Alice", true);
    const asAlice = await toolContext({ userId: alice.id, visitorId: null });
    const alices = await runTool(asAlice, "get_my_bookings", { code: bobs.code });
    expect(alices.data).toMatchObject({ signedIn: true, bookings: [] });

    // An account whose email isn't verified gets nothing, and the assistant can say why.
    await env.t.db.user.update({
      where: { id: alice.id },
      data: { emailVerified: false },
    });
    const unverified = await runTool(asAlice, "get_my_bookings", {});
    expect(unverified.data).toMatchObject({ needsEmailConfirmation: true, bookings: [] });
  });
});
