// Runs once in the server process before it handles requests (Next's instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  const { onServerStart } = await import("@myhibachi/api/startup");
  onServerStart("customer", env);
  if (env.LOCAL_MAILBOX && !env.SMTP_URL)
    console.warn(
      `[customer] LOCAL_MAILBOX=1: ${env.CUSTOMER_URL}/dev/mailbox shows customer emails (sign-in and manage links) to requests from this machine only.`,
    );
}
