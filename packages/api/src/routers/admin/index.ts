// The admin router: one sub-router per area, each procedure an adapter over an operation in core
// (its access rule decides who may call it; tests/integration/admin-authz walks them all).
import { operations as op } from "@myhibachi/core";
import { queryOf } from "../../procedure";
import { router } from "../../trpc";
import { bookingsAdminRouter } from "./bookings";
import { staffAdminRouter } from "./staff";
import { ownerAdminRouter } from "./owner";
import { conversationsAdminRouter } from "./conversations";
import { costsAdminRouter } from "./costs";

export const adminRouter = router({
  me: queryOf(op.getAccount),
  bookings: bookingsAdminRouter,
  staff: staffAdminRouter,
  owner: ownerAdminRouter,
  conversations: conversationsAdminRouter,
  costs: costsAdminRouter,
});
