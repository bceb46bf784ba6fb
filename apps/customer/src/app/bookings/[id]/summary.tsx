// A booking's page without JavaScript (issue 13, point 18: "server-render what can be"): what the
// booking is, read on the server by the page's own access rule, as plain markup. Changing it
// needs the interactive page or a phone call (the no-script block around it says so).
import { bookingStatusWords, formatInstant, addressLine } from "@myhibachi/shared";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import type { BookingRead as BookingDetailRead } from "./detail";

export function BookingSummary({
  read,
  payOnline,
}: {
  read: BookingDetailRead;
  payOnline: boolean;
}) {
  const b = read.booking;
  const status = bookingStatusWords(b.status, { depositOnline: payOnline });
  const holdUntil = read.awaitingConfirmation && b.holdExpiresAt ? new Date(b.holdExpiresAt) : null;
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="booking-summary-noscript">
      <p className="text-base font-bold">
        Booking {b.code}: {status.label}
      </p>
      {holdUntil && (
        <p>Held for you until {formatInstant(holdUntil, b.timeZone, "fullDateTime")}.</p>
      )}
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium">When</dt>
        <dd>{formatInstant(b.startsAt, b.timeZone, "fullDateTime")}</dd>
        <dt className="font-medium">Guests</dt>
        <dd>
          {b.adults} {b.adults === 1 ? "adult" : "adults"}, {b.children}{" "}
          {b.children === 1 ? "child" : "children"} · {b.packageName}
        </dd>
        {!b.readOnly && (
          <>
            <dt className="font-medium">Where</dt>
            <dd>{addressLine(b.address)}</dd>
          </>
        )}
      </dl>
      <p>{read.money.headline}</p>
      {!b.readOnly && b.kitchenOrder && (
        <KitchenOrderSection order={b.kitchenOrder} heading="Menu" headingLevel={3} />
      )}
    </div>
  );
}
