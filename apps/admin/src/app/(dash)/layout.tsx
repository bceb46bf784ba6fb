import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@myhibachi/ui";
import { AlertBell } from "~/components/alert-bell";
import { env } from "~/env";
import { AdminNav } from "~/components/admin-nav";
import { NAV } from "~/nav";
import { requireStaff } from "~/server/session";
import { SignOutButton } from "../sign-out";

export const dynamic = "force-dynamic";

export default async function DashLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const items = NAV.filter((n) => n.roles.includes(user.role as "STAFF" | "OWNER"));
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to the page
      </a>
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white">
        <div className="relative flex h-14 items-center gap-2 px-3 sm:gap-3 sm:px-4">
          <Link
            href="/"
            className="mr-auto whitespace-nowrap text-lg font-extrabold text-brand-700"
          >
            MyHibachi<span className="max-sm:sr-only"> Admin</span>
          </Link>
          <AdminNav items={items} user={{ name: user.name, role: user.role.toLowerCase() }} />
          <AlertBell />
          <span className="flex items-center gap-2 whitespace-nowrap text-sm max-md:hidden">
            {user.name} <Badge>{user.role.toLowerCase()}</Badge>
          </span>
          <SignOutButton className="whitespace-nowrap max-sm:hidden" />
        </div>
      </header>
      <div className="lg:pl-52">
        {user.role === "OWNER" && !env.SMTP_URL && (
          // A standing notice, not a live status message (those announce the result of an action).
          <aside
            aria-label="Email delivery"
            className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
          >
            Emails are not delivered: no SMTP server is configured (SMTP_URL). Customers get no
            booking confirmations or sign-in links. See what would have been sent in the{" "}
            <Link href="/outbox" className="underline">
              Outbox
            </Link>
            .
          </aside>
        )}
        <main id="main" className="mx-auto max-w-7xl px-3 py-5 sm:px-4 sm:py-6">
          {children}
        </main>
      </div>
    </div>
  );
}
