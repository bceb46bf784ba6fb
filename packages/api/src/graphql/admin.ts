// The admin app's GraphQL schema (/api/graphql on apps/admin). Every field that reads data calls
// an operation (run/runOnce -> runOperation), so who may read what is the operations' access
// rules: the staff reads (bookings, customers, chefs and their schedules) refuse customers and
// the signed-out; the cost dashboard is the owner's (`owner` rule: "Only the owner can do this."),
// and as a nullable field a staff member asking for it gets that error beside the rest of the data.
// Per field, staff see what the admin tRPC procedures give them today: customers' contact details
// and notes and booking totals (they run the bookings); money beyond a booking's price (AI costs)
// is the owner's.
//
// Nested fields never query per row: a Chef (wherever it appears: a booking's chefs, a schedule
// block) reads its profile from one `listChefs` call per request and its schedule from one
// `listChefSchedules` call per window (runOnce), so a list of N rows costs the same few SQL
// statements whatever N is (tests/integration/graphql-admin.int.test.ts counts them).
import {
  CUSTOMER_SORTS,
  CUSTOMERS_PAGE_SIZE,
  operations,
  type OperationOutput,
} from "@myhibachi/core";
import { createBuilder, run, runOnce, type GraphQLContext } from "./builder";
import { withoutNulls } from "./input";
import { bookingStatusType, bookingSummaryType, priceLineType } from "./types";

type Out<K extends keyof typeof operations> = OperationOutput<(typeof operations)[K]>;

export function buildAdminSchema() {
  const builder = createBuilder();
  const BookingStatus = bookingStatusType(builder);

  // ------------------------------------------------------------------------------------ chefs
  type ChefRow = Out<"listChefs">[number];
  type Schedules = Out<"listChefSchedules">;
  type Schedule = Schedules["chefs"][number];

  /** The chef's profile, from the one list of chefs this request reads. */
  const chefRow = async (ctx: GraphQLContext, id: string): Promise<ChefRow | undefined> =>
    (await runOnce(operations.listChefs, ctx)).find((c) => c.id === id);

  const WeeklyHours = builder
    .objectRef<{ weekday: number; startMinute: number; endMinute: number }>("WeeklyHours")
    .implement({
      description: "A shift on a day of the week (0 = Sunday), minutes after local midnight.",
      fields: (t) => ({
        weekday: t.exposeInt("weekday"),
        startMinute: t.exposeInt("startMinute"),
        endMinute: t.exposeInt("endMinute"),
      }),
    });
  const TimeOff = builder.objectRef<Schedule["timeOff"][number]>("TimeOff").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      startsAt: t.expose("startsAt", { type: "DateTime" }),
      endsAt: t.expose("endsAt", { type: "DateTime" }),
      reason: t.exposeString("reason", { nullable: true }),
    }),
  });
  const ServiceZone = builder.objectRef<{ id: string; name: string }>("ServiceZone").implement({
    fields: (t) => ({ id: t.exposeID("id"), name: t.exposeString("name") }),
  });

  /** A chef anywhere in the graph: only the id (and name) is carried, the rest is looked up. */
  const Chef = builder.objectRef<{ id: string; name: string }>("Chef");
  const ScheduleBlock = builder
    .objectRef<Schedule["blocks"][number] & { chefId: string }>("ScheduleBlock")
    .implement({
      description:
        "The time a live booking holds a chef: the event widened by travel before and cleanup after.",
      fields: (t) => ({
        blockStart: t.expose("blockStart", { type: "DateTime" }),
        blockEnd: t.expose("blockEnd", { type: "DateTime" }),
        bookingId: t.exposeID("bookingId"),
        code: t.exposeString("code"),
        status: t.expose("status", { type: BookingStatus }),
        startsAt: t.expose("startsAt", { type: "DateTime" }),
        endsAt: t.expose("endsAt", { type: "DateTime" }),
        chef: t.field({ type: Chef, resolve: (b) => ({ id: b.chefId, name: "" }) }),
      }),
    });
  const ChefSchedule = builder.objectRef<Schedule>("ChefSchedule").implement({
    fields: (t) => ({
      weeklyHours: t.expose("weeklyHours", { type: [WeeklyHours] }),
      timeOff: t.expose("timeOff", { type: [TimeOff] }),
      blocks: t.field({
        type: [ScheduleBlock],
        resolve: (s) => s.blocks.map((b) => ({ ...b, chefId: s.id })),
      }),
    }),
  });
  Chef.implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      name: t.string({
        resolve: async (c, _a, ctx) => c.name || ((await chefRow(ctx, c.id))?.name ?? ""),
      }),
      email: t.string({
        nullable: true,
        resolve: async (c, _a, ctx) => (await chefRow(ctx, c.id))?.email,
      }),
      phone: t.string({
        nullable: true,
        resolve: async (c, _a, ctx) => (await chefRow(ctx, c.id))?.phone,
      }),
      color: t.string({
        nullable: true,
        resolve: async (c, _a, ctx) => (await chefRow(ctx, c.id))?.color,
      }),
      active: t.boolean({
        resolve: async (c, _a, ctx) => (await chefRow(ctx, c.id))?.active ?? false,
      }),
      weeklyHours: t.field({
        type: [WeeklyHours],
        resolve: async (c, _a, ctx) => (await chefRow(ctx, c.id))?.workingHours ?? [],
      }),
      zones: t.field({
        type: [ServiceZone],
        resolve: async (c, _a, ctx) =>
          (await chefRow(ctx, c.id))?.serviceZones.map((z) => z.zone) ?? [],
      }),
      schedule: t.field({
        type: ChefSchedule,
        nullable: true,
        description:
          "Hours, time off and live booking blocks between two local dates (at most six weeks); null for an inactive chef.",
        args: { from: t.arg.string({ required: true }), to: t.arg.string({ required: true }) },
        resolve: async (c, args, ctx) =>
          (await runOnce(operations.listChefSchedules, ctx, args)).chefs.find((s) => s.id === c.id),
      }),
    }),
  });
  const ChefSchedules = builder.objectRef<Schedules>("ChefSchedules").implement({
    fields: (t) => ({
      timeZone: t.exposeString("timeZone"),
      from: t.exposeString("from"),
      to: t.exposeString("to"),
      chefs: t.field({
        type: [Chef],
        resolve: (s) => s.chefs.map((c) => ({ id: c.id, name: c.name })),
      }),
    }),
  });

  // --------------------------------------------------------------------------------- bookings
  type BookingRow = Out<"listBookingsForStaff">[number];
  const BookingRowRef = bookingSummaryType<BookingRow>(builder, "BookingRow", BookingStatus);
  builder.objectFields(BookingRowRef, (t) => ({
    contactName: t.exposeString("contactName", { nullable: true }),
    chefs: t.field({ type: [Chef], resolve: (b) => b.chefs.map((c) => c.chef) }),
  }));

  type Detail = Out<"getBookingForStaff">;
  const PriceLine = priceLineType(builder);
  const BookingEvent = builder.objectRef<Detail["events"][number]>("BookingEvent").implement({
    fields: (t) => ({
      type: t.exposeString("type"),
      actor: t.exposeString("actor"),
      createdAt: t.expose("createdAt", { type: "DateTime" }),
    }),
  });
  const CustomerContact = builder
    .objectRef<NonNullable<Detail["customer"]>>("CustomerContact")
    .implement({
      fields: (t) => ({
        id: t.exposeID("id"),
        name: t.exposeString("name"),
        email: t.exposeString("email"),
        phone: t.exposeString("phone", { nullable: true }),
        notes: t.exposeString("notes", { nullable: true }),
      }),
    });
  const ChefOption = builder.objectRef<Detail["chefOptions"][number]>("ChefOption").implement({
    description: "An active chef and why they couldn't take this booking (none: they could).",
    fields: (t) => ({
      chef: t.field({ type: Chef, resolve: (o) => ({ id: o.id, name: o.name }) }),
      problems: t.exposeStringList("problems"),
    }),
  });
  const BookingDetail = builder.objectRef<Detail>("BookingDetail").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      code: t.exposeString("code"),
      status: t.expose("status", { type: BookingStatus }),
      source: t.exposeString("source"),
      startsAt: t.expose("startsAt", { type: "DateTime" }),
      endsAt: t.expose("endsAt", { type: "DateTime" }),
      timeZone: t.exposeString("timeZone"),
      adults: t.exposeInt("adults"),
      children: t.exposeInt("children"),
      packageName: t.string({ resolve: (b) => b.package.name }),
      addressLine1: t.exposeString("addressLine1", { nullable: true }),
      addressLine2: t.exposeString("addressLine2", { nullable: true }),
      city: t.exposeString("city", { nullable: true }),
      state: t.exposeString("state", { nullable: true }),
      postalCode: t.exposeString("postalCode"),
      travelZoneName: t.exposeString("travelZoneName"),
      contactName: t.exposeString("contactName", { nullable: true }),
      contactEmail: t.exposeString("contactEmail", { nullable: true }),
      contactPhone: t.exposeString("contactPhone", { nullable: true }),
      notes: t.exposeString("notes", { nullable: true }),
      lines: t.expose("lines", { type: [PriceLine] }),
      subtotalCents: t.exposeInt("subtotalCents"),
      travelFeeCents: t.exposeInt("travelFeeCents"),
      taxCents: t.exposeInt("taxCents"),
      totalCents: t.exposeInt("totalCents"),
      depositCents: t.exposeInt("depositCents"),
      balanceCents: t.exposeInt("balanceCents"),
      refundCents: t.exposeInt("refundCents", { nullable: true }),
      holdExpiresAt: t.expose("holdExpiresAt", { type: "DateTime", nullable: true }),
      cancelledAt: t.expose("cancelledAt", { type: "DateTime", nullable: true }),
      cancelReason: t.exposeString("cancelReason", { nullable: true }),
      customer: t.expose("customer", { type: CustomerContact, nullable: true }),
      events: t.expose("events", { type: [BookingEvent] }),
      chefs: t.field({ type: [Chef], resolve: (b) => b.liveChefs }),
      chefOptions: t.expose("chefOptions", { type: [ChefOption] }),
    }),
  });

  // -------------------------------------------------------------------------------- customers
  type CustomerPageOut = Out<"listCustomers">;
  type CustomerSummaryOut = CustomerPageOut["customers"][number];
  type CustomerOut = Out<"getCustomer">;
  /** A customer's contact and money facts, as the list and the detail page both show them. */
  function customerType<C extends Omit<CustomerSummaryOut, "bookings">>(
    name: string,
    bookingCount: (c: C) => number,
  ) {
    return builder.objectRef<C>(name).implement({
      fields: (t) => ({
        id: t.id({ resolve: (c) => c.id }),
        name: t.string({ resolve: (c) => c.name }),
        email: t.string({ resolve: (c) => c.email }),
        phone: t.string({ nullable: true, resolve: (c) => c.phone }),
        notes: t.string({ nullable: true, resolve: (c) => c.notes }),
        createdAt: t.field({ type: "DateTime", resolve: (c) => c.createdAt }),
        bookingCount: t.int({
          description: "Pending, confirmed and completed bookings.",
          resolve: bookingCount,
        }),
        spentCents: t.int({
          description:
            "Money really received: payments towards the bookings (gratuity apart) less refunds.",
          resolve: (c) => c.spentCents,
        }),
        bookedCents: t.int({
          description: "Totals of the pending, confirmed and completed bookings, paid or not.",
          resolve: (c) => c.bookedCents,
        }),
        lastEventAt: t.field({
          type: "DateTime",
          nullable: true,
          description: "The latest confirmed or completed event that has already started.",
          resolve: (c) => c.lastEventAt,
        }),
        nextEventAt: t.field({
          type: "DateTime",
          nullable: true,
          description: "The soonest pending or confirmed event still to come.",
          resolve: (c) => c.nextEventAt,
        }),
      }),
    });
  }
  const CustomerSummary = customerType<CustomerSummaryOut>("CustomerSummary", (c) => c.bookings);
  const CustomerBooking = bookingSummaryType<CustomerOut["bookings"][number]>(
    builder,
    "CustomerBooking",
    BookingStatus,
  );
  builder.objectFields(CustomerBooking, (t) => ({
    paidCents: t.exposeInt("paidCents", {
      description: "Paid towards this booking's total (gratuity apart), net of refunds.",
    }),
  }));
  const CustomerSort = builder.enumType("CustomerSort", {
    values: CUSTOMER_SORTS,
    description:
      "recent: newest customer first (the default); spent: most money received first; nextEvent: soonest upcoming event first, customers without one last; name: A to Z.",
  });
  const CustomerPage = builder.objectRef<CustomerPageOut>("CustomerPage").implement({
    description: "One page of the customers list.",
    fields: (t) => ({
      customers: t.expose("customers", { type: [CustomerSummary] }),
      total: t.exposeInt("total", { description: "How many customers match, over every page." }),
      page: t.exposeInt("page", { description: "This page's number, from 1." }),
      pageSize: t.exposeInt("pageSize", { description: "Customers per page." }),
    }),
  });
  const Customer = customerType<CustomerOut>("Customer", (c) => c.bookingCount);
  builder.objectFields(Customer, (t) => ({
    bookings: t.expose("bookings", { type: [CustomerBooking] }),
  }));

  // ------------------------------------------------------------------------------------ costs
  type Costs = Out<"getCostDashboard">;
  const CostPeriod = builder.objectRef<Costs["periods"][number]>("CostPeriod").implement({
    fields: (t) => ({
      key: t.exposeString("key"),
      label: t.exposeString("label"),
      start: t.expose("start", { type: "DateTime" }),
      costMicros: t.exposeInt("costMicros"),
      savedMicros: t.exposeInt("savedMicros"),
      requests: t.exposeInt("requests"),
      errors: t.exposeInt("errors"),
      fallbacks: t.exposeInt("fallbacks"),
      previousSamePointMicros: t.exposeInt("previousSamePointMicros"),
      previousTotalMicros: t.exposeInt("previousTotalMicros"),
      budgetMicros: t.exposeInt("budgetMicros"),
    }),
  });
  const SpendCeiling = builder.objectRef<Costs["ceiling"]>("SpendCeiling").implement({
    fields: (t) => ({
      month: t.exposeString("month"),
      budgetMicros: t.exposeInt("budgetMicros"),
      spentMicros: t.exposeInt("spentMicros"),
      reached: t.exposeBoolean("reached"),
      reachedOn: t.exposeString("reachedOn", { nullable: true }),
      pausedReplies: t.exposeInt("pausedReplies", { nullable: true }),
    }),
  });
  const CostDashboard = builder.objectRef<Costs>("CostDashboard").implement({
    description: "AI spend (integer micro-dollars) by period, and this month against the budget.",
    fields: (t) => ({
      timeZone: t.exposeString("timeZone"),
      periods: t.expose("periods", { type: [CostPeriod] }),
      cacheHitRate: t.float({ nullable: true, resolve: (c) => c.cache.hitRate }),
      cacheSavedMicros: t.int({ resolve: (c) => c.cache.savedMicros }),
      ceiling: t.expose("ceiling", { type: SpendCeiling }),
    }),
  });

  const Staff = builder.objectRef<NonNullable<Out<"getAccount">>>("Account").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      name: t.exposeString("name"),
      email: t.exposeString("email"),
      role: t.exposeString("role"),
    }),
  });
  const BusinessToday = builder.objectRef<Out<"getBusinessToday">>("BusinessToday").implement({
    fields: (t) => ({
      date: t.exposeString("date", { description: "Today in the business's time zone." }),
      timeZone: t.exposeString("timeZone"),
    }),
  });

  // ------------------------------------------------------------------------------ root fields
  builder.queryType({
    fields: (t) => ({
      me: t.field({
        extensions: { operation: operations.getAccount.name },
        type: Staff,
        nullable: true,
        description: "The signed-in account, or null when signed out.",
        resolve: (_r, _a, ctx) => run(operations.getAccount, ctx),
      }),
      today: t.field({
        extensions: { operation: operations.getBusinessToday.name },
        type: BusinessToday,
        nullable: true,
        resolve: (_r, _a, ctx) => run(operations.getBusinessToday, ctx),
      }),
      bookings: t.field({
        extensions: { operation: operations.listBookingsForStaff.name },
        type: [BookingRowRef],
        nullable: true,
        description:
          "Bookings (up to 100) by status, local dates (from/to, 2026-05-01) and a search of code, contact name, email or city.",
        args: {
          status: t.arg({ type: BookingStatus }),
          from: t.arg.string(),
          to: t.arg.string(),
          search: t.arg.string(),
        },
        resolve: (_r, args, ctx) => run(operations.listBookingsForStaff, ctx, withoutNulls(args)),
      }),
      booking: t.field({
        extensions: { operation: operations.getBookingForStaff.name },
        type: BookingDetail,
        nullable: true,
        args: { id: t.arg.id({ required: true }) },
        resolve: (_r, args, ctx) => run(operations.getBookingForStaff, ctx, args),
      }),
      customers: t.field({
        extensions: { operation: operations.listCustomers.name },
        type: CustomerPage,
        nullable: true,
        description: `Customers matching a search (name, email or phone), ${CUSTOMERS_PAGE_SIZE} a page, with how many match.`,
        args: {
          search: t.arg.string(),
          page: t.arg.int({ description: "Which page, from 1." }),
          sort: t.arg({ type: CustomerSort }),
        },
        resolve: (_r, args, ctx) => run(operations.listCustomers, ctx, withoutNulls(args)),
      }),
      customer: t.field({
        extensions: { operation: operations.getCustomer.name },
        type: Customer,
        nullable: true,
        args: { id: t.arg.id({ required: true }) },
        resolve: (_r, args, ctx) => run(operations.getCustomer, ctx, args),
      }),
      chefs: t.field({
        extensions: { operation: operations.listChefs.name },
        type: [Chef],
        nullable: true,
        description: "Every chef, active first.",
        resolve: async (_r, _a, ctx) =>
          (await runOnce(operations.listChefs, ctx)).map((c) => ({ id: c.id, name: c.name })),
      }),
      chef: t.field({
        extensions: { operation: operations.getChef.name },
        type: Chef,
        nullable: true,
        args: { id: t.arg.id({ required: true }) },
        resolve: async (_r, args, ctx) => {
          const c = await run(operations.getChef, ctx, args);
          return { id: c.id, name: c.name };
        },
      }),
      chefSchedules: t.field({
        extensions: { operation: operations.listChefSchedules.name },
        type: ChefSchedules,
        nullable: true,
        description: "Active chefs' schedules between two local dates (at most six weeks).",
        args: { from: t.arg.string({ required: true }), to: t.arg.string({ required: true }) },
        resolve: (_r, args, ctx) => runOnce(operations.listChefSchedules, ctx, args),
      }),
      costs: t.field({
        extensions: { operation: operations.getCostDashboard.name },
        type: CostDashboard,
        nullable: true,
        description: "The owner's AI cost dashboard (owner only).",
        resolve: (_r, _a, ctx) => run(operations.getCostDashboard, ctx),
      }),
    }),
  });

  return builder.toSchema({ sortSchema: false });
}
