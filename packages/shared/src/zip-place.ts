// The city and state a ZIP fills into an address form, and when a changed ZIP replaces them: one
// rule for the customer wizard and the staff New booking form.

/** A city and state: an address's, or the place a ZIP is in (the quote's `zone`). */
export interface ZipPlace {
  city: string;
  state: string;
}

const STATE = /^[A-Z]{2}$/;

/**
 * What to write into `address` now that its ZIP is in `place`, when the form last showed the ZIP
 * place `previous` (null: none yet). The city and state follow the ZIP while they are blank or
 * still what the previous ZIP filled in (the person didn't type their own); a city or state the
 * person typed is kept. Only a new place writes anything (the same place again: null), so a box
 * the person empties is not filled back while they type. Null: nothing changes.
 *
 * The caller remembers `place` as the next call's `previous`.
 */
export function zipPlacePatch(
  address: ZipPlace,
  previous: ZipPlace | null,
  place: ZipPlace,
): Partial<ZipPlace> | null {
  if (previous && previous.city === place.city && previous.state === place.state) return null;
  const patch: Partial<ZipPlace> = {};
  const city = address.city.trim();
  if (place.city && city !== place.city && (city === "" || city === previous?.city))
    patch.city = place.city;
  // The state: the app's own until typed (blank, the form's default before any ZIP, or the
  // previous ZIP's). The server refuses a state that isn't the ZIP's in any case.
  const state = address.state.trim().toUpperCase();
  if (
    STATE.test(place.state) &&
    state !== place.state &&
    (state === "" || !previous || state === previous.state)
  )
    patch.state = place.state;
  return Object.keys(patch).length > 0 ? patch : null;
}
