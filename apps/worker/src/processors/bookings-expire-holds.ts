import { closeEndedCheckouts, expireHolds } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";
import { workerPaymentDeps } from "../payments";

/**
 * Scheduled every minute: releases booking holds that have expired (domain logic lives in core)
 * and, with Stripe, closes their open Checkout pages so an ended hold can't be paid any more.
 */
export const bookingsExpireHolds: JobProcessor<"bookings.expire-holds", ProcessorContext> = async (
  _p,
  { deps },
) => {
  const expired = await expireHolds(deps.db, deps.now());
  if (!deps.payments) return { expired };
  const checkouts = await closeEndedCheckouts(deps.db, deps.payments, workerPaymentDeps(deps));
  return { expired, ...checkouts };
};
