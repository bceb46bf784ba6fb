-- In-app messages (IN_APP campaign steps): a per-customer inbox shown on My bookings. One message
-- per campaign send (unique), written in the step's transaction with that send record.
CREATE TABLE "InAppMessage" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "sendId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "InAppMessage_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "InAppMessage_sendId_key" ON "InAppMessage"("sendId");
CREATE INDEX "InAppMessage_customerId_createdAt_idx" ON "InAppMessage"("customerId", "createdAt");

ALTER TABLE "InAppMessage" ADD CONSTRAINT "InAppMessage_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "InAppMessage" ADD CONSTRAINT "InAppMessage_sendId_fkey" FOREIGN KEY ("sendId") REFERENCES "CampaignSend"("id") ON DELETE CASCADE ON UPDATE CASCADE;
