// The access rules operations declare. Each is checked by `runOperation` before the operation
// runs, whatever the surface; the authorization walker (tests) enumerates them from the registry.
import { AppError } from "../errors";
import { customerIdsForUser } from "../booking/customer-access";
import { linkOfToken } from "../booking/links";
import type { Actor } from "../booking/manage-booking";
import type { AccessRule, Audience, CallerUser, OperationContext } from "./define";

/** Anyone, signed in or not (public reads, creating a booking). */
export const anyone: AccessRule<void> = {
  name: "anyone",
  callerOnly: true,
  audience: "anyone",
  describe: "Anyone, signed in or not.",
  check() {},
};

const RANK: Record<Audience, number> = { anyone: 0, customer: 1, staff: 2, owner: 3 };
const RANK_OF_ROLE: Record<CallerUser["role"], number> = { CUSTOMER: 1, STAFF: 2, OWNER: 3 };

/**
 * The role gate of an access rule: the caller is at least its audience. Checked before the input
 * is even parsed (a caller who may not call an operation learns nothing about its input), then
 * again by the rule itself with the parsed input.
 */
export function admitAudience(audience: Audience, ctx: Pick<OperationContext, "caller">): void {
  if (audience === "anyone") return;
  const user = ctx.caller.user;
  if (!user) throw new AppError("UNAUTHORIZED", "Please sign in first.");
  if (RANK_OF_ROLE[user.role] >= RANK[audience]) return;
  throw new AppError(
    "FORBIDDEN",
    audience === "owner" ? "Only the owner can do this." : "This page is for MyHibachi staff.",
  );
}

function userAtLeast(audience: Audience, ctx: OperationContext): CallerUser {
  admitAudience(audience, ctx);
  return ctx.caller.user!;
}

/** Any signed-in account. */
export const signedIn: AccessRule<CallerUser> = {
  name: "signedIn",
  callerOnly: true,
  audience: "customer",
  describe: "A signed-in account (customer, staff or owner).",
  check: (ctx) => userAtLeast("customer", ctx),
};

/** Staff or the owner. */
export const staff: AccessRule<CallerUser> = {
  name: "staff",
  callerOnly: true,
  audience: "staff",
  describe: "MyHibachi staff or the owner.",
  check: (ctx) => userAtLeast("staff", ctx),
};

/** The owner only. */
export const owner: AccessRule<CallerUser> = {
  name: "owner",
  callerOnly: true,
  audience: "owner",
  describe: "The owner only.",
  check: (ctx) => userAtLeast("owner", ctx),
};

/** The staff member as the author of a change to a booking. */
export const staffActor = (user: CallerUser): Actor => ({
  kind: "staff",
  userId: user.id,
  role: user.role === "OWNER" ? "OWNER" : "STAFF",
});

/** The signed-in staff member as the author of an audited admin change. */
export const adminAuthor = (user: CallerUser) => ({
  userId: user.id,
  role: user.role === "OWNER" ? ("OWNER" as const) : ("STAFF" as const),
});

/** The signed-in customer whose verified email owns the booking (no link given). */
async function bookingCustomer(ctx: OperationContext): Promise<Actor> {
  const user = ctx.caller.user;
  if (!user)
    throw new AppError(
      "NOT_FOUND",
      "We couldn't find that booking. Sign in with the email you booked with, or use the link in your confirmation email.",
    );
  if (!user.emailVerified)
    throw new AppError(
      "NOT_FOUND",
      "Confirm your email address first (My bookings sends you a confirmation link): bookings are shown only after that. Or use the link in your confirmation email.",
    );
  return {
    kind: "customer",
    customerIds: await customerIdsForUser(ctx.db, user),
    userId: user.id,
  };
}

/**
 * The holder of a booking: whoever has its secret link (`token`), or the signed-in customer whose
 * verified email owns it. The grant is the actor the booking functions check the record against
 * (a booking that is not the caller's is NOT_FOUND, never FORBIDDEN: its existence isn't told).
 * A receipt email's link (RECEIPTS scope) is refused here: it may show receipts, never manage.
 */
export const bookingHolder: AccessRule<Actor, { id: string; token?: string | undefined }> = {
  name: "bookingHolder",
  audience: "anyone",
  record: "booking",
  describe:
    "The holder of the booking's secret link, or the signed-in customer whose verified email made it.",
  async check(ctx, input) {
    if (input.token) {
      const link = await linkOfToken(ctx.db, input.token);
      // This booking's receipt link: its holder is told what it opens (`details.link`: a page
      // keeps saying so rather than "not found"). Any other booking: not found, as for any token.
      if (link && link.scope !== "MANAGE" && link.bookingId === input.id)
        throw new AppError(
          "NOT_FOUND",
          "This link only shows your receipts. To see or change the booking, use the link in your booking confirmation email, or sign in with the email you booked with.",
          { link: "receipts" },
        );
      return { kind: "token", token: input.token };
    }
    return bookingCustomer(ctx);
  },
};

/**
 * Who may read a booking's receipts: its holder (as `bookingHolder`), or whoever has a receipt
 * email's read-only link to it.
 */
export const bookingReceiptReader: AccessRule<Actor, { token?: string | undefined }> = {
  name: "bookingReceiptReader",
  audience: "anyone",
  record: "booking",
  receiptLinks: true,
  describe:
    "The holder of the booking's secret link or of a receipt email's link, or the signed-in customer whose verified email made it.",
  async check(ctx, input) {
    if (input.token) return { kind: "token", token: input.token, receipts: true };
    return bookingCustomer(ctx);
  },
};

/** The holder of a chat hold's link (its token is required). */
export const holdLinkHolder: AccessRule<Actor, { token: string }> = {
  name: "holdLinkHolder",
  audience: "anyone",
  record: "hold",
  describe: "The holder of the link the assistant gave for finishing a held booking.",
  check(_ctx, input) {
    return { kind: "token", token: input.token };
  },
};

/** Whose conversation a chat call is about: the signed-in user, else the signed visitor cookie. */
export interface ChatParticipant {
  userId: string | null;
  visitorId: string | null;
}

/** A chat participant: a signed-in user, or a visitor with the chat cookie. */
export const chatParticipant: AccessRule<ChatParticipant> = {
  name: "chatParticipant",
  audience: "anyone",
  record: "conversation",
  describe: "The signed-in user or the browser holding the chat's visitor cookie.",
  check(ctx) {
    const user = ctx.caller.user;
    if (user) return { userId: user.id, visitorId: null };
    // Read only without a user: the surface may verify the cookie on first read.
    const visitorId = ctx.caller.visitorId;
    if (!visitorId)
      throw new AppError(
        "PRECONDITION_FAILED",
        "The chat needs cookies to remember your conversation. Please enable cookies and reload the page.",
      );
    return { userId: null, visitorId };
  },
};

/** A verified customer's own records (empty until the email is verified). */
export const customerOwn: AccessRule<{ user: CallerUser; customerIds: string[] }> = {
  name: "customerOwn",
  callerOnly: true,
  audience: "customer",
  record: "booking",
  describe: "A signed-in account, limited to the bookings of its verified email.",
  async check(ctx) {
    const user = userAtLeast("customer", ctx);
    return { user, customerIds: await customerIdsForUser(ctx.db, user) };
  },
};

/**
 * The signed-in customer, for their own account (a copy of their data, deleting it). Staff and
 * owner accounts are the business's, managed in the admin app: they are refused here.
 */
export const customerAccount: AccessRule<CallerUser> = {
  name: "customerAccount",
  callerOnly: true,
  audience: "customer",
  describe: "The signed-in customer, for their own account (not a staff or owner account).",
  check(ctx) {
    const user = userAtLeast("customer", ctx);
    if (user.role !== "CUSTOMER")
      throw new AppError(
        "FORBIDDEN",
        "Staff and owner accounts belong to the business: the owner manages them in the admin app.",
      );
    return user;
  },
};
