-- Click tracking: links in campaign emails go through the customer site's signed redirect
-- (/r?token=...), which records the first click of each send here (later clicks change nothing).
ALTER TABLE "CampaignSend" ADD COLUMN "clickedAt" TIMESTAMPTZ(3);
