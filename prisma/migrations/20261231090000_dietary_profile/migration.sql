-- Issue 16: the allergen and diet matrix as data, and a party's dietary profile.
-- MenuItem.contains: ingredient slugs the owner ticked (INGREDIENTS in packages/shared/src/
-- diet-profile.ts); each implies allergens ("soy-sauce" = soy + wheat) the menu treats as contained.
ALTER TABLE "MenuItem" ADD COLUMN "contains" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
-- The booking's dietary profile ({avoid, diets, likes}, dietaryProfileSchema), and the customer's
-- saved one (merged from their bookings, so the next booking can start from it).
ALTER TABLE "Booking" ADD COLUMN "dietaryProfile" JSONB;
ALTER TABLE "Customer" ADD COLUMN "dietaryProfile" JSONB;
