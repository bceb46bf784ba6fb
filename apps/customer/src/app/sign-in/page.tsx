import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@myhibachi/api/http";
import { getSessionUser, SessionUnavailableError } from "@myhibachi/auth";
import { deps } from "~/server/deps";
import { SignInForm } from "./form";
import { pageMetadata } from "~/lib/seo";

export const metadata: Metadata = pageMetadata({
  title: "Sign in",
  description:
    "Sign in with an emailed link or your password to see, change or cancel your hibachi bookings.",
  path: "/sign-in",
});

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  // Only ever a path on this site: "//evil.example", "/\evil.example", "https://..." fall back.
  const next = safeNextPath((await searchParams).next, "/bookings");
  // Signed in already: go on. A session that can't be read (getSessionUser logged why) gets the
  // form, the one page meant for people we can't identify.
  const user = await getSessionUser(deps().auth, new Headers(await headers())).catch(
    (err: unknown) => {
      if (err instanceof SessionUnavailableError) return null;
      throw err;
    },
  );
  if (user) redirect(next);
  return <SignInForm next={next} />;
}
