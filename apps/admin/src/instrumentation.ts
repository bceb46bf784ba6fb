// Runs once when the server process starts (Next instrumentation hook).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  const { emailDeliveryWarning } = await import("@myhibachi/core");
  const warning = emailDeliveryWarning({
    smtpConfigured: !!env.SMTP_URL,
    production: env.NODE_ENV === "production",
  });
  if (warning) console.warn(warning.replace(/^/gm, "[admin] "));
}
