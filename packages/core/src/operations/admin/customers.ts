// Staff: the customers, their booking history and the private notes staff keep on them.
import { z } from "zod";
import { customerDetail, listCustomers } from "../../admin/customers";
import { idSchema, searchSchema } from "../../schemas";
import { staff } from "../access";
import { defineOperation } from "../define";

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
