// Staff: the customers, their booking history and the private notes staff keep on them.
import { z } from "zod";
import {
  CUSTOMER_SORTS,
  CUSTOMERS_PAGE_SIZE,
  customerDetail,
  listCustomers,
  setCustomerNotes,
} from "../../admin/customers";
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
  /**
   * Money really received: payments that went through towards the customer's bookings (gratuity
   * apart), less refunds made or on their way. Never an unpaid booking's total.
   */
  spentCents: cents,
  /** The totals of the customer's pending, confirmed and completed bookings, paid or not. */
  bookedCents: cents,
  /** The latest confirmed or completed event that has already started; never a future one. */
  lastEventAt: instant.nullable(),
  /** The soonest pending or confirmed event still to come. */
  nextEventAt: instant.nullable(),
};

export const listCustomersOp = defineOperation({
  name: "listCustomers",
  kind: "query",
  summary: `Customers, a page of ${CUSTOMERS_PAGE_SIZE} at a time, with bookings, money paid (net of refunds), last and next event, and how many match; search by name, email or phone; sort newest first (default), by money paid, by next event or by name.`,
  input: z.object({
    search: searchSchema,
    /** Which page of the list, from 1. */
    page: z
      .number()
      .int("Pages are whole numbers.")
      .min(1, "Pages start at 1.")
      .max(100_000, "There aren't that many pages.")
      .optional()
      .meta({ description: "Which page of the list, from 1 (the default)." }),
    /**
     * recent: newest customer first (the default); spent: most money received first; nextEvent:
     * soonest upcoming event first, customers without one last; name: A to Z.
     */
    sort: z.enum(CUSTOMER_SORTS).optional().meta({
      description:
        "recent: newest customer first (the default); spent: most money received first; nextEvent: soonest upcoming event first, customers without one last; name: A to Z.",
    }),
  }),
  output: z.object({
    /** This page of customers. */
    customers: z.array(
      z.object({
        ...customerFields,
        /** Pending, confirmed and completed bookings. */
        bookings: z.number().int(),
      }),
    ),
    /** How many customers match the search, over every page. */
    total: z.number().int().meta({ description: "How many customers match, over every page." }),
    /** This page's number, from 1. */
    page: z.number().int(),
    /** Customers per page. */
    pageSize: z.number().int(),
  }),
  access: staff,
  reads: "replica",
  run(ctx, input) {
    return listCustomers(ctx.db, input, ctx.now());
  },
});

export const getCustomerOp = defineOperation({
  name: "getCustomer",
  kind: "query",
  summary:
    "One customer with their bookings, what they have paid (net of refunds), and their last and next event.",
  input: z.object({ id: idSchema }),
  output: z.object({
    ...customerFields,
    /** Pending, confirmed and completed bookings. */
    bookingCount: z.number().int(),
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
        /** Paid towards this booking's total (gratuity apart), net of refunds. */
        paidCents: cents,
        city: z.string().nullable(),
      }),
    ),
  }),
  access: staff,
  run(ctx, input) {
    return customerDetail(ctx.db, input.id, ctx.now());
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
