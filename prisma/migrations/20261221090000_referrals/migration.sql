-- Referral rewards (issue 14, point 5): a referred first booking gets the referral code's percent
-- off its food, and the referrer an offer code of the same percent once that booking is completed.
-- One referral per referred email.

-- AlterTable
ALTER TABLE "ReferralCode" ADD COLUMN     "percentOff" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "referralCodeId" TEXT NOT NULL,
    "referredBookingId" TEXT NOT NULL,
    "referredEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "rewardCode" TEXT,
    "rewardedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Referral_referredBookingId_key" ON "Referral"("referredBookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_referredEmail_key" ON "Referral"("referredEmail");

-- CreateIndex
CREATE INDEX "Referral_referralCodeId_idx" ON "Referral"("referralCodeId");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referralCodeId_fkey" FOREIGN KEY ("referralCodeId") REFERENCES "ReferralCode"("id") ON DELETE CASCADE ON UPDATE CASCADE;



ALTER TABLE "ReferralCode" ADD CONSTRAINT "ReferralCode_percent_check" CHECK ("percentOff" BETWEEN 1 AND 50);

-- The "ready for your next event?" email also hands out the customer's referral code.
UPDATE "CampaignStep" SET "template" = E'Hi {{firstName}},\n\nA birthday, a graduation, a night with friends? Your chef is ready for the next one. See the free dates:\n\n{{bookUrl}}\n\nKnow someone who would love it? Give them your code {{referralCode}}: they get {{referralPercent}} % off their first party, and you get {{referralPercent}} % off your next one once theirs has taken place.'
  WHERE "id" = 'step_post_3';
