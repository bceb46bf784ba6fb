-- The business's public review pages (optional, https; checked by the settings operation): the
-- customer site's /reviews page links to them and the post-event review request points to one.
ALTER TABLE "BusinessSettings" ADD COLUMN "googleReviewUrl" TEXT;
ALTER TABLE "BusinessSettings" ADD COLUMN "yelpReviewUrl" TEXT;
