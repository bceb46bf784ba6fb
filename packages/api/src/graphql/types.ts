// GraphQL types both schemas define the same way (each schema has its own builder).
import { BOOKING_STATUSES } from "@myhibachi/core";
import type { createBuilder } from "./builder";

type Builder = ReturnType<typeof createBuilder>;
type Status = (typeof BOOKING_STATUSES)[number];

export function bookingStatusType(builder: Builder) {
  return builder.enumType("BookingStatus", { values: BOOKING_STATUSES });
}

/** A priced line of a quote or a booking (integer cents). */
export function priceLineType(builder: Builder) {
  return builder
    .objectRef<{
      code: string;
      label: string;
      detail: string | null;
      quantity: number;
      unitCents: number;
      totalCents: number;
    }>("PriceLine")
    .implement({
      fields: (t) => ({
        code: t.exposeString("code"),
        label: t.exposeString("label"),
        detail: t.exposeString("detail", { nullable: true }),
        quantity: t.exposeInt("quantity"),
        unitCents: t.exposeInt("unitCents"),
        totalCents: t.exposeInt("totalCents"),
      }),
    });
}

/** What every booking in a list has (My bookings, a customer's bookings, the staff list). */
export interface BookingSummary {
  id: string;
  code: string;
  status: Status;
  startsAt: Date;
  timeZone: string;
  adults: number;
  children: number;
  city: string | null;
  totalCents: number;
}

/** A booking-in-a-list type with the shared fields (add its own with `builder.objectFields`). */
export function bookingSummaryType<S extends BookingSummary>(
  builder: Builder,
  name: string,
  status: ReturnType<typeof bookingStatusType>,
) {
  const ref = builder.objectRef<S>(name);
  ref.implement({
    fields: (t) => ({
      id: t.id({ resolve: (b) => b.id }),
      code: t.string({ resolve: (b) => b.code }),
      status: t.field({ type: status, resolve: (b) => b.status }),
      startsAt: t.field({ type: "DateTime", resolve: (b) => b.startsAt }),
      timeZone: t.string({ resolve: (b) => b.timeZone }),
      adults: t.int({ resolve: (b) => b.adults }),
      children: t.int({ resolve: (b) => b.children }),
      city: t.string({ nullable: true, resolve: (b) => b.city }),
      totalCents: t.int({ resolve: (b) => b.totalCents }),
    }),
  });
  return ref;
}
