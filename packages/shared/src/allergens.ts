// The fixed lists owners tick on a menu item: the nine major US food allergens (FALCPA and the
// FASTER Act) and the diets the menu filter and the assistant understand (see dietary.ts). The
// stored values are these words exactly, so the customer menu's allergen filter and the
// assistant read them without a translation table, and a typo can't hide an allergen.

export const MAJOR_ALLERGENS = [
  "milk",
  "egg",
  "fish",
  "shellfish",
  "tree nuts",
  "peanuts",
  "wheat",
  "soy",
  "sesame",
] as const;
export type MajorAllergen = (typeof MAJOR_ALLERGENS)[number];

/** What each allergen covers, for the owner ticking the boxes. */
export const ALLERGEN_HINTS: Record<MajorAllergen, string> = {
  milk: "butter, cream, cheese",
  egg: "mayonnaise, egg noodles",
  fish: "salmon, tuna, fish sauce",
  shellfish: "shrimp, lobster, scallops, crab",
  "tree nuts": "almonds, cashews, walnuts",
  peanuts: "peanut oil, peanut sauce",
  wheat: "soy sauce, teriyaki, noodles",
  soy: "soy sauce, tofu, edamame",
  sesame: "sesame oil, seeds",
};

/** The diets an item can suit, each also "on request" (the chef makes it so when asked). */
export const DIETS = [
  "vegetarian",
  "vegan",
  "pescatarian",
  "halal",
  "gluten-free",
  "dairy-free",
] as const;
export type Diet = (typeof DIETS)[number];

/** Every dietary tag an item may carry: "vegan", "gluten-free-on-request", ... */
export const DIETARY_TAGS: readonly string[] = DIETS.flatMap((d) => [d, `${d}-on-request`]);

export const isMajorAllergen = (s: string): s is MajorAllergen =>
  (MAJOR_ALLERGENS as readonly string[]).includes(s);

export const isDietaryTag = (s: string) => DIETARY_TAGS.includes(s);

/** "gluten-free-on-request" -> "gluten-free on request". */
export const dietaryTagLabel = (tag: string) => tag.replace(/-on-request$/, " on request");
