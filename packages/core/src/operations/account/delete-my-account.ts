import { z } from "zod";
import { deleteCustomerAccount } from "../../account/customer-data";
import { AppError } from "../../errors";
import { customerAccount } from "../access";
import { defineOperation } from "../define";

export const deleteMyAccountInput = z.object({
  /** The account's email address, typed by the person: the confirmation step. */
  confirmEmail: z
    .string({ error: "Type your email address to confirm." })
    .trim()
    .min(3, "Type your email address to confirm.")
    .max(320, "That is too long for an email address: type your account's email to confirm."),
});

/**
 * Deletes the signed-in customer's account for good: sign-in stops working and every session
 * ends; bookings and payments are kept for the books without the person's details. Refused
 * while a booking is still to come (cancel it first).
 */
export const deleteMyAccountOp = defineOperation({
  name: "deleteMyAccount",
  kind: "mutation",
  summary:
    "Deletes the signed-in customer's account; bookings and payments are kept, anonymised. Refused while a booking is still to come.",
  input: deleteMyAccountInput,
  output: z.object({
    deleted: z.literal(true),
    /** Bookings kept for the business's books, without your details. */
    bookingsKept: z.number().int(),
    paymentsKept: z.number().int(),
  }),
  access: customerAccount,
  async run(ctx, input, user) {
    if (input.confirmEmail.toLowerCase() !== user.email.toLowerCase())
      throw new AppError(
        "BAD_REQUEST",
        "That isn't the email address of this account. Type it exactly as shown to confirm.",
        { fields: { confirmEmail: "doesn't match the account's email" } },
      );
    const settings = await ctx.db.businessSettings.findUnique({
      where: { id: 1 },
      select: { phone: true },
    });
    const r = await deleteCustomerAccount(ctx.db, user, {
      now: ctx.now(),
      ...(settings ? { businessPhone: settings.phone } : {}),
    });
    return { deleted: true as const, ...r };
  },
});
