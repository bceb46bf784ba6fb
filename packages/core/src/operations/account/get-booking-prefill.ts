import type { Db } from "@myhibachi/db";
import { mergeProfiles, type DietaryProfile } from "@myhibachi/shared";
import { customerIdsForUser } from "../../booking/customer-access";
import { readProfile } from "../../booking/dietary-profile";
import { anyone } from "../access";
import { defineOperation, type CallerUser } from "../define";

/** What the booking form may fill in for the signed-in customer (each a suggestion to change). */
export interface BookingPrefill {
  /** The account's email: the booking shows in My bookings when it is the contact email. */
  accountEmail: string;
  /** Whether the account proved it owns that email (then such a booking needs no confirming). */
  emailVerified: boolean;
  contact: { name: string; email: string; phone: string };
  /** The address of the customer's most recent booking (null: none, or not verified yet). */
  address: {
    line1: string;
    line2: string;
    city: string;
    state: string;
    postalCode: string;
  } | null;
  /**
   * The dietary profile saved from the customer's own bookings (issue 16: who avoids what, the
   * diets kept, likes), for the allergies step to start from; null when none (or not verified).
   */
  dietaryProfile: DietaryProfile | null;
}

/**
 * The signed-in account's details for a new booking: its name and email, and the phone and party
 * address of its most recent booking the email's owner confirmed (pending, confirmed or completed). Those two come only from the
 * customer records the account may see (customerIdsForUser: none until its email is verified),
 * never from anything the caller sends, and only from a booking the email's owner (or staff)
 * confirmed: anyone can book with someone else's email, and such a booking stays unconfirmed, so
 * a stranger's address and phone never fill in this customer's form (attack R4-1).
 */
export async function bookingPrefill(db: Db, user: CallerUser): Promise<BookingPrefill> {
  const customerIds = await customerIdsForUser(db, user);
  const last = customerIds.length
    ? await db.booking.findFirst({
        where: {
          customerId: { in: customerIds },
          // HELD: still waiting for the email's owner to confirm it (or EXPIRED, never confirmed).
          status: { in: ["PENDING", "CONFIRMED", "COMPLETED"] },
          addressLine1: { not: null },
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: {
          contactName: true,
          contactPhone: true,
          addressLine1: true,
          addressLine2: true,
          city: true,
          state: true,
          postalCode: true,
        },
      })
    : null;
  const saved = customerIds.length
    ? await db.customer.findMany({
        where: { id: { in: customerIds } },
        select: { dietaryProfile: true },
      })
    : [];
  const dietaryProfile = saved
    .map((c) => readProfile(c.dietaryProfile))
    .reduce<DietaryProfile | null>((acc, p) => (p ? (acc ? mergeProfiles(acc, p) : p) : acc), null);
  const phone = last?.contactPhone ?? null;
  return {
    accountEmail: user.email,
    emailVerified: user.emailVerified,
    contact: {
      name: user.name.trim() || last?.contactName?.trim() || "",
      email: user.email,
      phone: phone?.trim() ?? "",
    },
    address:
      last?.addressLine1 && last.city
        ? {
            line1: last.addressLine1,
            line2: last.addressLine2 ?? "",
            city: last.city,
            state: last.state ?? "",
            postalCode: last.postalCode,
          }
        : null,
    dietaryProfile,
  };
}

/** The booking form's details for the signed-in customer, or null for a visitor. */
export const getBookingPrefillOp = defineOperation({
  name: "getBookingPrefill",
  kind: "query",
  summary:
    "The signed-in customer's name, email, phone, last party address and saved dietary profile for a new booking, or null.",
  access: anyone,
  run(ctx) {
    const user = ctx.caller.user;
    return user ? bookingPrefill(ctx.db, user) : null;
  },
});
