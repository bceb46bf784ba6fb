// Guessing offer and referral codes is not free (attack 14, F13: 300 random REF- codes in 11 s,
// none refused): 20 unknown codes an hour per client address and per account; then every code is
// a 429 that says when to try again. A code that exists (even one that is used up) counts nothing,
// and another client is not affected. Real Redis counters, the customer tRPC router.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import { classicSelection, FIXTURE_ADDRESS } from "@myhibachi/seed/fixtures";
import { DAY } from "@myhibachi/shared";
import { dayIn, SITE, withoutBookingLimits } from "./after-booking-support";
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
/** An anonymous visitor's tRPC caller from the client address `ip`. */
const from = (ip: string) =>
  createCallerFactory(customerRouter)({
    db: env.t.db,
    redis: env.redis,
    cache: env.cache,
    auth: {} as Context["auth"],
    sendEmail: async () => {},
    customerUrl: SITE,
    cookieSecret: "c".repeat(40),
    user: null,
    headers: new Headers(),
    clientAddress: () => ip,
    now: () => NOW,
  } as Context);
const quote = (ip: string, offerCode: string) =>
  from(ip).booking.quote({ selection: classicSelection(10), postalCode: "95125", offerCode });

describe("guessing codes", () => {
  it("20 unknown codes an hour from one address, then 429 for any code; others unaffected", async () => {
    const real = `SAVE-${randomBytes(4).toString("hex").toUpperCase()}`;
    await env.t.db.offerCode.create({
      data: { code: real, percentOff: 10, expiresAt: new Date(NOW.getTime() + 30 * DAY) },
    });
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    // A real code asked for many times counts nothing.
    for (let i = 0; i < 25; i++)
      expect((await quote(ip, real)).lines.some((l) => l.code === "OFFER")).toBe(true);
    for (let i = 0; i < 20; i++)
      await expect(
        quote(ip, `REF-${randomBytes(3).toString("hex").toUpperCase()}`),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/We don't know the code/),
      });
    // The 21st guess, and then even the real code, is refused with when to try again.
    await expect(quote(ip, "REF-ZZZZZZ")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/codes we don't know were tried .* paused for about/),
    });
    await expect(quote(ip, real)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Without a code the quote still works, and another address is not limited.
    await expect(
      from(ip).booking.quote({ selection: classicSelection(10), postalCode: "95125" }),
    ).resolves.toBeTruthy();
    expect((await quote("203.0.113.9", real)).lines.some((l) => l.code === "OFFER")).toBe(true);
  });

  it("someone else's guesses from a shared address don't lock a recipient out of their own code", async () => {
    const ip = "192.0.2.77"; // an office's one address
    const mine = `SAVE-${randomBytes(4).toString("hex").toUpperCase()}`;
    await env.t.db.offerCode.create({
      data: {
        code: mine,
        percentOff: 10,
        email: "dana.office@example.com",
        expiresAt: new Date(NOW.getTime() + 30 * DAY),
      },
    });
    for (let i = 0; i < 21; i++)
      await quote(ip, `SAVE-${randomBytes(4).toString("hex").toUpperCase()}`).catch(() => null);
    // Paused for that address: an anonymous quote can't tell whose code it is.
    await expect(quote(ip, mine)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(
        /codes are paused .* sign in \(or give the email it was sent to\)/,
      ),
    });
    // Dana books from the same address with her own email (any case, +tag): the code works.
    const booked = await from(ip).booking.create({
      idempotencyKey: `guess-${randomBytes(6).toString("hex")}`,
      date: dayIn(30),
      startMinute: 17 * 60,
      selection: classicSelection(10),
      address: FIXTURE_ADDRESS,
      contact: {
        name: "Dana Office",
        email: "Dana.Office+party@example.com",
        phone: "408-555-0177",
      },
      offerCode: mine,
    });
    expect(
      (await env.t.db.offerCode.findUniqueOrThrow({ where: { code: mine } })).redeemedBookingId,
    ).toBe(booked.id);
    // The guesser, with their own email, is still paused.
    await expect(
      from(ip).booking.create({
        idempotencyKey: `guess-${randomBytes(6).toString("hex")}`,
        date: dayIn(31),
        startMinute: 17 * 60,
        selection: classicSelection(10),
        address: FIXTURE_ADDRESS,
        contact: { name: "Guess Er", email: "guesser@example.com", phone: "408-555-0178" },
        offerCode: "SAVE-NOPE1234",
      }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
