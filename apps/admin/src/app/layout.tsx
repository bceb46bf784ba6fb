import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "~/lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MyHibachi Admin", template: "%s · MyHibachi Admin" },
};

// Every page is rendered per request: Next puts the request's CSP nonce (src/proxy.ts) on its
// scripts only then; a page prerendered at build time would have scripts the CSP blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-stone-50 font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
