import { z } from "zod";
import { confirmHeldBooking } from "../../booking/manage-booking";
import { bookingHolder } from "../access";
import { defineOperation } from "../define";
import { bookingStatusSchema } from "../output-schemas";
import { bookingDeps } from "./deps";
import { bookingRefInput } from "./get-booking";

/** The customer confirms a booking made online, from the emailed link (or signed in). */
export const confirmBookingOp = defineOperation({
  name: "confirmBooking",
  kind: "mutation",
  summary: "Confirm a booking made online (from the emailed link, or signed in with its email).",
  input: bookingRefInput,
  output: z.object({ id: z.string(), status: bookingStatusSchema }),
  access: bookingHolder,
  async run(ctx, input, actor) {
    const b = await confirmHeldBooking(ctx.db, { bookingId: input.id, actor }, bookingDeps(ctx));
    return { id: b.id, status: b.status };
  },
});
