-- Issue 16, finding R1-2: what a package itself contains (its included dishes: the garlic fried
-- rice, the yum yum and ginger sauces, Premium's yakisoba), so an egg, milk or wheat allergy is
-- flagged for them like for any menu item. `allergens`: major allergens the owner ticked;
-- `contains`: ingredient slugs (INGREDIENTS in packages/shared/src/diet-profile.ts), each implying
-- allergens ("soy-sauce" = soy + wheat) and breaking diets ("butter": vegan, dairy-free).
ALTER TABLE "Package" ADD COLUMN "allergens" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Package" ADD COLUMN "contains" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
