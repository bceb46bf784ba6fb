-- The owner can take a published comment off /reviews and show it again (attack round 2, G2).
ALTER TABLE "EventFeedback" ADD COLUMN "hiddenAt" TIMESTAMPTZ(3);
ALTER TABLE "EventFeedback" ADD COLUMN "hiddenBy" TEXT;
