-- Customers change their party (guest count) and menu online (issue 13, point 6).
-- The policy's two windows, in hours before the event: every change closes at
-- partyChangeCutoffHours (the chef shops and preps from then on); the guest count can no longer
-- go down after guestDecreaseCutoffHours (the final count), though it can still go up.
ALTER TABLE "BusinessSettings" ADD COLUMN "partyChangeCutoffHours" INTEGER NOT NULL DEFAULT 72;
ALTER TABLE "BusinessSettings" ADD COLUMN "guestDecreaseCutoffHours" INTEGER NOT NULL DEFAULT 168;

-- A change that lowers the total below what was already paid online refunds the difference.
ALTER TYPE "RefundReason" ADD VALUE 'BOOKING_CHANGE';
