// A party's dietary profile and the one deterministic rule that decides whether a menu item is
// safe for it (issue 16). Every suggestion the product makes (wizard, chat, finish page, reminder)
// passes `safeForProfile`; a model may only *extract* a profile from text, never decide safety.
//
// What an item contains is the union of the allergens the owner ticked and those implied by the
// ingredients ticked ("contains": soy sauce = soy + wheat, butter = milk, ...). A diet holds for an
// item only when the owner tagged the item with it outright (or with a stricter diet: anything
// vegan is vegetarian, dairy-free and pescatarian-safe) *and* nothing it contains breaks the diet
// (a "vegan" tag on an item with butter is not believed). "On request" tags don't count here: a
// suggestion must be right as it stands, not after someone remembers to ask the chef.
import { DIETS, MAJOR_ALLERGENS, type Diet, type MajorAllergen } from "./allergens";

/** An ingredient the owner can tick, what allergens it implies and which diets it rules out. */
export interface IngredientFacts {
  label: string;
  implies: readonly MajorAllergen[];
  breaks: readonly Diet[];
}

const MEAT: readonly Diet[] = ["vegetarian", "vegan", "pescatarian"];
const ANIMAL: readonly Diet[] = ["vegan"];

/** The fixed ingredient list (slug -> facts). Stored values are these slugs exactly. */
export const INGREDIENTS = {
  "soy-sauce": { label: "Soy sauce", implies: ["soy", "wheat"], breaks: ["gluten-free"] },
  teriyaki: { label: "Teriyaki sauce", implies: ["soy", "wheat"], breaks: ["gluten-free"] },
  butter: { label: "Butter", implies: ["milk"], breaks: ["vegan", "dairy-free"] },
  cream: { label: "Cream or cheese", implies: ["milk"], breaks: ["vegan", "dairy-free"] },
  "sesame-oil": { label: "Sesame oil or seeds", implies: ["sesame"], breaks: [] },
  "yum-yum-sauce": {
    label: "Yum yum sauce (mayonnaise)",
    implies: ["egg"],
    breaks: ["vegan"],
  },
  egg: { label: "Egg", implies: ["egg"], breaks: ["vegan"] },
  noodles: { label: "Wheat noodles or wrappers", implies: ["wheat"], breaks: ["gluten-free"] },
  shrimp: { label: "Shrimp", implies: ["shellfish"], breaks: ["vegetarian", "vegan"] },
  scallops: { label: "Scallops", implies: ["shellfish"], breaks: ["vegetarian", "vegan"] },
  lobster: { label: "Lobster or crab", implies: ["shellfish"], breaks: ["vegetarian", "vegan"] },
  fish: { label: "Fish", implies: ["fish"], breaks: ["vegetarian", "vegan"] },
  "fish-sauce": { label: "Fish sauce", implies: ["fish"], breaks: ["vegetarian", "vegan"] },
  "peanut-oil": { label: "Peanuts or peanut oil", implies: ["peanuts"], breaks: [] },
  "tree-nuts": { label: "Almonds, cashews or walnuts", implies: ["tree nuts"], breaks: [] },
  beef: { label: "Beef", implies: [], breaks: MEAT },
  chicken: { label: "Chicken", implies: [], breaks: MEAT },
  pork: { label: "Pork", implies: [], breaks: [...MEAT, "halal"] },
  alcohol: { label: "Sake or mirin", implies: [], breaks: ["halal"] },
  honey: { label: "Honey", implies: [], breaks: ANIMAL },
} as const satisfies Record<string, IngredientFacts>;
export type Ingredient = keyof typeof INGREDIENTS;
export const INGREDIENT_SLUGS = Object.keys(INGREDIENTS) as Ingredient[];
export const isIngredient = (s: string): s is Ingredient => Object.hasOwn(INGREDIENTS, s);

/** What the diets themselves forbid, whatever the tags say. */
const DIET_FORBIDS: Record<Diet, readonly MajorAllergen[]> = {
  vegetarian: ["fish", "shellfish"],
  vegan: ["fish", "shellfish", "milk", "egg"],
  pescatarian: [],
  halal: [],
  "gluten-free": ["wheat"],
  "dairy-free": ["milk"],
};

/** Tags that also satisfy a diet: a vegan item is vegetarian, dairy-free and pescatarian-safe. */
const SATISFIED_BY: Record<Diet, readonly Diet[]> = {
  vegetarian: ["vegetarian", "vegan"],
  vegan: ["vegan"],
  pescatarian: ["pescatarian", "vegetarian", "vegan"],
  halal: ["halal"],
  "gluten-free": ["gluten-free"],
  "dairy-free": ["dairy-free", "vegan"],
};

export interface MenuDietFacts {
  allergens: readonly string[];
  dietaryTags: readonly string[];
  /** Ingredient slugs (INGREDIENTS); unknown words are ignored, never trusted as "safe". */
  contains?: readonly string[];
}

/** Every major allergen the item contains: ticked, or implied by a ticked ingredient. */
export function itemAllergens(item: MenuDietFacts): Set<MajorAllergen> {
  const out = new Set<MajorAllergen>();
  for (const a of item.allergens) {
    const n = a.trim().toLowerCase();
    for (const m of MAJOR_ALLERGENS) if (n === m || n === m.replace(/s$/, "")) out.add(m);
    if (n === "nuts") {
      out.add("peanuts");
      out.add("tree nuts");
    }
    if (n === "gluten") out.add("wheat");
    if (n === "dairy") out.add("milk");
  }
  for (const c of item.contains ?? [])
    if (isIngredient(c)) INGREDIENTS[c].implies.forEach((a) => out.add(a));
  return out;
}

/** True only when the item suits the diet as it stands (see the file comment). */
export function itemSuitsDiet(item: MenuDietFacts, diet: Diet): boolean {
  const tagged = item.dietaryTags.some((t) =>
    (SATISFIED_BY[diet] as readonly string[]).includes(t),
  );
  if (!tagged) return false;
  const allergens = itemAllergens(item);
  if (DIET_FORBIDS[diet].some((a) => allergens.has(a))) return false;
  for (const c of item.contains ?? [])
    if (isIngredient(c) && (INGREDIENTS[c].breaks as readonly Diet[]).includes(diet)) return false;
  return true;
}

/** One restriction of a party: an allergen to avoid or a diet to keep, for how many guests. */
export interface ProfileNeed<T> {
  value: T;
  /** How many guests it is for; null when the customer didn't say (the chef asks). */
  guests: number | null;
}

export interface DietaryProfile {
  avoid: ProfileNeed<MajorAllergen>[];
  diets: ProfileNeed<Diet>[];
  /** Soft preferences ("spicy"), never a safety rule. */
  likes: string[];
}

/** Soft preferences a profile can carry (rules may favour them; never a safety rule). */
export const PROFILE_LIKES = ["spicy", "mild", "light", "hearty", "seafood"] as const;

export const EMPTY_PROFILE: DietaryProfile = { avoid: [], diets: [], likes: [] };

export const isDiet = (s: string): s is Diet => (DIETS as readonly string[]).includes(s);

/**
 * The rule every suggestion passes: the item contains none of the allergens anyone in the party
 * avoids and keeps every diet anyone in the party keeps. Deterministic; no model is asked.
 */
export function safeForProfile(item: MenuDietFacts, profile: DietaryProfile): boolean {
  const allergens = itemAllergens(item);
  if (profile.avoid.some((n) => allergens.has(n.value))) return false;
  return profile.diets.every((n) => itemSuitsDiet(item, n.value));
}

/** Why an item is unsafe, in words for staff ("contains shellfish", "not vegan"), or null. */
export function unsafeReason(item: MenuDietFacts, profile: DietaryProfile): string | null {
  const allergens = itemAllergens(item);
  const hit = profile.avoid.find((n) => allergens.has(n.value));
  if (hit) return `contains ${hit.value}`;
  const diet = profile.diets.find((n) => !itemSuitsDiet(item, n.value));
  return diet ? `not ${diet.value}` : null;
}

/**
 * What a package's own dishes (its fried rice, sauces, noodles: `Package.allergens` and
 * `contains`, finding R1-2) are as diet facts. A package carries no diet tags: its included dishes
 * keep a diet unless something they contain breaks it (butter: not vegan; soy sauce: not
 * gluten-free). The proteins are chosen apart and checked as menu items. A package without the
 * facts (a row from before they existed) contains nothing known.
 */
export function packageDietFacts(pkg: {
  allergens?: readonly string[] | null;
  contains?: readonly string[] | null;
}): MenuDietFacts {
  return { allergens: pkg.allergens ?? [], contains: pkg.contains ?? [], dietaryTags: DIETS };
}

/** Merge two profiles (a customer's saved one and what this booking says), largest count wins. */
export function mergeProfiles(a: DietaryProfile, b: DietaryProfile): DietaryProfile {
  const merge = <T>(x: ProfileNeed<T>[], y: ProfileNeed<T>[]) => {
    const m = new Map<T, number | null>();
    for (const n of [...x, ...y]) {
      const prev = m.get(n.value);
      m.set(n.value, prev === undefined ? n.guests : maxCount(prev, n.guests));
    }
    return [...m].map(([value, guests]) => ({ value, guests }));
  };
  return {
    avoid: merge(a.avoid, b.avoid),
    diets: merge(a.diets, b.diets),
    likes: [...new Set([...a.likes, ...b.likes])],
  };
}
const maxCount = (x: number | null, y: number | null) =>
  x === null ? y : y === null ? x : Math.max(x, y);

// The line staff read lives apart (profile-words.ts): the kitchen order, in the booking pages'
// first load, needs it without the ingredient table above.
export { profileWords } from "./profile-words";
