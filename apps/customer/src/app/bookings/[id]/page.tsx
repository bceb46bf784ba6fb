import type { Metadata } from "next";
import { readOnServer } from "~/server/booking-read";
import { api } from "~/server/caller";
import { NoScript } from "../../book/no-script";
import { BookingDetail } from "./detail";
import { BookingSummary } from "./summary";

export const metadata: Metadata = { title: "Your booking" };

export default async function BookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string; new?: string; checkout?: string; session_id?: string }>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const sessionId =
    sp.checkout === "success" && typeof sp.session_id === "string" && /^cs_\w+$/.test(sp.session_id)
      ? sp.session_id
      : undefined;
  const caller = await api();
  // Read on the server by the procedure's own access rule; refused: the client part says why.
  const [{ business }, booking] = await Promise.all([
    caller.catalog.get(),
    readOnServer(() => caller.booking.get({ id, token: sp.token })),
  ]);
  return (
    <>
      <NoScript
        phone={business.phone}
        email={business.email}
        what={booking ? "Changing your booking here" : "Seeing and changing your booking here"}
        title="Call us about your booking"
        help={
          booking?.awaitingConfirmation
            ? "and we will confirm it with you: the time is held for you until the time below."
            : "and we will look up your booking with you, and move, change or cancel it."
        }
      >
        {booking && <BookingSummary read={booking} payOnline={business.payments === "stripe"} />}
      </NoScript>
      <div data-needs-js>
        <BookingDetail
          id={id}
          token={sp.token}
          isNew={sp.new === "1"}
          checkoutSessionId={sessionId}
          initial={booking}
          phone={business.phone}
        />
      </div>
    </>
  );
}
