// Issue 16, point 2: a party's dietary profile (who avoids what, diets, likes) goes with the
// booking wherever `allergies` goes (the site's booking, staff's phone booking, a change of
// party), is shown to staff as one line beside the allergies (the kitchen order: admin booking,
// prep and run sheets, emails, the customer's booking page), is refused in words when it counts
// more guests than the party has, and is saved on the customer's own account (merged) so the
// next booking starts from it, but never from a booking someone else made with their email.
// Through the real routers on a real database; emails read from the rows they wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter, createCallerFactory, customerRouter, type ServerDeps } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { createHold } from "@myhibachi/core";
import type { DietaryProfile } from "@myhibachi/shared";
import { FIXTURE_ADDRESS, classicSelection } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

let env: Env;
let deps: ReturnType<typeof customerServerDeps>;
let staff: SessionUser;

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await env.t.db.businessSettings.update({ where: { id: 1 }, data: { bookingRateLimit: 1000 } });
  deps = customerServerDeps(env);
  staff = await createUser(env.t.db, "STAFF");
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

const site = (user: SessionUser | null = null) =>
  createCallerFactory(customerRouter)({ ...(deps as ServerDeps), headers: new Headers(), user });
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
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

const PROFILE: DietaryProfile = {
  avoid: [{ value: "shellfish", guests: 2 }],
  diets: [{ value: "vegetarian", guests: 1 }],
  likes: ["spicy"],
};
const LINE = "2 guests avoid shellfish · 1 vegetarian · Likes spicy";

function book(o: {
  days: number;
  profile?: DietaryProfile | null;
  adults?: number;
  email?: string;
  user?: SessionUser | null;
}) {
  return site(o.user ?? null).booking.create({
    idempotencyKey: `diet-${uniq()}`,
    date: future(o.days),
    startMinute: 17 * 60,
    selection: classicSelection(o.adults ?? 10),
    address: FIXTURE_ADDRESS,
    contact: {
      name: "Dana Lee",
      email: o.email ?? `dana-${uniq()}@example.com`,
      phone: "(408) 555-0199",
    },
    allergies: "Shellfish, badly",
    ...(o.profile !== undefined ? { dietaryProfile: o.profile } : {}),
  });
}

const asSession = (u: Awaited<ReturnType<typeof createUser>>): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "CUSTOMER",
  emailVerified: u.emailVerified,
});

describe("the dietary profile on a booking", () => {
  it("is stored, and shown as one line beside the allergies in the emails, the admin booking, the prep and run sheets and the customer's page", async () => {
    const made = await book({ days: 30, profile: PROFILE });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.dietaryProfile).toEqual(PROFILE);

    const held = await env.t.db.emailMessage.findFirstOrThrow({
      where: { subject: `Please confirm your booking ${made.code}` },
    });
    expect(held.text).toContain("Allergies and diets: Shellfish, badly");
    expect(held.text).toContain(`Dietary needs: ${LINE}`);
    expect(held.html).toContain(LINE);

    const detail = await admin().bookings.get({ id: made.id });
    expect(detail.kitchenOrder.dietaryNeeds).toBe(LINE);
    const prep = await admin().bookings.prepSheet({ id: made.id });
    expect(prep.event.kitchenOrder.dietaryNeeds).toBe(LINE);
    expect(prep.event.kitchenOrder.allergies).toBe("Shellfish, badly");
    const run = await admin().bookings.runSheet({ date: future(30) });
    const ev = run.chefs.flatMap((c) => c.events).find((e) => e.id === made.id);
    expect(ev?.kitchenOrder.dietaryNeeds).toBe(LINE);

    const page = await site().booking.get({ id: made.id, token: made.token });
    expect(page.booking.kitchenOrder.dietaryNeeds).toBe(LINE);
  });

  it("without one, the kitchen order says nothing more than before", async () => {
    const made = await book({ days: 31 });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.dietaryProfile).toBeNull();
    expect((await admin().bookings.get({ id: made.id })).kitchenOrder.dietaryNeeds).toBeNull();
    const empty = await book({ days: 32, profile: { avoid: [], diets: [], likes: [] } });
    const emptyRow = await env.t.db.booking.findUniqueOrThrow({ where: { id: empty.id } });
    expect(emptyRow.dietaryProfile).toBeNull();
  });

  it("refuses more guests than the party has, in words, and books nothing", async () => {
    const before = await env.t.db.booking.count();
    const tooMany = book({
      days: 33,
      adults: 10,
      profile: { avoid: [{ value: "peanuts", guests: 12 }], diets: [], likes: [] },
    });
    await expect(tooMany).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(tooMany).rejects.toThrow(
      'Dietary needs: "12 guests avoid peanuts" is more than the 10 guests in the party.',
    );
    // A value that isn't one of the nine allergens: the schema's words.
    await expect(
      book({
        days: 33,
        profile: { avoid: [{ value: "gluten" as never, guests: 1 }], diets: [], likes: [] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await env.t.db.booking.count()).toBe(before);
  });

  it("is saved on the signed-in customer's account, merged, for the next booking's form; a stranger using their email writes nothing there", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    const me = asSession(u);
    await book({ days: 34, profile: PROFILE, email: u.email, user: me });
    await book({
      days: 35,
      email: u.email,
      user: me,
      profile: {
        avoid: [
          { value: "shellfish", guests: 3 },
          { value: "peanuts", guests: null },
        ],
        diets: [],
        likes: [],
      },
    });
    const want = {
      avoid: [
        { value: "shellfish", guests: 3 },
        { value: "peanuts", guests: null },
      ],
      diets: [{ value: "vegetarian", guests: 1 }],
      likes: ["spicy"],
    };
    const prefill = await site(me).account.bookingPrefill();
    expect(prefill?.dietaryProfile).toEqual(want);

    // Someone else books with this customer's email (signed out): their profile isn't saved.
    await book({
      days: 36,
      email: u.email,
      profile: { avoid: [{ value: "sesame", guests: 1 }], diets: [], likes: [] },
    });
    expect((await site(me).account.bookingPrefill())?.dietaryProfile).toEqual(want);
    // Another account sees none of it.
    const other = asSession(await createUser(env.t.db, "CUSTOMER"));
    expect((await site(other).account.bookingPrefill())?.dietaryProfile).toBeNull();
  });

  it("staff take one by phone (createBookingForStaff)", async () => {
    const made = await admin().bookings.create({
      idempotencyKey: `diet-staff-${uniq()}`,
      date: future(37),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: {
        name: "Phone Caller",
        email: `caller-${uniq()}@example.com`,
        phone: "(408) 555-0123",
      },
      dietaryProfile: { avoid: [], diets: [{ value: "vegan", guests: 4 }], likes: [] },
    });
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.dietaryProfile).toEqual({
      avoid: [],
      diets: [{ value: "vegan", guests: 4 }],
      likes: [],
    });
    const staffView = await admin().bookings.get({ id: made.id });
    expect(staffView.kitchenOrder.dietaryNeeds).toBe("4 vegan");
  });

  it("the customer's change of party sets, replaces or clears it, checked against the new party, and says so in the change", async () => {
    const made = await book({ days: 38, profile: PROFILE });
    await admin().bookings.setStatus({ id: made.id, action: "confirm" });
    const link = { id: made.id, token: made.token };
    const seen = await site().booking.previewChange(link);
    expect(seen.current.dietaryProfile).toEqual(PROFILE);

    // 11 vegans in a party of 10: refused, as on the booking.
    const same = classicSelection(10);
    await expect(
      site().booking.previewChange({
        ...link,
        selection: same,
        dietaryProfile: { avoid: [], diets: [{ value: "vegan", guests: 11 }], likes: [] },
      }),
    ).rejects.toThrow('"11 guests vegan" is more than the 10 guests in the party');

    const next: DietaryProfile = { avoid: [{ value: "milk", guests: 1 }], diets: [], likes: [] };
    const preview = await site().booking.previewChange({
      ...link,
      selection: same,
      dietaryProfile: next,
    });
    expect(preview.plan!.changes).toContainEqual({
      what: "Dietary needs",
      from: LINE,
      to: "1 guest avoids milk",
    });
    const done = await site().booking.change({
      ...link,
      selection: same,
      dietaryProfile: next,
      expectedTotalCents: preview.plan!.money.newTotalCents,
      expectedVersion: seen.current.version,
    });
    expect(done.changed).toBe(true);
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } });
    expect(row.dietaryProfile).toEqual(next);
    expect((await admin().bookings.get({ id: made.id })).kitchenOrder.dietaryNeeds).toBe(
      "1 guest avoids milk",
    );

    // Left out: kept. Null: cleared.
    const kept = await site().booking.change({
      ...link,
      selection: same,
      expectedTotalCents: preview.plan!.money.newTotalCents,
    });
    expect(kept.changed).toBe(false);
    await site().booking.change({
      ...link,
      selection: same,
      dietaryProfile: null,
      expectedTotalCents: preview.plan!.money.newTotalCents,
    });
    expect(
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: made.id } })).dietaryProfile,
    ).toBeNull();
  });

  it("a chat hold finished on its page takes one too; the same finish again is that finish, another profile is refused", async () => {
    const hold = await createHold(
      env.t.db,
      {
        idempotencyKey: `diet-hold-${uniq()}`,
        date: future(39),
        startMinute: 12 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      { cache: env.cache },
    );
    const contact = {
      name: "Pat Doe",
      email: `pat-${uniq()}@example.com`,
      phone: "(408) 555-0100",
    };
    const finish = (dietaryProfile: DietaryProfile) =>
      site().hold.finish({
        id: hold.id,
        token: hold.accessToken,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact,
        dietaryProfile,
      });
    await expect(
      finish({ avoid: [{ value: "egg", guests: 11 }], diets: [], likes: [] }),
    ).rejects.toThrow('"11 guests avoid egg" is more than the 10 guests in the party');
    const done = await finish(PROFILE);
    const row = await env.t.db.booking.findUniqueOrThrow({ where: { id: done.id } });
    expect(row.dietaryProfile).toEqual(PROFILE);
    expect((await admin().bookings.get({ id: done.id })).kitchenOrder.dietaryNeeds).toBe(LINE);
    // Sent again (another tab): the same finish, answered as it.
    const again = await finish(PROFILE);
    expect(again.id).toBe(done.id);
    // With another profile: refused, nothing changed (the first finish stands).
    await expect(
      finish({ avoid: [{ value: "sesame", guests: 1 }], diets: [], likes: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: done.id } })).dietaryProfile,
    ).toEqual(PROFILE);
  });
});
