// The one place a request becomes an operation call: who is calling (session user, client
// address, chat visitor) and the process's dependencies. Every surface builds its context here.
import type { OperationContext, Surface } from "@myhibachi/core";
import { enqueue } from "@myhibachi/jobs";
import type { Context } from "./context";
import { chatAnnouncer, chatReplies } from "./chat-replies";
import { bookingNotifier } from "./notifications";
import { receiptNotifier } from "./receipts";
import { refundQueuer } from "./payments";
import { visitorIdFrom } from "./visitor";

export function operationContext(ctx: Context, surface: Surface): OperationContext {
  let visitorId: string | null | undefined;
  return {
    db: ctx.db,
    ...(ctx.readDb ? { readDb: ctx.readDb } : {}),
    cache: ctx.cache,
    now: ctx.now ?? (() => new Date()),
    caller: {
      user: ctx.user,
      address: ctx.clientAddress?.(ctx.headers) ?? null,
      // Read on first use: only the chat needs it.
      get visitorId() {
        visitorId ??= visitorIdFrom(ctx.headers, ctx.cookieSecret);
        return visitorId;
      },
      surface,
      viaApiKey: ctx.viaApiKey === true,
    },
    notify: bookingNotifier(ctx),
    chat: chatReplies(ctx),
    announceChat: chatAnnouncer(ctx),
    customerUrl: ctx.customerUrl,
    armSecret: ctx.cookieSecret,
    ...(ctx.queues ? { requeueEmail: requeueOn(ctx.queues), sendSms: smsOn(ctx.queues) } : {}),
    payments: ctx.payments ?? null,
    queueRefund: refundQueuer(ctx.queues),
    notifyPayment: receiptNotifier(ctx),
  };
}

const smsOn =
  (queues: NonNullable<Context["queues"]>): OperationContext["sendSms"] =>
  async (idempotencyKey) => {
    await enqueue(queues, "sms.send", { idempotencyKey }).catch((err: unknown) =>
      console.error("[sms] not enqueued; the SMS sweep will send it", err),
    );
  };

const requeueOn =
  (queues: NonNullable<Context["queues"]>): OperationContext["requeueEmail"] =>
  async (email, retryKey) => {
    await enqueue(queues, "email.send", email, { jobId: `email.send--${retryKey}` }).catch(
      (err: unknown) =>
        console.error("[outbox] retry not enqueued; the email sweep will send it", err),
    );
  };
