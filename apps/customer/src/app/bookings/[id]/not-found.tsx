import { BAD_LINK_MESSAGE } from "@myhibachi/ui/link-error";
import Link from "~/lib/link";

/**
 * A booking page (or its balance or a receipt) that isn't the caller's, doesn't exist, or was
 * opened with a wrong, expired or cut-off link: HTTP 404, and the same words whichever it was
 * (whether a booking exists is never told).
 */
export default function BookingNotFound() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-extrabold">We couldn&apos;t find that booking</h1>
      <p>{BAD_LINK_MESSAGE}</p>
      <p className="text-sm text-muted">
        Links in our emails stop working 30 days after the event. Signed in, you see the bookings
        made with your confirmed email address.
      </p>
      <p>
        <Link href="/bookings" className="font-semibold text-brand-700 underline">
          My bookings
        </Link>
      </p>
    </div>
  );
}
