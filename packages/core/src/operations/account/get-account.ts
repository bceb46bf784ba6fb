import { anyone } from "../access";
import { defineOperation } from "../define";

/** The signed-in account, or null when signed out. */
export const getAccountOp = defineOperation({
  name: "getAccount",
  kind: "query",
  summary: "The signed-in account (name, email, role, whether its email is verified), or null.",
  access: anyone,
  run(ctx) {
    const user = ctx.caller.user;
    return user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          // Bookings are shown only once the account has confirmed its email (core rule).
          emailVerified: user.emailVerified,
        }
      : null;
  },
});
