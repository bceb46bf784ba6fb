"use client";
import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

// The tRPC client and React Query (with superjson) are loaded only on pages that call the API
// from the browser. No `loading` option: while the module loads, rendering waits (the server's
// HTML stays on screen on a first load; a navigation keeps the previous page until it is ready).
const Providers = dynamic(() => import("./trpc").then((m) => m.Providers));

/**
 * Pages whose browser code never calls tRPC through React Query (their data is server-rendered;
 * the chat has its own small client, chat/chat-client.ts): they ship without the tRPC client.
 * Every other page (the booking wizard, My bookings, any new page) gets the providers. A page
 * listed here must not use `useTRPC` (it would throw "no context").
 */
export const PAGES_WITHOUT_TRPC = new Set([
  "/",
  "/menu",
  "/chat",
  "/terms",
  "/privacy",
  "/sign-in",
]);

export function TrpcScope({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  if (PAGES_WITHOUT_TRPC.has(pathname)) return <>{children}</>;
  return <Providers>{children}</Providers>;
}
