// What each app's server process does once before it handles requests (Next's instrumentation
// hook, apps/*/src/instrumentation.ts). Kept light: it is imported before anything else.
import { installPeerAddressHeader } from "@myhibachi/auth/client-ip";
import { emailDeliveryWarning } from "@myhibachi/core";

export function onServerStart(
  app: "customer" | "admin",
  env: { SMTP_URL?: string | undefined; NODE_ENV?: string | undefined },
): void {
  // Rate limits (and the customer app's local mailbox) need the TCP peer address, which Next
  // doesn't pass to route handlers or pages.
  installPeerAddressHeader();
  const warning = emailDeliveryWarning({
    smtpConfigured: !!env.SMTP_URL,
    production: env.NODE_ENV === "production",
  });
  if (warning) console.warn(warning.replace(/^/gm, `[${app}] `));
}
