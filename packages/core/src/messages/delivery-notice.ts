/**
 * What a process says at boot about email delivery, or null when an SMTP server is configured.
 * In production it is loud: emails are stored but nobody receives them.
 */
export function emailDeliveryWarning({
  smtpConfigured,
  production,
}: {
  smtpConfigured: boolean;
  production: boolean;
}): string | null {
  if (smtpConfigured) return null;
  if (!production)
    return "email: no SMTP_URL, so emails are stored but not delivered (owners see them in the admin Outbox).";
  const lines = [
    "EMAILS ARE NOT DELIVERED: NODE_ENV=production and SMTP_URL is not set.",
    "Booking confirmations and sign-in links are stored, but nobody receives them.",
    "Owners can read them (secret links hidden) in the admin app under Outbox.",
    "Set SMTP_URL=smtp://user:pass@host:587 (and EMAIL_FROM) to deliver them.",
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "!".repeat(width + 4);
  return [bar, ...lines.map((l) => `! ${l.padEnd(width)} !`), bar].join("\n");
}
