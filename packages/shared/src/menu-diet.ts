// A menu item's diet tags must agree with what it contains (attack 16b, R1-3): "vegan" on a dish
// with butter ticked, "vegetarian" with pork, "gluten-free" with soy sauce is refused in words the
// owner can act on, so the customer menu never shows "vegan" next to "Contains: milk". The rule is
// the one the suggestion filter decides with (itemSuitsDiet); "on request" tags are promises of a
// change in the kitchen, so nothing the dish contains as it stands contradicts them.
import type { Diet } from "./allergens";
import {
  INGREDIENTS,
  isDiet,
  isIngredient,
  itemAllergens,
  itemSuitsDiet,
  type MenuDietFacts,
} from "./diet-profile";

const dietLabel = (d: Diet) => d[0]!.toUpperCase() + d.slice(1);

/**
 * The first diet tag (set outright) that the item's ingredients or allergens contradict, as a
 * sentence for the owner ("A vegan dish can't contain butter (milk). Untick Vegan or the
 * ingredient."), or null when every tag holds.
 */
export function dietTagConflict(item: MenuDietFacts): string | null {
  for (const tag of item.dietaryTags) {
    if (!isDiet(tag)) continue;
    const facts = { allergens: item.allergens, contains: item.contains ?? [], dietaryTags: [tag] };
    if (itemSuitsDiet(facts, tag)) continue;
    const head = `A ${tag} dish can't contain`;
    for (const c of item.contains ?? []) {
      if (!isIngredient(c)) continue;
      if (itemSuitsDiet({ allergens: [], contains: [c], dietaryTags: [tag] }, tag)) continue;
      const f = INGREDIENTS[c];
      const implies = f.implies.length ? ` (${f.implies.join(", ")})` : "";
      return `${head} ${f.label.toLowerCase()}${implies}. Untick ${dietLabel(tag)} or the ingredient.`;
    }
    for (const a of itemAllergens({ allergens: item.allergens, dietaryTags: [] }))
      if (!itemSuitsDiet({ allergens: [a], dietaryTags: [tag] }, tag))
        return `${head} ${a}. Untick ${dietLabel(tag)} or the allergen.`;
    // Not reached with today's rules (a conflict is an ingredient or an allergen); kept readable.
    return `The ${dietLabel(tag)} tag doesn't fit what the dish contains. Untick it or fix the ingredients.`;
  }
  return null;
}
