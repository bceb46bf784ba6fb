import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const bookingRouter = router({
  quote: queryOf(op.quoteEvent),
  availability: queryOf(op.findAvailability),
  create: mutationOf(op.createBooking),
  get: queryOf(op.getBooking),
  calendar: queryOf(op.getBookingCalendarEvent),
  confirm: mutationOf(op.confirmBooking),
  mine: queryOf(op.listMyBookings),
  cancel: mutationOf(op.cancelBooking),
  reschedule: mutationOf(op.rescheduleBooking),
  rescheduleTimes: queryOf(op.findRescheduleTimes),
  previewChange: queryOf(op.previewBookingChange),
  change: mutationOf(op.changeBookingParty),
  payments: queryOf(op.getBookingPayments),
  payBalance: mutationOf(op.payBalance),
  receipt: queryOf(op.getReceipt),
  payDeposit: mutationOf(op.payDeposit),
  checkDepositPayment: mutationOf(op.checkDepositPayment),
});
