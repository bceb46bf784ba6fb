import { expireHolds } from "@myhibachi/core";
import type { JobProcessor } from "@myhibachi/jobs";
import type { ProcessorContext } from "../context";

/** Scheduled every minute: releases booking holds that have expired (domain logic lives in core). */
export const bookingsExpireHolds: JobProcessor<"bookings.expire-holds", ProcessorContext> = async (
  _p,
  { deps },
) => {
  const expired = await expireHolds(deps.db, deps.now());
  return { expired };
};
