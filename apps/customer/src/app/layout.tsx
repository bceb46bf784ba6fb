import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "~/lib/trpc";
import { ChatWidget } from "./chat/widget";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MyHibachi — a private hibachi chef at your home", template: "%s · MyHibachi" },
  description:
    "Book a private hibachi chef for your party: live availability, exact quotes, no surprises.",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#ea580c" };

// Every page is rendered per request: Next puts the request's CSP nonce (src/proxy.ts) on its
// scripts only then; a page prerendered at build time would have scripts the CSP blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3"
          >
            <Link href="/" className="mr-auto text-xl font-extrabold text-brand-700">
              MyHibachi
            </Link>
            <Link href="/menu" className="hover:underline">
              Menu
            </Link>
            <Link href="/chat" className="hover:underline">
              Chat
            </Link>
            <Link href="/bookings" className="hover:underline">
              My bookings
            </Link>
            <Link
              href="/book"
              className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
            >
              Book a chef
            </Link>
          </nav>
        </header>
        <Providers>
          <main id="main" className="mx-auto max-w-5xl px-4 py-8">
            {children}
          </main>
          <ChatWidget />
        </Providers>
        <footer className="mx-auto max-w-5xl px-4 py-10 text-sm text-muted">
          MyHibachi · private hibachi chefs for home parties
        </footer>
      </body>
    </html>
  );
}
