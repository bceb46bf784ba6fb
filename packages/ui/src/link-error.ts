// What a page says when the parts of its own URL (a booking id, a link token, a receipt id) are
// refused by the API's input check: a cut-off or mangled link, not something the person typed.
// The API's validation text ("token: Too small: expected string to have >=16 characters") means
// nothing to a customer who clicked a link in an email.

import { errorMessage } from "./errors";

export const BAD_LINK_MESSAGE =
  "This link isn't valid. Use the link from your latest email, or sign in to see your bookings.";

/** The input fields a failed call's validation refused (tRPC error data `fields`), if any. */
function refusedFields(err: unknown): string[] {
  if (!err || typeof err !== "object") return [];
  const data = (err as { data?: unknown }).data;
  if (!data || typeof data !== "object") return [];
  const fields = (data as { fields?: unknown }).fields;
  if (!fields || typeof fields !== "object") return [];
  return Object.keys(fields).map((f) => f.split(".")[0]!);
}

/**
 * The message for a failed call whose input came from the page's URL: `BAD_LINK_MESSAGE` when
 * validation refused one of `urlFields` (or `badLink`, a page's own wording), otherwise the API's own message (null without error).
 */
export function linkErrorMessage(
  err: unknown,
  urlFields: readonly string[],
  badLink: string = BAD_LINK_MESSAGE,
): string | null {
  if (!err) return null;
  if (refusedFields(err).some((f) => urlFields.includes(f))) return badLink;
  return errorMessage(err);
}
