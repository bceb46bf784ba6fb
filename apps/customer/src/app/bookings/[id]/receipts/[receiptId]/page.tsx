import type { Metadata } from "next";
import { readOnServer } from "~/server/booking-read";
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
  // Read on the server by the procedure's own access rule; refused: the client part says why.
  const caller = await api();
  const receipt = await readOnServer(() =>
    caller.booking.receipt({ id, token: sp.token, receiptId }),
  );
  return <ReceiptView id={id} receiptId={receiptId} token={sp.token} initial={receipt} />;
}
