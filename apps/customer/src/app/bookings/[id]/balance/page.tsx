import type { Metadata } from "next";
import { readOr404 } from "~/server/booking-read";
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
  // Not the caller's booking (or no such booking, or a bad link): a 404.
  const caller = await api();
  const payments = await readOr404(() => caller.booking.payments({ id, token: sp.token }));
  return (
    <BalanceForm
      id={id}
      token={sp.token}
      cancelled={sp.checkout === "cancelled"}
      initial={payments}
    />
  );
}
