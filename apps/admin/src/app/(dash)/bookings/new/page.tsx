import type { Metadata } from "next";
import { NewBookingForm } from "./new-booking-form";

export const metadata: Metadata = { title: "New booking" };

/** Staff enter a booking taken by phone (a static route: it wins over /bookings/[id]). */
export default function Page() {
  return <NewBookingForm />;
}
