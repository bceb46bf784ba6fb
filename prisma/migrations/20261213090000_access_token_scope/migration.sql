-- A receipt email's link opens that booking's receipts only (read-only): anyone a receipt is
-- forwarded to must not be able to manage, pay, reschedule or cancel the booking. Links issued
-- before this keep full access (MANAGE).
CREATE TYPE "AccessTokenScope" AS ENUM ('MANAGE', 'RECEIPTS');
ALTER TABLE "BookingAccessToken" ADD COLUMN "scope" "AccessTokenScope" NOT NULL DEFAULT 'MANAGE';
