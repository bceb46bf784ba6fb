import { z } from "zod";
import { defineJob } from "./define";

/**
 * Scheduler job (every 10 minutes): emails each booking whose event is
 * `balanceLinkDaysBefore` days away its balance link (Stripe) or its pay-at-the-event reminder,
 * once per booking (the email's key names the booking).
 */
export const paymentsBalanceEmailsPayload = z.object({}).strict();

export const paymentsBalanceEmails = defineJob({
  queue: "bookings",
  schema: paymentsBalanceEmailsPayload,
});
