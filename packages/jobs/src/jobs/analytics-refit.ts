import { z } from "zod";
import { defineJob } from "./define";

/**
 * Customer intelligence, nightly: refit the lifetime-value, churn and demand models on the
 * bookings, store every customer's scores and the forecast under a new run (pages read the newest
 * finished one), and enrol churn-risk interventions. A rerun makes a new run; enrolments are
 * unique per customer and quarter.
 */
export const analyticsRefitPayload = z.object({}).strict();

export const analyticsRefit = defineJob({ queue: "analytics", schema: analyticsRefitPayload });
