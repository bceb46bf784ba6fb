// The REST API as a table: which operation each route serves (method, path, tags). Everything
// else (input and output schemas, who may call, what it does) is the operation's own
// (packages/core/src/operations); procedures.ts turns each row into a tRPC procedure with OpenAPI
// meta, served under /api/v1 by handler.ts and described by document.ts.
import { operations as op, type AnyOperation } from "@myhibachi/core";

export type RestMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RestRoute {
  op: AnyOperation;
  method: RestMethod;
  /** Under /api/v1; `{name}` segments are input fields taken from the path. */
  path: `/${string}`;
  tags: string[];
  /** More than the operation's summary: how to call it over HTTP. */
  description?: string;
  /** Request headers that stand for an input field (`Idempotency-Key` -> `idempotencyKey`). */
  headerFields?: Record<string, string>;
}

const manageToken =
  "Pass the booking's manage token (from the booking's answer or its emailed link) as `token`, or call signed in as the customer whose verified email made the booking.";

/** The customer site's API (apps/customer, /api/v1). */
export const customerRoutes: RestRoute[] = [
  { op: op.getMenu, method: "GET", path: "/menu", tags: ["menu"] },
  {
    op: op.getLoyaltyProgram,
    method: "GET",
    path: "/loyalty",
    tags: ["menu"],
    description:
      "The loyalty program: each tier's name, the completed bookings it starts at, its discount (basis points: 1000 = 10 %) and its perks.",
  },
  {
    op: op.listPublicReviews,
    method: "GET",
    path: "/reviews",
    tags: ["menu"],
    description:
      "What past customers said (ratings of 4-5 with a comment: first name and city only, newest first, `page` from 1), the average and count of every rating, and the business's Google and Yelp review pages when set.",
  },
  {
    op: op.findAvailability,
    method: "GET",
    path: "/availability",
    tags: ["booking"],
    description: "Dates are `YYYY-MM-DD` in the business's time zone; at most 62 days at a time.",
  },
  {
    op: op.quoteEvent,
    method: "POST",
    path: "/quote",
    tags: ["booking"],
    description:
      "A POST because the selection is a nested object; nothing is stored. Proteins are portions per menu item slug and must add up to guests × the package's proteins per guest.",
  },
  {
    op: op.suggestForSelection,
    method: "POST",
    path: "/suggestions",
    tags: ["booking"],
    description:
      "Up to two suggestions for the party as chosen so far, each the whole selection after accepting it, with a one-line reason and the change in the total. `sessionKey` is a random id the client makes once per visit and keeps: a share of sessions (the owner's hold-out, drawn by the server from the key with its secret) always gets an empty list; a client may start only so many sessions in a while (429). A party that can't be booked is a 400 with the quote's words. Every suggested item is safe for `profile` (allergens avoided, diets kept). Shown suggestions are logged.",
  },
  {
    op: op.recordSuggestionOutcome,
    method: "POST",
    path: "/suggestions/outcome",
    tags: ["booking"],
    description:
      "The customer accepted or declined a suggestion shown in the session (idempotent); a declined rule is not suggested again in it.",
  },
  {
    op: op.createBooking,
    method: "POST",
    path: "/bookings",
    tags: ["booking"],
    description:
      "Send a fresh `idempotencyKey` per booking (or an `Idempotency-Key` header): a retry with the same key returns the first booking (`replayed: true`), the same key with another request is a 422. The answer's `token` is the booking's manage token: keep it, it is the only way to manage the booking without signing in. A booking made online is held until confirmed (POST /bookings/{id}/confirm with the emailed link's token).",
    headerFields: { "Idempotency-Key": "idempotencyKey" },
  },
  {
    op: op.getBooking,
    method: "GET",
    path: "/bookings/{id}",
    tags: ["booking"],
    description: manageToken,
  },
  {
    op: op.getBookingCalendarEvent,
    method: "GET",
    path: "/bookings/{id}/calendar",
    tags: ["booking"],
    description: `${manageToken} The .ics text (save it as \`filename\` to add the party to any calendar app) and Google Calendar / Outlook links. The event has no secret link in it.`,
  },
  {
    op: op.confirmBooking,
    method: "POST",
    path: "/bookings/{id}/confirm",
    tags: ["booking"],
    description: `${manageToken} Confirming needs the token from the confirmation email (or the signed-in customer).`,
  },
  {
    op: op.rescheduleBooking,
    method: "POST",
    path: "/bookings/{id}/reschedule",
    tags: ["booking"],
    description: manageToken,
  },
  {
    op: op.findRescheduleTimes,
    method: "GET",
    path: "/bookings/{id}/reschedule-times",
    tags: ["booking"],
    description: `${manageToken} Dates are \`YYYY-MM-DD\` in the business's time zone, at most 62 days at a time; the booking's own time is not counted as busy.`,
  },
  {
    op: op.previewBookingChange,
    method: "POST",
    path: "/bookings/{id}/change-preview",
    tags: ["booking"],
    description: `${manageToken} Nothing is stored. Without \`selection\`: the change policy and the party as it is. With it: the new price, what changes and what it means for the money, and \`problem\` when the policy or the chefs' time refuse it. A POST because the selection is a nested object.`,
  },
  {
    op: op.changeBookingParty,
    method: "POST",
    path: "/bookings/{id}/change",
    tags: ["booking"],
    description: `${manageToken} \`expectedTotalCents\` is required: the new total the preview showed and the customer confirmed. Without it the change is a 400; a different price now is a 409 naming the new total, and nothing is written. The same change twice is a no-op (\`changed: false\`).`,
  },
  {
    op: op.cancelBooking,
    method: "POST",
    path: "/bookings/{id}/cancel",
    tags: ["booking"],
    description: manageToken,
  },
  {
    op: op.listMyBookings,
    method: "GET",
    path: "/me/bookings",
    tags: ["account"],
    description:
      "Signed in (session cookie). Pages of `first` bookings, newest event first; pass `endCursor` as `cursor` for the next page.",
  },
  {
    op: op.getMyLoyalty,
    method: "GET",
    path: "/me/loyalty",
    tags: ["account"],
    description:
      "Signed in (session cookie). Your loyalty tier (its discount in basis points and perks), completed bookings, points and how many bookings away the next tier is. Only your own: the bookings of your verified email.",
  },
  {
    op: op.exportMyData,
    method: "GET",
    path: "/me/data",
    tags: ["account"],
    description:
      "Signed in (session cookie). A copy of everything the business holds about you, as JSON: your account, bookings (once your email is confirmed), payments, refunds, chats and the emails we sent you (secret links removed).",
  },
  {
    op: op.getMyMessagePreferences,
    method: "GET",
    path: "/me/messages",
    tags: ["account"],
    description:
      "Signed in (session cookie), email confirmed. Whether we may send you offers by email, and texts to each phone number on your bookings, with when and where you last said yes or no.",
  },
  {
    op: op.getMyReferralCode,
    method: "GET",
    path: "/me/referral-code",
    tags: ["account"],
    description:
      "Signed in (session cookie), email confirmed. Your referral code to share (created the first time it is asked for), its percent, or why there is none yet.",
  },
  {
    op: op.listMyMessages,
    method: "GET",
    path: "/me/inbox",
    tags: ["account"],
    description:
      "Signed in (session cookie), email confirmed. Your messages from us (campaign messages shown on My bookings), newest first, with how many are unread.",
  },
  {
    op: op.markMyMessageRead,
    method: "POST",
    path: "/me/inbox/{id}/read",
    tags: ["account"],
    description:
      "Signed in (session cookie), email confirmed. Marks one of your messages read; another person's message is a 404.",
  },
  {
    op: op.setMyMessagePreference,
    method: "POST",
    path: "/me/messages",
    tags: ["account"],
    description:
      'Signed in (session cookie), email confirmed. `{"channel":"EMAIL","on":false}` stops our offers by email (as the unsubscribe link does); `{"channel":"SMS","phone":"(408) 555-0199","on":true}` allows texts to one of your numbers. Booking messages are not affected. Returns the preferences as they now are.',
  },
  {
    op: op.deleteMyAccount,
    method: "POST",
    path: "/me/delete",
    tags: ["account"],
    description:
      "Signed in (session cookie). Send your account's email as `confirmEmail`. Refused (412) while a booking is still to come; otherwise the account and its sessions are deleted and your bookings and payments are kept without your details.",
  },
];

/** The admin app's API (apps/admin, /api/v1): the owner's reads, by session or API key. */
export const adminRoutes: RestRoute[] = [
  {
    op: op.listBookingsForStaff,
    method: "GET",
    path: "/bookings",
    tags: ["bookings"],
    description:
      "Dates (`from`, `to`) are `YYYY-MM-DD` in the business's time zone; `search` matches the code, contact name, email or city.",
  },
  {
    op: op.createBookingForStaff,
    method: "POST",
    path: "/bookings",
    tags: ["bookings"],
    description:
      "Staff enter a booking taken by phone (signed-in staff session). The same checks as online (free time, prices, the ZIP's state); it is confirmed at once and the customer is emailed their booking with its link. Send a fresh `idempotencyKey` per booking (or an `Idempotency-Key` header): a retry returns the first booking (`replayed: true`).",
    headerFields: { "Idempotency-Key": "idempotencyKey" },
  },
  { op: op.getBookingForStaff, method: "GET", path: "/bookings/{id}", tags: ["bookings"] },
  {
    op: op.getPrepSheet,
    method: "GET",
    path: "/bookings/{id}/prep-sheet",
    tags: ["bookings"],
    description:
      "What the chef needs for one event. Times are instants; show them in `timeZone` (the business's).",
  },
  {
    op: op.getRunSheet,
    method: "GET",
    path: "/run-sheet",
    tags: ["bookings"],
    description:
      "`date` is `YYYY-MM-DD` in the business's time zone (today when left out); `chefId` narrows it to one chef. `totals` counts each event once, even when two chefs cook it.",
  },
  { op: op.listCustomers, method: "GET", path: "/customers", tags: ["customers"] },
  {
    op: op.listLoyaltyTiers,
    method: "GET",
    path: "/loyalty/tiers",
    tags: ["loyalty"],
    description:
      "The loyalty tiers, lowest first: the completed bookings each starts at, its discount (basis points: 1000 = 10 %), perks, and how many customers it holds as last recomputed.",
  },
  {
    op: op.getLoyaltyReport,
    method: "GET",
    path: "/loyalty/report",
    tags: ["loyalty"],
    description:
      "Customers and points per tier, the points outstanding, the tier discounts given per month (last 12, by the month each booking was made, in the business's time zone) and how many of each tier's customers booked again after their first completed event.",
  },
  {
    op: op.getRecommendationReport,
    method: "GET",
    path: "/recommendations/report",
    tags: ["recommendations"],
    description:
      "Each recommendation rule with its figures, and overall: sessions, bookings, conversion and average order value (cents) with suggestions (treatment) and without (the hold-out), the 95 % interval of each difference, accept rate and the revenue change of accepted suggestions.",
  },
  { op: op.getCustomer, method: "GET", path: "/customers/{id}", tags: ["customers"] },
  {
    op: op.getCostDashboard,
    method: "GET",
    path: "/costs",
    tags: ["costs"],
    description:
      "The AI cost dashboard: micro-dollars (US dollars × 1,000,000), this month against the budget.",
  },
];
