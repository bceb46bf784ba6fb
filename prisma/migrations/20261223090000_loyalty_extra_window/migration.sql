-- Priority booking (issue 14, point 3): a tier's members may book this many days beyond the
-- business's booking window. Defaults: Bronze 0, Silver 30, Gold 60 (the owner edits them).
ALTER TABLE "LoyaltyTier" ADD COLUMN "extraWindowDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "LoyaltyTier" ADD CONSTRAINT "LoyaltyTier_extra_window_check"
  CHECK ("extraWindowDays" BETWEEN 0 AND 365);
UPDATE "LoyaltyTier" SET "extraWindowDays" = 30 WHERE "id" = 'tier_silver';
UPDATE "LoyaltyTier" SET "extraWindowDays" = 60 WHERE "id" = 'tier_gold';
-- The perk's label said nothing concrete; what it means is now told from the numbers (core
-- loyalty/tiers.ts `perkLabel`), this stored label is the fallback.
UPDATE "LoyaltyTier"
   SET "perks" = REPLACE("perks"::text, '"Priority booking slots"', '"Book further ahead than the booking window"')::jsonb
 WHERE "perks"::text LIKE '%"Priority booking slots"%';
