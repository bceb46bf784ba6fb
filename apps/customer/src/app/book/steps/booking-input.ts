// What the wizard sends to book (booking.create), built in the later steps' chunk (the booking
// page's first load stays under its budget): the draft's date, party, menu, address and
// contact, the dietary profile (issue 16, only when something was said) and this visit's
// suggestion session key (the suggestions shown and taken are linked to the booking).
import { profileToSend } from "../diet-draft";
import { addressOf, selectionOf, type BookingDraft } from "../draft";
import type { BookingCreateInput, Savings } from "../types";

export function bookingInput(
  draft: BookingDraft & { date: string; startMinute: number },
  o: { idempotencyKey: string; seenAt: Date | undefined; savings: Savings },
): BookingCreateInput {
  const { smsConsent, ...contact } = draft.contact;
  const profile = profileToSend(draft);
  return {
    idempotencyKey: `${o.idempotencyKey}:${draft.date}:${draft.startMinute}`,
    date: draft.date,
    startMinute: draft.startMinute,
    selection: selectionOf(draft),
    address: addressOf(draft),
    contact,
    smsConsent,
    notes: draft.notes.trim() || null,
    allergies: draft.allergies.trim() || null,
    ...(profile ? { dietaryProfile: profile } : {}),
    ...(draft.suggestionKey ? { suggestionSessionKey: draft.suggestionKey } : {}),
    // When the free times shown were read: a time taken since is "just booked by someone else".
    seenAt: o.seenAt?.toISOString(),
    ...(o.savings.offerCode ? { offerCode: o.savings.offerCode } : {}),
    ...(o.savings.redeemPoints ? { redeemPoints: o.savings.redeemPoints } : {}),
  };
}
