export * from "./define";
export * from "./access";
export * from "./registry";
export { customerBookingView } from "./booking/booking-view";
export { encodeBookingCursor } from "./booking/list-my-bookings";
export { bookingStatusSchema, BOOKING_STATUSES } from "./output-schemas";
export {
  activeConversation,
  CHAT_IP_LIMIT,
  CHAT_VISITOR_LIMIT,
  chatMessageView,
  type ChatMessageView,
} from "./chat/conversation";
