-- Issue 17: the phone hours (when a caller who asks for a person is put through to the business
-- phone) were one window for every day; a caterer's phone is staffed differently on a Sunday.
-- Now one window per weekday, Sunday first, or null for a day nobody answers: each day starts
-- with the old window, so nothing changes until the owner edits them on the settings page.
ALTER TABLE "BusinessSettings" ADD COLUMN "phoneHours" JSONB;

UPDATE "BusinessSettings"
SET "phoneHours" = jsonb_build_array(w, w, w, w, w, w, w)
FROM (
  SELECT "id", jsonb_build_object('open', "phoneOpenMinute", 'close', "phoneCloseMinute") AS w
  FROM "BusinessSettings"
) AS old
WHERE old."id" = "BusinessSettings"."id";

ALTER TABLE "BusinessSettings"
  ALTER COLUMN "phoneHours" SET NOT NULL,
  ALTER COLUMN "phoneHours" SET DEFAULT '[{"open":540,"close":1260},{"open":540,"close":1260},{"open":540,"close":1260},{"open":540,"close":1260},{"open":540,"close":1260},{"open":540,"close":1260},{"open":540,"close":1260}]';

ALTER TABLE "BusinessSettings" DROP COLUMN "phoneOpenMinute", DROP COLUMN "phoneCloseMinute";
