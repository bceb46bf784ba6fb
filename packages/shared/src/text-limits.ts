// The longest free text a booking takes (the booking schemas refuse longer), for forms' maxLength
// and character counters.

/** Notes for the chef: occasion, parking, anything else. */
export const NOTES_MAX = 1000;
/** Allergies and dietary needs. */
export const ALLERGIES_MAX = 500;
