import type { Db } from "@myhibachi/db";
import { bookingMoney, type BookingMoney } from "./money";

/** The money lines of a booking, from the database (pages, emails, admin). */
export async function loadBookingMoney(db: Db, bookingId: string): Promise<BookingMoney> {
  const b = await db.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: {
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
      disputes: true,
    },
  });
  return bookingMoney(b, b.payments, b.refunds, b.disputes);
}
