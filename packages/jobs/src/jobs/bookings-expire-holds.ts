import { z } from "zod";
import { defineJob } from "./define";

/** Scheduler job (every minute): releases booking holds whose time ran out. */
export const bookingsExpireHoldsPayload = z.object({}).strict();

export const bookingsExpireHolds = defineJob({
  queue: "bookings",
  schema: bookingsExpireHoldsPayload,
});
