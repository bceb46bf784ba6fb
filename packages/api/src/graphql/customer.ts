// The customer site's GraphQL schema (/api/graphql on apps/customer). Every root field is one
// operation from the registry, called through `run` (runOperation): the operation's schema
// validates the arguments and its access rule decides who may call it. Resolvers only reshape
// (GraphQL lists to the records the operations take, the Relay connection around the page).
import { operations, type OperationOutput } from "@myhibachi/core";
import { createBuilder, countsBySlug, run, type GraphQLContext } from "./builder";
import { withoutNulls } from "./input";
import { bookingStatusType, bookingSummaryType, priceLineType } from "./types";

type Out<K extends keyof typeof operations> = OperationOutput<(typeof operations)[K]>;
type MenuOut = Out<"getMenu">;
type BookingPageOut = Out<"getBooking">;
type MyBookingsOut = Out<"listMyBookings">;

export function buildCustomerSchema() {
  const builder = createBuilder();

  const BookingStatus = bookingStatusType(builder);

  // ------------------------------------------------------------------------------------ menu
  const MenuPackage = builder.objectRef<MenuOut["packages"][number]>("MenuPackage").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      slug: t.exposeString("slug"),
      name: t.exposeString("name"),
      description: t.exposeString("description"),
      adultPriceCents: t.exposeInt("adultPriceCents"),
      childPriceCents: t.exposeInt("childPriceCents"),
      proteinsPerGuest: t.exposeInt("proteinsPerGuest"),
      includes: t.exposeStringList("includes"),
      allergens: t.exposeStringList("allergens", {
        description: "Every allergen the package's own included dishes (rice, sauces) contain.",
      }),
      contains: t.exposeStringList("contains", {
        description: "Ingredient slugs of the package's own included dishes.",
      }),
    }),
  });
  const MenuItem = builder.objectRef<MenuOut["items"][number]>("MenuItem").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      slug: t.exposeString("slug"),
      name: t.exposeString("name"),
      description: t.exposeString("description"),
      kind: t.exposeString("kind", { description: "PROTEIN, UPGRADE, APPETIZER, ADDON or SIDE" }),
      pricing: t.exposeString("pricing", { description: "PER_PERSON or FLAT" }),
      priceCents: t.exposeInt("priceCents"),
      servesGuests: t.exposeInt("servesGuests", {
        nullable: true,
        description:
          "A FLAT item: how many guests one order is for (a party can have enough orders to cover its guests); null: one order is for the whole party.",
      }),
      allergens: t.exposeStringList("allergens", {
        description:
          "Every allergen it contains: those the owner ticked, then those its ingredients imply.",
      }),
      contains: t.exposeStringList("contains", {
        description: "Ingredient slugs (soy-sauce, butter, ...); each implies allergens.",
      }),
      dietaryTags: t.exposeStringList("dietaryTags"),
      seasonalTags: t.exposeStringList("seasonalTags"),
    }),
  });
  const TravelZone = builder.objectRef<MenuOut["zones"][number]>("TravelZone").implement({
    fields: (t) => ({
      name: t.exposeString("name"),
      maxMiles: t.exposeFloat("maxMiles"),
      feeCents: t.exposeInt("feeCents"),
    }),
  });
  const Business = builder.objectRef<MenuOut["business"]>("Business").implement({
    fields: (t) => ({
      name: t.exposeString("name"),
      phone: t.exposeString("phone"),
      email: t.exposeString("email"),
      baseAddress: t.exposeString("baseAddress"),
      timeZone: t.exposeString("timeZone"),
      slotStartMinutes: t.exposeIntList("slotStartMinutes"),
      minGuests: t.exposeInt("minGuests"),
      maxGuests: t.exposeInt("maxGuests"),
      minNoticeHours: t.exposeInt("minNoticeHours"),
      bookingWindowDays: t.exposeInt("bookingWindowDays"),
      partyMinimumCents: t.exposeInt("partyMinimumCents"),
      depositCents: t.exposeInt("depositCents"),
      taxRateBps: t.exposeInt("taxRateBps"),
      suggestedGratuityBps: t.exposeInt("suggestedGratuityBps"),
      freeCancellationHours: t.exposeInt("freeCancellationHours"),
      rescheduleCutoffHours: t.exposeInt("rescheduleCutoffHours"),
      eventDurationMinutes: t.exposeInt("eventDurationMinutes"),
    }),
  });
  const Menu = builder.objectRef<MenuOut>("Menu").implement({
    fields: (t) => ({
      packages: t.expose("packages", { type: [MenuPackage] }),
      items: t.expose("items", { type: [MenuItem] }),
      zones: t.expose("zones", { type: [TravelZone] }),
      business: t.expose("business", { type: Business }),
    }),
  });

  // ---------------------------------------------------------------------- availability, quote
  type AvailabilityOut = Out<"findAvailability">;
  const Slot = builder.objectRef<AvailabilityOut["slots"][number]>("Slot").implement({
    fields: (t) => ({
      date: t.exposeString("date", { description: "The local date, 2026-05-01." }),
      startMinute: t.exposeInt("startMinute", { description: "Minutes after local midnight." }),
      label: t.exposeString("label"),
      startsAt: t.expose("startsAt", { type: "DateTime" }),
      endsAt: t.expose("endsAt", { type: "DateTime" }),
      chefsNeeded: t.exposeInt("chefsNeeded"),
    }),
  });
  const ServiceZone = builder.objectRef<AvailabilityOut["zone"]>("ServiceZone").implement({
    fields: (t) => ({
      name: t.exposeString("name"),
      feeCents: t.exposeInt("feeCents"),
      distanceMiles: t.exposeFloat("distanceMiles"),
    }),
  });
  const Availability = builder.objectRef<AvailabilityOut>("Availability").implement({
    fields: (t) => ({
      asOf: t.expose("asOf", {
        type: "DateTime",
        description:
          "When these free times were read: send it as createBooking's seenAt, and a time taken since is refused as just booked.",
      }),
      lastDate: t.exposeString("lastDate", { description: "The last bookable date now." }),
      firstFreeDate: t.exposeString("firstFreeDate", {
        nullable: true,
        description:
          "The first date from `from` up to lastDate with a free time (found past `to` when the range has none); null: nothing free in the booking window.",
      }),
      timeZone: t.exposeString("timeZone"),
      zone: t.expose("zone", { type: ServiceZone }),
      slots: t.expose("slots", { type: [Slot] }),
    }),
  });

  type QuoteOut = Out<"quoteEvent">;
  const PriceLine = priceLineType(builder);
  const QuotePoints = builder.objectRef<NonNullable<QuoteOut["points"]>>("QuotePoints").implement({
    description: "A signed-in customer's loyalty points, for this quote.",
    fields: (t) => ({
      balance: t.exposeInt("balance", { description: "Points now (the ledger's sum)." }),
      maxRedeemable: t.exposeInt("maxRedeemable", {
        description:
          "The most points this party can use: whole dollars of the food after other discounts, at most the balance.",
      }),
      pointsPerDollar: t.exposeInt("pointsPerDollar"),
    }),
  });
  const Quote = builder.objectRef<QuoteOut>("Quote").implement({
    fields: (t) => ({
      lines: t.expose("lines", { type: [PriceLine] }),
      subtotalCents: t.exposeInt("subtotalCents"),
      travelFeeCents: t.exposeInt("travelFeeCents"),
      taxCents: t.exposeInt("taxCents"),
      totalCents: t.exposeInt("totalCents"),
      depositCents: t.exposeInt("depositCents"),
      balanceCents: t.exposeInt("balanceCents"),
      suggestedGratuityCents: t.exposeInt("suggestedGratuityCents"),
      guests: t.exposeInt("guests"),
      proteinPortions: t.exposeInt("proteinPortions"),
      zoneName: t.string({ resolve: (q) => q.zone.name }),
      distanceMiles: t.float({ resolve: (q) => q.zone.distanceMiles }),
      points: t.field({
        type: QuotePoints,
        nullable: true,
        description: "Your points (signed in); null for visitors.",
        resolve: (q) => q.points,
      }),
    }),
  });

  const PortionInput = builder.inputType("PortionInput", {
    fields: (t) => ({
      slug: t.string({ required: true }),
      count: t.int({ required: true, description: "Portions of a protein, servings or units." }),
    }),
  });
  const SelectionInput = builder.inputType("SelectionInput", {
    fields: (t) => ({
      packageSlug: t.string({ required: true }),
      adults: t.int({ required: true }),
      children: t.int(),
      proteins: t.field({ type: [PortionInput], required: true }),
      extras: t.field({ type: [PortionInput] }),
    }),
  });
  const QuoteInput = builder.inputType("QuoteInput", {
    fields: (t) => ({
      selection: t.field({ type: SelectionInput, required: true }),
      postalCode: t.string({ required: true }),
      offerCode: t.string({ description: "A single-use offer code from one of our emails." }),
      redeemPoints: t.int({
        description: "Loyalty points to use (signed in): 100 points = $1 off the food.",
      }),
      contactEmail: t.string({
        description:
          "The booking's contact email, once known: the offer code is checked for it as the booking will check it.",
      }),
    }),
  });
  const AddressInput = builder.inputType("AddressInput", {
    fields: (t) => ({
      line1: t.string({ required: true }),
      line2: t.string(),
      city: t.string({ required: true }),
      state: t.string({ required: true }),
      postalCode: t.string({ required: true }),
    }),
  });
  const ContactInput = builder.inputType("ContactInput", {
    fields: (t) => ({
      name: t.string({ required: true }),
      email: t.string({ required: true }),
      phone: t.string({ required: true }),
    }),
  });
  const DietaryNeedInput = builder.inputType("DietaryNeedInput", {
    fields: (t) => ({
      value: t.string({
        required: true,
        description:
          "An allergen to avoid (milk, egg, fish, shellfish, tree nuts, peanuts, wheat, soy, sesame) or a diet kept (vegetarian, vegan, pescatarian, halal, gluten-free, dairy-free).",
      }),
      guests: t.int({ description: "How many guests; absent: not said (the chef asks)." }),
    }),
  });
  const DietaryProfileInput = builder.inputType("DietaryProfileInput", {
    description:
      "A party's dietary profile: allergens some guests avoid, diets some keep, soft likes (spicy, mild, light, hearty, seafood).",
    fields: (t) => ({
      avoid: t.field({ type: [DietaryNeedInput] }),
      diets: t.field({ type: [DietaryNeedInput] }),
      likes: t.stringList(),
    }),
  });
  const CreateBookingInput = builder.inputType("CreateBookingInput", {
    fields: (t) => ({
      idempotencyKey: t.string({
        required: true,
        description: "A fresh random key per booking: a retry with it returns the first booking.",
      }),
      date: t.string({ required: true, description: "The local date, 2026-05-01." }),
      startMinute: t.int({ required: true }),
      selection: t.field({ type: SelectionInput, required: true }),
      address: t.field({ type: AddressInput, required: true }),
      contact: t.field({ type: ContactInput, required: true }),
      notes: t.string(),
      allergies: t.string({ description: "Allergies and dietary needs, in the customer's words." }),
      dietaryProfile: t.field({
        type: DietaryProfileInput,
        description:
          "Who avoids what, the diets kept, likes: shown to staff; a count above the party is refused.",
      }),
      seenAt: t.string({
        description:
          "When the free times shown were loaded (Availability.asOf), ISO 8601: a refused time then says whether it was taken since.",
      }),
      offerCode: t.string({
        description: "A single-use offer code from one of our emails: redeemed by this booking.",
      }),
      redeemPoints: t.int({
        description:
          "Loyalty points to use (signed in, your own email): 100 points = $1 off the food; 409 when they were just spent.",
      }),
      smsConsent: t.boolean({
        description:
          "The customer agrees to texts about the booking and offers (reply STOP to opt out): SMS consent for the contact phone.",
      }),
    }),
  });

  /** The GraphQL selection as the operations' `selection` (portion lists become records). */
  const selectionOf = (s: {
    packageSlug: string;
    adults: number;
    children?: number | null;
    proteins: { slug: string; count: number }[];
    extras?: { slug: string; count: number }[] | null;
  }) => ({
    ...s,
    proteins: countsBySlug("selection.proteins", s.proteins),
    extras: countsBySlug("selection.extras", s.extras),
  });

  // ---------------------------------------------------------------------------------- booking
  type BookingOut = BookingPageOut["booking"];
  const Address = builder.objectRef<BookingOut["address"]>("Address").implement({
    fields: (t) => ({
      line1: t.exposeString("line1", { nullable: true }),
      line2: t.exposeString("line2", { nullable: true }),
      city: t.exposeString("city", { nullable: true }),
      state: t.exposeString("state", { nullable: true }),
      postalCode: t.exposeString("postalCode"),
    }),
  });
  const Contact = builder.objectRef<BookingOut["contact"]>("Contact").implement({
    fields: (t) => ({
      name: t.exposeString("name", { nullable: true }),
      email: t.exposeString("email", { nullable: true }),
      phone: t.exposeString("phone", { nullable: true }),
    }),
  });
  type KitchenOut = BookingOut["kitchenOrder"];
  const KitchenProtein = builder
    .objectRef<KitchenOut["proteins"][number]>("KitchenProtein")
    .implement({
      fields: (t) => ({
        slug: t.exposeString("slug"),
        name: t.exposeString("name"),
        count: t.exposeInt("count", { description: "Portions." }),
        upgrade: t.exposeBoolean("upgrade"),
      }),
    });
  const KitchenExtra = builder.objectRef<KitchenOut["extras"][number]>("KitchenExtra").implement({
    fields: (t) => ({
      slug: t.exposeString("slug"),
      name: t.exposeString("name"),
      count: t.exposeInt("count"),
      unit: t.exposeString("unit", { description: "serving (per person) or order (flat)." }),
    }),
  });
  const KitchenOrder = builder.objectRef<KitchenOut>("KitchenOrder").implement({
    description: "What the chef cooks: proteins per type, extras, allergies and notes.",
    fields: (t) => ({
      packageName: t.exposeString("packageName"),
      adults: t.exposeInt("adults"),
      children: t.exposeInt("children"),
      proteins: t.expose("proteins", { type: [KitchenProtein] }),
      extras: t.expose("extras", { type: [KitchenExtra] }),
      allergies: t.exposeString("allergies", { nullable: true }),
      dietaryNeeds: t.exposeString("dietaryNeeds", {
        nullable: true,
        description:
          'The party\'s dietary profile in one line: "2 guests avoid shellfish · 1 vegetarian".',
      }),
      warnings: t.exposeStringList("warnings", {
        description:
          'One line per ordered dish the party\'s own dietary profile rules out for some guests: "⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid shellfish".',
      }),
      notes: t.exposeString("notes", { nullable: true }),
    }),
  });
  const Booking = builder.objectRef<BookingOut>("Booking").implement({
    description:
      "A booking as its holder sees it. Through a link, a cancelled or expired booking shows only a summary (readOnly): no address line, contact or notes.",
    fields: (t) => ({
      id: t.exposeID("id"),
      code: t.exposeString("code"),
      status: t.expose("status", { type: BookingStatus }),
      startsAt: t.expose("startsAt", { type: "DateTime" }),
      endsAt: t.expose("endsAt", { type: "DateTime" }),
      timeZone: t.exposeString("timeZone"),
      adults: t.exposeInt("adults"),
      children: t.exposeInt("children"),
      packageName: t.exposeString("packageName"),
      address: t.expose("address", { type: Address }),
      contact: t.expose("contact", { type: Contact }),
      notes: t.exposeString("notes", { nullable: true }),
      allergies: t.exposeString("allergies", { nullable: true }),
      kitchenOrder: t.expose("kitchenOrder", { type: KitchenOrder }),
      lines: t.expose("lines", { type: [PriceLine] }),
      subtotalCents: t.exposeInt("subtotalCents"),
      travelFeeCents: t.exposeInt("travelFeeCents"),
      taxCents: t.exposeInt("taxCents"),
      totalCents: t.exposeInt("totalCents"),
      depositCents: t.exposeInt("depositCents"),
      balanceCents: t.exposeInt("balanceCents"),
      holdExpiresAt: t.expose("holdExpiresAt", { type: "DateTime", nullable: true }),
      cancelledAt: t.expose("cancelledAt", { type: "DateTime", nullable: true }),
      cancelReason: t.exposeString("cancelReason", { nullable: true }),
      refundCents: t.exposeInt("refundCents", { nullable: true }),
      chefs: t.exposeStringList("chefs", { description: "First names of the assigned chefs." }),
      createdAt: t.expose("createdAt", { type: "DateTime" }),
      readOnly: t.exposeBoolean("readOnly"),
    }),
  });
  const CancellationTerms = builder
    .objectRef<BookingPageOut["cancellation"]>("CancellationTerms")
    .implement({
      fields: (t) => ({
        allowed: t.exposeBoolean("allowed"),
        reason: t.exposeString("reason", { nullable: true }),
        refundCents: t.exposeInt("refundCents"),
        policy: t.exposeString("policy"),
      }),
    });
  const BookingPage = builder.objectRef<BookingPageOut>("BookingPage").implement({
    description: "One booking with what its holder may do with it now.",
    fields: (t) => ({
      booking: t.expose("booking", { type: Booking }),
      cancellation: t.expose("cancellation", { type: CancellationTerms }),
      canReschedule: t.exposeBoolean("canReschedule"),
      rescheduleCutoffHours: t.exposeInt("rescheduleCutoffHours"),
      awaitingConfirmation: t.exposeBoolean("awaitingConfirmation"),
      linkExpiresAt: t.expose("linkExpiresAt", { type: "DateTime", nullable: true }),
      canConfirmHere: t.exposeBoolean("canConfirmHere"),
    }),
  });

  const Account = builder.objectRef<NonNullable<Out<"getAccount">>>("Account").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      name: t.exposeString("name"),
      email: t.exposeString("email"),
      role: t.exposeString("role"),
      emailVerified: t.exposeBoolean("emailVerified", {
        description: "Bookings are listed only once the account has confirmed its email.",
      }),
    }),
  });

  // ------------------------------------------------------------------- Loyalty
  type MyLoyaltyOut = Out<"getMyLoyalty">;
  const LoyaltyPerk = builder
    .objectRef<NonNullable<MyLoyaltyOut["tier"]>["perks"][number]>("LoyaltyPerk")
    .implement({
      fields: (t) => ({
        code: t.exposeString("code"),
        label: t.exposeString("label"),
        inQuote: t.exposeBoolean("inQuote", {
          description: "Priced at zero as a line of the quote (part of the meal).",
        }),
      }),
    });
  const LoyaltyTier = builder
    .objectRef<NonNullable<MyLoyaltyOut["tier"]>>("LoyaltyTier")
    .implement({
      fields: (t) => ({
        name: t.exposeString("name"),
        discountBps: t.exposeInt("discountBps", {
          description: "Off the food of a booking, in basis points (1000 = 10 %).",
        }),
        perks: t.expose("perks", { type: [LoyaltyPerk] }),
        extraWindowDays: t.exposeInt("extraWindowDays", {
          description: "Days beyond the business's booking window its members may book.",
        }),
      }),
    });
  const LoyaltyProgress = builder.objectRef<MyLoyaltyOut["progress"]>("LoyaltyProgress").implement({
    fields: (t) => ({
      nextTier: t.exposeString("nextTier", { nullable: true }),
      bookingsToNext: t.exposeInt("bookingsToNext", { nullable: true }),
      sentence: t.exposeString("sentence", {
        description: '"2 bookings away from Silver".',
      }),
    }),
  });
  const MyLoyalty = builder.objectRef<MyLoyaltyOut>("MyLoyalty").implement({
    fields: (t) => ({
      tier: t.expose("tier", { type: LoyaltyTier, nullable: true }),
      completedBookings: t.exposeInt("completedBookings"),
      lifetimeValueCents: t.exposeInt("lifetimeValueCents"),
      points: t.exposeInt("points"),
      progress: t.expose("progress", { type: LoyaltyProgress }),
      bookingWindowDays: t.exposeInt("bookingWindowDays", {
        description: "How many days ahead you may book: the business's window plus your tier's.",
      }),
      note: t.exposeString("note", { nullable: true }),
    }),
  });

  // ------------------------------------------------------------------- My bookings (Relay)
  type MyBooking = MyBookingsOut["bookings"][number];
  const MyBookingRef = bookingSummaryType<MyBooking>(builder, "MyBooking", BookingStatus);
  builder.objectFields(MyBookingRef, (t) => ({
    endsAt: t.field({ type: "DateTime", resolve: (b) => b.endsAt }),
    depositOnline: t.boolean({
      description:
        "The deposit is paid online (Stripe); otherwise everything is paid at the event. Decides the words for a held booking (@myhibachi/shared bookingStatusWords).",
      resolve: (b) => b.paymentMode === "STRIPE",
    }),
    guests: t.exposeInt("guests"),
    packageName: t.exposeString("packageName"),
    moneyHeadline: t.exposeString("moneyHeadline", {
      description: "Where the booking's money stands, in one sentence (what was really paid).",
    }),
  }));
  const BookingEdge = builder.objectRef<MyBooking>("BookingEdge").implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      node: t.field({ type: MyBookingRef, resolve: (b) => b }),
    }),
  });
  const PageInfo = builder
    .objectRef<{ hasNextPage: boolean; endCursor: string | null }>("PageInfo")
    .implement({
      fields: (t) => ({
        hasNextPage: t.exposeBoolean("hasNextPage"),
        endCursor: t.exposeString("endCursor", { nullable: true }),
      }),
    });
  const BookingConnection = builder.objectRef<MyBookingsOut>("BookingConnection").implement({
    description: "The signed-in customer's bookings, newest event first (keyset pages).",
    fields: (t) => ({
      edges: t.field({ type: [BookingEdge], resolve: (page) => page.bookings }),
      pageInfo: t.field({
        type: PageInfo,
        resolve: (page) => ({ hasNextPage: page.hasNextPage, endCursor: page.endCursor }),
      }),
    }),
  });

  // ------------------------------------------------------------------------------- mutations
  const BookingCreated = builder.objectRef<Out<"createBooking">>("BookingCreated").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      code: t.exposeString("code"),
      token: t.exposeString("token", {
        description:
          "The booking's secret link token (for its page; confirming needs the emailed link).",
      }),
      status: t.exposeString("status"),
      holdExpiresAt: t.expose("holdExpiresAt", { type: "DateTime", nullable: true }),
      totalCents: t.exposeInt("totalCents"),
      replayed: t.exposeBoolean("replayed", {
        description: "True when this idempotency key had already booked: the first booking.",
      }),
    }),
  });
  const BookingCancelled = builder.objectRef<Out<"cancelBooking">>("BookingCancelled").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      status: t.expose("status", { type: BookingStatus }),
      refundCents: t.exposeInt("refundCents", { nullable: true }),
    }),
  });
  const BookingRescheduled = builder
    .objectRef<Out<"rescheduleBooking">>("BookingRescheduled")
    .implement({
      fields: (t) => ({
        id: t.exposeID("id"),
        status: t.expose("status", { type: BookingStatus }),
        startsAt: t.expose("startsAt", { type: "DateTime" }),
      }),
    });
  const BookingConfirmed = builder.objectRef<Out<"confirmBooking">>("BookingConfirmed").implement({
    fields: (t) => ({
      id: t.exposeID("id"),
      status: t.expose("status", { type: BookingStatus }),
    }),
  });

  // ------------------------------------------------- moving a booking, changing its party
  type RescheduleOut = Out<"findRescheduleTimes">;
  const RescheduleSlot = builder
    .objectRef<RescheduleOut["slots"][number]>("RescheduleSlot")
    .implement({
      description: "A time the booking can move to, and what moving there means.",
      fields: (t) => ({
        date: t.exposeString("date", { description: "The local date, 2026-05-01." }),
        startMinute: t.exposeInt("startMinute", { description: "Minutes after local midnight." }),
        label: t.exposeString("label"),
        startsAt: t.expose("startsAt", { type: "DateTime" }),
        endsAt: t.expose("endsAt", { type: "DateTime" }),
        current: t.exposeBoolean("current", { description: "The booking's own time now." }),
        sameChef: t.exposeBoolean("sameChef", {
          description: "The chef cooking now is free then too.",
        }),
        movableUntil: t.expose("movableUntil", { type: "DateTime" }),
        depositTerms: t.exposeString("depositTerms", { nullable: true }),
      }),
    });
  const RescheduleTimes = builder.objectRef<RescheduleOut>("RescheduleTimes").implement({
    fields: (t) => ({
      timeZone: t.exposeString("timeZone"),
      startsAt: t.field({ type: "DateTime", resolve: (r) => r.current.startsAt }),
      guests: t.exposeInt("guests"),
      totalCents: t.exposeInt("totalCents"),
      notes: t.exposeStringList("notes"),
      slots: t.expose("slots", { type: [RescheduleSlot] }),
      asOf: t.expose("asOf", {
        type: "DateTime",
        description: "When these free times were read: send it as rescheduleBooking's seenAt.",
      }),
      lastDate: t.exposeString("lastDate", {
        description: "The last date the booking may move to now.",
      }),
      firstFreeDate: t.exposeString("firstFreeDate", {
        nullable: true,
        description:
          "The first date from `from` up to lastDate the booking can move to (found past `to` when the range has none); null: none.",
      }),
    }),
  });

  type PreviewOut = Out<"previewBookingChange">;
  type PlanOut = NonNullable<PreviewOut["plan"]>;
  const ChangeLine = builder.objectRef<PlanOut["changes"][number]>("ChangeLine").implement({
    fields: (t) => ({
      what: t.exposeString("what"),
      from: t.exposeString("from"),
      to: t.exposeString("to"),
    }),
  });
  const ChangeMoney = builder.objectRef<PlanOut["money"]>("ChangeMoney").implement({
    fields: (t) => ({
      oldTotalCents: t.exposeInt("oldTotalCents"),
      newTotalCents: t.exposeInt("newTotalCents"),
      differenceCents: t.exposeInt("differenceCents"),
      depositCents: t.exposeInt("depositCents"),
      paidCents: t.exposeInt("paidCents"),
      balanceDueBeforeCents: t.exposeInt("balanceDueBeforeCents"),
      balanceDueAfterCents: t.exposeInt("balanceDueAfterCents"),
      refundCents: t.exposeInt("refundCents"),
      sentence: t.exposeString("sentence"),
    }),
  });
  const ChangePlan = builder.objectRef<PlanOut>("ChangePlan").implement({
    fields: (t) => ({
      changed: t.exposeBoolean("changed"),
      changes: t.expose("changes", { type: [ChangeLine] }),
      lines: t.field({ type: [PriceLine], resolve: (p) => p.quote.lines }),
      totalCents: t.int({ resolve: (p) => p.quote.totalCents }),
      money: t.expose("money", { type: ChangeMoney }),
      problem: t.string({
        nullable: true,
        description: "Why the change can't be made as asked (policy, or the chefs' time).",
        resolve: (p) => p.problem?.message ?? null,
      }),
      endsAt: t.expose("endsAt", { type: "DateTime" }),
      chefsNeeded: t.exposeInt("chefsNeeded"),
    }),
  });
  const ChangePreview = builder.objectRef<PreviewOut>("BookingChangePreview").implement({
    fields: (t) => ({
      open: t.boolean({ resolve: (p) => p.window.open }),
      reason: t.string({ nullable: true, resolve: (p) => p.window.reason }),
      canLowerGuests: t.boolean({ resolve: (p) => p.window.canLowerGuests }),
      closesAt: t.field({ type: "DateTime", resolve: (p) => p.window.closesAt }),
      finalCountAt: t.field({ type: "DateTime", resolve: (p) => p.window.finalCountAt }),
      policy: t.string({ resolve: (p) => p.window.policy }),
      plan: t.expose("plan", { type: ChangePlan, nullable: true }),
    }),
  });
  const BookingChanged = builder
    .objectRef<Out<"changeBookingParty">>("BookingPartyChanged")
    .implement({
      fields: (t) => ({
        id: t.exposeID("id"),
        status: t.expose("status", { type: BookingStatus }),
        changed: t.exposeBoolean("changed"),
        changes: t.expose("changes", { type: [ChangeLine] }),
        totalCents: t.exposeInt("totalCents"),
        refundCents: t.exposeInt("refundCents"),
        money: t.exposeString("money"),
      }),
    });
  /** The GraphQL change arguments as the operations take them (no package: no selection). */
  const changeOf = (args: {
    id: string | number;
    token?: string | null;
    packageSlug?: string | null;
    adults?: number | null;
    children?: number | null;
    proteins?: { slug: string; count: number }[] | null;
    extras?: { slug: string; count: number }[] | null;
    allergies?: string | null;
    dietaryProfile?: unknown;
    expectedTotalCents?: number | null;
  }) => {
    const { id, packageSlug, adults, children, proteins, extras, ...rest } = withoutNulls(args);
    return {
      ...rest,
      id: String(id),
      ...(packageSlug !== undefined
        ? {
            selection: selectionOf({
              packageSlug,
              adults: adults as number,
              children,
              proteins: proteins ?? [],
              extras,
            }),
          }
        : {}),
    };
  };

  // ----------------------------------------------------------------------------- root fields
  // Root fields are nullable: one that fails (an error with its code) leaves the others' data.
  builder.queryType({
    fields: (t) => ({
      menu: t.field({
        extensions: { operation: operations.getMenu.name },
        type: Menu,
        nullable: true,
        resolve: (_r, _a, ctx) => run(operations.getMenu, ctx),
      }),
      availability: t.field({
        extensions: { operation: operations.findAvailability.name },
        type: Availability,
        nullable: true,
        args: {
          from: t.arg.string({ required: true }),
          to: t.arg.string({ required: true }),
          guests: t.arg.int({ required: true }),
          postalCode: t.arg.string({ required: true }),
        },
        resolve: (_r, args, ctx) => run(operations.findAvailability, ctx, args),
      }),
      quote: t.field({
        extensions: { operation: operations.quoteEvent.name },
        type: Quote,
        nullable: true,
        args: { input: t.arg({ type: QuoteInput, required: true }) },
        resolve: (_r, { input }, ctx) =>
          run(operations.quoteEvent, ctx, {
            ...withoutNulls(input),
            selection: selectionOf(withoutNulls(input.selection)),
          }),
      }),
      booking: t.field({
        extensions: { operation: operations.getBooking.name },
        type: BookingPage,
        nullable: true,
        args: { id: t.arg.id({ required: true }), token: t.arg.string() },
        resolve: (_r, args, ctx) => run(operations.getBooking, ctx, withoutNulls(args)),
      }),
      rescheduleTimes: t.field({
        extensions: { operation: operations.findRescheduleTimes.name },
        type: RescheduleTimes,
        nullable: true,
        args: {
          id: t.arg.id({ required: true }),
          token: t.arg.string(),
          from: t.arg.string({ required: true }),
          to: t.arg.string({ required: true }),
        },
        resolve: (_r, args, ctx) => run(operations.findRescheduleTimes, ctx, withoutNulls(args)),
      }),
      bookingChangePreview: t.field({
        extensions: { operation: operations.previewBookingChange.name },
        type: ChangePreview,
        nullable: true,
        args: {
          id: t.arg.id({ required: true }),
          token: t.arg.string(),
          packageSlug: t.arg.string({ description: "The new package (with adults and proteins)." }),
          adults: t.arg.int(),
          children: t.arg.int(),
          proteins: t.arg({ type: [PortionInput] }),
          extras: t.arg({ type: [PortionInput] }),
          allergies: t.arg.string({ description: "Absent keeps them; empty clears them." }),
          dietaryProfile: t.arg({
            type: DietaryProfileInput,
            description: "Absent keeps it; an empty one clears it.",
          }),
        },
        resolve: (_r, args, ctx) => run(operations.previewBookingChange, ctx, changeOf(args)),
      }),
      me: t.field({
        extensions: { operation: operations.getAccount.name },
        type: Account,
        nullable: true,
        description: "The signed-in account, or null when signed out.",
        resolve: (_r, _a, ctx) => run(operations.getAccount, ctx),
      }),
      myLoyalty: t.field({
        extensions: { operation: operations.getMyLoyalty.name },
        type: MyLoyalty,
        description: "Your loyalty tier, points and progress to the next tier (signed in).",
        resolve: (_r, _a, ctx) => run(operations.getMyLoyalty, ctx),
      }),
      myBookings: t.field({
        extensions: { operation: operations.listMyBookings.name },
        type: BookingConnection,
        nullable: true,
        args: {
          first: t.arg.int({ description: "Page size (default 50, at most 100)." }),
          after: t.arg.string({ description: "The endCursor of the previous page." }),
          status: t.arg({ type: BookingStatus }),
        },
        resolve: (_r, { after, ...args }, ctx: GraphQLContext) =>
          run(operations.listMyBookings, ctx, withoutNulls({ ...args, cursor: after })),
      }),
    }),
  });

  builder.mutationType({
    fields: (t) => ({
      createBooking: t.field({
        extensions: { operation: operations.createBooking.name },
        type: BookingCreated,
        nullable: true,
        args: { input: t.arg({ type: CreateBookingInput, required: true }) },
        resolve: (_r, { input }, ctx) => {
          const clean = withoutNulls(input);
          return run(operations.createBooking, ctx, {
            ...clean,
            selection: selectionOf(clean.selection),
          });
        },
      }),
      cancelBooking: t.field({
        extensions: { operation: operations.cancelBooking.name },
        type: BookingCancelled,
        nullable: true,
        args: {
          id: t.arg.id({ required: true }),
          token: t.arg.string(),
          reason: t.arg.string(),
        },
        resolve: (_r, args, ctx) => run(operations.cancelBooking, ctx, withoutNulls(args)),
      }),
      rescheduleBooking: t.field({
        extensions: { operation: operations.rescheduleBooking.name },
        type: BookingRescheduled,
        nullable: true,
        args: {
          id: t.arg.id({ required: true }),
          token: t.arg.string(),
          date: t.arg.string({ required: true }),
          startMinute: t.arg.int({ required: true }),
          seenAt: t.arg.string({
            description: "When the free times shown were loaded (RescheduleTimes.asOf), ISO 8601.",
          }),
        },
        resolve: (_r, args, ctx) => run(operations.rescheduleBooking, ctx, withoutNulls(args)),
      }),
      changeBookingParty: t.field({
        extensions: { operation: operations.changeBookingParty.name },
        type: BookingChanged,
        nullable: true,
        args: {
          id: t.arg.id({ required: true }),
          token: t.arg.string(),
          packageSlug: t.arg.string({ required: true }),
          adults: t.arg.int({ required: true }),
          children: t.arg.int(),
          proteins: t.arg({ type: [PortionInput], required: true }),
          extras: t.arg({ type: [PortionInput] }),
          allergies: t.arg.string({ description: "Absent keeps them; empty clears them." }),
          dietaryProfile: t.arg({
            type: DietaryProfileInput,
            description: "Absent keeps it; an empty one clears it.",
          }),
          expectedTotalCents: t.arg.int({
            required: true,
            description:
              "The new total the customer saw and confirmed (the preview's newTotalCents): a different price now is refused and nothing is written.",
          }),
        },
        resolve: (_r, args, ctx) => run(operations.changeBookingParty, ctx, changeOf(args)),
      }),
      confirmBooking: t.field({
        extensions: { operation: operations.confirmBooking.name },
        type: BookingConfirmed,
        nullable: true,
        args: { id: t.arg.id({ required: true }), token: t.arg.string() },
        resolve: (_r, args, ctx) => run(operations.confirmBooking, ctx, withoutNulls(args)),
      }),
    }),
  });

  return builder.toSchema({ sortSchema: false });
}
