import type { Metadata } from "next";
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
  return <ReceiptView id={id} receiptId={receiptId} token={sp.token} />;
}
