// The owner's campaign pages (issue 14, point 8): the sequences and the step editor, the funnel
// per step, the post-event ratings and the suppression list. The work is in
// core/campaigns/owner.ts; every change is audited (adminWrite).
import { z } from "zod";
import {
  addSuppression,
  campaignFunnel,
  campaignRatings,
  listCampaignSequences,
  listSuppressions,
  removeSuppression,
  setCampaignSequence,
  updateCampaignStep,
} from "../../campaigns/owner";
import { CAMPAIGN_PLACEHOLDERS } from "../../campaigns/render";
import { ownerPublishedReviews, setReviewHidden } from "../../campaigns/reviews";
import { normalizePhone } from "../../contact/phone";
import { idSchema, textSchema } from "../../schemas";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

const DEFAULT_SITE = "https://myhibachi.example";

const periodSchema = z.object({
  days: z.union([z.literal(30), z.literal(90)], { error: "Choose the last 30 or 90 days." }),
});

export const listCampaignSequencesOp = defineOperation({
  name: "listCampaignSequences",
  kind: "query",
  summary:
    "The follow-up sequences: trigger in words, on or off, exit rule, people in each now, and their steps in order with a preview rendered with sample data; plus the placeholders a step may use.",
  access: owner,
  async run(ctx) {
    return {
      placeholders: CAMPAIGN_PLACEHOLDERS.map((p) => ({
        name: p.name,
        means: p.means,
        needsOffer: "needsOffer" in p ? p.needsOffer : false,
      })),
      sequences: await listCampaignSequences(ctx.db, ctx.customerUrl ?? DEFAULT_SITE),
    };
  },
});

const wholeNumber = (what: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `Enter ${what}.` })
    .int(`${capital(what)} must be a whole number.`)
    .min(min, `${capital(what)} must be at least ${min}${unit}.`)
    .max(max, `${capital(what)} must be at most ${max}${unit}.`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const stepPatchSchema = z
  .object({
    /** The delay from the sequence's anchor, in hours or days (stored in minutes). */
    delay: z.object({
      value: z
        .number({ error: "Enter the delay as a number of hours or days." })
        .positive("The delay must be more than 0.")
        .max(1000, "The delay must be at most 1000 hours or days."),
      unit: z.enum(["hours", "days"], { error: "Choose hours or days for the delay." }),
    }),
    channel: z.enum(["EMAIL", "SMS", "IN_APP"], {
      error: "Choose email, text message or in the app.",
    }),
    subject: textSchema("a subject", 2, 150),
    template: textSchema("the text of the message", 10, 5000),
    offerPercent: wholeNumber("the offer percent", 1, 50, " %").nullable(),
    offerValidDays: wholeNumber("the days the offer is valid", 1, 365).nullable(),
    minRating: wholeNumber("the minimum rating", 1, 5).nullable(),
  })
  .partial()
  .strict();

export const updateCampaignStepOp = defineOperation({
  name: "updateCampaignStep",
  kind: "mutation",
  summary:
    "Change a campaign step (only the fields given): delay in hours or days, channel, subject, text, offer (1-50 %, days valid), minimum rating. Steps already sent are not sent again; people whose next step this is get its new time.",
  input: z.object({ stepId: idSchema, step: stepPatchSchema }),
  access: owner,
  run(ctx, { stepId, step }, user) {
    const { delay, ...rest } = step;
    // Stored in minutes; a fraction of an hour rounds to the minute (never to 0).
    const delayMinutes = delay
      ? Math.max(1, Math.round(delay.value * (delay.unit === "days" ? 1440 : 60)))
      : undefined;
    return updateCampaignStep(ctx.db, adminDeps(ctx), {
      actor: adminAuthor(user),
      stepId,
      patch: { ...rest, delayMinutes },
    });
  },
});

export const setCampaignSequenceOp = defineOperation({
  name: "setCampaignSequence",
  kind: "mutation",
  summary:
    "Switch a follow-up sequence on or off, and whether a booking by the person ends it (exit rule).",
  input: z.object({
    key: z.string().trim().min(1, "Choose a sequence.").max(64),
    active: z.boolean({ error: "Choose on or off." }).optional(),
    exitOnBooking: z.boolean({ error: "Choose yes or no." }).optional(),
  }),
  access: owner,
  run(ctx, input, user) {
    return setCampaignSequence(ctx.db, adminDeps(ctx), { actor: adminAuthor(user), ...input });
  },
});

export const getCampaignFunnelOp = defineOperation({
  name: "getCampaignFunnel",
  kind: "query",
  summary:
    "Per sequence and step over the last 30 or 90 days: sent, delivered, skipped with reasons, clicked (emails whose link was followed; texts: not tracked), bookings converted within 14 days and their revenue; and the post-event ratings (count, average, low ones with comments).",
  input: periodSchema,
  access: owner,
  async run(ctx, input) {
    const now = ctx.now();
    const [funnel, ratings] = await Promise.all([
      campaignFunnel(ctx.db, { now, days: input.days }),
      campaignRatings(ctx.db, { now, days: input.days }),
    ]);
    return { ...funnel, ratings };
  },
});

export const listSuppressionsOp = defineOperation({
  name: "listSuppressions",
  kind: "query",
  summary:
    "The suppression list (addresses that get no campaign message), newest first: channel, address, reason, source, when, and whether the owner may remove it; search by address.",
  input: z.object({
    search: z.string().trim().max(320, "Search for at most 320 characters.").optional(),
    cursor: idSchema.optional(),
  }),
  access: owner,
  run(ctx, input) {
    return listSuppressions(ctx.db, input);
  },
});

const emailAddress = z
  .string({ error: "Enter an email address." })
  .trim()
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const addSuppressionOp = defineOperation({
  name: "addSuppression",
  kind: "mutation",
  summary:
    "Add an email address or phone number to the suppression list, with a reason: no campaign message goes to it, and its running sequences stop.",
  input: z.discriminatedUnion(
    "channel",
    [
      z.object({
        channel: z.literal("EMAIL"),
        address: emailAddress,
        reason: textSchema("a reason", 2, 200),
      }),
      z.object({
        channel: z.literal("SMS"),
        address: textSchema("a phone number", 7, 30).transform((p) => normalizePhone(p)),
        reason: textSchema("a reason", 2, 200),
      }),
    ],
    { error: "Choose email or text message." },
  ),
  access: owner,
  run(ctx, input, user) {
    return addSuppression(ctx.db, adminDeps(ctx), {
      actor: adminAuthor(user),
      ...input,
    });
  },
});

export const removeSuppressionOp = defineOperation({
  name: "removeSuppression",
  kind: "mutation",
  summary:
    "Take an address off the suppression list (we may message it again); refused when the person unsubscribed themselves.",
  input: z.object({
    id: idSchema,
    confirm: z.literal(true, {
      error: "Confirm that we may message this address again before removing it.",
    }),
  }),
  access: owner,
  run(ctx, input, user) {
    return removeSuppression(ctx.db, adminDeps(ctx), { actor: adminAuthor(user), id: input.id });
  },
});

export const listPublishedReviewsOp = defineOperation({
  name: "listPublishedReviews",
  kind: "query",
  summary:
    "The comments customers agreed to show on /reviews (ratings of 4-5), newest first, 50 per page, as the page shows them (first name, city) with the booking code and whether the owner hid it.",
  input: z.object({
    page: z
      .number({ error: "Pages are whole numbers, from 1." })
      .int("Pages are whole numbers, from 1.")
      .min(1, "Pages start at 1.")
      .max(100_000, "There aren't that many pages.")
      .optional(),
  }),
  access: owner,
  run(ctx, input) {
    return ownerPublishedReviews(ctx.db, { page: input.page ?? 1 });
  },
});

export const setReviewHiddenOp = defineOperation({
  name: "setReviewHidden",
  kind: "mutation",
  summary:
    "Take a customer's published comment off /reviews (hidden: true) or show it again (hidden: false); audited.",
  input: z.object({
    id: idSchema,
    hidden: z.boolean({ error: "Choose hide or show." }),
  }),
  access: owner,
  run(ctx, input, user) {
    return setReviewHidden(ctx.db, adminDeps(ctx), {
      actor: adminAuthor(user),
      id: input.id,
      hidden: input.hidden,
    });
  },
});
