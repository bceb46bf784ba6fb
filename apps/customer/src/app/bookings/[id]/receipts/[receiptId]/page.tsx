import type { Metadata } from "next";
import { readOr404 } from "~/server/booking-read";
import { api } from "~/server/caller";
import { ReceiptView } from "./receipt";

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; receiptId: string }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { id, receiptId } = await params;
  const sp = await searchParams;
  // Not the caller's booking or receipt (or none such, or a bad link): a 404.
  const caller = await api();
  const receipt = await readOr404(() => caller.booking.receipt({ id, token: sp.token, receiptId }));
  return <ReceiptView id={id} receiptId={receiptId} token={sp.token} initial={receipt} />;
}
