// Staff: the customers, their booking history and the private notes staff keep on them.
import { z } from "zod";
import { customerDetail, listCustomers, setCustomerNotes } from "../../admin/customers";
import { idSchema, searchSchema } from "../../schemas";
import { adminAuthor, staff } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

export const listCustomersOp = defineOperation({
  name: "listCustomers",
  kind: "query",
  summary:
    "Customers, newest first (up to 100), with bookings, spend and last event; search by name, email or phone.",
  input: z.object({ search: searchSchema }),
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
