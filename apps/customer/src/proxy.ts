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
    // The chat's microphone (voice input, issue 17) is in the widget on every page: this site's
    // own pages may ask for it (never a frame of another site: "self").
    microphonePaths: ["/"],
  }),
  (init) => NextResponse.next(init),
);
