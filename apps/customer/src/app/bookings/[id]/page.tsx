import type { Metadata } from "next";
import { BookingDetail } from "./detail";

export const metadata: Metadata = { title: "Your booking" };

export default async function BookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string; new?: string }>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  return <BookingDetail id={id} token={sp.token} isNew={sp.new === "1"} />;
}
