import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@myhibachi/api/http";
import { getSessionUser, SessionUnavailableError } from "@myhibachi/auth";
import { deps } from "~/server/deps";
import { api } from "~/server/caller";
import { NoScript } from "../book/no-script";
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
  const { business } = await (await api()).catalog.get();
  return (
    <div className="flex flex-col gap-4">
      <NoScript
        phone={business.phone}
        email={business.email}
        what="Signing in"
        title="Signing in needs JavaScript"
        help="and we will look up or change your booking with you."
      />
      <div data-needs-js>
        <SignInForm next={next} />
      </div>
    </div>
  );
}
