import type { Metadata } from "next";
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
  return <BalanceForm id={id} token={sp.token} cancelled={sp.checkout === "cancelled"} />;
}
