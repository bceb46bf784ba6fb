"use client";
// The admin navigation: a sidebar from 1024 px (one link a line, in two groups, nothing wraps),
// a "Menu" button that opens the same list below that. The current page is marked for everyone
// (aria-current) and shown in the button's label on a phone.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { cx } from "@myhibachi/ui";
import type { NavItem } from "~/nav";
import { SignOutButton } from "~/app/sign-out";

export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function AdminNav({
  items,
  user,
}: {
  items: NavItem[];
  /** Shown in the menu on a phone, where the header has no room for it. */
  user: { name: string; role: string };
}) {
  const pathname = usePathname() ?? "/";
  const [open, setOpen] = useState(false);
  // A link followed closes the menu on a phone.
  useEffect(() => setOpen(false), [pathname]);
  const groups = [
    { title: "Day to day", items: items.filter((i) => i.roles.includes("STAFF")) },
    { title: "Business", items: items.filter((i) => !i.roles.includes("STAFF")) },
  ].filter((g) => g.items.length);
  const current = items.find((i) => isCurrent(i.href, pathname));
  return (
    <>
      <button
        type="button"
        className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 text-sm font-semibold lg:hidden"
        aria-expanded={open}
        aria-controls="admin-nav"
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" width="18" height="18" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
        {current && (
          <span className="font-normal text-muted max-sm:sr-only">· {current.label}</span>
        )}
      </button>
      <nav
        id="admin-nav"
        aria-label="Admin"
        className={cx(
          "border-stone-200 bg-white text-sm",
          "max-lg:absolute max-lg:inset-x-0 max-lg:top-full max-lg:z-30 max-lg:max-h-[75vh] max-lg:overflow-y-auto max-lg:border-b max-lg:shadow-lg",
          "lg:fixed lg:bottom-0 lg:left-0 lg:top-14 lg:w-52 lg:overflow-y-auto lg:border-r",
          open ? "block" : "max-lg:hidden",
        )}
      >
        {groups.map((g) => (
          <div key={g.title} className="px-3 py-3">
            <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-muted">
              {g.title}
            </p>
            <ul className="grid grid-cols-2 gap-1 sm:grid-cols-3 lg:grid-cols-1">
              {g.items.map((n) => {
                const here = isCurrent(n.href, pathname);
                return (
                  <li key={n.href}>
                    <Link
                      href={n.href}
                      aria-current={here ? "page" : undefined}
                      className={cx(
                        "flex min-h-10 items-center whitespace-nowrap rounded-lg px-2",
                        here
                          ? "bg-brand-50 font-semibold text-brand-900 shadow-[inset_3px_0_0_var(--color-brand-700)]"
                          : "text-ink hover:bg-stone-100",
                      )}
                    >
                      {n.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3 border-t border-stone-200 px-5 py-3 sm:hidden">
          <span>
            Signed in as {user.name} ({user.role})
          </span>
          <SignOutButton className="whitespace-nowrap" />
        </div>
      </nav>
    </>
  );
}
