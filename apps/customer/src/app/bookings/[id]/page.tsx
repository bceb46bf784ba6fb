import type { Metadata } from "next";
import { BookingDetail } from "./detail";

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
  return (
    <BookingDetail id={id} token={sp.token} isNew={sp.new === "1"} checkoutSessionId={sessionId} />
  );
}
