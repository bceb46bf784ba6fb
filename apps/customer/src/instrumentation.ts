// Runs once when the server process starts (Next instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Lets /dev/mailbox tell a request made on this machine from any other (the real TCP peer).
  const { installPeerCheck } = await import("@myhibachi/api/peer");
  installPeerCheck();
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
