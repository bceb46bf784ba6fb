import type { Metadata } from "next";
import { readOnServer } from "~/server/booking-read";
import { api } from "~/server/caller";
import { BalanceForm } from "./balance-form";

export const metadata: Metadata = { title: "Pay the balance" };

export default async function BalancePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string; checkout?: string }>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  // Read on the server by the procedure's own access rule; refused: the client part says why.
  const caller = await api();
  const payments = await readOnServer(() => caller.booking.payments({ id, token: sp.token }));
  return (
    <BalanceForm
      id={id}
      token={sp.token}
      cancelled={sp.checkout === "cancelled"}
      initial={payments}
    />
  );
}
