// Attack 16b on menu recommendations (issue 16), the core findings, each on its own database:
// R1-3 the owner's menu editor refuses a diet tag the dish's contents contradict; R1-4 made-up
// session keys can't flood the owner's figures (a 429 in words) and a client can't compute its
// arm (it is keyed with the server's secret); R1-7 a party that can't be booked is refused with
// the quote's and the booking's words, nothing logged; R1-8 an answer counts only on the surface
// the suggestion was shown on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { armForKey, operations as op, runOperation, type OperationContext } from "@myhibachi/core";
import { handleRest } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { createUser } from "./admin-helpers";
import { withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

const SECRET = "x".repeat(40); // customerServerDeps' AUTH_SECRET

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
let owner: OperationContext;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
  await withoutBookingLimits(env);
  deps = customerServerDeps(env);
  const user: SessionUser = { ...(await createUser(env.t.db, "OWNER")), role: "OWNER" };
  owner = {
    db: env.t.db,
    cache: env.cache,
    now: () => new Date(),
    caller: { user, address: null, surface: "internal" },
  };
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

let n = 0;
const visitor = (address = "198.51.100.7", armSecret?: string): OperationContext => ({
  db: env.t.db,
  cache: env.cache,
  now: () => new Date(),
  caller: { user: null, address, surface: "internal" },
  ...(armSecret ? { armSecret } : {}),
});
const freshKey = (tag: string) =>
  `${tag}-${Date.now().toString(36)}-${String(n++).padStart(5, "0")}`;

const chickenParty = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 14, steak: 6 },
  extras: {},
};
const NO_PROFILE = { avoid: [], diets: [], likes: [] };
const SPRING = "2027-04-15";

const rest = async (path: string, body: unknown) => {
  const res = await handleRest(
    new Request(`http://127.0.0.1:3999/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://127.0.0.1:3999" },
      body: JSON.stringify(body),
    }),
    "customer",
    deps,
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

const counts = async () => ({
  sessions: await env.t.db.recommendationSession.count(),
  events: await env.t.db.recommendationEvent.count(),
});

describe("R1-3: the owner's menu editor", () => {
  const base = {
    slug: "crispy-tofu-r13",
    name: "Crispy tofu bites",
    description: "Tofu with soy glaze.",
    kind: "APPETIZER" as const,
    pricing: "PER_PERSON" as const,
    priceCents: 500,
    allergens: ["soy", "wheat"],
    contains: ["soy-sauce"],
    dietaryTags: ["vegetarian", "vegan", "dairy-free"],
    seasonalTags: [],
    active: true,
    sortOrder: 90,
  };

  it("R1-3 refuses vegan and dairy-free with butter in words, writes nothing, and lets on-request through", async () => {
    const item = await runOperation(op.createMenuItem, owner, base);
    const edit = (patch: Record<string, unknown>, updatedAt = item.updatedAt) =>
      runOperation(op.updateMenuItem, owner, { id: item.id, item: patch, updatedAt });
    await expect(
      edit({ contains: ["soy-sauce", "butter"], allergens: ["soy", "wheat", "milk"] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "A vegan dish can't contain butter (milk). Untick Vegan or the ingredient.",
    });
    for (const [patch, words] of [
      [{ contains: ["soy-sauce", "honey"] }, /vegan dish can't contain honey/],
      [
        { contains: ["soy-sauce", "fish-sauce"] },
        /A vegetarian dish can't contain fish sauce \(fish\)/,
      ],
      [{ contains: ["pork"], dietaryTags: ["vegetarian"] }, /vegetarian dish can't contain pork/],
      [{ dietaryTags: ["gluten-free"] }, /gluten-free dish can't contain soy sauce \(soy, wheat\)/],
      [{ allergens: ["Soy", "wheat", "Milk"] }, /vegan dish can't contain milk/],
    ] as const)
      await expect(edit(patch), JSON.stringify(patch)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(words),
      });
    const stored = await env.t.db.menuItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.contains).toEqual(["soy-sauce"]);
    expect(stored.dietaryTags).toEqual(base.dietaryTags);
    // Creating one that contradicts itself is refused too.
    await expect(
      runOperation(op.createMenuItem, owner, {
        ...base,
        slug: "honey-tofu-r13",
        contains: ["honey"],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/honey/) });
    // Butter with the tags that still hold, and "on request" ones: saved.
    const ok = await edit({
      contains: ["soy-sauce", "butter"],
      allergens: ["soy", "wheat", "milk"],
      dietaryTags: ["vegetarian", "vegan-on-request", "dairy-free-on-request"],
    });
    expect(ok.dietaryTags).toEqual(["vegetarian", "vegan-on-request", "dairy-free-on-request"]);
  });
});

describe("R1-7: a party that can't be booked", () => {
  it("R1-7 refuses it with the quote's and the booking's own words, and logs nothing", async () => {
    const before = await counts();
    const cases: { selection?: object; profile?: object; words: RegExp; sameAsQuote?: boolean }[] =
      [
        {
          profile: { avoid: [{ value: "shellfish", guests: 50 }], diets: [], likes: [] },
          words: /"50 guests avoid shellfish" is more than the 10 guests in the party/,
        },
        {
          profile: { avoid: [], diets: [{ value: "vegan", guests: 13 }], likes: [] },
          words: /"13 guests vegan" is more than the 10 guests/,
        },
        {
          selection: { ...chickenParty, packageSlug: "deluxe" },
          words: /We don't offer a package called "deluxe"/,
          sameAsQuote: true,
        },
        {
          selection: { ...chickenParty, packageSlug: "CLASSIC" },
          words: /package called "CLASSIC"/,
          sameAsQuote: true,
        },
        {
          selection: { ...chickenParty, proteins: { unicorn: 20 } },
          words: /unicorn/,
          sameAsQuote: true,
        },
        {
          selection: { ...chickenParty, proteins: { constructor: 20 } },
          words: /constructor/,
          sameAsQuote: true,
        },
        {
          selection: { ...chickenParty, proteins: { chicken: 3 } },
          words: /Please choose 20 protein portions in total .*you chose 3/,
          sameAsQuote: true,
        },
        {
          selection: { ...chickenParty, proteins: { chicken: 10, edamame: 10 } },
          words: /edamame/,
          sameAsQuote: true,
        },
      ];
    for (const c of cases) {
      const selection = c.selection ?? chickenParty;
      const r = await rest("/suggestions", {
        sessionKey: freshKey("r17"),
        surface: "wizard-menu",
        selection,
        profile: c.profile ?? NO_PROFILE,
        date: SPRING,
      });
      expect(r.status, JSON.stringify(c)).toBe(400);
      expect(r.json.message).toMatch(c.words);
      if (c.sameAsQuote) {
        const quote = await rest("/quote", { selection, postalCode: "95125" });
        expect(quote.status).toBe(400);
        expect(r.json.message).toBe(quote.json.message);
      }
    }
    expect(await counts()).toEqual(before);
  });
});

describe("R1-8: answering on a surface", () => {
  it("R1-8 accepts an answer only on the surface the rule was shown on (404 elsewhere, nothing written)", async () => {
    let key = freshKey("r18");
    while (armForKey(key, 10) !== "treatment") key = freshKey("r18");
    const shown = await runOperation(op.suggestForSelection, visitor(), {
      sessionKey: key,
      surface: "wizard-menu",
      selection: chickenParty,
      date: SPRING,
    });
    const rule = shown.suggestions[0]!.rule;
    const before = await counts();
    for (const surface of ["reminder", "wizard-review", "chat", "finish"])
      await expect(
        runOperation(op.recordSuggestionOutcome, visitor(), {
          sessionKey: key,
          rule,
          surface,
          outcome: "accepted",
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await counts()).toEqual(before);
    expect(
      await runOperation(op.recordSuggestionOutcome, visitor(), {
        sessionKey: key,
        rule,
        surface: "wizard-menu",
        outcome: "accepted",
      }),
    ).toEqual({ ok: true });
  });
});

describe("R16-3: one answer per suggestion", () => {
  it("R16-3 counts the first answer only: a decline then an accept, or both at once, is one answer", async () => {
    const answers = async (key: string) =>
      (
        await env.t.db.recommendationEvent.findMany({
          where: { session: { key }, outcome: { in: ["ACCEPTED", "DECLINED"] } },
        })
      ).map((e) => e.outcome);
    const shownKey = async () => {
      let key = freshKey("r163");
      while (armForKey(key, 10) !== "treatment") key = freshKey("r163");
      const shown = await runOperation(op.suggestForSelection, visitor(), {
        sessionKey: key,
        surface: "wizard-menu",
        selection: chickenParty,
        date: SPRING,
      });
      return { key, rule: shown.suggestions[0]!.rule };
    };
    const answer = (key: string, rule: string, outcome: "accepted" | "declined") =>
      runOperation(op.recordSuggestionOutcome, visitor(), {
        sessionKey: key,
        rule,
        surface: "wizard-menu",
        outcome,
      });
    const one = await shownKey();
    await answer(one.key, one.rule, "declined");
    await answer(one.key, one.rule, "accepted");
    expect(await answers(one.key)).toEqual(["DECLINED"]);
    const two = await shownKey();
    await Promise.all([
      answer(two.key, two.rule, "accepted"),
      answer(two.key, two.rule, "declined"),
      answer(two.key, two.rule, "accepted"),
    ]);
    expect(await answers(two.key)).toHaveLength(1);
  });
});

describe("R1-4: the with/without comparison can't be gamed", () => {
  it("R1-4 keys the arm with the server's secret: the public sha256 rule doesn't tell a client its arm", async () => {
    // Keys the old public rule puts in the hold-out, but the app's secret in treatment.
    const keys: string[] = [];
    for (let k = 0; keys.length < 3; k++) {
      const key = `guess-${String(k).padStart(8, "0")}-r14`;
      if (armForKey(key, 10) === "control" && armForKey(key, 10, SECRET) === "treatment")
        keys.push(key);
    }
    for (const key of keys) {
      const r = await rest("/suggestions", {
        sessionKey: key,
        surface: "wizard-menu",
        selection: chickenParty,
        date: SPRING,
      });
      expect(r.status).toBe(200);
      expect(r.json.arm).toBe("treatment");
      const row = await env.t.db.recommendationSession.findUniqueOrThrow({ where: { key } });
      expect(row.arm).toBe("treatment");
    }
    // Without a secret (tests, the seed's simulation) the rule is deterministic as before.
    expect(armForKey("anything-at-all-1", 10)).toBe(armForKey("anything-at-all-1", 10, null));
  });

  it("R1-4 limits new sessions per client with a 429 in words; a known session still gets its answer", async () => {
    await env.t.db.businessSettings.update({
      where: { id: 1 },
      data: { bookingRateLimit: 2, bookingRateWindowMinutes: 10, version: { increment: 1 } },
    });
    await env.cache.invalidate("catalog");
    try {
      const address = "203.0.113.77";
      const before = await counts();
      const ask = (sessionKey: string, from = address) =>
        runOperation(op.suggestForSelection, visitor(from, SECRET), {
          sessionKey,
          surface: "wizard-menu",
          selection: chickenParty,
          date: SPRING,
        });
      // 2 bookings per window -> 10 new visits; a flood of 30 made-up keys at once.
      const keys = Array.from({ length: 30 }, () => freshKey("flood"));
      const results = await Promise.allSettled(keys.map((k) => ask(k)));
      const ok = results.filter((r) => r.status === "fulfilled");
      expect(ok).toHaveLength(10);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message: expect.stringMatching(
          /menu suggestions are paused for about \d+ minutes?\. You can still choose your menu and book as usual\./,
        ),
      });
      expect((await counts()).sessions - before.sessions).toBe(10);
      // A visit already started goes on; another client is not affected.
      const started = keys[results.findIndex((r) => r.status === "fulfilled")]!;
      await expect(ask(started)).resolves.toMatchObject({ arm: expect.any(String) });
      await expect(ask(freshKey("other"), "203.0.113.78")).resolves.toMatchObject({
        arm: expect.any(String),
      });
    } finally {
      await withoutBookingLimits(env);
      await env.t.db.businessSettings.update({
        where: { id: 1 },
        data: { bookingRateWindowMinutes: 10 },
      });
    }
  });
});
