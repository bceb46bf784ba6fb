// Staff: the customers, their booking history and the private notes staff keep on them.
import { z } from "zod";
import { customerDetail, listCustomers, setCustomerNotes } from "../../admin/customers";
import { idSchema, searchSchema } from "../../schemas";
import { adminAuthor, staff } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";
import { bookingStatusSchema, cents, instant } from "../output-schemas";

const customerFields = {
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  /** Staff's private notes on the customer. */
  notes: z.string().nullable(),
  createdAt: instant,
  /** Confirmed, pending and completed bookings' totals. */
  spentCents: cents,
};

export const listCustomersOp = defineOperation({
  name: "listCustomers",
  kind: "query",
  summary:
    "Customers, newest first (up to 100), with bookings, spend and last event; search by name, email or phone.",
  input: z.object({ search: searchSchema }),
  output: z.array(
    z.object({
      ...customerFields,
      bookings: z.number().int(),
      lastEventAt: instant.nullable(),
    }),
  ),
  access: staff,
  run(ctx, input) {
    return listCustomers(ctx.db, input);
  },
});

export const getCustomerOp = defineOperation({
  name: "getCustomer",
  kind: "query",
  summary: "One customer with their bookings and what they have spent.",
  input: z.object({ id: idSchema }),
  output: z.object({
    ...customerFields,
    bookings: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        status: bookingStatusSchema,
        startsAt: instant,
        timeZone: z.string(),
        adults: z.number().int(),
        children: z.number().int(),
        totalCents: cents,
        city: z.string().nullable(),
      }),
    ),
  }),
  access: staff,
  run(ctx, input) {
    return customerDetail(ctx.db, input.id);
  },
});

export const setCustomerNotesOp = defineOperation({
  name: "setCustomerNotes",
  kind: "mutation",
  summary: "Replace the private notes staff keep on a customer (null clears them).",
  input: z.object({
    id: idSchema,
    notes: z.string().max(2000, "Keep notes under 2000 characters.").nullable(),
  }),
  access: staff,
  run(ctx, input, user) {
    return setCustomerNotes(
      ctx.db,
      { actor: adminAuthor(user), customerId: input.id, notes: input.notes },
      adminDeps(ctx),
    );
  },
});
