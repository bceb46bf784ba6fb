// Does a menu item suit a dietary need? One answer for the menu page's filter and the assistant.
// A diet (vegetarian, gluten-free...) is a tag the owner puts on an item, "<diet>-on-request" when
// the chef can make it so; anything else is read as an allergen the item must not contain.

export interface DietaryFacts {
  allergens: string[];
  dietaryTags: string[];
}

const DIET_TAGS: Record<string, string> = {
  vegetarian: "vegetarian",
  vegan: "vegan",
  pescatarian: "pescatarian",
  halal: "halal",
  gluten: "gluten-free",
  "gluten-free": "gluten-free",
  "dairy-free": "dairy-free",
};

/** Allergen words that stand for a group of allergens as owners write them. */
const ALLERGEN_GROUPS: Record<string, string[]> = {
  nuts: ["peanut", "tree-nut", "nuts", "peanuts", "tree nuts"],
};

/** The item tag that marks a diet ("gluten" -> "gluten-free"), or null for an allergen. */
export function dietTag(need: string): string | null {
  return DIET_TAGS[need.trim().toLowerCase()] ?? null;
}

/**
 * True when the item suits the need: tagged with the diet (or made so on request; anything vegan
 * is vegetarian too), or, for an allergen, not listing it.
 */
export function dietaryMatch(item: DietaryFacts, need: string): boolean {
  const tag = dietTag(need);
  if (tag)
    return item.dietaryTags.some(
      (t) => t === tag || t === `${tag}-on-request` || (tag === "vegetarian" && t === "vegan"),
    );
  const n = need.trim().toLowerCase();
  const avoid = ALLERGEN_GROUPS[n] ?? [n];
  return !item.allergens.some((a) => avoid.includes(a.toLowerCase()));
}

/** True when the item suits the diet only when asked for ("gluten-free-on-request"). */
export function dietOnRequest(item: DietaryFacts, need: string): boolean {
  const tag = dietTag(need);
  return tag !== null && item.dietaryTags.includes(`${tag}-on-request`);
}
