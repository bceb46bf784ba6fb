// Staff: the customers, their booking history and the private notes staff keep on them.
import { z } from "zod";
import { customerDetail, listCustomers } from "../../admin/customers";
import { idSchema, searchSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";
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
