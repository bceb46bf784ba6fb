// The wizard's steps after the first, in one chunk that loads on the customer's first input (or
// when a saved draft comes back at a later step), not with the page: the first step is all a
// fresh visit needs, and the booking page's first-load JavaScript budget is 150 KB.
export { DetailsStep } from "./details-step";
export { ExtrasStep } from "./extras-step";
export { MenuStep } from "./menu-step";
export { ReviewStep } from "./review-step";
export { QuoteLines } from "./quote-lines";
export { zipPlacePatch } from "./later-helpers";
export { bookingInput } from "./booking-input";
export { dietReducer } from "../diet-draft";
