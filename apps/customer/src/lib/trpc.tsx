"use client";
import type { CustomerRouter } from "@myhibachi/api";
import { LIMITS } from "@myhibachi/api/limits";
import { createTrpcReact } from "@myhibachi/ui/trpc";

export { canRetry, errorMessage, linkErrorMessage } from "@myhibachi/ui/trpc";
export const { TRPCProvider, useTRPC, useTRPCClient, Providers } = createTrpcReact<CustomerRouter>({
  maxBatch: LIMITS.trpcBatch,
});
