-- A rating's comment is shown on the public /reviews page only when the customer agreed to it
-- (attack 14, F11). Comments given before the question was asked were never agreed to: false.
ALTER TABLE "EventFeedback" ADD COLUMN "publicOk" BOOLEAN NOT NULL DEFAULT false;
