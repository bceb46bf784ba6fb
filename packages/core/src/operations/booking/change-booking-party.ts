import { z } from "zod";
import {
  changeBookingParty,
  changeWindow,
  startHistory,
  currentSelection,
  partyVersion,
  previewPartyChange,
  type ChangePlan,
} from "../../booking/change-booking";
import { loadBookingFor } from "../../booking/manage-booking";
import { readProfile } from "../../booking/dietary-profile";
import { getCatalog } from "../../catalog/catalog";
import {
  allergiesSchema,
  dietaryProfileSchema,
  expectedStartsAtSchema,
  idSchema,
  selectionSchema,
  tokenSchema,
} from "../../schemas";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import {
  bookingStatusSchema,
  cents,
  dietaryProfileOutput,
  instant,
  priceLineOutput,
} from "../output-schemas";
import { bookingDeps } from "./deps";

const selectionOutput = z.object({
  packageSlug: z.string(),
  adults: z.number().int(),
  children: z.number().int(),
  proteins: z.record(z.string(), z.number().int()),
  extras: z.record(z.string(), z.number().int()),
});

const changeLineOutput = z.object({
  what: z.string().meta({ examples: ["Guests"] }),
  from: z.string().meta({ examples: ["10 adults"] }),
  to: z.string().meta({ examples: ["12 adults and 2 children"] }),
});

const changeMoneyOutput = z.object({
  oldTotalCents: cents,
  newTotalCents: cents,
  differenceCents: z.number().int(),
  depositCents: cents,
  paidCents: cents,
  balanceDueBeforeCents: cents,
  balanceDueAfterCents: cents,
  refundCents: cents,
  settledInPersonCents: cents,
  sentence: z.string(),
});

const planOutput = z.object({
  /** False when the party already is as asked. */
  changed: z.boolean(),
  changes: z.array(changeLineOutput),
  /** The quote engine's price of the new party, as the booking would store it. */
  quote: z.object({
    lines: z.array(priceLineOutput),
    subtotalCents: cents,
    travelFeeCents: cents,
    taxCents: cents,
    totalCents: cents,
    suggestedGratuityCents: cents,
  }),
  money: changeMoneyOutput,
  /** Why the change can't be made as asked (policy or the chefs' time), with times that would fit. */
  problem: z
    .object({
      code: z.enum(["PRECONDITION_FAILED", "CONFLICT"]),
      message: z.string(),
      alternatives: z.array(
        z.object({ date: z.string(), startMinute: z.number().int(), label: z.string() }),
      ),
    })
    .nullable(),
  endsAt: instant,
  chefsNeeded: z.number().int(),
});

function planView(plan: ChangePlan) {
  const q = plan.quote;
  return {
    changed: plan.changed,
    changes: plan.changes,
    quote: {
      lines: q.lines,
      subtotalCents: q.subtotalCents,
      travelFeeCents: q.travelFeeCents,
      taxCents: q.taxCents,
      totalCents: q.totalCents,
      suggestedGratuityCents: q.suggestedGratuityCents,
    },
    money: plan.money,
    problem: plan.problem,
    endsAt: plan.after.endsAt,
    chefsNeeded: plan.after.chefsNeeded,
  };
}

/** Said when a change comes without the total the customer confirmed (or with a malformed one). */
const CONFIRM_TOTAL =
  "Confirm the new total: look at the change's price first (the preview), then send it with the change as the total you agreed to.";

const partyChangeInput = {
  id: idSchema,
  token: tokenSchema,
  selection: selectionSchema,
  /** Allergies and dietary needs: absent keeps them, null or "" clears them. */
  allergies: allergiesSchema,
  /**
   * Who avoids what, the diets kept, likes: absent keeps it, null or an empty profile clears it.
   * A count above the new party's guests is refused (400).
   */
  dietaryProfile: dietaryProfileSchema.nullish(),
};

/**
 * What changing the guests or the menu would mean, before the customer confirms: the rules with
 * this booking's dates, the party as it is (to start the form from) and, for a `selection`, the
 * quote engine's new price, what changes, the money (balance, refund) and whether it fits.
 */
export const previewBookingChangeOp = defineOperation({
  name: "previewBookingChange",
  kind: "query",
  summary:
    "The change policy and, for a new guest count or menu, its price, what changes and what it means for the money, before confirming.",
  input: z.object({
    ...partyChangeInput,
    selection: selectionSchema.optional(),
  }),
  output: z.object({
    current: z.object({
      selection: selectionOutput,
      allergies: z.string().nullable(),
      /** The party's dietary profile as stored (null: none), to start the form from. */
      dietaryProfile: dietaryProfileOutput.nullable(),
      totalCents: cents,
      /** The party's version: send it back as changeBookingParty's `expectedVersion`. */
      version: z.string(),
    }),
    window: z.object({
      open: z.boolean(),
      reason: z.string().nullable(),
      canLowerGuests: z.boolean(),
      closesAt: instant,
      finalCountAt: instant,
      policy: z.string(),
    }),
    plan: planOutput.nullable(),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    const catalog = await getCatalog(ctx.db, ctx.cache);
    const plan = input.selection
      ? await previewPartyChange(
          ctx.db,
          b,
          {
            selection: input.selection,
            ...(input.allergies !== undefined ? { allergies: input.allergies } : {}),
            ...(input.dietaryProfile !== undefined ? { dietaryProfile: input.dietaryProfile } : {}),
          },
          { now: ctx.now },
        )
      : null;
    return {
      current: {
        selection: currentSelection(b, catalog),
        allergies: b.allergies,
        dietaryProfile: readProfile(b.dietaryProfile),
        totalCents: b.totalCents,
        version: partyVersion(b),
      },
      window: changeWindow(b, catalog.settings, now, false, await startHistory(ctx.db, b)),
      plan: plan ? planView(plan) : null,
    };
  },
});

/**
 * The customer changes the guest count or the menu, within the policy: re-quoted, the chefs'
 * time re-checked, refunds decided (Stripe), the history noted and the customer emailed.
 */
export const changeBookingPartyOp = defineOperation({
  name: "changeBookingParty",
  kind: "mutation",
  summary:
    "Change a booking's guest count or menu within the policy; re-quoted, with the balance or a refund following the new total.",
  input: z.object({
    ...partyChangeInput,
    /**
     * The new total the customer saw and confirmed (the preview's `plan.money.newTotalCents`):
     * required, since every change is re-priced at today's prices; a different price now is
     * refused (409) and nothing is written.
     */
    expectedTotalCents: z
      .number({
        // A number, as everywhere in the JSON API: "65628" is not read as 65628 on any surface.
        error: (iss) =>
          typeof iss.input === "string"
            ? "Send the new total you confirmed as a number of cents, like 65628, not as text."
            : CONFIRM_TOTAL,
      })
      .int(CONFIRM_TOTAL)
      .min(0, CONFIRM_TOTAL),
    /**
     * The preview's `current.version` the change was made from: when the guests, menu or
     * allergies have changed since (another tab), the change is refused (409) and nothing is
     * written. Optional; our pages always send it.
     */
    expectedVersion: z
      .string({ error: "Send the preview's current.version as text, or leave it out." })
      .max(64, "Send the preview's current.version as text, or leave it out.")
      .optional(),
    /**
     * The booking's start as your page showed it: when it has moved since (another tab), the
     * change is refused (409) and nothing is written. Optional; our pages always send it.
     */
    expectedStartsAt: expectedStartsAtSchema.optional(),
  }),
  output: z.object({
    id: z.string(),
    status: bookingStatusSchema,
    /** False when the party already was as asked (nothing was written). */
    changed: z.boolean(),
    changes: z.array(changeLineOutput),
    totalCents: cents,
    refundCents: cents,
    /** What the change meant for the money, in words. */
    money: z.string(),
  }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const r = await changeBookingParty(
      ctx.db,
      {
        bookingId: input.id,
        change: {
          selection: input.selection,
          ...(input.allergies !== undefined ? { allergies: input.allergies } : {}),
          ...(input.dietaryProfile !== undefined ? { dietaryProfile: input.dietaryProfile } : {}),
        },
        expectedTotalCents: input.expectedTotalCents,
        expectedVersion: input.expectedVersion ?? null,
        expectedStartsAt: input.expectedStartsAt ?? null,
        actor,
      },
      bookingDeps(ctx),
    );
    return {
      id: r.booking.id,
      status: r.booking.status,
      changed: r.changed,
      changes: r.changed ? r.plan.changes : [],
      totalCents: r.booking.totalCents,
      refundCents: r.refundCents,
      money: r.plan.money.sentence,
    };
  },
});
