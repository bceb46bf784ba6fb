// The booking wizard's details for a signed-in customer (attack finding: a signed-in customer
// typed their name, email and phone again): the operation getBookingPrefill, read with the
// session, gives the account's name and email and the phone and party address of the customer's
// most recent booking; a visitor gets nothing; nobody gets another customer's details; an
// account that hasn't confirmed its email gets no booking's details (anyone can sign up with
// someone else's address). Through the tRPC caller the /book page uses, and the customer app's
// real HTTP handlers (better-auth sign-in cookie, tRPC), on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "@myhibachi/core";
import { customerRouter, handleAuth, handleTrpc, type ServerDeps } from "@myhibachi/api";
import type { SessionUser } from "@myhibachi/auth";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { createUser } from "./admin-helpers";
import { customerCaller, dayIn, withoutBookingLimits } from "./after-booking-support";
import { customerServerDeps, setupEnv, type Env } from "./helpers";

const BASE = "http://127.0.0.1:3999";
let env: Env;
let deps: ServerDeps & { close(): Promise<void> };

beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
  deps = customerServerDeps(env);
});
afterAll(async () => {
  await deps?.close();
  await env?.close();
});

let n = 0;
/** A party booked on the site with these details, by `user` (signed in) or a visitor. */
async function bookWith(
  contact: { name: string; email: string; phone: string },
  address: { line1: string; line2?: string },
  user: SessionUser | null,
) {
  n++;
  return createBooking(
    env.t.db,
    {
      idempotencyKey: `prefill-${n}-${Date.now()}`,
      date: dayIn(20 + n),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: { ...FIXTURE_ADDRESS, ...address },
      contact,
      ...(user ? { user } : {}),
    },
    { cache: env.cache },
  );
}

const asSession = (u: Awaited<ReturnType<typeof createUser>>): SessionUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "CUSTOMER",
  emailVerified: u.emailVerified,
});

let ip = 20;
async function signIn(email: string, password: string): Promise<string> {
  const res = await handleAuth(
    new Request(`${BASE}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BASE,
        "x-forwarded-for": `198.51.100.${++ip}`,
      },
      body: JSON.stringify({ email, password }),
    }),
    deps,
  );
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** account.bookingPrefill over HTTP, with `cookie` (the session) and whatever input is sent. */
async function prefillOverHttp(cookie: string, input?: unknown) {
  const q =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await handleTrpc(
    new Request(`${BASE}/api/trpc/account.bookingPrefill${q}`, { headers: { cookie } }),
    customerRouter,
    deps,
  );
  const body = (await res.json()) as { result?: { data: { json: unknown } } };
  return { status: res.status, data: body.result?.data.json };
}

describe("getBookingPrefill", () => {
  it("a signed-in customer gets their own name, email, and the phone and address of their latest booking", async () => {
    const dana = await createUser(env.t.db, "CUSTOMER");
    const eve = await createUser(env.t.db, "CUSTOMER");
    const me = asSession(dana);
    await bookWith(
      { name: "Dana Old", email: dana.email, phone: "(408) 555-0101" },
      { line1: "1 Old Rd" },
      me,
    );
    await bookWith(
      { name: dana.name, email: dana.email, phone: "(408) 555-0102" },
      { line1: "22 New St", line2: "Gate 4" },
      me,
    );
    // Another customer's booking made after Dana's: never Dana's suggestion.
    await bookWith(
      { name: eve.name, email: eve.email, phone: "(408) 555-0199" },
      { line1: "99 Eve Ln" },
      asSession(eve),
    );

    const got = await customerCaller(env, me).account.bookingPrefill();
    expect(got).toEqual({
      accountEmail: dana.email,
      emailVerified: true,
      contact: { name: dana.name, email: dana.email, phone: "(408) 555-0102" },
      address: {
        line1: "22 New St",
        line2: "Gate 4",
        city: FIXTURE_ADDRESS.city,
        state: FIXTURE_ADDRESS.state,
        postalCode: FIXTURE_ADDRESS.postalCode,
      },
      dietaryProfile: null,
    });
    const said = JSON.stringify(got);
    for (const other of [eve.email, "(408) 555-0199", "99 Eve Ln"])
      expect(said).not.toContain(other);

    const evesOwn = await customerCaller(env, asSession(eve)).account.bookingPrefill();
    expect(evesOwn?.contact.phone).toBe("(408) 555-0199");
    expect(evesOwn?.address?.line1).toBe("99 Eve Ln");
    expect(JSON.stringify(evesOwn)).not.toContain(dana.email);
  });

  it("a stranger who books with my email never fills in my form: only bookings I confirmed do (attack R4-1)", async () => {
    const casey = await createUser(env.t.db, "CUSTOMER");
    const me = asSession(casey);
    const mine = await bookWith(
      { name: casey.name, email: casey.email, phone: "(408) 555-0111" },
      { line1: "5 Home Ct" },
      me,
    );
    expect(mine.status).toBe("PENDING"); // nothing to confirm: waits for the business
    // Signed out, someone books with Casey's email and their own address and phone: it waits for
    // the confirmation only Casey's mailbox can give.
    const stranger = await bookWith(
      { name: "Mallory Evil", email: casey.email, phone: "(408) 555-0666" },
      { line1: "666 Attacker Rd" },
      null,
    );
    expect(stranger.status).toBe("HELD");
    const got = await customerCaller(env, me).account.bookingPrefill();
    expect(got?.contact.phone).toBe("(408) 555-0111");
    expect(got?.address?.line1).toBe("5 Home Ct");
    for (const theirs of ["Mallory", "(408) 555-0666", "666 Attacker Rd"])
      expect(JSON.stringify(got)).not.toContain(theirs);

    // A new account whose only booking is a stranger's unconfirmed one: name and email only.
    const fresh = await createUser(env.t.db, "CUSTOMER");
    await bookWith(
      { name: "Mallory Evil", email: fresh.email, phone: "(408) 555-0667" },
      { line1: "667 Attacker Rd" },
      null,
    );
    expect(await customerCaller(env, asSession(fresh)).account.bookingPrefill()).toEqual({
      accountEmail: fresh.email,
      emailVerified: true,
      contact: { name: fresh.name, email: fresh.email, phone: "" },
      address: null,
      dietaryProfile: null,
    });
  });

  it("an account with no booking yet gets its name and email, and no phone or address", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    expect(await customerCaller(env, asSession(u)).account.bookingPrefill()).toEqual({
      accountEmail: u.email,
      emailVerified: true,
      contact: { name: u.name, email: u.email, phone: "" },
      address: null,
      dietaryProfile: null,
    });
  });

  it("an account that hasn't confirmed its email gets no booking's details made with that email", async () => {
    // A visitor booked with this email; someone then signs up with it and never confirms it.
    const u = await createUser(env.t.db, "CUSTOMER");
    await env.t.db.user.update({ where: { id: u.id }, data: { emailVerified: false } });
    const theirs = await bookWith(
      { name: "The Real Owner", email: u.email, phone: "(408) 555-0177" },
      { line1: "7 Private Way" },
      null,
    );
    // The email's owner confirmed it from the emailed link (HELD → PENDING, no longer expiring).
    await env.t.db.booking.update({
      where: { id: theirs.id },
      data: { status: "PENDING", holdExpiresAt: null },
    });
    const got = await customerCaller(env, {
      ...asSession(u),
      emailVerified: false,
    }).account.bookingPrefill();
    expect(got).toEqual({
      accountEmail: u.email,
      emailVerified: false,
      contact: { name: u.name, email: u.email, phone: "" },
      address: null,
      dietaryProfile: null,
    });
    expect(JSON.stringify(got)).not.toMatch(/\(408\) 555-0177|7 Private Way|The Real Owner/);

    // Once the account proves it owns the email, those bookings are its own.
    const verified = await customerCaller(env, asSession(u)).account.bookingPrefill();
    expect(verified?.contact.phone).toBe("(408) 555-0177");
    expect(verified?.address?.line1).toBe("7 Private Way");
  });

  it("an anonymous visitor gets none", async () => {
    expect(await customerCaller(env, null).account.bookingPrefill()).toBeNull();
  });

  it("over HTTP the session decides: its own details with the cookie, null without, whatever the URL says", async () => {
    const u = await createUser(env.t.db, "CUSTOMER");
    await bookWith(
      { name: u.name, email: u.email, phone: "(408) 555-0155" },
      { line1: "5 Cookie Ct" },
      asSession(u),
    );
    const cookie = await signIn(u.email, u.password);
    const mine = await prefillOverHttp(cookie);
    expect(mine.status).toBe(200);
    expect(mine.data).toMatchObject({
      accountEmail: u.email,
      contact: { email: u.email, phone: "(408) 555-0155" },
      address: { line1: "5 Cookie Ct" },
    });

    for (const input of [undefined, { email: u.email }, { userId: u.id }]) {
      const anon = await prefillOverHttp("", input);
      expect(anon.status, JSON.stringify(input)).toBe(200);
      expect(anon.data, JSON.stringify(input)).toBeNull();
    }
    // Someone else's session asking with this customer's email in the URL gets their own.
    const other = await createUser(env.t.db, "CUSTOMER");
    const theirs = await prefillOverHttp(await signIn(other.email, other.password), {
      email: u.email,
    });
    expect(JSON.stringify(theirs.data)).not.toMatch(/5 Cookie Ct|\(408\) 555-0155/);
    expect((theirs.data as { accountEmail: string }).accountEmail).toBe(other.email);
  });
});
