// Guessing offer and referral codes is not free (attack 14, F13: 300 random REF- codes in 11 s,
// none refused): 20 unknown codes an hour per client address and per account; then every code is
// a 429 that says when to try again. A code that exists (even one that is used up) counts nothing,
// and another client is not affected. Real Redis counters, the customer tRPC router.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCallerFactory, customerRouter, type Context } from "@myhibachi/api";
import { classicSelection } from "@myhibachi/seed/fixtures";
import { DAY } from "@myhibachi/shared";
import { SITE } from "./after-booking-support";
import { setupEnv, type Env } from "./helpers";

let env: Env;
beforeAll(async () => {
  env = await setupEnv({ chefs: 1 });
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
      message: expect.stringMatching(/codes we don't know .* try again in about/),
    });
    await expect(quote(ip, real)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Without a code the quote still works, and another address is not limited.
    await expect(
      from(ip).booking.quote({ selection: classicSelection(10), postalCode: "95125" }),
    ).resolves.toBeTruthy();
    expect((await quote("203.0.113.9", real)).lines.some((l) => l.code === "OFFER")).toBe(true);
  });
});
