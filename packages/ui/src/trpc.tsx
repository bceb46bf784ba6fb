"use client";
// The browser side of tRPC, shared by both apps: a React Query client, a batched HTTP link to
// the app's own /api/trpc, and typed hooks for the app's router.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AnyTRPCRouter } from "@trpc/server";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";

export { BAD_LINK_MESSAGE, linkErrorMessage } from "./link-error";

/** `maxBatch`: the server's limit on calls per batched request (LIMITS.trpcBatch). */
export function createTrpcReact<TRouter extends AnyTRPCRouter>(opts: { maxBatch: number }) {
  const ctx = createTRPCContext<TRouter>();
  function Providers({ children }: { children: ReactNode }) {
    const [queryClient] = useState(
      () =>
        new QueryClient({
          defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: false } },
        }),
    );
    const [trpcClient] = useState(() =>
      createTRPCClient<TRouter>({
        links: [
          httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: opts.maxBatch }),
        ],
      } as never),
    );
    return (
      <QueryClientProvider client={queryClient}>
        <ctx.TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </ctx.TRPCProvider>
      </QueryClientProvider>
    );
  }
  return { ...ctx, Providers };
}

export { canRetry, errorMessage, failureKind } from "./errors";
