// The owner's overview (bookings and revenue by period) and the audit log of every admin change.
import { z } from "zod";
import { listAuditLog } from "../../admin/audit";
import { auditStories } from "../../admin/audit-story";
import { getCatalog } from "../../catalog/catalog";
import { ownerOverview } from "../../admin/overview";
import { idSchema } from "../../schemas";
import { owner } from "../access";
import { defineOperation } from "../define";

export const getOwnerOverviewOp = defineOperation({
  name: "getOwnerOverview",
  kind: "query",
  summary:
    "Bookings and revenue this and last week and month, revenue by day, the next events and each chef's utilisation this week.",
  access: owner,
  reads: "replica",
  run(ctx) {
    return ownerOverview(ctx.db, { now: ctx.now });
  },
});

export const listAuditLogOp = defineOperation({
  name: "listAuditLog",
  kind: "query",
  summary:
    "Every admin change, newest first, as a sentence with names (who did what to which booking, chef, item or setting); by entity, a page at a time.",
  input: z.object({
    entity: z.string().max(40).optional(),
    entityId: idSchema.optional(),
    cursor: idSchema.optional(),
  }),
  access: owner,
  async run(ctx, input) {
    const [page, catalog] = await Promise.all([
      listAuditLog(ctx.db, input),
      getCatalog(ctx.db, ctx.cache),
    ]);
    const timeZone = catalog.settings.timeZone;
    const stories = await auditStories(ctx.db, page.items, timeZone);
    return {
      timeZone,
      nextCursor: page.nextCursor,
      items: page.items.map((r, i) => ({ ...r, ...stories[i]! })),
    };
  },
});
