-- Customer intelligence (issue 15): nightly model runs with their fitted parameters and demand
-- forecast, per-customer lifetime value and churn scores, and churn-risk interventions through the
-- campaign engine (a trigger, a step the owner approves, the enrolment's reason and approved words).

-- CreateEnum
CREATE TYPE "AnalyticsRunStatus" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "CampaignTrigger" ADD VALUE 'CHURN_RISK';

-- AlterTable
ALTER TABLE "CampaignEnrolment" ADD COLUMN     "approvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "approvedBy" TEXT,
ADD COLUMN     "draftSubject" TEXT,
ADD COLUMN     "draftText" TEXT,
ADD COLUMN     "reason" TEXT;

-- AlterTable
ALTER TABLE "CampaignStep" ADD COLUMN     "needsApproval" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AnalyticsRun" (
    "id" TEXT NOT NULL,
    "modelVersion" TEXT NOT NULL,
    "status" "AnalyticsRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "fittedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "models" JSONB,
    "forecast" JSONB,
    "error" TEXT,

    CONSTRAINT "AnalyticsRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerScore" (
    "runId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "completedBookings" INTEGER NOT NULL,
    "lastEventAt" TIMESTAMPTZ(3),
    "expectedBookings" DOUBLE PRECISION NOT NULL,
    "expectedValueCents" INTEGER NOT NULL,
    "clvCents" INTEGER NOT NULL,
    "pAlive" DOUBLE PRECISION NOT NULL,
    "segment" TEXT NOT NULL,
    "churnScore" INTEGER NOT NULL,
    "churnBand" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,

    CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("runId","customerId")
);

-- CreateIndex
CREATE INDEX "AnalyticsRun_status_startedAt_idx" ON "AnalyticsRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_churnScore_idx" ON "CustomerScore"("runId", "churnScore");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_clvCents_idx" ON "CustomerScore"("runId", "clvCents");

-- CreateIndex
CREATE INDEX "CustomerScore_customerId_idx" ON "CustomerScore"("customerId");

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_runId_fkey" FOREIGN KEY ("runId") REFERENCES "AnalyticsRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;


