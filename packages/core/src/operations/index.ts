export * from "./define";
export * from "./access";
export * from "./registry";
export { customerBookingView } from "./booking/booking-view";
export {
  bookingStatusSchema,
  BOOKING_STATUSES,
  encodeBookingCursor,
} from "./booking/list-my-bookings";
export {
  activeConversation,
  CHAT_IP_LIMIT,
  CHAT_VISITOR_LIMIT,
  chatMessageView,
  type ChatMessageView,
} from "./chat/conversation";
