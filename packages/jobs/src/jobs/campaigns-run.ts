import { z } from "zod";
import { defineJob } from "./define";

/**
 * Follow-up campaigns, every minute: enrol from the triggers, then send the steps that are due.
 * Safe to run any number of times: enrolments and send records are unique per fact.
 */
export const campaignsRunPayload = z.object({}).strict();

export const campaignsRun = defineJob({ queue: "bookings", schema: campaignsRunPayload });
