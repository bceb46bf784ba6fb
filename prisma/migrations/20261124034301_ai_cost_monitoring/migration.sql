-- CreateEnum
CREATE TYPE "CostAlertLevel" AS ENUM ('WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "AiCostRollup" (
    "bucketStart" TIMESTAMPTZ(3) NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "savedMicros" BIGINT NOT NULL,
    "cacheHits" INTEGER NOT NULL,
    "cacheMisses" INTEGER NOT NULL,
    "cacheBypass" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "fallbacks" INTEGER NOT NULL,
    "latencySumMs" BIGINT NOT NULL,

    CONSTRAINT "AiCostRollup_pkey" PRIMARY KEY ("bucketStart","provider","model","tier")
);

-- CreateTable
CREATE TABLE "AiQuestionRollup" (
    "day" DATE NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "calls" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "preview" TEXT NOT NULL,

    CONSTRAINT "AiQuestionRollup_pkey" PRIMARY KEY ("day","fingerprint")
);

-- CreateTable
CREATE TABLE "AiCostRollupState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "rolledUpTo" TIMESTAMPTZ(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AiCostRollupState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostAlertSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "dailyBudgetCents" INTEGER NOT NULL DEFAULT 5000,
    "weeklyBudgetCents" INTEGER NOT NULL DEFAULT 30000,
    "monthlyBudgetCents" INTEGER NOT NULL DEFAULT 100000,
    "warnAtPercent" INTEGER NOT NULL DEFAULT 80,
    "spikePercent" INTEGER NOT NULL DEFAULT 150,
    "spikeMinIncreaseCents" INTEGER NOT NULL DEFAULT 100,
    "spikeMinRequests" INTEGER NOT NULL DEFAULT 20,
    "emailEnabled" BOOLEAN NOT NULL DEFAULT true,
    "webhookUrl" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CostAlertSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostAlert" (
    "id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "level" "CostAlertLevel" NOT NULL,
    "title" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "thresholdMicros" BIGINT NOT NULL,
    "data" JSONB,
    "firedAt" TIMESTAMPTZ(3) NOT NULL,
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CostAlert_firedAt_idx" ON "CostAlert"("firedAt");

-- CreateIndex
CREATE INDEX "CostAlert_readAt_firedAt_idx" ON "CostAlert"("readAt", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CostAlert_rule_periodKey_level_key" ON "CostAlert"("rule", "periodKey", "level");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_createdAt_idx" ON "AlertDelivery"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_alertId_channel_key" ON "AlertDelivery"("alertId", "channel");

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "CostAlert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
