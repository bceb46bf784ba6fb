import { z } from "zod";
import { defineJob } from "./define";

/** End-to-end probe: the worker sleeps `sleepMs` then writes JobReceipt `ping:<marker>` once. */
export const systemPingPayload = z.object({
  marker: z.string().min(1).max(100),
  sleepMs: z.number().int().min(0).max(600_000).optional(),
});

export const systemPing = defineJob({
  queue: "system",
  schema: systemPingPayload,
  idempotencyKey: (p) => `ping:${p.marker}`,
});
