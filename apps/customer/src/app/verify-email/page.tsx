import type { Metadata } from "next";
import { ConfirmEmail } from "./confirm";
import { pageMetadata } from "~/lib/seo";

export const metadata: Metadata = {
  ...pageMetadata({
    title: "Confirm your email",
    description: "Confirm the email address of your account to see the bookings made with it.",
    path: "/verify-email",
  }),
  robots: { index: false, follow: false },
};

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token } = await searchParams;
  return <ConfirmEmail token={typeof token === "string" ? token : ""} />;
}
