import { z } from "zod";
import { exportCustomerData } from "../../account/customer-data";
import { customerAccount } from "../access";
import { defineOperation } from "../define";
import { BOOKING_STATUSES, cents, instant } from "../output-schemas";

const text = z.string().nullable();

/** The copy's schema: what `exportCustomerData` returns (REST documents and checks it). */
export const customerDataOutput = z.object({
  exportedAt: instant,
  account: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    createdAt: instant,
  }),
  note: text,
  customers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      phone: text,
      createdAt: instant,
      /** The dietary profile saved from their bookings (who avoids what, diets, likes). */
      dietaryProfile: z.unknown(),
    }),
  ),
  bookings: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      status: z.enum(BOOKING_STATUSES),
      startsAt: instant,
      endsAt: instant,
      timeZone: z.string(),
      adults: z.number().int(),
      children: z.number().int(),
      packageName: z.string(),
      address: z.object({
        line1: text,
        line2: text,
        city: text,
        state: text,
        postalCode: z.string(),
      }),
      contact: z.object({ name: text, email: text, phone: text }),
      notes: text,
      /** Allergies and dietary needs, as the customer gave them. */
      allergies: text,
      /** The party's dietary profile (who avoids what, diets, likes), as given. */
      dietaryProfile: z.unknown(),
      /** The menu as chosen: package, proteins and extras. */
      selection: z.unknown(),
      lines: z.array(
        z.object({
          label: z.string(),
          detail: text,
          quantity: z.number().int(),
          unitCents: cents,
          totalCents: cents,
        }),
      ),
      subtotalCents: cents,
      travelFeeCents: cents,
      taxCents: cents,
      totalCents: cents,
      depositCents: cents,
      createdAt: instant,
      cancelledAt: instant.nullable(),
      cancelReason: text,
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      bookingId: z.string(),
      bookingCode: z.string(),
      kind: z.enum(["DEPOSIT", "BALANCE"]),
      method: z.enum(["STRIPE", "CASH", "CARD_IN_PERSON"]),
      status: z.enum(["PENDING", "SUCCEEDED", "FAILED", "CANCELED"]),
      amountCents: cents,
      tipCents: cents,
      refundedCents: cents,
      currency: z.string(),
      paidAt: instant.nullable(),
      createdAt: instant,
    }),
  ),
  refunds: z.array(
    z.object({
      id: z.string(),
      bookingId: z.string(),
      paymentId: z.string(),
      amountCents: cents,
      status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]),
      createdAt: instant,
      succeededAt: instant.nullable(),
    }),
  ),
  chats: z.array(
    z.object({
      id: z.string(),
      startedAt: instant,
      messages: z.array(z.object({ from: z.string(), text: z.string(), at: instant })),
    }),
  ),
  emails: z.array(
    z.object({
      to: z.string(),
      subject: z.string(),
      text: z.string(),
      status: z.enum(["QUEUED", "SENDING", "SENT", "FAILED"]),
      createdAt: instant,
      sentAt: instant.nullable(),
    }),
  ),
  texts: z.array(
    z.object({
      to: z.string(),
      body: z.string(),
      status: z.enum(["QUEUED", "SENDING", "SENT", "FAILED"]),
      createdAt: instant,
      sentAt: instant.nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      channel: z.enum(["EMAIL", "SMS", "IN_APP"]),
      address: z.string(),
      status: z.enum(["GRANTED", "REVOKED"]),
      source: z.string(),
      at: instant,
    }),
  ),
  loyaltyPoints: z.array(
    z.object({
      kind: z.enum(["EARN", "REVERSE", "REFUND", "REDEEM", "EXPIRE"]),
      points: z.number().int(),
      bookingId: z.string().nullable(),
      note: text,
      createdAt: instant,
    }),
  ),
  feedback: z.array(
    z.object({
      bookingId: z.string(),
      rating: z.number().int(),
      comment: text,
      /** Whether they agreed to show the comment on the site's reviews page. */
      publicOk: z.boolean(),
      createdAt: instant,
    }),
  ),
  /** Our messages to the customer on My bookings (in-app campaign messages). */
  inAppMessages: z.array(
    z.object({
      subject: z.string(),
      body: z.string(),
      createdAt: instant,
      readAt: instant.nullable(),
    }),
  ),
});

/** A copy of everything we hold about the signed-in customer (JSON), and nobody else's. */
export const exportMyDataOp = defineOperation({
  name: "exportMyData",
  kind: "query",
  summary:
    "A copy of the signed-in customer's data: account, bookings, payments, refunds, chats, the emails and texts sent to them, their in-app messages, their message consents, loyalty points and feedback.",
  output: customerDataOutput,
  access: customerAccount,
  run: (ctx, _input, user) => exportCustomerData(ctx.db, user, ctx.now()),
});
