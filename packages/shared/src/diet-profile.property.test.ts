// The suggestion filter never offers what a guest can't eat (issue 16). Random menus (random
// allergens ticked, random ingredients, random diet tags: "on request" ones and tags the
// ingredients contradict) against random profiles: every item `safeForProfile` lets through is
// checked against a restatement of the definition written here, independently of
// itemAllergens / itemSuitsDiet: an item contains an allergen when the owner ticked it or ticked
// an ingredient that implies it; it keeps a diet only when tagged with it outright (or with a
// stricter one) and nothing it contains breaks it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIETS, DIETARY_TAGS, MAJOR_ALLERGENS, type Diet, type MajorAllergen } from "./allergens";
import {
  INGREDIENT_SLUGS,
  safeForProfile,
  unsafeReason,
  type DietaryProfile,
  type MenuDietFacts,
} from "./diet-profile";

// ---- The definition, restated from the issue (not from diet-profile.ts) ----------------------

/** What each ingredient means: the allergens it brings and what kind of food it is. */
const MEANS: Record<string, { allergens: MajorAllergen[]; is: string[] }> = {
  "soy-sauce": { allergens: ["soy", "wheat"], is: [] },
  teriyaki: { allergens: ["soy", "wheat"], is: [] },
  butter: { allergens: ["milk"], is: ["dairy"] },
  cream: { allergens: ["milk"], is: ["dairy"] },
  "sesame-oil": { allergens: ["sesame"], is: [] },
  "yum-yum-sauce": { allergens: ["egg"], is: ["egg"] },
  egg: { allergens: ["egg"], is: ["egg"] },
  noodles: { allergens: ["wheat"], is: [] },
  shrimp: { allergens: ["shellfish"], is: ["seafood"] },
  scallops: { allergens: ["shellfish"], is: ["seafood"] },
  lobster: { allergens: ["shellfish"], is: ["seafood"] },
  fish: { allergens: ["fish"], is: ["seafood"] },
  "fish-sauce": { allergens: ["fish"], is: ["seafood"] },
  "peanut-oil": { allergens: ["peanuts"], is: [] },
  "tree-nuts": { allergens: ["tree nuts"], is: [] },
  beef: { allergens: [], is: ["meat"] },
  chicken: { allergens: [], is: ["meat"] },
  pork: { allergens: [], is: ["meat", "pork"] },
  alcohol: { allergens: [], is: ["alcohol"] },
  honey: { allergens: [], is: ["animal"] },
};

/** The kinds of food each diet refuses. */
const DIET_REFUSES: Record<Diet, string[]> = {
  vegetarian: ["meat", "seafood"],
  vegan: ["meat", "seafood", "dairy", "egg", "animal"],
  pescatarian: ["meat"],
  halal: ["pork", "alcohol"],
  "gluten-free": ["gluten"],
  "dairy-free": ["dairy"],
};

/** The outright tags that promise a diet (a vegan dish is vegetarian, pescatarian, dairy-free). */
const PROMISED_BY: Record<Diet, string[]> = {
  vegetarian: ["vegetarian", "vegan"],
  vegan: ["vegan"],
  pescatarian: ["pescatarian", "vegetarian", "vegan"],
  halal: ["halal"],
  "gluten-free": ["gluten-free"],
  "dairy-free": ["dairy-free", "vegan"],
};

function contained(item: MenuDietFacts): Set<string> {
  const out = new Set(item.allergens.map((a) => a.trim().toLowerCase()));
  for (const c of item.contains ?? []) for (const a of MEANS[c]?.allergens ?? []) out.add(a);
  return out;
}

function kinds(item: MenuDietFacts): Set<string> {
  const out = new Set<string>();
  const has = contained(item);
  if (has.has("fish") || has.has("shellfish")) out.add("seafood");
  if (has.has("milk")) out.add("dairy");
  if (has.has("egg")) out.add("egg");
  if (has.has("wheat")) out.add("gluten");
  for (const c of item.contains ?? []) for (const k of MEANS[c]?.is ?? []) out.add(k);
  return out;
}

function keepsDiet(item: MenuDietFacts, diet: Diet): boolean {
  if (!item.dietaryTags.some((t) => PROMISED_BY[diet].includes(t))) return false;
  const k = kinds(item);
  return !DIET_REFUSES[diet].some((x) => k.has(x));
}

/** The rule: none of the declared allergens, every declared diet kept. */
function reallySafe(item: MenuDietFacts, p: DietaryProfile): boolean {
  const has = contained(item);
  return p.avoid.every((n) => !has.has(n.value)) && p.diets.every((n) => keepsDiet(item, n.value));
}

// ---- Generators ---------------------------------------------------------------------------

const someOf = <T>(xs: readonly T[]) => fc.subarray([...xs]);
const cased = (a: string) =>
  fc.constantFrom(a, a.toUpperCase(), ` ${a} `, a.charAt(0).toUpperCase() + a.slice(1));

const itemArb: fc.Arbitrary<MenuDietFacts> = fc.record({
  allergens: fc
    .array(fc.oneof(fc.constantFrom(...MAJOR_ALLERGENS).chain(cased), fc.constant("lupin")), {
      maxLength: 4,
    })
    .map((xs) => [...new Set(xs)]),
  // Ingredients, plus now and then a word that isn't one (ignored, never read as "safe").
  contains: fc
    .array(
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...INGREDIENT_SLUGS) },
        {
          weight: 1,
          arbitrary: fc.constant("ketchup"),
        },
      ),
      { maxLength: 5 },
    )
    .map((xs) => [...new Set(xs)]),
  // Any tags, "on request" ones and contradictory ones ("vegan" with butter) included.
  dietaryTags: someOf(DIETARY_TAGS),
});

const guestsArb = fc.option(fc.integer({ min: 1, max: 60 }), { nil: null });
const profileArb: fc.Arbitrary<DietaryProfile> = fc.record({
  avoid: someOf(MAJOR_ALLERGENS).chain((vs) =>
    fc.tuple(...vs.map((value) => guestsArb.map((guests) => ({ value, guests })))),
  ),
  diets: fc
    .subarray([...DIETS], { maxLength: 2 })
    .chain((vs) => fc.tuple(...vs.map((value) => guestsArb.map((guests) => ({ value, guests }))))),
  likes: someOf(["spicy", "mild"]),
});

// ---- Properties ---------------------------------------------------------------------------

describe("safeForProfile (property)", () => {
  it("lets through no item with a declared allergen (ticked or implied) or a broken diet", () => {
    let passed = 0;
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 12 }), profileArb, (menu, p) => {
        for (const item of menu) {
          if (!safeForProfile(item, p)) continue;
          passed++;
          expect(reallySafe(item, p), JSON.stringify({ item, p })).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: plenty of items did pass and were checked.
    expect(passed).toBeGreaterThan(1000);
  });

  it("refuses exactly what the restated rule refuses, with a reason in words", () => {
    fc.assert(
      fc.property(itemArb, profileArb, (item, p) => {
        const safe = safeForProfile(item, p);
        expect(safe).toBe(reallySafe(item, p));
        const why = unsafeReason(item, p);
        expect(why === null).toBe(safe);
        if (why) expect(why).toMatch(/^(contains [a-z ]+|not [a-z-]+)$/);
      }),
      { numRuns: 3000 },
    );
  });

  it("the restatement covers every ingredient the owner can tick", () => {
    expect(Object.keys(MEANS).sort()).toEqual([...INGREDIENT_SLUGS].sort());
  });
});

// ---- Examples -----------------------------------------------------------------------------

const profile = (p: Partial<DietaryProfile>): DietaryProfile => ({
  avoid: [],
  diets: [],
  likes: [],
  ...p,
});
const menu: (MenuDietFacts & { slug: string })[] = [
  { slug: "satay", allergens: [], contains: ["peanut-oil", "chicken"], dietaryTags: [] },
  { slug: "peanut-sauce", allergens: ["peanuts"], contains: [], dietaryTags: ["vegan"] },
  { slug: "edamame", allergens: ["soy"], contains: [], dietaryTags: ["vegan", "gluten-free"] },
  { slug: "tofu", allergens: ["soy"], contains: ["soy-sauce"], dietaryTags: ["vegan"] },
  { slug: "buttery-veg", allergens: [], contains: ["butter"], dietaryTags: ["vegan"] },
  { slug: "veg-rice", allergens: ["egg"], contains: ["egg"], dietaryTags: ["vegetarian"] },
  { slug: "veg-on-request", allergens: [], contains: [], dietaryTags: ["vegan-on-request"] },
  { slug: "shrimp", allergens: [], contains: ["shrimp", "butter"], dietaryTags: ["pescatarian"] },
];
const seen = (p: DietaryProfile) => menu.filter((i) => safeForProfile(i, p)).map((i) => i.slug);

describe("safeForProfile (examples)", () => {
  it("a peanut allergy never sees a peanut item, ticked or from peanut oil", () => {
    expect(seen(profile({ avoid: [{ value: "peanuts", guests: 1 }] }))).toEqual([
      "edamame",
      "tofu",
      "buttery-veg",
      "veg-rice",
      "veg-on-request",
      "shrimp",
    ]);
  });

  it("a vegan profile sees only items that are vegan as they stand", () => {
    expect(seen(profile({ diets: [{ value: "vegan", guests: 2 }] }))).toEqual([
      "peanut-sauce",
      "edamame",
      "tofu",
    ]);
  });

  it('refuses a "vegan" tag on an item with butter, and says why', () => {
    const vegan = profile({ diets: [{ value: "vegan", guests: null }] });
    const buttery = menu.find((i) => i.slug === "buttery-veg")!;
    expect(safeForProfile(buttery, vegan)).toBe(false);
    expect(unsafeReason(buttery, vegan)).toBe("not vegan");
    expect(unsafeReason(buttery, profile({ avoid: [{ value: "milk", guests: 1 }] }))).toBe(
      "contains milk",
    );
  });

  it("a shellfish allergy misses the shrimp even with no allergen ticked", () => {
    expect(seen(profile({ avoid: [{ value: "shellfish", guests: 2 }] }))).not.toContain("shrimp");
    expect(seen(profile({ avoid: [{ value: "wheat", guests: 1 }] }))).not.toContain("tofu");
  });
});
