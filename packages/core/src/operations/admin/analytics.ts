// The owner's customer intelligence (issue 15): lifetime value and segments, the churn-risk list
// with its reasons, one customer's scores and campaign history, the demand forecast with the
// staffing table, and the approval of a churn-risk personal note. Every page reads the scores the
// nightly run stored (core/analytics/refit.ts); nothing here fits a model.
import { z } from "zod";
import { approveCampaignMessage, dismissCampaignMessage } from "../../analytics/interventions";
import { churnList, clvOverview, customerIntelligence } from "../../analytics/read";
import { demandForecastView } from "../../analytics/forecast-view";
import { SEGMENT_ACTIONS } from "../../analytics/btyd";
import { idSchema, textSchema } from "../../schemas";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

export const getCustomerValueOp = defineOperation({
  name: "getCustomerValue",
  kind: "query",
  summary:
    "Customer lifetime value from the newest nightly run: the segments (high, medium, low) with their customers, value and the actions suggested for each, the distribution of lifetime values, the top customers, and the fitted models (BG/NBD, MBG/NBD, Gamma-Gamma) with when they were fitted.",
  input: z.object({ top: z.number().int().min(1).max(100).optional() }).optional(),
  access: owner,
  reads: "replica",
  async run(ctx, input) {
    const overview = await clvOverview(ctx.db, { top: input?.top ?? 10 });
    return overview && { ...overview, actions: SEGMENT_ACTIONS };
  },
});

export const getChurnRiskOp = defineOperation({
  name: "getChurnRisk",
  kind: "query",
  summary:
    "The churn-risk list from the newest nightly run, highest first (40 and above unless a band is chosen; repeatOnly keeps customers with completed parties on two or more different days, the ones interventions are for): score 0-100 (the chance in 100 of no party within a year once calibrated on the business's own history; for a customer with a party booked, at most the business's cancellation percent), band, the reasons for the score, and the intervention under way (a personal note awaiting approval, the new-menu offer).",
  input: z
    .object({
      band: z.enum(["high", "medium", "low"], { error: "Choose high, medium or low." }).optional(),
      cursor: z.number().int().min(0).max(1_000_000).optional(),
      repeatOnly: z.boolean({ error: "repeatOnly is true or false." }).optional(),
    })
    .optional(),
  access: owner,
  reads: "replica",
  run(ctx, input) {
    return churnList(ctx.db, {
      band: input?.band,
      cursor: input?.cursor,
      repeatOnly: input?.repeatOnly,
    });
  },
});

export const getCustomerIntelligenceOp = defineOperation({
  name: "getCustomerIntelligence",
  kind: "query",
  summary:
    "One customer's lifetime value, churn risk and its reasons (newest nightly run), and their campaign history: every sequence they were in, its messages, and a personal note waiting for approval.",
  input: z.object({ id: idSchema }),
  access: owner,
  run(ctx, { id }) {
    return customerIntelligence(ctx.db, id);
  },
});

export const getDemandForecastOp = defineOperation({
  name: "getDemandForecast",
  kind: "query",
  summary:
    "Bookings per day for the next 30 or 90 days with 80 % intervals (newest nightly run), bookings already on the books, the last 30 days forecast against what happened, and the staffing table: chefs needed against chefs scheduled, flagged days and suggestions.",
  input: z
    .object({ days: z.union([z.literal(30), z.literal(90)], { error: "Choose 30 or 90 days." }) })
    .optional(),
  access: owner,
  reads: "replica",
  run(ctx, input) {
    return demandForecastView(ctx.db, ctx.now(), { days: input?.days ?? 30 });
  },
});

const enrolmentInput = z.object({ enrolmentId: idSchema });

export const approveCampaignMessageOp = defineOperation({
  name: "approveCampaignMessage",
  kind: "mutation",
  summary:
    "Approve a personal note waiting for the owner (the churn-risk sequence), with the owner's edited subject and text if given; it goes out at the engine's next run (consent, quiet hours and the frequency cap still apply).",
  input: enrolmentInput.extend({
    subject: textSchema("a subject", 2, 150).optional(),
    text: textSchema("the text of the message", 10, 5000).optional(),
  }),
  access: owner,
  run(ctx, input, user) {
    return approveCampaignMessage(ctx.db, adminDeps(ctx), { actor: adminAuthor(user), ...input });
  },
});

export const dismissCampaignMessageOp = defineOperation({
  name: "dismissCampaignMessage",
  kind: "mutation",
  summary: "Don't send a personal note waiting for approval: the customer leaves that sequence.",
  input: enrolmentInput,
  access: owner,
  run(ctx, input, user) {
    return dismissCampaignMessage(ctx.db, adminDeps(ctx), { actor: adminAuthor(user), ...input });
  },
});
