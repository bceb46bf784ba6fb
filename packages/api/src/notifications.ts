import { composeBookingEmail, type BookingNotification } from "@myhibachi/core";
import type { ApiDeps } from "./context";

/** Emails the customer about a booking change. Idempotent per booking and event. */
export function bookingNotifier(deps: Pick<ApiDeps, "db" | "sendEmail" | "customerUrl">) {
  return async (n: BookingNotification): Promise<void> => {
    try {
      const email = await composeBookingEmail(deps.db, n, deps.customerUrl);
      if (email) await deps.sendEmail(email);
    } catch (err) {
      // A booking is never undone because an email could not be queued.
      console.error("[api] could not queue booking email", err);
    }
  };
}
