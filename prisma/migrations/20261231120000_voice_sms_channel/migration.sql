-- Voice and SMS conversations with the assistant (issue 17): a conversation has a channel (the
-- web chat, a phone call, a text thread), the call's Twilio CallSid (one conversation per call:
-- a retried webhook or a second app instance continues the same call) and the caller's phone.
-- A call ends with an outcome and a duration (Twilio's status callback). The business answers
-- the phone in person (a transfer) between phoneOpenMinute and phoneCloseMinute, in its zone.
CREATE TYPE "ConversationChannel" AS ENUM ('CHAT', 'VOICE', 'SMS');

ALTER TABLE "Conversation" ADD COLUMN "channel" "ConversationChannel" NOT NULL DEFAULT 'CHAT';
ALTER TABLE "Conversation" ADD COLUMN "callSid" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "phone" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "outcome" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "durationSeconds" INTEGER;
ALTER TABLE "Conversation" ADD COLUMN "endedAt" TIMESTAMPTZ(3);

CREATE UNIQUE INDEX "Conversation_callSid_key" ON "Conversation"("callSid");
CREATE INDEX "Conversation_channel_lastMessageAt_idx" ON "Conversation"("channel", "lastMessageAt");
-- One open text thread per phone: two concurrent first texts cannot open two.
CREATE UNIQUE INDEX "Conversation_sms_thread_key" ON "Conversation"("phone")
  WHERE "channel" = 'SMS' AND "status" IN ('OPEN', 'HANDOFF');
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_call_has_sid"
  CHECK ("channel" <> 'VOICE' OR "callSid" IS NOT NULL);
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_duration_nonnegative"
  CHECK ("durationSeconds" IS NULL OR "durationSeconds" >= 0);

ALTER TABLE "BusinessSettings" ADD COLUMN "phoneOpenMinute" INTEGER NOT NULL DEFAULT 540;
ALTER TABLE "BusinessSettings" ADD COLUMN "phoneCloseMinute" INTEGER NOT NULL DEFAULT 1260;
ALTER TABLE "BusinessSettings" ADD CONSTRAINT "BusinessSettings_phone_hours"
  CHECK ("phoneOpenMinute" >= 0 AND "phoneCloseMinute" <= 1440 AND "phoneOpenMinute" < "phoneCloseMinute");
