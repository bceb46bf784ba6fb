import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@myhibachi/api/http";
import { getSessionUser, SessionUnavailableError } from "@myhibachi/auth";
import { deps } from "~/server/deps";
import { SignIn } from "./sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  // Only ever a path on this site: "//evil.example", "/\evil.example", "https://..." fall back.
  const next = safeNextPath((await searchParams).next, "/");
  // Signed in already: go on. A session that can't be read (getSessionUser logged why) gets the
  // form, the one page meant for people we can't identify.
  const user = await getSessionUser(deps().auth, new Headers(await headers())).catch(
    (err: unknown) => {
      if (err instanceof SessionUnavailableError) return null;
      throw err;
    },
  );
  // Staff already signed in go on; anyone else may sign in with a staff account.
  if (user?.role === "STAFF" || user?.role === "OWNER") redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <SignIn next={next} />
    </main>
  );
}
