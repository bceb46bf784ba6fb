import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "@myhibachi/api";
import { deps } from "~/server/deps";
import { SignOutButton } from "../sign-out";

export const dynamic = "force-dynamic";

/**
 * Where `requireStaff` sends someone a page refuses. A staff member is refused only by the owner's
 * pages (overview, settings, queues...): they are told so and sent back to the dashboard, not
 * asked to sign in with a staff account they already have. Anyone else (a customer) is told the
 * dashboard is for staff.
 */
export default async function Forbidden() {
  const user = await sessionUser(deps(), new Headers(await headers())).catch(() => null);
  if (user?.role === "OWNER") redirect("/"); // the owner may open every page
  if (user?.role === "STAFF")
    return (
      <main className="mx-auto max-w-md p-8">
        <h1 className="text-2xl font-bold">This page is for the owner only</h1>
        <p className="mt-2">
          You're signed in as staff: this page (figures, settings, queues) is only open to the
          owner. Everything else on the dashboard is yours to use.
        </p>
        <p className="mt-4">
          <Link href="/" className="font-semibold text-brand-700 underline">
            Back to the dashboard
          </Link>
        </p>
      </main>
    );
  return (
    <main className="mx-auto max-w-md p-8">
      <h1 className="text-2xl font-bold">This area is for MyHibachi staff</h1>
      <p className="mt-2">
        Your account doesn't have access to the admin dashboard. Sign out and sign in with a staff
        account.
      </p>
      <div className="mt-4">
        <SignOutButton />
      </div>
    </main>
  );
}
