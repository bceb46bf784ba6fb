// The Stripe webhook endpoint (customer app: /api/stripe/webhook) and the payment wiring the
// request surfaces share. The route verifies the signature, stores the event once and hands it to
// the worker; Stripe gets 200 as soon as the event is safely stored.
import { AppError, receiveStripeEvent, type PaymentsGateway } from "@myhibachi/core";
import type { Db } from "@myhibachi/db";
import { enqueue, type Queues } from "@myhibachi/jobs";
import { LIMITS, readBodyLimited } from "./http";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/**
 * POST /api/stripe/webhook. 400 (nothing stored) for a bad or missing signature or a signed body
 * that is not a usable Stripe event (no id, type or created time), 404 when this
 * install doesn't take payments, 500 if the event could not be stored (Stripe retries), else 200.
 * A queue that can't be reached still answers 200: the event is in Postgres and the worker's
 * payments sweep processes it.
 */
export async function handleStripeWebhook(
  req: Request,
  deps: { db: Db; payments: PaymentsGateway | null; queues?: Queues },
): Promise<Response> {
  if (req.method !== "POST") return json(405, { error: "Use POST." });
  if (!deps.payments)
    return json(404, { error: "Online payments are not set up here (no Stripe keys)." });
  const read = await readBodyLimited(req, LIMITS.apiBodyBytes);
  if (read.refuse) return read.refuse;
  const raw = read.body ? new TextDecoder().decode(read.body) : "";
  let received;
  try {
    received = await receiveStripeEvent(
      deps.db,
      deps.payments,
      raw,
      req.headers.get("stripe-signature"),
    );
  } catch (err) {
    if (err instanceof AppError) return json(400, { error: err.message });
    console.error("[stripe] could not store a webhook event; Stripe will retry", err);
    return json(500, { error: "Could not store the event; please retry." });
  }
  if (deps.queues)
    await enqueue(deps.queues, "payments.stripe-event", { eventId: received.eventId }).catch(
      (err: unknown) =>
        console.error(
          "[stripe] event stored but not queued; the payments sweep will process it",
          err,
        ),
    );
  return json(200, { received: true, duplicate: !received.stored });
}

/** Hands a decided refund to the worker; never throws (the payments sweep sends it anyway). */
export function refundQueuer(queues: Queues | undefined) {
  return async (refundId: string) => {
    if (!queues) return;
    await enqueue(queues, "payments.refund", { refundId }).catch((err: unknown) =>
      console.error("[payments] refund not queued; the payments sweep will send it", err),
    );
  };
}
