import { publicProcedure, router } from "../../trpc";

export const accountRouter = router({
  me: publicProcedure.query(({ ctx }) =>
    ctx.user
      ? {
          id: ctx.user.id,
          name: ctx.user.name,
          email: ctx.user.email,
          role: ctx.user.role,
          // Bookings are shown only once the account has confirmed its email (core rule).
          emailVerified: ctx.user.emailVerified,
        }
      : null,
  ),
});
