// Runs once in the server process before it handles requests (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Rate limits and the local mailbox need the TCP peer address, which Next doesn't pass to
  // route handlers or pages.
  const { installPeerAddressHeader } = await import("@myhibachi/auth/client-ip");
  installPeerAddressHeader();
  const { env } = await import("./env");
  const { emailDeliveryWarning } = await import("@myhibachi/core");
  const warning = emailDeliveryWarning({
    smtpConfigured: !!env.SMTP_URL,
    production: env.NODE_ENV === "production",
  });
  if (warning) console.warn(warning.replace(/^/gm, "[customer] "));
  if (env.LOCAL_MAILBOX && !env.SMTP_URL)
    console.warn(
      `[customer] LOCAL_MAILBOX=1: ${env.CUSTOMER_URL}/dev/mailbox shows customer emails (sign-in and manage links) to requests from this machine only.`,
    );
}
