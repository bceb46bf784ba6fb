// Runs before every request: refuses cross-site writes and oversized bodies, and adds the
// security headers (CSP with a fresh nonce, frame/referrer/permissions policies). See
// packages/api/src/http/edge.ts.
import { NextResponse } from "next/server";
import { nextProxy } from "@myhibachi/api/http";
import { env } from "~/env";

export const proxy = nextProxy(
  () => ({
    appUrl: env.CUSTOMER_URL,
    allowedOrigins: env.ALLOWED_ORIGINS,
    dev: env.NODE_ENV === "development",
    // The assistant's page may use the microphone (voice input is planned); nothing else may.
    microphonePaths: ["/chat"],
  }),
  (init) => NextResponse.next(init),
);
