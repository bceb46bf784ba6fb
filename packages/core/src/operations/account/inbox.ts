// "Messages" on My bookings: the in-app messages of campaign steps (channel IN_APP, written by
// the engine into the customer's inbox), for the signed-in account whose confirmed email is the
// customer's (customerIdsForUser, the rule My bookings uses). Only their own: another customer's
// message is "not found" and nothing is written.
import { z } from "zod";
import { customerIdsForUser } from "../../booking/customer-access";
import { AppError } from "../../errors";
import { idSchema } from "../../schemas";
import { customerAccount } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

/** The newest messages shown (older ones are not listed). */
export const INBOX_SIZE = 20;

const messageOutput = z.object({
  id: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: instant,
  /** When the customer marked it read; null while unread. */
  readAt: instant.nullable(),
});

export const listMyMessagesOp = defineOperation({
  name: "listMyMessages",
  kind: "query",
  summary: `Your messages from us (the newest ${INBOX_SIZE}), newest first, and how many are unread.`,
  access: customerAccount,
  output: z.object({
    unread: z.number().int(),
    messages: z.array(messageOutput),
  }),
  async run(ctx, _input, user) {
    const ids = await customerIdsForUser(ctx.db, user);
    if (!ids.length) return { unread: 0, messages: [] };
    const where = { customerId: { in: ids } };
    const [unread, messages] = await Promise.all([
      ctx.db.inAppMessage.count({ where: { ...where, readAt: null } }),
      ctx.db.inAppMessage.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: INBOX_SIZE,
        select: { id: true, subject: true, body: true, createdAt: true, readAt: true },
      }),
    ]);
    return { unread, messages };
  },
});

export const markMyMessageReadOp = defineOperation({
  name: "markMyMessageRead",
  kind: "mutation",
  summary: "Mark one of your messages from us read (again: nothing changes).",
  access: customerAccount,
  input: z.object({ id: idSchema }),
  output: messageOutput,
  async run(ctx, input, user) {
    const ids = await customerIdsForUser(ctx.db, user);
    const mine = ids.length
      ? await ctx.db.inAppMessage.findFirst({
          where: { id: input.id, customerId: { in: ids } },
          select: { id: true },
        })
      : null;
    if (!mine)
      throw new AppError(
        "NOT_FOUND",
        "We can't find that message. Reload My bookings to see your messages.",
      );
    await ctx.db.inAppMessage.updateMany({
      where: { id: mine.id, readAt: null },
      data: { readAt: ctx.now() },
    });
    return ctx.db.inAppMessage.findUniqueOrThrow({
      where: { id: mine.id },
      select: { id: true, subject: true, body: true, createdAt: true, readAt: true },
    });
  },
});
