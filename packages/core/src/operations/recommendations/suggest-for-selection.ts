import { z } from "zod";
import { dietaryProfileSchema } from "@myhibachi/shared/booking-schemas";
import { customerIdsForUser } from "../../booking/customer-access";
import { bookingProfile } from "../../booking/dietary-profile";
import { getCatalog } from "../../catalog/catalog";
import { AppError } from "../../errors";
import { computeQuote } from "../../pricing/quote";
import { rateLimiterFor, retryAfterText, type RateRule } from "../../rate-limit";
import { dateString, selectionSchema } from "../../schemas";
import { suggestForSession } from "../../recommendations/store";
import type { OperationContext } from "../define";
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

/** New suggestion sessions (visits) a client may start per booking it may make (the owner's limit). */
export const SUGGESTION_SESSIONS_PER_BOOKING = 5;
/** Calls of any kind a client may make per booking it may make (a visit asks a few times). */
export const SUGGESTION_CALLS_PER_BOOKING = 100;

/**
 * Per client (its account when signed in, else its address), within the owner's booking window:
 * at most SUGGESTION_SESSIONS_PER_BOOKING × the booking limit NEW session keys (each one is a
 * visit in the owner's with/without figures: made-up keys can't flood them, attack 16b R1-4), and
 * SUGGESTION_CALLS_PER_BOOKING × as many calls. Over either: a 429 in words (the wizard then goes
 * on without suggestions).
 */
async function limitSuggestions(
  ctx: OperationContext,
  settings: { bookingRateLimit: number; bookingRateWindowMinutes: number },
  which: "call" | "new-session",
): Promise<void> {
  const client = ctx.caller.user
    ? `user:${ctx.caller.user.id}`
    : ctx.caller.address
      ? `ip:${ctx.caller.address}`
      : null;
  if (!client) return;
  const perBooking =
    which === "call" ? SUGGESTION_CALLS_PER_BOOKING : SUGGESTION_SESSIONS_PER_BOOKING;
  const rule: RateRule = {
    name: `suggestions:${which}`,
    points: settings.bookingRateLimit * perBooking,
    windowSeconds: settings.bookingRateWindowMinutes * 60,
  };
  const d = await rateLimiterFor(ctx.cache).consume(rule, client);
  if (!d.allowed)
    throw new AppError(
      "TOO_MANY_REQUESTS",
      which === "call"
        ? `That's a lot of menu suggestions asked from your connection in a short time, so they are paused for about ${retryAfterText(d.retryAfterSeconds)}. You can still choose your menu and book as usual.`
        : `Many booking visits were started from your connection in a short time, so menu suggestions are paused for about ${retryAfterText(d.retryAfterSeconds)}. You can still choose your menu and book as usual.`,
      { retryAfterSeconds: d.retryAfterSeconds },
    );
}

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
    const catalog = await getCatalog(ctx.db, ctx.cache);
    await limitSuggestions(ctx, catalog.settings, "call");
    // A party that can't be booked is refused with the booking's and the quote's own words, and
    // nothing is written (attack 16b, R1-7): counts above the party, an unknown package, protein
    // or extra, portions that don't add up.
    const sel = input.selection;
    computeQuote(catalog, { name: "", feeCents: 0 }, sel);
    bookingProfile(input.profile, sel.adults + sel.children);
    const known = await ctx.db.recommendationSession.findUnique({
      where: { key: input.sessionKey },
      select: { id: true },
    });
    if (!known) await limitSuggestions(ctx, catalog.settings, "new-session");
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
