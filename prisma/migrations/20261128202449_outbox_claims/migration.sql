-- AlterEnum
ALTER TYPE "AlertDeliveryStatus" ADD VALUE 'SENDING';

-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "EmailMessage" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "EmailMessage_status_createdAt_idx" ON "EmailMessage"("status", "createdAt");
