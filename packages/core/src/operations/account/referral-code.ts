// "Your referral code" on My bookings (issue 14 leftovers): the signed-in customer's own code
// ("REF-7K2QXA", campaigns/referrals.ts), to copy and share. A friend's first booking made with
// it gets its percent off the food; the customer gets an offer code of the same percent once
// that party has taken place.
import { z } from "zod";
import { customerIdsForUser } from "../../booking/customer-access";
import { ensureReferralCode } from "../../campaigns/referrals";
import { customerAccount } from "../access";
import { defineOperation } from "../define";

export const referralCodeOutput = z.object({
  /** Null until the account's email is confirmed and it has a customer record (a booking). */
  code: z.string().nullable(),
  /** The reward, both ways, in percent off the food. */
  percentOff: z.number().int().nullable(),
  /** Why there is no code yet, in words (null when there is one). */
  reason: z.string().nullable(),
});

export const getMyReferralCodeOp = defineOperation({
  name: "getMyReferralCode",
  kind: "query",
  summary:
    "Your referral code to share: a friend's first booking with it gets its percent off the food, and you get a code of the same percent once their party took place.",
  access: customerAccount,
  output: referralCodeOutput,
  async run(ctx, _input, user) {
    if (!user.emailVerified)
      return {
        code: null,
        percentOff: null,
        reason: "Confirm your email to get your referral code.",
      };
    const ids = await customerIdsForUser(ctx.db, user);
    // The account's own record first (linked to it), else the one with its email.
    const rows = ids.length
      ? await ctx.db.customer.findMany({
          where: { id: { in: ids } },
          select: { id: true, userId: true },
          orderBy: { createdAt: "asc" },
        })
      : [];
    const mine = rows.find((r) => r.userId === user.id) ?? rows[0];
    if (!mine)
      return {
        code: null,
        percentOff: null,
        reason: "You get your referral code with your first booking.",
      };
    // Created the first time it is asked for (the same code the +1 month email gives).
    const code = await ensureReferralCode(ctx.db, mine.id);
    const row = await ctx.db.referralCode.findUniqueOrThrow({ where: { code } });
    return { code, percentOff: row.percentOff, reason: null };
  },
});
