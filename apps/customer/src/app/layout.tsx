import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { telHref } from "@myhibachi/shared";
import { env } from "~/env";
import { SHARE_IMAGE, SITE_NAME } from "~/lib/seo";
import { api } from "~/server/caller";
import { ChatWidget } from "./chat/widget";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(env.CUSTOMER_URL),
    title: {
      default: `${SITE_NAME} · a private hibachi chef at your home`,
      template: "%s · MyHibachi",
    },
    description:
      "Book a private hibachi chef for your party: live availability, exact quotes, no surprises.",
    applicationName: SITE_NAME,
    openGraph: { type: "website", siteName: SITE_NAME, locale: "en_US", images: [SHARE_IMAGE] },
    twitter: { card: "summary_large_image", images: [SHARE_IMAGE] },
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#c2410c" },
    { media: "(prefers-color-scheme: dark)", color: "#1c1917" },
  ],
  colorScheme: "light dark",
};

/** The business's contact details for the footer; the page still renders if they can't be read. */
async function contact() {
  try {
    const { business } = await (await api()).catalog.get();
    return business;
  } catch {
    return null;
  }
}

// Every page is rendered per request: Next puts the request's CSP nonce (src/proxy.ts) on its
// scripts only then; a page prerendered at build time would have scripts the CSP blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  const business = await contact();
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        {/* The header's and footer's links are plain <a>: this frame is on every page, and
            next/link would add about 3.5 KB of JavaScript to every page's first load (its
            client router glue), a third of what the booking wizard itself needs. Every page
            is rendered on the server, so a full load costs a visitor little; the chat's own
            links (loaded with the chat) still navigate without a reload. */}
        <header className="border-b border-stone-200 bg-white">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
            <a
              href="/"
              className="mr-auto flex items-center gap-2 text-xl font-extrabold text-brand-700"
            >
              <img src="/icon.svg" alt="" width={28} height={28} />
              MyHibachi
            </a>
            <nav aria-label="Main" className="flex items-center gap-5">
              <a href="/menu" className="py-2 hover:underline">
                Menu
              </a>
              <a href="/bookings" className="py-2 hover:underline">
                My bookings
              </a>
            </nav>
            <div className="flex items-center gap-3">
              <ChatWidget />
              <a
                href="/book"
                className="inline-flex min-h-11 items-center rounded-lg bg-brand-600 px-4 font-semibold whitespace-nowrap text-white hover:bg-brand-700"
              >
                Book a chef
              </a>
            </div>
          </div>
        </header>
        {/* At least a screen tall: the footer starts below the fold, so a page whose content
              grows after loading (the booking wizard) never pushes it around on screen (CLS). */}
        <main id="main" className="mx-auto min-h-svh w-full max-w-5xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-stone-200 bg-white text-sm">
          <div className="mx-auto grid max-w-5xl gap-8 px-4 py-10 sm:grid-cols-3">
            <div>
              <p className="text-base font-extrabold text-brand-700">
                {business?.name ?? SITE_NAME}
              </p>
              <p className="mt-2 text-muted">
                Private hibachi chefs for home parties
                {business ? ` in and around ${business.baseAddress}` : ""}.
              </p>
            </div>
            <div>
              <h2 className="font-bold">Contact</h2>
              <ul className="mt-2 flex flex-col gap-1">
                {business && (
                  <>
                    <li>
                      <a
                        href={telHref(business.phone) ?? undefined}
                        className="inline-block py-1 whitespace-nowrap underline"
                      >
                        {business.phone}
                      </a>
                    </li>
                    <li>
                      <a href={`mailto:${business.email}`} className="inline-block py-1 underline">
                        {business.email}
                      </a>
                    </li>
                  </>
                )}
                <li>
                  <a href="/chat" className="inline-block py-1 underline">
                    Chat with us
                  </a>
                </li>
              </ul>
            </div>
            <nav aria-label="Footer">
              <h2 className="font-bold">Explore</h2>
              <ul className="mt-2 flex flex-col gap-1">
                <li>
                  <a href="/menu" className="inline-block py-1 underline">
                    Menu and allergens
                  </a>
                </li>
                <li>
                  <a href="/book" className="inline-block py-1 underline">
                    Free dates and booking
                  </a>
                </li>
                <li>
                  <a href="/reviews" className="inline-block py-1 underline">
                    Reviews
                  </a>
                </li>
                <li>
                  <a href="/bookings" className="inline-block py-1 underline">
                    My bookings
                  </a>
                </li>
                <li>
                  <a href="/terms" className="inline-block py-1 underline">
                    Terms of service
                  </a>
                </li>
                <li>
                  <a href="/privacy" className="inline-block py-1 underline">
                    Privacy policy
                  </a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}
