import type { Metadata } from "next";
import { FinishHold } from "./finish-form";

export const metadata: Metadata = { title: "Finish your booking" };

export default async function FinishHoldPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { id } = await params;
  const { token } = await searchParams;
  return <FinishHold id={id} token={token ?? ""} />;
}
