// Does a menu item suit a dietary need? One answer for the menu page's filter and the assistant.
// A diet (vegetarian, gluten-free...) is a tag the owner puts on an item, "<diet>-on-request" when
// the chef can make it so; anything else is read as an allergen the item must not contain:
// ticked, or implied by an ingredient it contains (soy sauce: soy and wheat), so an implied
// allergen is never missed (issue 16).
import { isDiet, itemAllergens, itemSuitsDiet } from "./diet-profile";

export interface DietaryFacts {
  allergens: readonly string[];
  dietaryTags: readonly string[];
  /** Ingredient slugs (INGREDIENTS in diet-profile.ts); their allergens count as contained. */
  contains?: readonly string[];
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
 * is vegetarian too) and, tagged outright, not contradicted by what it contains (a "vegan" tag on
 * an item with butter is not believed); for an allergen, neither listing it nor containing an
 * ingredient that implies it.
 */
export function dietaryMatch(item: DietaryFacts, need: string): boolean {
  const tag = dietTag(need);
  if (tag) {
    if (item.dietaryTags.includes(`${tag}-on-request`)) return true;
    const outright = item.dietaryTags.some(
      (t) => t === tag || (tag === "vegetarian" && t === "vegan"),
    );
    return outright && (!isDiet(tag) || itemSuitsDiet(item, tag));
  }
  const n = need.trim().toLowerCase();
  const avoid = ALLERGEN_GROUPS[n] ?? [n];
  if (item.allergens.some((a) => avoid.includes(a.toLowerCase()))) return false;
  // The need read as major allergens ("peanut" -> peanuts, "nuts" -> peanuts and tree nuts).
  const wanted = itemAllergens({ allergens: avoid, dietaryTags: [] });
  const contained = itemAllergens(item);
  return ![...wanted].some((a) => contained.has(a));
}

/**
 * Every allergen the item contains, for people to read: the ones the owner ticked (as written),
 * then those only its ingredients imply ("wheat" for teriyaki), so none is missed.
 */
export function allergensContained(item: DietaryFacts): string[] {
  const ticked = itemAllergens({ allergens: item.allergens, dietaryTags: [] });
  return [...item.allergens, ...[...itemAllergens(item)].filter((a) => !ticked.has(a))];
}

/** True when the item suits the diet only when asked for ("gluten-free-on-request"). */
export function dietOnRequest(item: DietaryFacts, need: string): boolean {
  const tag = dietTag(need);
  return tag !== null && item.dietaryTags.includes(`${tag}-on-request`);
}
