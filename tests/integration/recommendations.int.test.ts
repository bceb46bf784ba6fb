// Menu recommendations through the operations (issue 16) on their own database: the arm drawn
// once per session and kept, the hold-out gets nothing (what it would have seen is logged
// ELIGIBLE), a declined rule never comes back in the session, junk input is a 400 that writes
// nothing, a rule the owner switched off is never shown, and a booking links its session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  armForKey,
  operations as op,
  runOperation,
  storeDueReminders,
  type OperationContext,
} from "@myhibachi/core";
import { handleRest } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { dayIn, withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
let owner: OperationContext;
let staff: OperationContext;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await withoutBookingLimits(env);
  deps = customerServerDeps(env);
  const as = async (role: "OWNER" | "STAFF"): Promise<OperationContext> => {
    const user: SessionUser = { ...(await createUser(env.t.db, role)), role };
    return {
      db: env.t.db,
      cache: env.cache,
      now: () => new Date(),
      caller: { user, address: null, surface: "internal" },
    };
  };
  owner = await as("OWNER");
  staff = await as("STAFF");
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const visitor = (): OperationContext => ({
  db: env.t.db,
  cache: env.cache,
  now: () => new Date(),
  caller: { user: null, address: "203.0.113.9", surface: "internal" },
});

/** A key of the arm wanted under the hold-out share given (the real assignment). */
function keyIn(arm: "treatment" | "control", holdout: number, tag: string): string {
  for (let k = 0; ; k++) {
    const key = `${tag}-${String(k).padStart(6, "0")}-abcdef`;
    if (armForKey(key, holdout) === arm) return key;
  }
}

const chickenParty = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 14, steak: 6 },
  extras: {},
};
const SPRING = "2027-04-15";

const suggestFor = (sessionKey: string, surface = "wizard-menu") =>
  runOperation(op.suggestForSelection, visitor(), {
    sessionKey,
    surface,
    selection: chickenParty,
    profile: { avoid: [], diets: [], likes: [] },
    date: SPRING,
  });

const eventsOf = (key: string) =>
  env.t.db.recommendationEvent.findMany({
    where: { session: { key } },
    orderBy: [{ ruleSlug: "asc" }, { outcome: "asc" }],
  });

describe("suggestForSelection", () => {
  it("offers a party of 10 picking mostly chicken the jumbo shrimp at the menu's price, logged once", async () => {
    const key = keyIn("treatment", 10, "shrimp");
    const first = await suggestFor(key);
    expect(first.arm).toBe("treatment");
    const shrimp = first.suggestions.find((s) => s.rule === "shrimp-upgrade-big-chicken-party");
    expect(shrimp?.selection.proteins).toEqual({ chicken: 4, steak: 6, "jumbo-shrimp": 10 });
    expect(shrimp?.revenueDeltaCents).toBe(4375);
    // The menu's price, not code's: at $5.00 a portion the change follows.
    await env.t.db.menuItem.update({ where: { slug: "jumbo-shrimp" }, data: { priceCents: 500 } });
    await env.cache.invalidate("catalog");
    const again = await suggestFor(key);
    expect(again.suggestions.find((s) => s.rule === shrimp!.rule)?.revenueDeltaCents).toBe(5469);
    await env.t.db.menuItem.update({ where: { slug: "jumbo-shrimp" }, data: { priceCents: 400 } });
    await env.cache.invalidate("catalog");
    // Shown twice on the same surface: one SHOWN row per rule.
    const shown = (await eventsOf(key)).filter((e) => e.outcome === "SHOWN");
    expect(shown.map((e) => e.ruleSlug)).toEqual(first.suggestions.map((s) => s.rule).sort());
  });

  it("gives the hold-out nothing, logs what it would have seen, and keeps each session's arm", async () => {
    const control = keyIn("control", 10, "ctl");
    const r = await suggestFor(control);
    expect(r).toEqual({ arm: "control", suggestions: [] });
    const logged = await eventsOf(control);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((e) => e.outcome === "ELIGIBLE")).toBe(true);
    // The owner drops the hold-out to 0 %: this session stays in control, a new one is treated.
    await runOperation(op.setRecommendationHoldout, owner, { percent: 0 });
    expect((await suggestFor(control)).arm).toBe("control");
    expect((await suggestFor(keyIn("control", 10, "late"))).arm).toBe("treatment");
    await runOperation(op.setRecommendationHoldout, owner, { percent: 10 });
    // Two first requests at once: one session, one arm.
    const racy = keyIn("treatment", 10, "race");
    const both = await Promise.all([suggestFor(racy), suggestFor(racy, "wizard-review")]);
    expect(new Set(both.map((b) => b.arm)).size).toBe(1);
    expect(await env.t.db.recommendationSession.count({ where: { key: racy } })).toBe(1);
  });

  it("never offers a declined rule again in the session, on any surface; answers are idempotent", async () => {
    const key = keyIn("treatment", 10, "decline");
    const rule = "shrimp-upgrade-big-chicken-party";
    expect((await suggestFor(key)).suggestions.map((s) => s.rule)).toContain(rule);
    const answer = { sessionKey: key, rule, surface: "wizard-menu", outcome: "declined" };
    expect(await runOperation(op.recordSuggestionOutcome, visitor(), answer)).toEqual({ ok: true });
    await runOperation(op.recordSuggestionOutcome, visitor(), answer);
    expect((await eventsOf(key)).filter((e) => e.outcome === "DECLINED")).toHaveLength(1);
    for (const surface of ["wizard-menu", "wizard-review", "finish", "chat"])
      expect((await suggestFor(key, surface)).suggestions.map((s) => s.rule)).not.toContain(rule);
    // Another session still sees it.
    expect(
      (await suggestFor(keyIn("treatment", 10, "other"))).suggestions.map((s) => s.rule),
    ).toContain(rule);
  });

  it("refuses junk with a 400 in words and writes nothing; answering an unseen suggestion is a 404", async () => {
    const before = await env.t.db.recommendationSession.count();
    const events = await env.t.db.recommendationEvent.count();
    for (const body of [
      { sessionKey: "short", surface: "wizard-menu", selection: chickenParty },
      { sessionKey: "x".repeat(20), surface: "billboard", selection: chickenParty },
      {
        sessionKey: "y".repeat(20),
        surface: "wizard-menu",
        selection: { ...chickenParty, adults: -1 },
      },
      {
        sessionKey: "z".repeat(20),
        surface: "wizard-menu",
        selection: chickenParty,
        profile: { avoid: [{ value: "glitter", guests: 1 }] },
      },
      {
        sessionKey: "w".repeat(20),
        surface: "wizard-menu",
        selection: chickenParty,
        date: "2027-02-30",
      },
    ]) {
      const res = await handleRest(
        new Request("http://127.0.0.1:3999/api/v1/suggestions", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://127.0.0.1:3999" },
          body: JSON.stringify(body),
        }),
        "customer",
        deps,
      );
      const json = (await res.json()) as { message: string };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(json.message).not.toMatch(/zod|undefined|\bpath\b/i);
    }
    await expect(
      runOperation(op.recordSuggestionOutcome, visitor(), {
        sessionKey: keyIn("treatment", 10, "never"),
        rule: "appetizer-for-classic",
        surface: "wizard-menu",
        outcome: "accepted",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await env.t.db.recommendationSession.count()).toBe(before);
    expect(await env.t.db.recommendationEvent.count()).toBe(events);
  });

  it("never shows a rule the owner switched off; staff can't switch rules", async () => {
    const rule = "shrimp-upgrade-big-chicken-party";
    await expect(
      runOperation(op.setRecommendationRuleActive, staff, { slug: rule, active: false }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await runOperation(op.setRecommendationRuleActive, owner, { slug: rule, active: false });
    const key = keyIn("treatment", 10, "off");
    expect((await suggestFor(key)).suggestions.map((s) => s.rule)).not.toContain(rule);
    expect((await eventsOf(key)).map((e) => e.ruleSlug)).not.toContain(rule);
    await runOperation(op.setRecommendationRuleActive, owner, { slug: rule, active: true });
    expect(
      (await suggestFor(keyIn("treatment", 10, "on"))).suggestions.map((s) => s.rule),
    ).toContain(rule);
    // The owner edits conditions (zod-checked): 12+ guests now.
    await expect(
      runOperation(op.updateRecommendationRule, owner, {
        slug: rule,
        conditions: { minGuests: "ten" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await runOperation(op.updateRecommendationRule, owner, {
      slug: rule,
      conditions: { minGuests: 12, proteinShare: { slug: "chicken", atLeast: 0.5 } },
      reason: "Big chicken parties love {item} at {price} a guest.",
    });
    expect(
      (await suggestFor(keyIn("treatment", 10, "twelve"))).suggestions.map((s) => s.rule),
    ).not.toContain(rule);
    await runOperation(op.updateRecommendationRule, owner, {
      slug: rule,
      conditions: { minGuests: 10, proteinShare: { slug: "chicken", atLeast: 0.5 } },
    });
  });

  it("lets the owner change what a rule suggests, to a dish of the right kind on the menu", async () => {
    const rule = "shrimp-upgrade-big-chicken-party";
    const before = await env.t.db.recommendationRule.findUniqueOrThrow({ where: { slug: rule } });
    const refused = [
      // Not on the menu; an appetizer as an upgrade; a package that isn't one; another kind.
      [{ type: "upgrade", item: "unicorn-steak", perGuest: 1 }, /no "unicorn-steak" on the menu/],
      [{ type: "upgrade", item: "edamame", perGuest: 1 }, /is not an upgrade/],
      [{ type: "add-extra", item: "edamame" }, /keeps its kind of suggestion/],
    ] as const;
    for (const [target, words] of refused) {
      const err = await runOperation(op.updateRecommendationRule, owner, {
        slug: rule,
        target,
      } as never).catch((e: Error) => e);
      expect(err).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(words) });
    }
    await expect(
      runOperation(op.updateRecommendationRule, owner, {
        slug: rule,
        conditions: { packageSlugs: ["gold"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/"gold"/) });
    // Nothing written by the refusals.
    const same = await env.t.db.recommendationRule.findUniqueOrThrow({ where: { slug: rule } });
    expect(same.target).toEqual(before.target);
    expect(same.conditions).toEqual(before.conditions);

    // Lobster instead of shrimp: the next party of 10 chicken lovers is offered lobster.
    await runOperation(op.updateRecommendationRule, owner, {
      slug: rule,
      target: { type: "upgrade", item: "lobster-tail", from: "chicken", perGuest: 1 },
    });
    const shown = await suggestFor(keyIn("treatment", 10, "lobster"));
    const s = shown.suggestions.find((x) => x.rule === rule);
    expect(s?.title).toMatch(/lobster/i);
    expect(s?.selection.proteins["lobster-tail"]).toBeGreaterThan(0);
    await runOperation(op.updateRecommendationRule, owner, {
      slug: rule,
      target: before.target as never,
    });
  });

  it("refuses a reason placeholder the rule doesn't fill, and a 'mostly' protein not on the menu, in words naming the field (L2, L3)", async () => {
    const shrimp = "shrimp-upgrade-big-chicken-party";
    const premium = "premium-cheaper-than-classic";
    const rows = async () =>
      JSON.stringify(
        await env.t.db.recommendationRule.findMany({
          where: { slug: { in: [shrimp, premium] } },
          orderBy: { slug: "asc" },
        }),
      );
    const before = await rows();
    const refusal = (input: Record<string, unknown>) =>
      runOperation(op.updateRecommendationRule, owner, input as never).catch((e: Error) => e);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      // A placeholder the engine never fills would be read by customers as typed.
      [
        { slug: shrimp, reason: "Try {item} {secret} today" },
        "reason",
        /"\{secret\}" isn't filled in/,
      ],
      [{ slug: shrimp, reason: "Try {Item} today, only {price}" }, "reason", /"\{Item\}"/],
      // {saving} only where there is one: a package shown when it is cheaper.
      [{ slug: shrimp, reason: "Save {saving} with {item} today" }, "reason", /\$0\.00/],
      [
        {
          slug: premium,
          target: {
            type: "switch-package",
            packageSlug: "premium",
            replaceExtras: ["extra-protein"],
            onlyIfCheaper: false,
          },
        },
        "reason",
        /Only when it makes their total lower/,
      ],
      // "Mostly unicorn": no such protein, so the rule could never show.
      [
        {
          slug: shrimp,
          conditions: { minGuests: 10, proteinShare: { slug: "unicorn", atLeast: 0.5 } },
        },
        "conditions.proteinShare.slug",
        /no "unicorn" on the menu/,
      ],
      // An appetizer is never one of the party's protein portions.
      [
        {
          slug: shrimp,
          conditions: { minGuests: 10, proteinShare: { slug: "edamame", atLeast: 0.5 } },
        },
        "conditions.proteinShare.slug",
        /Edamame is not a protein a party chooses/,
      ],
    ];
    for (const [input, field, words] of cases) {
      const err = await refusal(input);
      expect(err, JSON.stringify(input)).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(words),
        details: { field },
      });
    }
    expect(await rows()).toBe(before); // nothing written

    // What the engine fills is taken: {delta} on an upgrade, {saving} on the cheaper package, a
    // share of an upgrade protein (the portions count upgrades too).
    const ok = await runOperation(op.updateRecommendationRule, owner, {
      slug: shrimp,
      reason: "Make it {item} for {price} a guest ({delta} in all).",
      conditions: { minGuests: 10, proteinShare: { slug: "filet-mignon", atLeast: 0.3 } },
    });
    expect(ok.reason).toBe("Make it {item} for {price} a guest ({delta} in all).");
    await runOperation(op.updateRecommendationRule, owner, {
      slug: premium,
      reason: "{item} saves you {saving}: {delta} on the total.",
    });
    // Put back as they were.
    const orig = JSON.parse(before) as { slug: string; reason: string; conditions: never }[];
    for (const r of orig)
      await runOperation(op.updateRecommendationRule, owner, {
        slug: r.slug,
        reason: r.reason,
        conditions: r.conditions,
      });
  });

  it("shows a Classic party with edamame, noodles and an extra protein Premium, whose quote is lower (M3)", async () => {
    const classic = {
      packageSlug: "classic",
      adults: 10,
      children: 0,
      proteins: { chicken: 10, steak: 10 },
      extras: { "extra-protein": 10, edamame: 10, yakisoba: 10 },
    };
    const shown = await runOperation(op.suggestForSelection, visitor(), {
      sessionKey: keyIn("treatment", 10, "premium"),
      surface: "wizard-review",
      selection: classic,
      profile: { avoid: [], diets: [], likes: [] },
      date: SPRING,
    });
    const premium = shown.suggestions.find((s) => s.rule === "premium-cheaper-than-classic");
    expect(premium?.selection.packageSlug).toBe("premium");
    // The quotes a customer gets for both, from the seeded menu: Premium is lower, by the delta.
    const quote = (selection: typeof classic) =>
      runOperation(op.quoteEvent, visitor(), {
        selection,
        postalCode: FIXTURE_ADDRESS.postalCode,
      });
    const [was, now] = await Promise.all([
      quote(classic),
      quote({ ...classic, ...premium!.selection }),
    ]);
    expect(now.subtotalCents).toBeLessThan(was.subtotalCents);
    expect(now.totalCents - was.totalCents).toBe(premium!.revenueDeltaCents);
    expect(premium!.reason).toMatch(/^Premium Hibachi would cost \$\d+\.\d\d less/);
  });

  it("links the booking to its session and counts it in the owner's report", async () => {
    const key = keyIn("treatment", 10, "book");
    const shown = await suggestFor(key);
    const shrimp = shown.suggestions.find((s) => s.rule === "shrimp-upgrade-big-chicken-party")!;
    await runOperation(op.recordSuggestionOutcome, visitor(), {
      sessionKey: key,
      rule: shrimp.rule,
      surface: "wizard-menu",
      outcome: "accepted",
    });
    const made = await runOperation(op.createBooking, visitor(), {
      idempotencyKey: `rec-${Date.now()}`,
      date: dayIn(30),
      startMinute: 17 * 60,
      selection: { ...chickenParty, ...shrimp.selection },
      address: FIXTURE_ADDRESS,
      contact: { name: "Dana Lee", email: "dana.rec@example.com", phone: "(408) 555-0199" },
      suggestionSessionKey: key,
    });
    const session = await env.t.db.recommendationSession.findUnique({ where: { key } });
    expect(session?.bookingId).toBe(made.id);
    const report = await runOperation(op.getRecommendationReport, owner, undefined);
    const row = report.rules.find((r) => r.slug === shrimp.rule)!;
    expect(row.figures.accepted).toBe(1);
    expect(row.figures.revenueDeltaCents).toBe(shrimp.revenueDeltaCents);
    expect(row.figures.treatment.bookings).toBe(1);
    expect(report.overall.treatment.bookings).toBe(1);
    expect(report.holdoutPercent).toBe(10);
    await expect(runOperation(op.getRecommendationReport, staff, undefined)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the reminder a week before", () => {
  let day = 21;
  const bookWith = async (key: string, extra: Record<string, unknown> = {}) =>
    runOperation(op.createBooking, visitor(), {
      idempotencyKey: `rem-${key}`,
      date: dayIn(day++),
      startMinute: 17 * 60,
      selection: chickenParty,
      address: FIXTURE_ADDRESS,
      contact: {
        name: "Rae Minder",
        email: `${key.slice(0, 12)}@example.com`,
        phone: "(408) 555-0199",
      },
      suggestionSessionKey: key,
      ...extra,
    });
  const weekReminder = async (bookingId: string) => {
    const b = await env.t.db.booking.findUniqueOrThrow({ where: { id: bookingId } });
    await env.t.db.booking.update({
      where: { id: bookingId },
      data: { status: "CONFIRMED", createdAt: new Date(b.startsAt.getTime() - 20 * 86400_000) },
    });
    await storeDueReminders(env.t.db, {
      now: new Date(b.startsAt.getTime() - 6.5 * 86400_000),
      customerUrl: "http://127.0.0.1:3999",
    });
    return env.t.db.emailMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: `reminder-7d:${bookingId}:` } },
    });
  };

  it("offers one safe suggestion with the way to change the party, logged as the reminder's", async () => {
    const key = keyIn("treatment", 10, "remind");
    const made = await bookWith(key);
    const mail = await weekReminder(made.id);
    expect(mail.text).toMatch(
      /An idea for your party: Add jumbo tiger shrimp \(\+\$43\.75 on your total\)/,
    );
    expect(mail.text).toMatch(/Change guests or menu/);
    expect(mail.text.match(/An idea for your party/g)).toHaveLength(1);
    const logged = await eventsOf(key);
    expect(logged.filter((e) => e.surface === "reminder").map((e) => e.outcome)).toEqual(["SHOWN"]);
  });

  it("shows the hold-out nothing (logged as eligible), and nothing to a party whose allergies we only have as text", async () => {
    const control = keyIn("control", 10, "remctl");
    const c = await bookWith(control);
    expect((await weekReminder(c.id)).text).not.toMatch(/An idea/);
    expect((await eventsOf(control)).map((e) => e.outcome)).toEqual(["ELIGIBLE"]);
    const texty = keyIn("treatment", 10, "remtxt");
    const t = await bookWith(texty, { allergies: "My son can't have shellfish" });
    expect((await weekReminder(t.id)).text).not.toMatch(/An idea/);
  });
});
