import type { Metadata } from "next";
import { ConfirmEmail } from "./confirm";

export const metadata: Metadata = { title: "Confirm your email" };

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <ConfirmEmail token={typeof token === "string" ? token : ""} />;
}
