-- The deposit's free-cancellation deadline, fixed when a booking is rescheduled after it passed
-- (late-cancel loophole: moving the event must not make the deposit refundable again).
-- Null (every existing row): the deadline is freeCancellationHours before startsAt, as before.

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "depositRefundableUntil" TIMESTAMPTZ(3);
