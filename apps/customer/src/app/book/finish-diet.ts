// The finish-a-hold page's dietary profile and suggestions (issue 16), in one module it loads
// after the page is up (useLoaded), never in its first load: the profile's fields, the unsafe
// dishes marked, the suggestions (`dietParts`), the reducer that keeps the default proteins
// safe, and what the finish sends (`finishInput`, built here to keep the page's first load small).
import { profileToSend } from "./diet-draft";
import { addressOf, selectionOf, type BookingDraft } from "./draft";
import type { FinishInput, Savings } from "./types";

export { dietParts } from "./dietary-fields";
export { dietReducer } from "./diet-draft";

/**
 * What finishing the hold sends: the menu, address, contact, notes and allergies, points, the
 * dietary profile (only when something was said) and this visit's suggestion session key.
 */
export function finishInput(
  d: BookingDraft,
  o: { id: string; token: string; savings: Savings },
): FinishInput {
  const profile = profileToSend(d);
  return {
    id: o.id,
    token: o.token,
    selection: selectionOf(d),
    address: addressOf(d),
    contact: d.contact,
    notes: d.notes.trim() || null,
    allergies: d.allergies.trim() || null,
    ...(o.savings.redeemPoints ? { redeemPoints: o.savings.redeemPoints } : {}),
    ...(profile ? { dietaryProfile: profile } : {}),
    ...(d.suggestionKey ? { suggestionSessionKey: d.suggestionKey } : {}),
  };
}
