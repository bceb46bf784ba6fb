// Offer codes, referral codes and the rating form, with the inputs of the issue-14 attack
// (/tmp/attack14-report-partial.md F1, F5, F6, F7, F10), on a real database:
//  F1  a single-use code used by a booking that is cancelled, or by a hold that lapses, is given
//      back once (while still valid), in the cancellation's / expiry's own transaction; after that
//      two bookings racing for it: one gets it, the other hears "already used".
//  F10 a campaign code is personal: the signed-in customer or a booking for the recipient's
//      mailbox (case, +tag aside) only; anyone else hears one sentence, in the quote too.
//  F5  one's own referral code with a +tag alias (or Gmail dots) is one's own code.
//  F6  the quote refuses a referral code the booking would refuse, in the same words.
//  G4  (round 2) a visitor's quote given the contact email asks the booking's rules for it;
//      without one, the line says who the code is for.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHold,
  ensureReferralCode,
  expireHolds,
  finishHeldBooking,
  mailboxKey,
  NOT_YOUR_CODE,
  quoteFor,
} from "@myhibachi/core";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { DAY } from "@myhibachi/shared";
import {
  book,
  customerCaller,
  dayIn,
  signedInMember,
  withoutBookingLimits,
} from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 3 });
  await withoutBookingLimits(env);
});
afterAll(async () => {
  await env?.close();
});

const NOW = new Date("2026-12-01T18:00:00Z");
const quoteInput = { selection: classicSelection(10), postalCode: "95125" };
let day = 20;
const nextDay = () => dayIn(day++);

/** A signed-in, verified customer with `pastParties` completed parties (booked with their email). */
const member = (pastParties = 0) => signedInMember(env, NOW, { pastParties, bookedAsMember: true });

/** A campaign code as the engine issues it: to a recipient's email and customer record. */
async function campaignCode(to: { email: string; customerId?: string | null }, validDays = 14) {
  const code = `SAVE-${randomBytes(4).toString("hex").toUpperCase()}`;
  await env.t.db.offerCode.create({
    data: {
      code,
      percentOff: 10,
      email: to.email.toLowerCase(),
      customerId: to.customerId ?? null,
      expiresAt: new Date(Date.now() + validDays * DAY),
    },
  });
  return code;
}

const codeRow = (code: string) => env.t.db.offerCode.findUniqueOrThrow({ where: { code } });
const offerLine = (q: { lines: { code: string; label: string }[] }) =>
  q.lines.find((l) => l.code === "OFFER")?.label;
const offerDetail = (q: { lines: { code: string; detail: string | null }[] }) =>
  q.lines.find((l) => l.code === "OFFER")?.detail;

describe("F1: a code comes back when its booking doesn't happen", () => {
  it("booked with the code, cancelled a second later, booked again with it: the second booking gets it", async () => {
    const m = await member();
    const code = await campaignCode({ email: m.user.email, customerId: m.customerId });
    const caller = customerCaller(env, m.user);
    const contact = { name: m.user.name, email: m.user.email, phone: "408-555-0100" };
    const req = (k: string) => ({
      idempotencyKey: `f1-${k}-${randomBytes(6).toString("hex")}`,
      date: nextDay(),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact,
      offerCode: code,
    });
    const first = await caller.booking.create(req("a"));
    expect((await codeRow(code)).redeemedBookingId).toBe(first.id);
    await caller.booking.cancel({ id: first.id, reason: "Plans changed" });
    const freed = await codeRow(code);
    expect(freed.redeemedAt).toBeNull();
    expect(freed.redeemedBookingId).toBeNull();
    const second = await caller.booking.create(req("b"));
    expect((await codeRow(code)).redeemedBookingId).toBe(second.id);
    // Once: nothing frees it from the second booking's hands (the first stays cancelled).
    await expect(caller.booking.cancel({ id: first.id, reason: "again" })).rejects.toThrow();
    expect((await codeRow(code)).redeemedBookingId).toBe(second.id);
    await expect(caller.booking.create(req("c"))).rejects.toThrow(
      `The code ${code} was already used: each code works for one booking.`,
    );
  });

  it("a hold that lapses gives its code back (an expired code stays used); two bookings then race: one wins", async () => {
    const email = `ella.walker.${randomBytes(3).toString("hex")}@example.net`;
    const code = await campaignCode({ email });
    const held = await book(env, { date: nextDay(), email, offerCode: code });
    expect(held.status).toBe("HELD");
    expect((await codeRow(code)).redeemedBookingId).toBe(held.id);
    // The reused code is refused while the hold stands.
    await expect(book(env, { date: nextDay(), email, offerCode: code })).rejects.toThrow(
      `The code ${code} was already used: each code works for one booking.`,
    );
    await env.t.db.booking.update({
      where: { id: held.id },
      data: { holdExpiresAt: new Date(Date.now() - 60_000) },
    });
    expect(await expireHolds(env.t.db, new Date())).toBeGreaterThanOrEqual(1);
    expect((await env.t.db.booking.findUniqueOrThrow({ where: { id: held.id } })).status).toBe(
      "EXPIRED",
    );
    expect((await codeRow(code)).redeemedBookingId).toBeNull();

    // Two bookings at once for the given-back code: exactly one has it.
    const results = await Promise.allSettled([
      book(env, { date: nextDay(), email, offerCode: code }),
      book(env, { date: nextDay(), email: email.toUpperCase(), offerCode: code }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(
      /was already used: each code works for one booking|was just used on another booking/,
    );
    const row = await codeRow(code);
    expect(row.redeemedBookingId).toBe((won[0] as PromiseFulfilledResult<{ id: string }>).value.id);

    // A code past its validity when the hold lapses stays used.
    const late = await campaignCode({ email }, 14);
    const h2 = await book(env, { date: nextDay(), email, offerCode: late });
    await env.t.db.offerCode.update({
      where: { code: late },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await env.t.db.booking.update({
      where: { id: h2.id },
      data: { holdExpiresAt: new Date(Date.now() - 500) },
    });
    await expireHolds(env.t.db, new Date());
    expect((await codeRow(late)).redeemedBookingId).toBe(h2.id);
  });
});

describe("F10: a campaign code works only for the person it was sent to", () => {
  it("someone else's quote and booking are refused in one sentence and write nothing; the recipient (any case, +tag) books", async () => {
    const omar = `omar.chen.${randomBytes(3).toString("hex")}@example.net`;
    const code = await campaignCode({ email: omar });
    const casey = await member();

    // Signed in as someone else: the quote refuses it.
    await expect(
      customerCaller(env, casey.user).booking.quote({ ...quoteInput, offerCode: code }),
    ).rejects.toThrow(NOT_YOUR_CODE);
    // An anonymous quote can't know who it is for: it prices the code (the booking decides).
    const anon = await quoteFor(env.t.db, { ...quoteInput, offerCode: code }, { cache: env.cache });
    expect(offerLine(anon)).toBe(`Code ${code}: 10 % off food`);
    expect(offerDetail(anon)).toMatch(/, only for the person the code was sent to$/);

    // A booking from the race-test address: refused, nothing written, the code still Omar's.
    const racer = `race-${randomBytes(3).toString("hex")}@example.org`;
    await expect(book(env, { date: nextDay(), email: racer, offerCode: code })).rejects.toThrow(
      NOT_YOUR_CODE,
    );
    expect(await env.t.db.booking.count({ where: { contactEmail: racer } })).toBe(0);
    expect((await codeRow(code)).redeemedAt).toBeNull();

    // Omar's own booking, his address typed in capitals with a +tag: it works.
    const [local, domain] = omar.split("@");
    const mine = await book(env, {
      date: nextDay(),
      email: `${local!.toUpperCase()}+party@${domain}`,
      offerCode: code,
    });
    expect((await codeRow(code)).redeemedBookingId).toBe(mine.id);
  });

  it("the signed-in recipient may use it whatever contact email; a code issued to nobody stays open", async () => {
    const m = await member();
    const code = await campaignCode({ email: "old-address@example.com", customerId: m.customerId });
    const q = await customerCaller(env, m.user).booking.quote({ ...quoteInput, offerCode: code });
    expect(offerLine(q)).toBe(`Code ${code}: 10 % off food`);

    const open = `SAVE-${randomBytes(4).toString("hex").toUpperCase()}`;
    await env.t.db.offerCode.create({
      data: { code: open, percentOff: 5, expiresAt: new Date(Date.now() + DAY) },
    });
    const b = await book(env, { date: nextDay(), offerCode: open });
    expect((await codeRow(open)).redeemedBookingId).toBe(b.id);
  });
});

describe("F10 in the chat: a visitor's hold takes the code, finishing it as someone else is refused", () => {
  it("the finish with another person's details is a 400 that writes nothing; the recipient's finish works", async () => {
    const omar = `omar.chen.${randomBytes(3).toString("hex")}@example.net`;
    const code = await campaignCode({ email: omar });
    const hold = await createHold(
      env.t.db,
      {
        idempotencyKey: `codes-hold-${randomBytes(6).toString("hex")}`,
        date: nextDay(),
        startMinute: 12 * 60,
        guests: 10,
        postalCode: FIXTURE_ADDRESS.postalCode,
        offerCode: code,
      },
      { cache: env.cache },
    );
    expect((await codeRow(code)).redeemedBookingId).toBe(hold.id);
    const finish = (email: string) => ({
      bookingId: hold.id,
      token: hold.accessToken,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: "Someone", email, phone: "408-555-0100" },
    });
    await expect(
      finishHeldBooking(env.t.db, finish("someone.else@example.org"), { cache: env.cache }),
    ).rejects.toThrow(NOT_YOUR_CODE);
    expect(
      (await env.t.db.booking.findUniqueOrThrow({ where: { id: hold.id } })).customerId,
    ).toBeNull();
    const b = await finishHeldBooking(env.t.db, finish(omar.toUpperCase()), { cache: env.cache });
    expect(b.contactEmail).toBe(omar);
  });
});

describe("F5 and F6: one's own referral code, and the quote says what the booking says", () => {
  const OWN = "That is your own referral code: share it with friends, and you both get the reward.";

  it("the normaliser: case, +tag, Gmail dots", () => {
    expect(mailboxKey(" Customer+x@MyHibachi.local ")).toBe("customer@myhibachi.local");
    expect(mailboxKey("c.a.sey+y@googlemail.com")).toBe("casey@gmail.com");
    expect(mailboxKey("c.a.sey@example.com")).toBe("c.a.sey@example.com");
  });

  it("customer+x@ (and Gmail dots) booking with the referrer's own code is refused like the exact address", async () => {
    const casey = await member(1);
    const code = await ensureReferralCode(env.t.db, casey.customerId);
    const [local, domain] = casey.user.email.split("@");
    const bookings = await env.t.db.booking.count();
    for (const email of [casey.user.email.toUpperCase(), `${local}+x@${domain}`])
      await expect(book(env, { date: nextDay(), email, offerCode: code })).rejects.toThrow(OWN);
    expect(await env.t.db.booking.count()).toBe(bookings);
    const tag = randomBytes(3).toString("hex");
    const g = await env.t.db.customer.create({
      data: { name: "Gee Mail", email: `casey${tag}@gmail.com` },
    });
    const gCode = await ensureReferralCode(env.t.db, g.id);
    await expect(
      book(env, {
        date: nextDay(),
        email: `C.a.s.e.y${tag}+friend@googlemail.com`,
        offerCode: gCode,
      }),
    ).rejects.toThrow(OWN);
    expect(
      await env.t.db.referral.count({ where: { referralCode: { code: { in: [code, gCode] } } } }),
    ).toBe(0);
  });

  it("the quote refuses one's own code and a repeat customer's, in the booking's words; a newcomer's quote has the line", async () => {
    const casey = await member(1);
    const code = await ensureReferralCode(env.t.db, casey.customerId);
    await expect(
      customerCaller(env, casey.user).booking.quote({ ...quoteInput, offerCode: code }),
    ).rejects.toThrow(OWN);

    const returning = await member(1);
    await expect(
      customerCaller(env, returning.user).booking.quote({ ...quoteInput, offerCode: code }),
    ).rejects.toThrow(
      `The referral code ${code} is for a first booking, and ${returning.user.email} has booked with us before. Book without it.`,
    );

    const newcomer = await member(0);
    const q = await customerCaller(env, newcomer.user).booking.quote({
      ...quoteInput,
      offerCode: code,
    });
    expect(offerLine(q)).toBe(`Code ${code}: 10 % off food`);
  });
});

describe("G4: a visitor's quote with the contact email says what the booking will say", () => {
  const OWN = "That is your own referral code: share it with friends, and you both get the reward.";
  const anonQuote = (input: { offerCode?: string; contactEmail?: string }) =>
    customerCaller(env, null).booking.quote({ ...quoteInput, ...input });

  it("someone else's personal code: refused for another email in the booking's sentence; the recipient's (any case, +tag) has the line", async () => {
    const tag = randomBytes(3).toString("hex");
    const james = `james.johnson.${tag}@example.net`;
    const code = await campaignCode({ email: james });

    // The attacker's inputs: the forwarded code, another person's contact email.
    const other = `not-james-${tag}@example.org`;
    await expect(anonQuote({ offerCode: code, contactEmail: other })).rejects.toThrow(
      NOT_YOUR_CODE,
    );
    // The booking with the same email says the same.
    await expect(book(env, { date: nextDay(), email: other, offerCode: code })).rejects.toThrow(
      NOT_YOUR_CODE,
    );

    for (const email of [james, ` ${james.toUpperCase()} `, james.replace("@", "+party@")]) {
      const q = await anonQuote({ offerCode: code, contactEmail: email });
      expect(offerLine(q)).toBe(`Code ${code}: 10 % off food`);
      // Checked for the recipient: no "only for" note.
      expect(offerDetail(q)).not.toMatch(/only for/);
    }
    // Without an email the quote can't know: the line, saying who it is for.
    const q = await anonQuote({ offerCode: code });
    expect(offerLine(q)).toBe(`Code ${code}: 10 % off food`);
    expect(offerDetail(q)).toMatch(/, only for the person the code was sent to$/);
    expect((await codeRow(code)).redeemedAt).toBeNull();
  });

  it("a referral code: one's own email (+tag) and a returning customer's are refused as on the booking; a newcomer has the line", async () => {
    const casey = await member(1);
    const code = await ensureReferralCode(env.t.db, casey.customerId);
    const [local, domain] = casey.user.email.split("@");
    for (const email of [casey.user.email, `${local}+x@${domain}`.toUpperCase()])
      await expect(anonQuote({ offerCode: code, contactEmail: email })).rejects.toThrow(OWN);

    const returning = await member(1);
    const repeat = `The referral code ${code} is for a first booking, and ${returning.user.email} has booked with us before. Book without it.`;
    await expect(
      anonQuote({ offerCode: code, contactEmail: returning.user.email }),
    ).rejects.toThrow(repeat);
    await expect(
      book(env, { date: nextDay(), email: returning.user.email, offerCode: code }),
    ).rejects.toThrow(repeat);

    const newcomer = `newcomer-${randomBytes(3).toString("hex")}@example.org`;
    const q = await anonQuote({ offerCode: code, contactEmail: newcomer });
    expect(offerLine(q)).toBe(`Code ${code}: 10 % off food`);
    expect(offerDetail(q)).not.toMatch(/only/);
    // No email: the line says what the booking will check.
    const anon = await anonQuote({ offerCode: code });
    expect(offerDetail(anon)).toMatch(/, only on a first booking, and not by the code's owner$/);
  });

  it("the contact email is checked like the booking's: an invalid one is refused", async () => {
    await expect(anonQuote({ contactEmail: "not-an-email" })).rejects.toThrow(
      "Enter a valid email address.",
    );
  });
});

describe("F18: a referred first booking that never took place leaves the referral available", () => {
  it("a friend's referred booking cancelled, then booked again with the code: the referral follows the new one", async () => {
    const casey = await member(1);
    const code = await ensureReferralCode(env.t.db, casey.customerId);
    const friend = `friend-${randomBytes(4).toString("hex")}@example.org`;
    const caller = customerCaller(env, null);
    const req = (k: string) => ({
      idempotencyKey: `f18-${k}-${randomBytes(6).toString("hex")}`,
      date: nextDay(),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: { name: "Friend Test", email: friend, phone: "408-555-0142" },
      offerCode: code,
    });
    const first = await caller.booking.create(req("a"));
    await caller.booking.cancel({ id: first.id, token: first.token, reason: "Plans changed" });
    const second = await caller.booking.create(req("b"));
    expect(second.status).not.toBe("CANCELLED");
    const refs = await env.t.db.referral.findMany({ where: { referredEmail: friend } });
    expect(refs.map((r) => r.referredBookingId)).toEqual([second.id]);
    // The second one stands: a third is a repeat booking again.
    await expect(caller.booking.create(req("c"))).rejects.toThrow(/is for a first booking/);
  });
});
