// Contact links: a phone number as a tap-to-call `tel:` URI.

/**
 * The `tel:` URI of a phone number as people write it: "(408) 555-0142" -> "tel:+14085550142".
 * A 10-digit number (or 11 starting with 1) is taken as North American (+1); a number written
 * with a leading + keeps its country code; anything else keeps its digits as they are.
 */
export function telHref(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (phone.trim().startsWith("+")) return `tel:+${digits}`;
  if (digits.length === 10) return `tel:+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `tel:+${digits}`;
  return `tel:${digits}`;
}
