import { assertCodeIsTheirs, codeUserOf, normalizeOfferCode } from "../../campaigns/offers";
import { AppError, isAppError } from "../../errors";
import { rateLimiterFor, retryAfterText, type RateDecision } from "../../rate-limit";
import type { OperationContext } from "../define";

/** What the booking functions need from an operation's context. */
export const bookingDeps = (ctx: OperationContext) => ({
  cache: ctx.cache,
  now: ctx.now,
  notify: ctx.notify,
  payments: ctx.payments ?? null,
  customerUrl: ctx.customerUrl,
  queueRefund: ctx.queueRefund,
  notifyPayment: ctx.notifyPayment,
});

/** The rate-limit identity of the caller: its address and, when signed in, its account. */
export const clientOf = (ctx: OperationContext) => ({
  ip: ctx.caller.address,
  key: ctx.caller.user ? `user:${ctx.caller.user.id}` : null,
});

/**
 * Unknown offer or referral codes a client may try: 20 an hour (attack 14, F13: guessing was
 * free), counted per account when signed in, else per client address and chat visitor. A code
 * that exists, whatever else is wrong with it, counts nothing. Over the limit codes are paused
 * with a 429 that says when to retry, except a personal code asked for by its own recipient (the
 * signed-in customer, or a booking for the recipient's mailbox): people behind one shared address
 * (an office, a phone carrier) are not locked out of their own code by someone else's guesses
 * (round 2, G1). A guesser can't use that door: they would need the recipient's address too.
 */
export const CODE_GUESS_RULE = { name: "offer-code:unknown", points: 20, windowSeconds: 3600 };

export async function withCodeGuessLimit<T>(
  ctx: OperationContext,
  code: string | null | undefined,
  run: () => Promise<T>,
  /** The booking's contact email, when the request has one (the recipient's own code). */
  contactEmail?: string | null,
): Promise<T> {
  if (!code?.trim()) return run();
  const limiter = rateLimiterFor(ctx.cache);
  const keys = ctx.caller.user
    ? [`user:${ctx.caller.user.id}`]
    : [
        ctx.caller.address ? `ip:${ctx.caller.address}` : null,
        ctx.caller.visitorId ? `visitor:${ctx.caller.visitorId}` : null,
      ].filter((k): k is string => k !== null);
  const taken: [string, RateDecision["store"]][] = [];
  const giveBack = () =>
    Promise.all(taken.map(([k, store]) => limiter.reward(CODE_GUESS_RULE, k, store)));
  for (const key of keys) {
    const d = await limiter.consume(CODE_GUESS_RULE, key);
    taken.push([key, d.store]);
    if (!d.allowed) {
      await giveBack();
      if (await isOwnPersonalCode(ctx, code, contactEmail)) return run();
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `Too many codes we don't know were tried from your connection, so codes are paused for about ${retryAfterText(d.retryAfterSeconds)}. A code sent to you works if you sign in (or give the email it was sent to); you can also book without it.`,
        { retryAfterSeconds: d.retryAfterSeconds, field: "offerCode" },
      );
    }
  }
  try {
    const out = await run();
    await giveBack();
    return out;
  } catch (err) {
    if (!(isAppError(err) && err.details?.unknownCode === true)) await giveBack();
    throw err;
  }
}

/** A personal offer code (issued to someone) asked for by that someone. */
async function isOwnPersonalCode(
  ctx: OperationContext,
  code: string,
  contactEmail: string | null | undefined,
): Promise<boolean> {
  const row = await ctx.db.offerCode.findUnique({
    where: { code: normalizeOfferCode(code) },
    select: { email: true, customerId: true },
  });
  if (!row || (!row.email && !row.customerId)) return false;
  const who = await codeUserOf(ctx.db, { user: ctx.caller.user, email: contactEmail ?? null });
  if (!who.customerIds.length && !who.emails.length) return false;
  try {
    assertCodeIsTheirs(row, who);
    return true;
  } catch {
    return false;
  }
}
