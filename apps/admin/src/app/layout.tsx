import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "~/lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "MyHibachi Admin", template: "%s · MyHibachi Admin" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-stone-50 font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
