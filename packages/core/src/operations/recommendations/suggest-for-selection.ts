import { z } from "zod";
import { dietaryProfileSchema } from "@myhibachi/shared/booking-schemas";
import { customerIdsForUser } from "../../booking/customer-access";
import { dateString, selectionSchema } from "../../schemas";
import { suggestForSession } from "../../recommendations/store";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { exampleSelection } from "../output-schemas";
import { sessionKeySchema, surfaceSchema } from "./schemas";

export const suggestionOutput = z.object({
  /** The rule's short name (send it back with recordSuggestionOutcome). */
  rule: z.string(),
  /** "Add jumbo tiger shrimp" */
  title: z.string(),
  /** One line: why it is suggested. */
  reason: z.string(),
  /** The whole selection after accepting it. */
  selection: z.object({
    packageSlug: z.string(),
    proteins: z.record(z.string(), z.number().int()),
    extras: z.record(z.string(), z.number().int()),
  }),
  /** The quote's total after minus before (tax included, no travel fee); negative: cheaper. */
  revenueDeltaCents: z.number().int(),
});

/**
 * At most two suggestions for the party as chosen: every item safe for its dietary profile,
 * priced by the quote engine. A share of sessions (the owner's hold-out) sees none, so the
 * owner can compare; a rule declined in the session is never suggested again in it.
 */
export const suggestForSelectionOp = defineOperation({
  name: "suggestForSelection",
  kind: "mutation",
  summary:
    "Up to two menu suggestions for a party (safe for its dietary profile, priced by the quote engine); logs what was shown.",
  input: z
    .object({
      sessionKey: sessionKeySchema,
      surface: surfaceSchema,
      selection: selectionSchema,
      profile: dietaryProfileSchema.default(() => ({ avoid: [], diets: [], likes: [] })),
      /** The event's date (seasonal rules); default: today in the business's time zone. */
      date: dateString.optional(),
    })
    .meta({
      examples: [
        {
          sessionKey: "k7Q2vX9pLm3RtY8wZa1B",
          surface: "wizard-menu",
          selection: { ...exampleSelection, proteins: { chicken: 14, steak: 6 } },
          profile: { avoid: [{ value: "peanuts", guests: 1 }], diets: [], likes: [] },
          date: "2026-06-27",
        },
      ],
    }),
  output: z.object({
    arm: z.enum(["treatment", "control"]),
    suggestions: z.array(suggestionOutput).max(2),
  }),
  access: anyone,
  async run(ctx, input) {
    const user = ctx.caller.user;
    const customerIds = user ? await customerIdsForUser(ctx.db, user) : [];
    const r = await suggestForSession(ctx, {
      sessionKey: input.sessionKey,
      surface: input.surface,
      selection: input.selection,
      profile: input.profile,
      date: input.date,
      customerId: customerIds[0] ?? null,
    });
    return { arm: r.arm, suggestions: r.suggestions };
  },
});
