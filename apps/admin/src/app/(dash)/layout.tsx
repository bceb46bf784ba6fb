import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@myhibachi/ui";
import { AlertBell } from "~/components/alert-bell";
import { env } from "~/env";
import { NAV } from "~/nav";
import { requireStaff } from "~/server/session";
import { SignOutButton } from "../sign-out";

export const dynamic = "force-dynamic";

export default async function DashLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const items = NAV.filter((n) => n.roles.includes(user.role as "STAFF" | "OWNER"));
  return (
    <div className="min-h-screen">
      <header className="border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-3">
          <Link href="/" className="mr-4 text-lg font-extrabold text-brand-700">
            MyHibachi Admin
          </Link>
          <nav aria-label="Admin" className="flex flex-1 flex-wrap gap-x-4 gap-y-1 text-sm">
            {items.map((n) => (
              <Link key={n.href} href={n.href} className="hover:underline">
                {n.label}
              </Link>
            ))}
          </nav>
          <AlertBell />
          <span className="flex items-center gap-2 text-sm">
            {user.name} <Badge>{user.role.toLowerCase()}</Badge>
          </span>
          <SignOutButton />
        </div>
      </header>
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
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
