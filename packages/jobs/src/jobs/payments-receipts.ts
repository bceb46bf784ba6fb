import { z } from "zod";
import { defineJob } from "./define";

/**
 * Scheduler job (every minute): stores and sends the receipt email of every payment and refund
 * that went through and has none yet (once per payment or refund: the email's key names it).
 */
export const paymentsReceiptsPayload = z.object({}).strict();

export const paymentsReceipts = defineJob({ queue: "bookings", schema: paymentsReceiptsPayload });
