// "Messages from us" on My bookings (issue 14, points 6-7): the signed-in customer turns offers by
// email and texts to their own phones on and off. The truth is read back from Postgres (consent
// rows with source and time, the suppression list, enrolments and queued texts), not from the
// operation's own answer; another person's phone, an unconfirmed account and staff change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "./admin-helpers";
import { book, customerCaller, dayIn, withoutBookingLimits } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 2 });
  await withoutBookingLimits(env);
});
afterAll(async () => {
  await env?.close();
});

const NOW = new Date("2026-12-01T18:00:00Z");
let day = 20;

/** A confirmed customer account with one booking whose phone is `phone` (typed loosely). */
async function customerWithPhone(phone: string) {
  const u = await createUser(env.t.db, "CUSTOMER");
  const b = await book(env, { date: dayIn(++day), email: u.email, user: u });
  const row = await env.t.db.booking.update({ where: { id: b.id }, data: { contactPhone: phone } });
  await env.t.db.customer.update({ where: { id: row.customerId }, data: { phone } });
  const caller = customerCaller(env, u, () => NOW);
  return { u, b, caller };
}

const consentOf = (channel: "EMAIL" | "SMS", address: string) =>
  env.t.db.contactConsent.findUnique({ where: { channel_address: { channel, address } } });
const suppressionOf = (channel: "EMAIL" | "SMS", address: string) =>
  env.t.db.suppression.findUnique({ where: { channel_address: { channel, address } } });

async function refused(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected a refusal");
}

describe("messages from us, on My bookings", () => {
  it("lists the account's email and its booking's phone (stored form), nothing said yet", async () => {
    const { u, caller } = await customerWithPhone("408.555.0142");
    const p = await caller.account.messages();
    expect(p.email).toMatchObject({ address: u.email, on: true, blockedByUs: false, said: null });
    // Texts need an explicit yes: off until the customer says so.
    expect(p.texts).toEqual([
      { address: "(408) 555-0142", on: false, blockedByUs: false, said: null },
    ]);
  });

  it("texts on and off: consent with source and time, the suppression list, queued texts stopped", async () => {
    const { caller } = await customerWithPhone("(408) 555-0143");
    const phone = "(408) 555-0143";
    await caller.account.setMessages({ channel: "SMS", phone: "4085550143", on: true });
    expect(await consentOf("SMS", phone)).toMatchObject({
      status: "GRANTED",
      source: "my-bookings",
      at: NOW,
    });
    // A campaign text waiting to go, then the customer turns texts off: it never goes.
    const queued = await env.t.db.smsMessage.create({
      data: { idempotencyKey: `campaign:test:${phone}`, to: phone, body: "10% off this week" },
    });
    const after = await caller.account.setMessages({ channel: "SMS", phone, on: false });
    expect(after.texts[0]).toMatchObject({ address: phone, on: false });
    expect(await consentOf("SMS", phone)).toMatchObject({
      status: "REVOKED",
      source: "my-bookings",
    });
    expect(await suppressionOf("SMS", phone)).toMatchObject({ source: "my-bookings" });
    expect(await env.t.db.smsMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject(
      { status: "FAILED" },
    );
    // And on again: off the list.
    await caller.account.setMessages({ channel: "SMS", phone, on: true });
    expect(await suppressionOf("SMS", phone)).toBeNull();
    expect((await caller.account.messages()).texts[0]!.on).toBe(true);
  });

  it("offers by email off stops the campaigns running for the address; on again lifts it", async () => {
    const { u, caller } = await customerWithPhone("(408) 555-0144");
    const email = u.email.toLowerCase();
    const seq = await env.t.db.campaignSequence.findFirstOrThrow();
    const enrolment = await env.t.db.campaignEnrolment.create({
      data: {
        sequenceId: seq.id,
        subjectKey: `test:${email}`,
        email,
        timeZone: "America/Los_Angeles",
        anchorAt: NOW,
        nextPosition: 1,
        nextDueAt: new Date(NOW.getTime() + 3600_000),
      },
    });
    const off = await caller.account.setMessages({ channel: "EMAIL", on: false });
    expect(off.email!.on).toBe(false);
    expect(await consentOf("EMAIL", email)).toMatchObject({
      status: "REVOKED",
      source: "my-bookings",
    });
    expect(await suppressionOf("EMAIL", email)).not.toBeNull();
    expect(
      await env.t.db.campaignEnrolment.findUniqueOrThrow({ where: { id: enrolment.id } }),
    ).toMatchObject({ state: "EXITED", exitReason: "unsubscribed" });
    // Twice is the same: one suppression row, nothing else changed.
    await caller.account.setMessages({ channel: "EMAIL", on: false });
    expect(await env.t.db.suppression.count({ where: { channel: "EMAIL", address: email } })).toBe(
      1,
    );
    const on = await caller.account.setMessages({ channel: "EMAIL", on: true });
    expect(on.email!.on).toBe(true);
    expect(await suppressionOf("EMAIL", email)).toBeNull();
    expect(await consentOf("EMAIL", email)).toMatchObject({ status: "GRANTED" });
  });

  it("an address the owner stopped stays stopped; the customer's yes is kept, so the owner can lift it (attack R8-3)", async () => {
    const { u, caller } = await customerWithPhone("(408) 555-0145");
    const email = u.email.toLowerCase();
    await env.t.db.suppression.create({
      data: {
        channel: "EMAIL",
        address: email,
        reason: "asked by phone",
        source: "owner",
        createdAt: NOW,
      },
    });
    expect((await caller.account.messages()).email).toMatchObject({ on: false, blockedByUs: true });
    // The customer says no, then yes: still stopped by us, their word recorded each time.
    await caller.account.setMessages({ channel: "EMAIL", on: false });
    const after = await caller.account.setMessages({ channel: "EMAIL", on: true });
    expect(after.email).toMatchObject({
      on: false,
      blockedByUs: true,
      said: { status: "GRANTED" },
    });
    expect(await suppressionOf("EMAIL", email)).toMatchObject({ source: "owner" });
    expect(await consentOf("EMAIL", email)).toMatchObject({
      status: "GRANTED",
      source: "my-bookings",
      accountId: u.id,
    });
  });

  it("a phone two accounts share: one's 'no' can't be undone by the other, and each sees only its own word (attacks R8-1, R8-2)", async () => {
    const phone = "(408) 555-0151";
    const owner = await customerWithPhone(phone);
    const roommate = await customerWithPhone(phone);
    await owner.caller.account.setMessages({ channel: "SMS", phone, on: false });
    const e = await refused(
      roommate.caller.account.setMessages({ channel: "SMS", phone, on: true }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe(
      "Texts to (408) 555-0151 were turned off by someone else who has this number on their bookings. To get them again, text START to our number from that phone.",
    );
    expect(await consentOf("SMS", phone)).toMatchObject({
      status: "REVOKED",
      accountId: owner.u.id,
    });
    expect(await suppressionOf("SMS", phone)).not.toBeNull();
    // The roommate sees the phone's state, not the other's choice as their own.
    expect((await roommate.caller.account.messages()).texts[0]).toMatchObject({
      on: false,
      said: null,
    });
    expect((await owner.caller.account.messages()).texts[0]).toMatchObject({
      on: false,
      said: { status: "REVOKED", source: "my-bookings" },
    });
    expect((await roommate.caller.account.exportData()).consents).toEqual([]);
    // The owner of the "no" may say yes again.
    await owner.caller.account.setMessages({ channel: "SMS", phone, on: true });
    expect(await suppressionOf("SMS", phone)).toBeNull();
  });

  it("a STOP texted from the phone is undone only from the phone", async () => {
    const phone = "(408) 555-0152";
    const { caller } = await customerWithPhone(phone);
    await env.t.db.contactConsent.create({
      data: { channel: "SMS", address: phone, status: "REVOKED", source: "sms-stop", at: NOW },
    });
    const e = await refused(caller.account.setMessages({ channel: "SMS", phone, on: true }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/^Texts to \(408\) 555-0152 were stopped by a STOP reply/);
    expect(await consentOf("SMS", phone)).toMatchObject({ status: "REVOKED", source: "sms-stop" });
  });

  it("another person's phone, an unconfirmed account and a staff account change nothing", async () => {
    const mine = await customerWithPhone("(408) 555-0146");
    const theirs = await customerWithPhone("(408) 555-0147");
    const e = await refused(
      mine.caller.account.setMessages({ channel: "SMS", phone: "(408) 555-0147", on: true }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toBe(
      "That phone number isn't on any of your bookings. Choose one of the numbers listed.",
    );
    expect(await consentOf("SMS", "(408) 555-0147")).toBeNull();
    // Theirs is not listed on mine.
    expect((await mine.caller.account.messages()).texts.map((t) => t.address)).toEqual([
      "(408) 555-0146",
    ]);
    void theirs;

    // Someone who signed up with this address but never confirmed it sees and changes nothing.
    const unconfirmed = await createUser(env.t.db, "CUSTOMER");
    await env.t.db.user.update({ where: { id: unconfirmed.id }, data: { emailVerified: false } });
    const caller = customerCaller(env, { ...unconfirmed, emailVerified: false }, () => NOW);
    expect(await caller.account.messages()).toEqual({ email: null, texts: [] });
    const f = await refused(caller.account.setMessages({ channel: "EMAIL", on: false }));
    expect(f.code).toBe("FORBIDDEN");
    expect(f.message).toMatch(/^Confirm your email address first/);
    expect(await consentOf("EMAIL", unconfirmed.email.toLowerCase())).toBeNull();

    const staff = await createUser(env.t.db, "STAFF");
    const s = await refused(
      customerCaller(env, staff, () => NOW).account.setMessages({ channel: "EMAIL", on: false }),
    );
    expect(s.code).toBe("FORBIDDEN");
    // A visitor is asked to sign in.
    const v = await refused(customerCaller(env, null, () => NOW).account.messages());
    expect(v.code).toBe("UNAUTHORIZED");
  });

  it("junk is a 400 that says what to send", async () => {
    const { caller } = await customerWithPhone("(408) 555-0148");
    for (const bad of [
      { channel: "FAX", on: true },
      { channel: "SMS", on: "yes" },
      { channel: "SMS", phone: "9".repeat(100), on: true },
    ]) {
      const e = await refused(caller.account.setMessages(bad as never));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.message).not.toMatch(/invalid_type|Expected|received/i);
    }
  });

  it("the copy of my data has my texts, my consents and my loyalty points, and nobody else's", async () => {
    const me = await customerWithPhone("(408) 555-0149");
    const other = await customerWithPhone("(408) 555-0150");
    await me.caller.account.setMessages({ channel: "SMS", on: true });
    await other.caller.account.setMessages({ channel: "SMS", on: true });
    await env.t.db.smsMessage.create({
      data: { idempotencyKey: `t:${me.b.id}`, to: "(408) 555-0149", body: "See you Saturday!" },
    });
    await env.t.db.smsMessage.create({
      data: { idempotencyKey: `t:${other.b.id}`, to: "(408) 555-0150", body: "Other person" },
    });
    const data = await me.caller.account.exportData();
    expect(data.texts.map((t) => t.body)).toEqual(["See you Saturday!"]);
    expect(data.consents).toEqual([
      expect.objectContaining({ channel: "SMS", address: "(408) 555-0149", status: "GRANTED" }),
    ]);
    expect(data.loyaltyPoints).toEqual([]);
    expect(JSON.stringify(data)).not.toContain("555-0150");
  });
});
