"use client";
import type { AdminRouter } from "@myhibachi/api";
import { LIMITS } from "@myhibachi/api/limits";
import { createTrpcReact } from "@myhibachi/ui/trpc";

export { canRetry, errorMessage } from "@myhibachi/ui/trpc";
export const { TRPCProvider, useTRPC, useTRPCClient, Providers } = createTrpcReact<AdminRouter>({
  maxBatch: LIMITS.trpcBatch,
});
