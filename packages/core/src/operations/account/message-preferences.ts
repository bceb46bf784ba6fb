// "Messages from us" on My bookings: the signed-in customer's offers by email and texts, switched
// on or off by themselves (campaigns/preferences.ts).
import { z } from "zod";
import { getMessagePreferences, setMessagePreference } from "../../campaigns/preferences";
import { customerAccount } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

const channelPreference = z.object({
  address: z.string(),
  on: z.boolean(),
  blockedByUs: z.boolean(),
  said: z
    .object({ status: z.enum(["GRANTED", "REVOKED"]), source: z.string(), at: instant })
    .nullable(),
});

const preferencesOutput = z.object({
  /** Null until the account's email is confirmed. */
  email: channelPreference.nullable(),
  /** One per phone number on the account's bookings. */
  texts: z.array(channelPreference),
});

export const getMyMessagePreferencesOp = defineOperation({
  name: "getMyMessagePreferences",
  kind: "query",
  summary:
    "Whether we may send you offers by email and texts to each phone on your bookings (signed in, email confirmed).",
  access: customerAccount,
  output: preferencesOutput,
  run: (ctx, _input, user) => getMessagePreferences(ctx.db, user),
});

export const setMyMessagePreferenceInput = z.object({
  channel: z.enum(["EMAIL", "SMS"], { error: 'Choose "EMAIL" or "SMS".' }),
  /** For texts: which of your numbers (optional when your bookings have one). */
  phone: z
    .string({ error: "Give the phone number as text." })
    .trim()
    .max(40, "That is too long for a phone number.")
    .optional(),
  on: z.boolean({ error: "Say on (true) or off (false)." }),
});

export const setMyMessagePreferenceOp = defineOperation({
  name: "setMyMessagePreference",
  kind: "mutation",
  summary:
    "Turns our offers by email, or texts to one of your phones, on or off. Booking messages (confirmation, reminders) are not affected.",
  input: setMyMessagePreferenceInput,
  access: customerAccount,
  output: preferencesOutput,
  run: (ctx, input, user) => setMessagePreference(ctx.db, user, { ...input, now: ctx.now() }),
});
