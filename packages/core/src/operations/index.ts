export * from "./define";
export * from "./access";
export * from "./registry";
export { customerBookingView } from "./booking/booking-view";
export {
  bookingStatusSchema,
  BOOKING_STATUSES,
  encodeBookingCursor,
} from "./booking/list-my-bookings";
