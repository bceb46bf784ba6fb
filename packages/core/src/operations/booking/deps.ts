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
 * Unknown offer or referral codes a client may try: 20 an hour per address and per account or
 * chat visitor (attack 14, F13: guessing was free). A code that exists, whatever else is wrong
 * with it, counts nothing; over the limit every code is refused with a 429 until the hour passes.
 */
export const CODE_GUESS_RULE = { name: "offer-code:unknown", points: 20, windowSeconds: 3600 };

export async function withCodeGuessLimit<T>(
  ctx: OperationContext,
  code: string | null | undefined,
  run: () => Promise<T>,
): Promise<T> {
  if (!code?.trim()) return run();
  const limiter = rateLimiterFor(ctx.cache);
  const keys = [
    ctx.caller.address ? `ip:${ctx.caller.address}` : null,
    ctx.caller.user
      ? `user:${ctx.caller.user.id}`
      : ctx.caller.visitorId
        ? `visitor:${ctx.caller.visitorId}`
        : null,
  ].filter((k): k is string => k !== null);
  const taken: [string, RateDecision["store"]][] = [];
  const giveBack = () =>
    Promise.all(taken.map(([k, store]) => limiter.reward(CODE_GUESS_RULE, k, store)));
  for (const key of keys) {
    const d = await limiter.consume(CODE_GUESS_RULE, key);
    taken.push([key, d.store]);
    if (!d.allowed) {
      await giveBack();
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `That's a lot of codes we don't know in a short time. Please try again in about ${retryAfterText(d.retryAfterSeconds)}, or book without a code.`,
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
