import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@myhibachi/api/http";
import { getSessionUser } from "@myhibachi/auth";
import { deps } from "~/server/deps";
import { SignInForm } from "./form";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  // Only ever a path on this site: "//evil.example", "/\evil.example", "https://..." fall back.
  const next = safeNextPath((await searchParams).next, "/bookings");
  const user = await getSessionUser(deps().auth, new Headers(await headers())).catch(() => null);
  if (user) redirect(next);
  return <SignInForm next={next} />;
}
