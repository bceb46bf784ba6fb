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
