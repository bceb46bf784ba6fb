import type { Metadata } from "next";
import { BookingDetail } from "./booking-detail";

export const metadata: Metadata = { title: "Booking" };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  // Arrived from New booking: a success notice above the booking.
  const { created } = await searchParams;
  return <BookingDetail id={id} created={created === "1"} />;
}
