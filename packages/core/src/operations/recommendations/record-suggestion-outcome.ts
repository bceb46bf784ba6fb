import { z } from "zod";
import { AppError } from "../../errors";
import { recordOutcome } from "../../recommendations/store";
import { anyone } from "../access";
import { defineOperation } from "../define";
import { ruleSlugSchema, sessionKeySchema, surfaceSchema } from "./schemas";

/**
 * The customer took or turned down a suggestion. Idempotent (once per session, rule, surface and
 * outcome); a declined rule is never suggested again in the session. Only a suggestion the
 * session was shown can be answered.
 */
export const recordSuggestionOutcomeOp = defineOperation({
  name: "recordSuggestionOutcome",
  kind: "mutation",
  summary: "Record that a shown suggestion was accepted or declined (idempotent).",
  input: z
    .object({
      sessionKey: sessionKeySchema,
      rule: ruleSlugSchema,
      surface: surfaceSchema,
      outcome: z.enum(["accepted", "declined"], { error: 'Say "accepted" or "declined".' }),
    })
    .meta({
      examples: [
        {
          sessionKey: "k7Q2vX9pLm3RtY8wZa1B",
          rule: "shrimp-upgrade-big-chicken-party",
          surface: "wizard-menu",
          outcome: "accepted",
        },
      ],
    }),
  output: z.object({ ok: z.literal(true) }),
  access: anyone,
  async run(ctx, input) {
    const done = await recordOutcome(ctx.db, input);
    if (!done)
      throw new AppError(
        "NOT_FOUND",
        "That suggestion wasn't shown in this session, so there is nothing to accept or decline.",
      );
    return { ok: true as const };
  },
});
