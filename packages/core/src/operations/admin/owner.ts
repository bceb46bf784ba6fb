// The owner's overview (bookings and revenue by period) and the audit log of every admin change.
import { z } from "zod";
import { listAuditLog } from "../../admin/audit";
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
  run(ctx) {
    return ownerOverview(ctx.db, { now: ctx.now });
  },
});

export const listAuditLogOp = defineOperation({
  name: "listAuditLog",
  kind: "query",
  summary: "Every admin change, newest first, with who made it; by entity, a page at a time.",
  input: z.object({
    entity: z.string().max(40).optional(),
    entityId: idSchema.optional(),
    cursor: idSchema.optional(),
  }),
  access: owner,
  run(ctx, input) {
    return listAuditLog(ctx.db, input);
  },
});
