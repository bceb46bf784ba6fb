// Staff: tell the customer their chef has left for the party (the day-of message).
import { z } from "zod";
import { storeChefOnTheWay } from "../../reminders/reminders";
import { idSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

export const notifyChefOnTheWayInput = z.object({
  id: idSchema,
  /** Minutes until the chef arrives, as staff expect it. */
  minutes: z
    .number({ error: "Choose how many minutes until the chef arrives." })
    .int("Choose how many minutes until the chef arrives.")
    .min(5, "The chef arrives in 5 minutes at the soonest.")
    .max(240, "Choose at most 4 hours until the chef arrives."),
});

/**
 * Staff (or the chef, signed in) press "Chef is on the way" when the chef leaves: the customer is
 * emailed the expected arrival time, once per booking and event time (a second press says when it
 * was sent and sends nothing). Only on the day (from 12 hours before the start until the end).
 */
export const notifyChefOnTheWayOp = defineOperation({
  name: "notifyChefOnTheWay",
  kind: "mutation",
  summary:
    "Emails the customer that their chef is on the way and when to expect them (once per booking and event time; on the day only).",
  input: notifyChefOnTheWayInput,
  output: z.object({
    /** False: it had been sent before (at `sentAt`), nothing more was sent. */
    sent: z.boolean(),
    sentAt: instant,
    arriveAt: instant,
    to: z.string(),
  }),
  access: staff,
  async run(ctx, input, user) {
    const r = await storeChefOnTheWay(ctx.db, {
      bookingId: input.id,
      minutes: input.minutes,
      actor: `staff:${user.id}`,
      now: ctx.now(),
      customerUrl: ctx.customerUrl ?? "",
    });
    if (r.email) await ctx.requeueEmail?.(r.email, r.email.idempotencyKey.replaceAll(":", "-"));
    return { sent: !!r.email, sentAt: r.sentAt, arriveAt: r.arriveAt, to: r.to };
  },
});
