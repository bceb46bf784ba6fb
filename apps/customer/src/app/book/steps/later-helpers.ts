// Draft helpers only the later steps use, kept out of draft.ts (which the booking page loads
// first: its first-load JavaScript budget is 150 KB). Pure, unit-tested in prefill.test.ts and
// draft.test.ts.
import type { BookingDraft, DraftPrefill } from "../draft";

/**
 * Signing out ("not you?"): the draft without the account's details still as they were filled in
 * (anything the customer changed or typed stays; so do the party, date and menu).
 */
export function withoutPrefill(d: BookingDraft, p: DraftPrefill | null | undefined): BookingDraft {
  if (!p) return d;
  const contact = { ...d.contact };
  for (const k of ["name", "email", "phone"] as const)
    if (p.contact[k] && contact[k] === p.contact[k]) contact[k] = "";
  const a = p.address;
  const sameAddress =
    !!a && d.address.line1 === a.line1 && d.address.line2 === a.line2 && d.address.city === a.city;
  // The account's saved dietary profile, still as it was filled in, goes with the account.
  const sameProfile =
    !!p.dietaryProfile && JSON.stringify(p.dietaryProfile) === JSON.stringify(d.dietaryProfile);
  return {
    ...d,
    contact,
    address: sameAddress ? { ...d.address, line1: "", line2: "", city: "" } : d.address,
    ...(sameProfile ? { dietaryProfile: undefined } : {}),
  };
}

// The ZIP's city and state in the address (the same rule as the staff New booking form).
export { zipPlacePatch } from "@myhibachi/shared";
