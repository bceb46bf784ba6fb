// Findings R1-2 and R1-10 (issue 16 attack b): what a package's own dishes contain (its fried
// rice, yum yum sauce, Premium's yakisoba) is data the owner ticks, getMenu shows and the
// suggestion step checks before offering a switch to it; and a booking whose menu contradicts its
// own dietary profile is accepted but its kitchen order says so, line by line, to staff.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter, type ServerDeps } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { operations as op, runOperation, type OperationContext } from "@myhibachi/core";
import { FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
let owner: OperationContext;
let staff: SessionUser;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await withoutBookingLimits(env);
  await env.t.db.businessSettings.update({
    where: { id: 1 },
    data: { recommendationHoldoutPercent: 0, version: { increment: 1 } },
  });
  await env.cache.invalidate("catalog");
  deps = customerServerDeps(env);
  const user: SessionUser = { ...(await createUser(env.t.db, "OWNER")), role: "OWNER" };
  owner = {
    db: env.t.db,
    cache: env.cache,
    now: () => new Date(),
    caller: { user, address: null, surface: "internal" },
  };
  staff = { ...(await createUser(env.t.db, "STAFF")), role: "STAFF" };
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const visitor = (): OperationContext => ({
  ...owner,
  caller: { user: null, address: "203.0.113.9", surface: "internal" },
});
const site = () =>
  createCallerFactory(customerRouter)({
    ...(deps as ServerDeps),
    headers: new Headers(),
    user: null,
  });
const admin = () =>
  createCallerFactory(adminRouter)({
    ...(deps as ServerDeps),
    headers: new Headers(),
    user: staff,
  });
const future = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(
    new Date(Date.now() + days * 86400_000),
  );

describe("a package's own contents (R1-2)", () => {
  it("are in getMenu: the demo Classic's rice and sauces contain egg, milk, soy and wheat", async () => {
    const menu = await runOperation(op.getMenu, visitor(), undefined);
    const classic = menu.packages.find((p) => p.slug === "classic")!;
    expect([...classic.allergens].sort()).toEqual(["egg", "milk", "soy", "wheat"]);
    expect(classic.contains).toContain("yum-yum-sauce");
    const premium = menu.packages.find((p) => p.slug === "premium")!;
    expect(premium.contains).toContain("noodles");
  });

  it("are ticked by the owner from the fixed lists: an unknown slug is a 400 that writes nothing", async () => {
    const list = await runOperation(op.listMenuForOwner, owner, undefined);
    const premium = list.packages.find((p) => p.slug === "premium")!;
    await expect(
      runOperation(op.updatePackage, owner, {
        id: premium.id,
        updatedAt: premium.updatedAt,
        pkg: { contains: ["unicorn"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      runOperation(op.updatePackage, owner, {
        id: premium.id,
        updatedAt: premium.updatedAt,
        pkg: { allergens: ["gluten"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const row = await env.t.db.package.findUniqueOrThrow({ where: { id: premium.id } });
    expect(row.contains).toEqual(premium.contains);
    expect(row.allergens).toEqual(premium.allergens);
  });

  it("keep a switch to that package from being suggested to a party it is unsafe for", async () => {
    const list = await runOperation(op.listMenuForOwner, owner, undefined);
    const premium = list.packages.find((p) => p.slug === "premium")!;
    // Premium at $75 undercuts Classic with these extras (the seed's rule), and its own dishes
    // are now cooked in peanut oil: nothing the party ordered itself contains peanuts.
    await runOperation(op.updatePackage, owner, {
      id: premium.id,
      updatedAt: premium.updatedAt,
      pkg: { adultPriceCents: 7500, contains: [...premium.contains, "peanut-oil"] },
    });
    const menu = await runOperation(op.getMenu, visitor(), undefined);
    expect(menu.packages.find((p) => p.slug === "premium")!.allergens).toContain("peanuts");
    const ask = (sessionKey: string, avoid: { value: "peanuts"; guests: number }[]) =>
      runOperation(op.suggestForSelection, visitor(), {
        sessionKey,
        surface: "wizard-menu",
        selection: {
          packageSlug: "classic",
          adults: 10,
          children: 0,
          proteins: { chicken: 10, "lobster-tail": 10 },
          extras: { edamame: 10, yakisoba: 10, "extra-protein": 10 },
        },
        profile: { avoid, diets: [], likes: [] },
        date: "2027-04-15",
      });
    const rule = "premium-cheaper-than-classic";
    const free = await ask("pkg-contains-free-000001", []);
    expect(free.suggestions.map((s) => s.rule)).toContain(rule);
    const allergic = await ask("pkg-contains-nuts-000001", [{ value: "peanuts", guests: 1 }]);
    expect(allergic.suggestions.map((s) => s.rule)).not.toContain(rule);
  });
});

describe("the kitchen order's warnings (R1-10)", () => {
  it("a booking with 12 shrimp for 12 guests who avoid shellfish is taken, and staff see why", async () => {
    const made = await site().booking.create({
      idempotencyKey: `pkg-warn-${Date.now()}`,
      date: future(40),
      startMinute: 17 * 60,
      selection: {
        packageSlug: "classic",
        adults: 12,
        children: 0,
        proteins: { "jumbo-shrimp": 12, chicken: 12 },
        extras: {},
      },
      address: FIXTURE_ADDRESS,
      contact: { name: "Dana Lee", email: "dana-warn@example.com", phone: "(408) 555-0199" },
      dietaryProfile: {
        avoid: [
          { value: "shellfish", guests: 12 },
          { value: "egg", guests: 1 },
        ],
        diets: [],
        likes: [],
      },
    });
    const shrimp = "⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish";
    const rice = "⚠ Classic Hibachi's included dishes contain egg: 1 guest avoids egg";
    const detail = await admin().bookings.get({ id: made.id });
    expect(detail.kitchenOrder.warnings).toEqual([shrimp, rice]);
    const prep = await admin().bookings.prepSheet({ id: made.id });
    expect(prep.event.kitchenOrder.warnings).toEqual([shrimp, rice]);
    const run = await admin().bookings.runSheet({ date: future(40) });
    const ev = run.chefs.flatMap((c) => c.events).find((e) => e.id === made.id);
    expect(ev?.kitchenOrder.warnings).toEqual([shrimp, rice]);
    const page = await site().booking.get({ id: made.id, token: made.token });
    expect(page.booking.kitchenOrder.warnings).toEqual([shrimp, rice]);
    const email = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: { contains: made.code }, to: "dana-warn@example.com" },
    });
    expect(email.text).toContain(shrimp);
    expect(email.html).toContain("Jumbo tiger shrimp (12) contains shellfish");
  });
});
