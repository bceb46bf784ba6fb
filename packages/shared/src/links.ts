// Links people tap: a phone number to call, an address to open in a map app, an email to write.
// Used by the staff pages (booking, prep sheet, run sheet) and the emails alike.

/**
 * "tel:+14085550177" for "(408) 555-0177": digits only, a leading + kept; a 10-digit number (or
 * 11 starting with 1) is read as North American. Null when there are too few digits to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const plus = phone.trim().startsWith("+");
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return null;
  if (plus) return `tel:+${digits}`;
  if (digits.length === 10) return `tel:+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `tel:+${digits}`;
  return `tel:${digits}`;
}

/** "mailto:dana@example.com", or null without an address. */
export function mailtoHref(email: string | null | undefined): string | null {
  const e = email?.trim();
  return e ? `mailto:${encodeURIComponent(e).replace(/%40/g, "@")}` : null;
}

export interface PostalAddress {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
}

/** "123 Maple Ave, Apt 4, San Jose, CA 95125": the parts that are there, in postal order. */
export function addressLine(a: PostalAddress): string {
  const region = [a.state, a.postalCode].filter((p) => p?.trim()).join(" ");
  return [a.line1, a.line2, a.city, region]
    .map((p) => p?.trim())
    .filter(Boolean)
    .join(", ");
}

/**
 * A map search for the address that opens Google Maps (the app on a phone, the site elsewhere):
 * https://www.google.com/maps/search/?api=1&query=... (Google's documented, key-free URL).
 */
export function mapsSearchUrl(a: PostalAddress): string | null {
  const q = addressLine(a);
  return q ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}` : null;
}
