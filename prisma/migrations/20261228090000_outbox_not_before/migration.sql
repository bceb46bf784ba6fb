-- Quiet hours on retries: a campaign email or text whose (re)send would land outside 8:00-21:00
-- in the event's time zone is put back with a "not before" time (the next 8:00 there). The claim
-- and the outbox sweep skip rows whose notBefore is still ahead, so held messages don't take the
-- sweep's batch slots. Null (every other message): no constraint.
ALTER TABLE "EmailMessage" ADD COLUMN "notBefore" TIMESTAMPTZ(3);
ALTER TABLE "SmsMessage" ADD COLUMN "notBefore" TIMESTAMPTZ(3);
