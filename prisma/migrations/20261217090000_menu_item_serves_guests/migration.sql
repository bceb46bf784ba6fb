-- How many guests one order of a flat-priced item is for, which sets how many orders a party can
-- have (tables and chairs for up to 20: one for 12 guests, two for 25); null: one order is for
-- the whole party. Flat items that already exist keep the old limit, one order per guest
-- (serves 1), until the owner sets what an order is for in the menu editor.
ALTER TABLE "MenuItem" ADD COLUMN "servesGuests" INTEGER;
UPDATE "MenuItem" SET "servesGuests" = 1 WHERE "pricing" = 'FLAT';
