import { z } from "zod";
import { AppError } from "../../errors";
import { linkOfToken } from "../../booking/links";
import { loadBookingFor } from "../../booking/manage-booking";
import { receiptFor } from "../../payments/receipts";
import { idSchema, tokenSchema } from "../../schemas";
import { bookingReceiptReader } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";

/** One receipt (a payment or a refund) of a booking, for its printable page. */
export const getReceiptOp = defineOperation({
  name: "getReceipt",
  kind: "query",
  summary:
    "One receipt of a booking (a payment or a refund that went through), by the booking's secret link, the receipt email's read-only link, or as its signed-in customer.",
  input: z.object({ id: idSchema, token: tokenSchema, receiptId: idSchema }),
  output: z.object({
    id: z.string(),
    kind: z.enum(["payment", "refund"]),
    number: z.string(),
    title: z.string(),
    issuedAt: instant,
    method: z.string(),
    business: z.object({
      name: z.string(),
      phone: z.string(),
      email: z.string(),
      address: z.string(),
    }),
    booking: z.object({
      id: z.string(),
      code: z.string(),
      startsAt: instant,
      timeZone: z.string(),
      packageName: z.string(),
      guests: z.number().int(),
      contactName: z.string().nullable(),
      status: z.string(),
    }),
    lines: z.array(z.object({ label: z.string(), amountCents: cents })),
    totalCents: cents,
    account: z.object({
      bookingTotalCents: cents,
      paidTowardTotalCents: cents,
      tipCents: cents,
      refundedCents: cents,
      balanceDueCents: cents,
    }),
    /** The caller may open the booking itself (false for a receipt email's read-only link). */
    canOpenBooking: z.boolean(),
  }),
  access: bookingReceiptReader,
  async run(ctx, input, actor) {
    const b = await loadBookingFor(ctx.db, input.id, actor, ctx.now());
    const receipt = await receiptFor(ctx.db, b.id, input.receiptId);
    if (!receipt)
      throw new AppError(
        "NOT_FOUND",
        "We couldn't find that receipt for this booking. Open the booking to see its receipts.",
      );
    const canOpenBooking =
      actor.kind !== "token" || (await linkOfToken(ctx.db, actor.token))?.scope === "MANAGE";
    return { ...receipt, canOpenBooking };
  },
});
