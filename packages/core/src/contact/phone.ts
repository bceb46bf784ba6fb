// Phone numbers are stored in one written form, whatever was typed ("4085550199",
// "408.555.0199", "+1 408 555 0199" all become "(408) 555-0199"), so staff read them the same way
// in every list, the same customer is found by any of those spellings, and a tel: link dials.
// Numbers of the business's own country are written the national way; others the international
// way ("+44 20 7946 0958"); an extension is kept ("(408) 555-0199 ext. 12"). libphonenumber-js does the parsing; a number it can't make sense of is
// kept as typed (the schemas have already asked for 10 to 15 digits).
import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js";

/** The business's country: numbers typed without a country code are read as this one's. */
export const HOME_PHONE_REGION: CountryCode = "US";

/** A phone number in the one form it is stored and shown in. */
export function normalizePhone(raw: string, region: CountryCode = HOME_PHONE_REGION): string {
  const typed = raw.trim();
  const parsed = parsePhoneNumberFromString(typed, region);
  if (!parsed || !parsed.isPossible()) return typed;
  // One calling code, one way of writing: a Canadian number in a US business reads "(604) ...".
  return parsed.countryCallingCode === getCountryCallingCode(region)
    ? parsed.formatNational()
    : parsed.formatInternational();
}

/** `normalizePhone` for an optional field: blank stays null. */
export function normalizeOptionalPhone(raw: string | null | undefined): string | null {
  const typed = raw?.trim();
  return typed ? normalizePhone(typed) : null;
}

/**
 * What to look for when staff search by a phone number, in the stored form: a full number typed
 * any way finds the customer; anything shorter is searched as typed.
 */
export function phoneSearchForm(typed: string): string | null {
  if (!/^[\d\s()+.-]+$/.test(typed) || typed.replace(/\D/g, "").length < 10) return null;
  const parsed = parsePhoneNumberFromString(typed, HOME_PHONE_REGION);
  return parsed?.isPossible() ? normalizePhone(typed) : null;
}

/**
 * The number in E.164 ("+14085550199"), as an SMS provider wants it, or null when it isn't a
 * possible phone number (a number kept as typed). An extension is dropped: texts reach the line.
 */
export function phoneToE164(
  stored: string,
  region: CountryCode = HOME_PHONE_REGION,
): string | null {
  const parsed = parsePhoneNumberFromString(stored.trim(), region);
  return parsed?.isPossible() ? parsed.number : null;
}
