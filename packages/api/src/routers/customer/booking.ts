import { z } from "zod";
import {
  AppError,
  customerIdsForUser,
  bookingWithDetails,
  cancelBooking,
  cancellationTerms,
  confirmHeldBooking,
  tokenWasEmailed,
  createBooking,
  getAvailability,
  linkExpiresAt,
  linkShowsDetails,
  loadBookingFor,
  loadCatalogFromDb,
  quoteFor,
  rescheduleBooking,
  type Actor,
} from "@myhibachi/core";
import type { Context } from "../../context";
import { bookingNotifier } from "../../notifications";
import { publicProcedure, router, signedInProcedure } from "../../trpc";
import {
  addressSchema,
  notesSchema,
  contactSchema,
  dateString,
  idSchema,
  postalCodeSchema,
  selectionSchema,
  startMinuteSchema,
  tokenSchema,
} from "../../schemas";

/** The customer records the signed-in user may act for (rule in core: customerIdsForUser). */
export function customerIdsFor(ctx: Context): Promise<string[]> {
  return customerIdsForUser(ctx.db, ctx.user);
}

/** Who is asking about a booking: the holder of its secret link, or the signed-in customer. */
async function actorFor(ctx: Context, token: string | undefined): Promise<Actor> {
  if (token) return { kind: "token", token };
  if (!ctx.user)
    throw new AppError(
      "NOT_FOUND",
      "We couldn't find that booking. Sign in with the email you booked with, or use the link in your confirmation email.",
    );
  if (!ctx.user.emailVerified)
    throw new AppError(
      "NOT_FOUND",
      "Confirm your email address first (My bookings sends you a confirmation link): bookings are shown only after that. Or use the link in your confirmation email.",
    );
  return { kind: "customer", customerIds: await customerIdsFor(ctx), userId: ctx.user.id };
}

function bookingDeps(ctx: Context) {
  return { cache: ctx.cache, now: ctx.now, notify: bookingNotifier(ctx) };
}

/**
 * The booking as the customer sees it. Through a link (`viaLink`), a booking that is no longer
 * live (cancelled, expired) shows only a read-only summary: no address, contact or notes.
 */
export function publicBooking(
  b: Awaited<ReturnType<typeof bookingWithDetails>>,
  opts: { viaLink?: boolean } = {},
) {
  const full = publicBookingDetails(b);
  if (!opts.viaLink || linkShowsDetails(b)) return { ...full, readOnly: false };
  return {
    ...full,
    readOnly: true,
    address: { line1: null, line2: null, city: b.city, state: b.state, postalCode: b.postalCode },
    contact: { name: null, email: null, phone: null },
    notes: null,
  };
}

function publicBookingDetails(b: Awaited<ReturnType<typeof bookingWithDetails>>) {
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timeZone: b.timeZone,
    adults: b.adults,
    children: b.children,
    packageName: b.package.name,
    address: {
      line1: b.addressLine1,
      line2: b.addressLine2,
      city: b.city,
      state: b.state,
      postalCode: b.postalCode,
    },
    contact: { name: b.contactName, email: b.contactEmail, phone: b.contactPhone },
    notes: b.notes,
    lines: b.lines.map((l) => ({
      code: l.code,
      label: l.label,
      detail: l.detail,
      quantity: l.quantity,
      unitCents: l.unitCents,
      totalCents: l.totalCents,
    })),
    subtotalCents: b.subtotalCents,
    travelFeeCents: b.travelFeeCents,
    taxCents: b.taxCents,
    totalCents: b.totalCents,
    depositCents: b.depositCents,
    balanceCents: b.balanceCents,
    holdExpiresAt: b.holdExpiresAt,
    cancelledAt: b.cancelledAt,
    cancelReason: b.cancelReason,
    refundCents: b.refundCents,
    chefs: b.chefs.map((c) => c.chef.name),
    createdAt: b.createdAt,
  };
}

export const bookingRouter = router({
  quote: publicProcedure
    .input(z.object({ selection: selectionSchema, postalCode: postalCodeSchema }))
    .query(({ ctx, input }) => quoteFor(ctx.db, input, { cache: ctx.cache })),

  availability: publicProcedure
    .input(
      z.object({
        from: dateString,
        to: dateString,
        guests: z
          .number()
          .int("Guests must be a whole number.")
          .min(1, "At least 1 guest.")
          .max(500, "That's too many guests."),
        postalCode: postalCodeSchema,
      }),
    )
    .query(async ({ ctx, input }) => {
      const res = await getAvailability(ctx.db, input, { cache: ctx.cache, now: ctx.now?.() });
      // Which chefs are free is internal: customers see times, not staff ids.
      return { ...res, slots: res.slots.map(({ chefIds: _c, ...s }) => s) };
    }),

  create: publicProcedure
    .input(
      z.object({
        idempotencyKey: z.string().min(8, "Missing request id.").max(100),
        date: dateString,
        startMinute: startMinuteSchema,
        selection: selectionSchema,
        address: addressSchema,
        contact: contactSchema,
        notes: notesSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const created = await createBooking(
        ctx.db,
        {
          ...input,
          user: ctx.user,
          source: "WEB",
          client: {
            ip: ctx.clientAddress?.(ctx.headers) ?? null,
            key: ctx.user ? `user:${ctx.user.id}` : null,
          },
        },
        bookingDeps(ctx),
      );
      return {
        id: created.id,
        code: created.code,
        token: created.accessToken,
        status: created.status,
        holdExpiresAt: created.holdExpiresAt,
        totalCents: created.totalCents,
        replayed: created.replayed,
      };
    }),

  get: publicProcedure
    .input(z.object({ id: idSchema, token: tokenSchema }))
    .query(async ({ ctx, input }) => {
      const now = ctx.now?.() ?? new Date();
      const actor = await actorFor(ctx, input.token);
      const b = await loadBookingFor(ctx.db, input.id, actor, now);
      const details = await bookingWithDetails(ctx.db, b.id);
      const catalog = await loadCatalogFromDb(ctx.db);
      const viaLink = actor.kind === "token";
      return {
        booking: publicBooking(details, { viaLink }),
        cancellation: cancellationTerms(b, catalog.settings, now),
        canReschedule:
          ["PENDING", "CONFIRMED"].includes(b.status) &&
          b.startsAt.getTime() - now.getTime() >= catalog.settings.rescheduleCutoffHours * 3600_000,
        rescheduleCutoffHours: catalog.settings.rescheduleCutoffHours,
        /** Made online and not confirmed yet: the time is held until `holdExpiresAt`. */
        awaitingConfirmation:
          b.status === "HELD" &&
          b.customerId !== null &&
          !!b.holdExpiresAt &&
          b.holdExpiresAt.getTime() > now.getTime(),
        linkExpiresAt: viaLink ? linkExpiresAt(b) : null,
        /** Confirming needs the emailed link (or the signed-in owner), not the booking's own reply. */
        canConfirmHere: actor.kind !== "token" || (await tokenWasEmailed(ctx.db, actor.token)),
      };
    }),

  /** The customer confirms a booking made online, from the emailed link (or signed in). */
  confirm: publicProcedure
    .input(z.object({ id: idSchema, token: tokenSchema }))
    .mutation(async ({ ctx, input }) => {
      const b = await confirmHeldBooking(
        ctx.db,
        { bookingId: input.id, actor: await actorFor(ctx, input.token) },
        bookingDeps(ctx),
      );
      return { id: b.id, status: b.status };
    }),

  mine: signedInProcedure.query(async ({ ctx }) => {
    const ids = await customerIdsFor(ctx);
    const rows = await ctx.db.booking.findMany({
      where: { customerId: { in: ids } },
      orderBy: { startsAt: "desc" },
      take: 200,
      include: { package: { select: { name: true } } },
    });
    return rows.map((b) => ({
      id: b.id,
      code: b.code,
      status: b.status,
      startsAt: b.startsAt,
      timeZone: b.timeZone,
      guests: b.adults + b.children,
      packageName: b.package.name,
      city: b.city,
      totalCents: b.totalCents,
    }));
  }),

  cancel: publicProcedure
    .input(
      z.object({
        id: idSchema,
        token: tokenSchema,
        reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const b = await cancelBooking(
        ctx.db,
        { bookingId: input.id, reason: input.reason, actor: await actorFor(ctx, input.token) },
        bookingDeps(ctx),
      );
      return { id: b.id, status: b.status, refundCents: b.refundCents };
    }),

  reschedule: publicProcedure
    .input(
      z.object({
        id: idSchema,
        token: tokenSchema,
        date: dateString,
        startMinute: startMinuteSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const b = await rescheduleBooking(
        ctx.db,
        {
          bookingId: input.id,
          date: input.date,
          startMinute: input.startMinute,
          actor: await actorFor(ctx, input.token),
        },
        bookingDeps(ctx),
      );
      return { id: b.id, status: b.status, startsAt: b.startsAt };
    }),
});
