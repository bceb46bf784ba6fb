import { z } from "zod";
import { defineJob } from "./define";

/**
 * Scheduler job (every 5 minutes): the reminders due before each party (7 days and 24 hours
 * before), once per booking and event time (each email's key names the booking and the time).
 */
export const bookingsRemindersPayload = z.object({}).strict();

export const bookingsReminders = defineJob({
  queue: "bookings",
  schema: bookingsRemindersPayload,
});
