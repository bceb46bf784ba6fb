// Staff: bookings (lists, one booking, the calendar) and the changes staff make to them.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const bookingsAdminRouter = router({
  businessToday: queryOf(op.getBusinessToday),
  today: queryOf(op.getStaffToday),
  list: queryOf(op.listBookingsForStaff),
  get: queryOf(op.getBookingForStaff),
  calendar: queryOf(op.getBookingCalendar),
  create: mutationOf(op.createBookingForStaff),
  menu: queryOf(op.getMenuForStaff),
  availability: queryOf(op.findAvailabilityForStaff),
  quote: queryOf(op.quoteEventForStaff),
  setStatus: mutationOf(op.setBookingStatus),
  cancel: mutationOf(op.cancelBookingForStaff),
  reassign: mutationOf(op.reassignBooking),
  payments: queryOf(op.getBookingPaymentsForStaff),
  recordPayment: mutationOf(op.recordPaymentAtEvent),
  chefOnTheWay: mutationOf(op.notifyChefOnTheWay),
  prepSheet: queryOf(op.getPrepSheet),
  runSheet: queryOf(op.getRunSheet),
});
