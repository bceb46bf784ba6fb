// The admin router: one sub-router per area. Every procedure here must be staffProcedure or
// ownerProcedure (tests/integration/admin-authz walks them all), except `me`.
import { publicProcedure, router } from "../../trpc";
import { bookingsAdminRouter } from "./bookings";
import { staffAdminRouter } from "./staff";
import { ownerAdminRouter } from "./owner";
import { conversationsAdminRouter } from "./conversations";
import { costsAdminRouter } from "./costs";

export const adminRouter = router({
  me: publicProcedure.query(({ ctx }) =>
    ctx.user
      ? { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email, role: ctx.user.role }
      : null,
  ),
  bookings: bookingsAdminRouter,
  staff: staffAdminRouter,
  owner: ownerAdminRouter,
  conversations: conversationsAdminRouter,
  costs: costsAdminRouter,
});
