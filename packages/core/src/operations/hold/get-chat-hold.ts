import { z } from "zod";
import { zonedParts } from "@myhibachi/shared";
import { readProfile } from "../../booking/dietary-profile";
import { loadBookingFor } from "../../booking/manage-booking";
import { idSchema } from "../../schemas";
import { holdLinkHolder } from "../access";
import { defineOperation } from "../define";

const counts = z.record(z.string(), z.number().int().min(0));
const storedSelection = z.object({
  packageSlug: z.string(),
  proteins: counts,
  extras: counts.default({}),
});

/** A hold's stored selection as the finish form starts from it (null if it can't be read). */
function heldSelection(raw: unknown): z.infer<typeof storedSelection> | null {
  const parsed = storedSelection.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export const holdTokenSchema = z.string().min(16, "This link is incomplete.").max(128);

/** A time the assistant held, as its link shows it before the customer finishes the booking. */
export const getChatHoldOp = defineOperation({
  name: "getChatHold",
  kind: "query",
  summary:
    "A time held by the assistant, from the link it gave (before the details are filled in).",
  input: z.object({ id: idSchema, token: holdTokenSchema }),
  access: holdLinkHolder,
  async run(ctx, input, actor) {
    const now = ctx.now();
    const b = await loadBookingFor(ctx.db, input.id, actor, now);
    const p = zonedParts(b.startsAt, b.timeZone);
    return {
      id: b.id,
      code: b.code,
      status: b.status,
      date: p.date,
      startMinute: p.minutes,
      timeZone: b.timeZone,
      guests: b.adults + b.children,
      adults: b.adults,
      children: b.children,
      /** The selection the hold was priced with (what the customer asked for in the chat). */
      selection: heldSelection(b.selection),
      /** The allergies and diets the chat heard (the finish page starts from them). */
      dietaryProfile: readProfile(b.dietaryProfile),
      /** The name the caller gave on the phone (the finish page starts from it). */
      contactName: b.customerId === null ? b.contactName : null,
      postalCode: b.postalCode,
      city: b.city,
      state: b.state,
      holdExpiresAt: b.holdExpiresAt,
      /** Details already given: the booking page (confirm / manage) takes over. */
      finished: b.customerId !== null,
      expired:
        b.status === "EXPIRED" ||
        (b.status === "HELD" && !!b.holdExpiresAt && b.holdExpiresAt.getTime() < now.getTime()),
    };
  },
});
