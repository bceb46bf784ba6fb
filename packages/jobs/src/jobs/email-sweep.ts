import { z } from "zod";
import { defineJob } from "./define";

/**
 * Scheduler job: delivers emails whose row was written to Postgres but whose `email.send` job
 * never reached the queue (e.g. Redis was down when the app tried to enqueue it).
 */
export const emailSweepPayload = z
  .object({ olderThanMs: z.number().int().min(0).default(120_000) })
  .strict();

export const emailSweep = defineJob({ queue: "email", schema: emailSweepPayload });
