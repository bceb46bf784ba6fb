// Phone numbers as the customer types them, checked and shown without a phone library (this file
// runs in the browser too: libphonenumber-js stays on the server, packages/core/src/contact).
// North American numbers (10 digits, or 11 with the leading 1) must be ones that can exist: an
// area code and an exchange never start with 0 or 1, and no real number is one digit ten times
// (attack R5-6: "(000) 000-0000" and "1111111111" were taken). A number written with "+" and
// another country code (or any other count of digits) only needs 10 to 15 digits.

/** The number without an extension ("ext. 12", "x12", "#12" at the end). */
function mainPart(typed: string): string {
  return typed.replace(/\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/i, "");
}

/** The 10 digits of a North American number (area code first), or null if it isn't one. */
export function northAmericanDigits(typed: string): string | null {
  const main = mainPart(typed.trim());
  const digits = main.replace(/\D/g, "");
  const plus = main.startsWith("+");
  if (!plus && digits.length === 10) return digits;
  if (digits.length === 11 && digits.startsWith("1")) return digits.slice(1);
  return null;
}

/** Why a typed phone number can't be one we call, in words for the customer; null: it can be. */
export function phoneProblem(typed: string): string | null {
  const digits = typed.replace(/\D/g, "");
  if (digits.length < 10 || digits.length > 15) return "Enter a phone number with area code.";
  const na = northAmericanDigits(typed);
  // Not a North American number (+44 ...): the digit count is all we check.
  if (na === null) return null;
  if (/^(\d)\1{9}$/.test(na))
    return "That phone number can't be right. Enter the number we can reach you on.";
  if (na[0] === "0" || na[0] === "1")
    return `There is no area code ${na.slice(0, 3)}. Check the first 3 digits of the number.`;
  if (na[3] === "0" || na[3] === "1")
    return `A phone number can't have ${na.slice(3, 6)} after the area code. Check the number.`;
  return null;
}

/**
 * A phone number written the way the rest of the product writes it (the server stores "(408)
 * 555-1234", packages/core/src/contact/phone.ts): a North American number without an extension
 * becomes "(408) 555-1234"; anything else is shown as typed.
 */
export function formatPhoneForDisplay(typed: string): string {
  const t = typed.trim();
  if (mainPart(t) !== t) return t;
  const na = northAmericanDigits(t);
  if (!na || (t.startsWith("+") && !t.startsWith("+1"))) return t;
  return `(${na.slice(0, 3)}) ${na.slice(3, 6)}-${na.slice(6)}`;
}
