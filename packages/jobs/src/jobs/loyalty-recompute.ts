import { z } from "zod";
import { defineJob } from "./define";

/**
 * Loyalty recompute: one customer (`customerId`), or every customer (none given: the nightly
 * run). Safe to run any number of times: ledger entries and tier-up emails are unique per fact.
 */
export const loyaltyRecomputePayload = z
  .object({ customerId: z.string().min(1).max(64).optional() })
  .strict();

export const loyaltyRecompute = defineJob({ queue: "bookings", schema: loyaltyRecomputePayload });
