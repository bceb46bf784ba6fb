-- Follow-up campaigns (issue 14, points 5-7): sequences as data (trigger, steps, exit rules),
-- one enrolment per sequence and subject, one send record per (enrolment, step) behind a unique
-- constraint, consent per channel, a suppression list, single-use offer codes, post-event feedback
-- and referral codes. Campaign emails go through the existing outbox (EmailMessage), which gains
-- the extra headers they carry (RFC 8058 List-Unsubscribe / List-Unsubscribe-Post).

-- CreateEnum
CREATE TYPE "CampaignTrigger" AS ENUM ('ABANDONED_BOOKING', 'POST_EVENT', 'RE_ENGAGEMENT');

-- CreateEnum
CREATE TYPE "CampaignChannel" AS ENUM ('EMAIL', 'SMS', 'IN_APP');

-- CreateEnum
CREATE TYPE "EnrolmentState" AS ENUM ('ACTIVE', 'COMPLETED', 'EXITED');

-- CreateEnum
CREATE TYPE "CampaignSendStatus" AS ENUM ('CLAIMED', 'SENT', 'SKIPPED');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('GRANTED', 'REVOKED');

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "CampaignSequence" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" "CampaignTrigger" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "exitRules" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignSequence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignStep" (
    "id" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "delayMinutes" INTEGER NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "subject" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "offerPercent" INTEGER,
    "offerValidDays" INTEGER,
    "minRating" INTEGER,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CampaignStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignEnrolment" (
    "id" TEXT NOT NULL,
    "sequenceId" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "customerId" TEXT,
    "bookingId" TEXT,
    "email" TEXT,
    "firstName" TEXT,
    "timeZone" TEXT NOT NULL,
    "anchorAt" TIMESTAMPTZ(3) NOT NULL,
    "state" "EnrolmentState" NOT NULL DEFAULT 'ACTIVE',
    "nextPosition" INTEGER,
    "nextDueAt" TIMESTAMPTZ(3),
    "exitReason" TEXT,
    "exitedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignSend" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "status" "CampaignSendStatus" NOT NULL,
    "skipReason" TEXT,
    "emailKey" TEXT,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "CampaignSend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactConsent" (
    "id" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ContactConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suppression" (
    "id" TEXT NOT NULL,
    "channel" "CampaignChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Suppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfferCode" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "percentOff" INTEGER NOT NULL,
    "email" TEXT,
    "customerId" TEXT,
    "enrolmentId" TEXT,
    "stepId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "redeemedAt" TIMESTAMPTZ(3),
    "redeemedBookingId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfferCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventFeedback" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralCode" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignSequence_key_key" ON "CampaignSequence"("key");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignStep_sequenceId_position_key" ON "CampaignStep"("sequenceId", "position");

-- CreateIndex
CREATE INDEX "CampaignEnrolment_state_nextDueAt_idx" ON "CampaignEnrolment"("state", "nextDueAt");

-- CreateIndex
CREATE INDEX "CampaignEnrolment_bookingId_idx" ON "CampaignEnrolment"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignEnrolment_sequenceId_subjectKey_key" ON "CampaignEnrolment"("sequenceId", "subjectKey");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignSend_emailKey_key" ON "CampaignSend"("emailKey");

-- CreateIndex
CREATE INDEX "CampaignSend_recipient_claimedAt_idx" ON "CampaignSend"("recipient", "claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignSend_enrolmentId_stepId_key" ON "CampaignSend"("enrolmentId", "stepId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactConsent_channel_address_key" ON "ContactConsent"("channel", "address");

-- CreateIndex
CREATE UNIQUE INDEX "Suppression_channel_address_key" ON "Suppression"("channel", "address");

-- CreateIndex
CREATE UNIQUE INDEX "OfferCode_code_key" ON "OfferCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "OfferCode_redeemedBookingId_key" ON "OfferCode"("redeemedBookingId");

-- CreateIndex
CREATE UNIQUE INDEX "OfferCode_enrolmentId_stepId_key" ON "OfferCode"("enrolmentId", "stepId");

-- CreateIndex
CREATE UNIQUE INDEX "EventFeedback_bookingId_key" ON "EventFeedback"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralCode_customerId_key" ON "ReferralCode"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralCode_code_key" ON "ReferralCode"("code");

-- AddForeignKey
ALTER TABLE "CampaignStep" ADD CONSTRAINT "CampaignStep_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "CampaignSequence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignEnrolment" ADD CONSTRAINT "CampaignEnrolment_sequenceId_fkey" FOREIGN KEY ("sequenceId") REFERENCES "CampaignSequence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSend" ADD CONSTRAINT "CampaignSend_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "CampaignEnrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignSend" ADD CONSTRAINT "CampaignSend_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "CampaignStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralCode" ADD CONSTRAINT "ReferralCode_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Checks Prisma can't express.
ALTER TABLE "CampaignStep" ADD CONSTRAINT "CampaignStep_delay_check" CHECK ("delayMinutes" >= 0),
  ADD CONSTRAINT "CampaignStep_offer_check" CHECK (
    ("offerPercent" IS NULL AND "offerValidDays" IS NULL)
    OR ("offerPercent" BETWEEN 1 AND 50 AND "offerValidDays" BETWEEN 1 AND 365)),
  ADD CONSTRAINT "CampaignStep_minRating_check" CHECK ("minRating" IS NULL OR "minRating" BETWEEN 1 AND 5);
ALTER TABLE "OfferCode" ADD CONSTRAINT "OfferCode_percent_check" CHECK ("percentOff" BETWEEN 1 AND 50);
ALTER TABLE "EventFeedback" ADD CONSTRAINT "EventFeedback_rating_check" CHECK ("rating" BETWEEN 1 AND 5);

-- The built-in sequences of issue 14, with its timing and copy as defaults (all editable rows).
-- Delays count from the enrolment's anchor: the booking's creation (abandoned), the event's end
-- (post-event), the last event's end (re-engagement; months as 90, 182 and 365 days).
INSERT INTO "CampaignSequence" ("id", "key", "name", "trigger", "active", "exitRules", "updatedAt") VALUES
  ('seq_abandoned', 'abandoned-booking', 'Abandoned booking', 'ABANDONED_BOOKING', true, '{"exitOnBooking":true}', CURRENT_TIMESTAMP),
  ('seq_post_event', 'post-event', 'After the event', 'POST_EVENT', true, '{"exitOnBooking":false}', CURRENT_TIMESTAMP),
  ('seq_reengage', 're-engagement', 'Re-engagement', 'RE_ENGAGEMENT', true, '{"exitOnBooking":true}', CURRENT_TIMESTAMP);

INSERT INTO "CampaignStep" ("id", "sequenceId", "position", "delayMinutes", "channel", "subject", "template", "offerPercent", "offerValidDays", "minRating", "updatedAt") VALUES
  ('step_abandoned_1', 'seq_abandoned', 1, 120, 'EMAIL',
   'Still thinking about {{eventDate}}?',
   E'Hi {{firstName}},\n\nStill thinking about your hibachi party on {{eventDate}}? Your spot is held for you: pick up where you left off and book it in a couple of minutes.\n\n{{bookUrl}}', NULL, NULL, NULL, CURRENT_TIMESTAMP),
  ('step_abandoned_2', 'seq_abandoned', 2, 1440, 'EMAIL',
   'Your time on {{eventDate}} is filling up',
   E'Hi {{firstName}},\n\nDates around {{eventDate}} are filling up with other parties. If you would still like a chef at your place, book now while the time is free.\n\n{{bookUrl}}', NULL, NULL, NULL, CURRENT_TIMESTAMP),
  ('step_abandoned_3', 'seq_abandoned', 3, 2880, 'EMAIL',
   '{{offerPercent}} % off if you book today',
   E'Hi {{firstName}},\n\nBook your hibachi party today and take {{offerPercent}} % off the food with the code {{offerCode}} (one use, until {{offerExpires}}). Enter it in the booking form.\n\n{{bookUrl}}', 5, 1, NULL, CURRENT_TIMESTAMP),
  ('step_post_1', 'seq_post_event', 1, 1440, 'EMAIL',
   'How was your hibachi party?',
   E'Hi {{firstName}},\n\nThank you for having us on {{eventDate}}. How was it? Tap a rating from 1 to 5 and tell us anything we could do better: it takes ten seconds.\n\n{{ratingUrl}}', NULL, NULL, NULL, CURRENT_TIMESTAMP),
  ('step_post_2', 'seq_post_event', 2, 10080, 'EMAIL',
   'Would you tell others about your party?',
   E'Hi {{firstName}},\n\nWe are so glad you enjoyed your party on {{eventDate}}. A short review helps other families find us:\n\n{{reviewUrl}}', NULL, NULL, 4, CURRENT_TIMESTAMP),
  ('step_post_3', 'seq_post_event', 3, 43200, 'EMAIL',
   'Ready for your next event?',
   E'Hi {{firstName}},\n\nA birthday, a graduation, a night with friends? Your chef is ready for the next one. See the free dates:\n\n{{bookUrl}}', NULL, NULL, NULL, CURRENT_TIMESTAMP),
  ('step_reengage_1', 'seq_reengage', 1, 129600, 'EMAIL',
   'We miss you: {{offerPercent}} % off your next party',
   E'Hi {{firstName}},\n\nIt has been a few months since your last hibachi party. Come back and take {{offerPercent}} % off the food with the code {{offerCode}} (one use, until {{offerExpires}}).\n\n{{bookUrl}}', 10, 30, NULL, CURRENT_TIMESTAMP),
  ('step_reengage_2', 'seq_reengage', 2, 262080, 'EMAIL',
   'New on the grill this season',
   E'Hi {{firstName}},\n\nOur chefs have new seasonal items on the menu. Have a look, and book a date when you are ready:\n\n{{menuUrl}}', NULL, NULL, NULL, CURRENT_TIMESTAMP),
  ('step_reengage_3', 'seq_reengage', 3, 525600, 'EMAIL',
   'A year already? {{offerPercent}} % off to celebrate',
   E'Hi {{firstName}},\n\nIt has been a year since your hibachi party. Celebrate with {{offerPercent}} % off the food: the code {{offerCode}} works once, until {{offerExpires}}.\n\n{{bookUrl}}', 15, 30, NULL, CURRENT_TIMESTAMP);
