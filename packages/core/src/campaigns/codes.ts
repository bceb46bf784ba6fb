import { readableCode } from "../booking/shared";

/** An offer code a person can type: "SAVE-" and 8 letters and digits (no look-alikes). */
export const newOfferCode = () => readableCode("SAVE-", 8);
