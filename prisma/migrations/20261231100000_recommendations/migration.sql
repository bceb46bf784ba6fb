-- Menu recommendations (issue 16): upsell and seasonal rules as data, the wizard/chat/reminder
-- sessions that saw (or, in the hold-out arm, would have seen) a suggestion, and one event per
-- rule, surface and outcome. The owner's page compares the two arms per rule.

-- Share of recommendation sessions that see no suggestions (the control arm), 0-50 %.
ALTER TABLE "BusinessSettings" ADD COLUMN "recommendationHoldoutPercent" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "BusinessSettings" ADD CONSTRAINT "BusinessSettings_recommendationHoldoutPercent_check"
  CHECK ("recommendationHoldoutPercent" BETWEEN 0 AND 50);

-- A rule: when it applies (conditions) and what it suggests (target), both JSON validated by the
-- engine's zod schemas (packages/core/src/recommendations/rules.ts). Lower priority first.
CREATE TABLE "RecommendationRule" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "target" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RecommendationRule_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RecommendationRule_slug_key" ON "RecommendationRule"("slug");

-- One browser visit of the wizard (or a chat, or a booking's reminder): its arm is drawn once,
-- deterministically from the key, and never changes. Linked to the booking it became, if any.
CREATE TABLE "RecommendationSession" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "arm" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bookingId" TEXT,
    "customerId" TEXT,

    CONSTRAINT "RecommendationSession_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RecommendationSession_arm_check" CHECK ("arm" IN ('treatment', 'control'))
);
CREATE UNIQUE INDEX "RecommendationSession_key_key" ON "RecommendationSession"("key");
CREATE UNIQUE INDEX "RecommendationSession_bookingId_key" ON "RecommendationSession"("bookingId");
CREATE INDEX "RecommendationSession_createdAt_idx" ON "RecommendationSession"("createdAt");
ALTER TABLE "RecommendationSession" ADD CONSTRAINT "RecommendationSession_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "RecommendationSession" ADD CONSTRAINT "RecommendationSession_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- What happened to a rule's suggestion in a session on a surface: SHOWN (treatment), ELIGIBLE
-- (control: what would have been shown), ACCEPTED, DECLINED. The unique key makes logging
-- idempotent: showing the same suggestion twice on one surface is one row.
CREATE TABLE "RecommendationEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "ruleSlug" TEXT NOT NULL,
    "surface" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "revenueDeltaCents" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecommendationEvent_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RecommendationEvent_outcome_check" CHECK ("outcome" IN ('SHOWN', 'ELIGIBLE', 'ACCEPTED', 'DECLINED'))
);
CREATE UNIQUE INDEX "RecommendationEvent_sessionId_ruleSlug_surface_outcome_key" ON "RecommendationEvent"("sessionId", "ruleSlug", "surface", "outcome");
CREATE INDEX "RecommendationEvent_ruleSlug_outcome_idx" ON "RecommendationEvent"("ruleSlug", "outcome");
ALTER TABLE "RecommendationEvent" ADD CONSTRAINT "RecommendationEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "RecommendationSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
