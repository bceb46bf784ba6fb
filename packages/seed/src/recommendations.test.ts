// The brief's examples on the demo menu (issue 16): the seed's own menu, packages, settings and
// default rules, through the real engine and the real quote engine. Expected money is worked
// out by hand below (tax 9.38 % rounded half up, no travel fee).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DEFAULT_RULES,
  computeQuote,
  suggest,
  type EngineCatalog,
  type EngineItem,
  type QuoteSelection,
  type Suggestion,
} from "@myhibachi/core";
import {
  DIETS,
  EMPTY_PROFILE,
  MAJOR_ALLERGENS,
  formatCents,
  includedInPackage,
  reasonPlaceholderProblem,
  safeForProfile,
  type DietaryProfile,
} from "@myhibachi/shared";
import { MENU, PACKAGES, SETTINGS } from "./data";

function demoCatalog(over: { items?: EngineItem[] } = {}): EngineCatalog {
  const items: EngineItem[] = MENU.map((m, k) => ({
    id: `i${k}`,
    slug: m.slug,
    name: m.name,
    kind: m.kind,
    pricing: m.pricing,
    priceCents: m.priceCents,
    servesGuests: m.servesGuests ?? null,
    active: true,
    allergens: m.allergens,
    contains: m.contains,
    dietaryTags: m.dietaryTags,
    seasonalTags: m.seasonalTags ?? [],
    sortOrder: k,
  }));
  return {
    packages: PACKAGES.map((p, k) => ({ ...p, id: `p${k}`, active: true })),
    items: [...items, ...(over.items ?? [])],
    settings: SETTINGS,
  };
}

const SPRING = "2026-04-15";
const party = (proteins: Record<string, number>, extras: Record<string, number> = {}) => ({
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins,
  extras,
});

/** Every menu item a suggestion names, and those its package includes. */
/**
 * What a suggestion brings to the party: the items it adds or serves more of than the party
 * chose (`base`), and the dishes of a package it switches to. Without `base`, everything it names.
 */
function itemsOf(s: Suggestion, cat: EngineCatalog, base?: QuoteSelection): EngineItem[] {
  const pkg = cat.packages.find((p) => p.slug === s.selection.packageSlug)!;
  const count = (sel: QuoteSelection | undefined, slug: string) =>
    (sel?.proteins[slug] ?? 0) + (sel?.extras[slug] ?? 0);
  const slugs = [...Object.keys(s.selection.proteins), ...Object.keys(s.selection.extras)].filter(
    (slug) => count(s.selection as QuoteSelection, slug) > count(base, slug),
  );
  return [
    ...slugs.map((slug) => cat.items.find((i) => i.slug === slug)!),
    ...(base?.packageSlug === s.selection.packageSlug
      ? []
      : cat.items.filter((i) => includedInPackage(pkg, i))),
  ];
}

describe("the seed examples", () => {
  it("offers a party of 10 that picked mostly chicken the jumbo shrimp upgrade, priced from the menu", () => {
    const cat = demoCatalog();
    const out = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: party({ chicken: 14, steak: 6 }),
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    const shrimp = out.find((s) => s.rule === "shrimp-upgrade-big-chicken-party");
    expect(shrimp).toBeDefined();
    expect(shrimp!.title).toBe("Add jumbo tiger shrimp");
    // One chicken portion per guest becomes jumbo shrimp ($4.00 a portion on the demo menu).
    expect(shrimp!.selection.proteins).toEqual({ chicken: 4, steak: 6, "jumbo-shrimp": 10 });
    // Food $600 -> $640; tax $56.28 -> $60.03: +$43.75.
    expect(shrimp!.revenueDeltaCents).toBe(4375);
    expect(shrimp!.reason).toContain("$4.00");
    expect(out.length).toBeLessThanOrEqual(2);
  });

  it("does not offer it to 9 guests or to a party that picked mostly steak", () => {
    const cat = demoCatalog();
    const nine = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: { ...party({ chicken: 14, steak: 4 }), adults: 9 },
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    const steak = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: party({ chicken: 6, steak: 14 }),
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    expect(nine.map((s) => s.rule)).not.toContain("shrimp-upgrade-big-chicken-party");
    expect(steak.map((s) => s.rule)).not.toContain("shrimp-upgrade-big-chicken-party");
  });

  it("offers the basic package the appetizer nearest $5 a guest, one serving per guest", () => {
    const out = suggest({
      catalog: demoCatalog(),
      rules: DEFAULT_RULES,
      selection: party({ steak: 10, salmon: 10 }),
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    const app = out.find((s) => s.rule === "appetizer-for-classic");
    expect(app?.selection.extras).toEqual({ "vegetable-spring-rolls": 10 });
    // 10 x $5.00 = $50.00 food; tax $56.28 -> $60.97: +$54.69.
    expect(app?.revenueDeltaCents).toBe(5469);
  });

  it("never shows a peanut item to a party with a peanut allergy, even when it is the best pick", () => {
    const peanut: EngineItem = {
      id: "x1",
      slug: "peanut-noodles",
      name: "Spicy peanut noodles",
      kind: "APPETIZER",
      pricing: "PER_PERSON",
      priceCents: 500,
      servesGuests: null,
      active: true,
      allergens: [],
      dietaryTags: ["vegetarian"],
      contains: ["peanut-oil"],
      sortOrder: -1,
    };
    const cat = demoCatalog({ items: [peanut] });
    const sel = party({ steak: 10, salmon: 10 });
    const open = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: sel,
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    // Without the allergy it is the pick (nearest $5, first on the menu): the test can fail.
    expect(open.find((s) => s.rule === "appetizer-for-classic")?.selection.extras).toEqual({
      "peanut-noodles": 10,
    });
    const profile: DietaryProfile = {
      avoid: [{ value: "peanuts", guests: 1 }],
      diets: [],
      likes: [],
    };
    const safe = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: sel,
      profile,
      date: SPRING,
    });
    const app = safe.find((s) => s.rule === "appetizer-for-classic");
    expect(app?.selection.extras).toEqual({ "vegetable-spring-rolls": 10 });
    for (const s of safe)
      for (const i of itemsOf(s, cat)) expect(i.slug).not.toBe("peanut-noodles");
  });

  it("shows a vegan party only vegan items, in every season", () => {
    const cat = demoCatalog();
    const vegan: DietaryProfile = {
      avoid: [],
      diets: [{ value: "vegan", guests: null }],
      likes: [],
    };
    let seen = 0;
    for (const date of ["2026-01-15", "2026-04-15", "2026-07-15", "2026-10-15"]) {
      const out = suggest({
        catalog: cat,
        rules: DEFAULT_RULES,
        selection: party({ tofu: 10, vegetable: 10 }),
        profile: vegan,
        date,
      });
      for (const s of out)
        for (const i of itemsOf(s, cat)) {
          seen++;
          expect(i.dietaryTags, `${s.rule}: ${i.slug}`).toContain("vegan");
        }
      // Winter's steak and seafood is never offered to them.
      expect(out.map((s) => s.rule)).not.toContain("winter-steak-seafood");
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("shows a Classic party with many upgrades Premium when Premium's total is lower, on the demo menu (M3)", () => {
    const cat = demoCatalog();
    const quoted = (sel: Pick<QuoteSelection, "packageSlug" | "proteins" | "extras">) =>
      computeQuote(cat, { name: "", feeCents: 0 }, { ...party({}), ...sel }).totalCents;
    const premiumFor = (sel: QuoteSelection) =>
      suggest({
        catalog: cat,
        rules: DEFAULT_RULES,
        selection: sel,
        profile: EMPTY_PROFILE,
        date: SPRING,
      }).find((s) => s.rule === "premium-cheaper-than-classic");

    // Lobster for everyone, edamame, noodles and an extra protein each: the brief's party.
    const sel = party(
      { chicken: 10, "lobster-tail": 10 },
      { edamame: 10, yakisoba: 10, "extra-protein": 10 },
    );
    const premium = premiumFor(sel);
    expect(premium?.title).toBe("Switch to Premium Hibachi");
    // Premium's third protein is the extra portion; its edamame and noodles are included.
    expect(premium?.selection).toEqual({
      packageSlug: "premium",
      proteins: { chicken: 20, "lobster-tail": 10 },
      extras: { edamame: 10, yakisoba: 10 },
    });
    // The totals by the quote engine: Classic $600 + lobster $100 + edamame $40 + noodles $50 +
    // extra protein $120 = $910 food; Premium $800 + lobster $100 = $900. Premium is lower.
    const classicTotal = quoted(sel);
    const premiumTotal = quoted(premium!.selection);
    expect(classicTotal).toBe(91_000 + 8536); // tax 9.38 % of $910 = $85.358 -> $85.36
    expect(premiumTotal).toBe(90_000 + 8442); // tax 9.38 % of $900 = $84.42
    expect(premiumTotal).toBeLessThan(classicTotal);
    expect(premium?.revenueDeltaCents).toBe(premiumTotal - classicTotal);
    expect(premium?.reason).toBe(
      `Premium Hibachi would cost ${formatCents(classicTotal - premiumTotal)} less with what you picked, and adds a third protein.`,
    );

    // Upgrades only (filet and lobster for everyone): Premium's third portion is the menu's first
    // included protein, as the wizard's default, and it is shown, as lower, too.
    const upgrades = party(
      { "filet-mignon": 10, "lobster-tail": 10 },
      { edamame: 10, yakisoba: 10, "extra-protein": 10 },
    );
    const fromUpgrades = premiumFor(upgrades);
    expect(fromUpgrades?.selection.proteins).toEqual({
      chicken: 10,
      "filet-mignon": 10,
      "lobster-tail": 10,
    });
    expect(quoted(fromUpgrades!.selection)).toBeLessThan(quoted(upgrades));
    expect(fromUpgrades?.revenueDeltaCents).toBe(
      quoted(fromUpgrades!.selection) - quoted(upgrades),
    );

    // Without the noodles Premium costs more (the quote engine says so): not shown.
    const fewer = party(
      { chicken: 10, "lobster-tail": 10 },
      { edamame: 10, "extra-protein": 10, gyoza: 10 },
    );
    expect(
      quoted({
        packageSlug: "premium",
        proteins: { chicken: 20, "lobster-tail": 10 },
        extras: { edamame: 10, gyoza: 10 },
      }),
    ).toBeGreaterThan(quoted(fewer));
    expect(premiumFor(fewer)).toBeUndefined();
  });

  it("the default rules' reasons use only placeholders their kind fills (L2)", () => {
    for (const r of DEFAULT_RULES)
      expect(reasonPlaceholderProblem(r.reason, r.target), r.slug).toBeNull();
  });

  it("favours light teriyaki chicken in summer and steak and seafood in winter", () => {
    const cat = demoCatalog();
    const sel = { ...party({ steak: 4, salmon: 4 }), adults: 4 };
    const summer = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: sel,
      profile: EMPTY_PROFILE,
      date: "2026-07-04",
    });
    const winter = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: sel,
      profile: EMPTY_PROFILE,
      date: "2026-12-20",
    });
    expect(summer.find((s) => s.rule === "summer-light-teriyaki")?.selection.proteins).toEqual({
      chicken: 4,
      vegetable: 4,
    });
    expect(summer.map((s) => s.rule)).not.toContain("winter-steak-seafood");
    const w = winter.find((s) => s.rule === "winter-steak-seafood");
    expect(w?.selection).toMatchObject({
      proteins: { steak: 4, shrimp: 4 },
      extras: { "extra-fried-rice": 4 },
    });
  });

  it("never suggests a declined rule, an inactive item or one already chosen, and at most two", () => {
    const cat = demoCatalog();
    const sel = party({ chicken: 14, steak: 6 });
    const declined = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: sel,
      profile: EMPTY_PROFILE,
      date: SPRING,
      declined: new Set(["shrimp-upgrade-big-chicken-party"]),
    });
    expect(declined.map((s) => s.rule)).not.toContain("shrimp-upgrade-big-chicken-party");
    const off = {
      ...cat,
      items: cat.items.map((i) => (i.slug === "jumbo-shrimp" ? { ...i, active: false } : i)),
    };
    expect(
      suggest({
        catalog: off,
        rules: DEFAULT_RULES,
        selection: sel,
        profile: EMPTY_PROFILE,
        date: SPRING,
      }).map((s) => s.rule),
    ).not.toContain("shrimp-upgrade-big-chicken-party");
    const chosen = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: party({ chicken: 12, steak: 6, "jumbo-shrimp": 2 }),
      profile: EMPTY_PROFILE,
      date: SPRING,
    });
    expect(chosen.map((s) => s.rule)).not.toContain("shrimp-upgrade-big-chicken-party");
  });

  it("keeps every item of every suggestion safe for 500 random profiles and parties", () => {
    const cat = demoCatalog();
    const proteinSlugs = cat.items
      .filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE")
      .map((i) => i.slug);
    fc.assert(
      fc.property(
        fc.subarray([...MAJOR_ALLERGENS]),
        fc.subarray([...DIETS], { maxLength: 2 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(...proteinSlugs),
        fc.constantFrom(...proteinSlugs),
        fc.constantFrom("classic", "premium"),
        fc.integer({ min: 1, max: 12 }),
        (avoid, diets, adults, a, b, pkg, month) => {
          const per = pkg === "premium" ? 3 : 2;
          const proteins: Record<string, number> = {};
          proteins[a] = (proteins[a] ?? 0) + adults;
          proteins[b] = (proteins[b] ?? 0) + adults * (per - 1);
          const profile: DietaryProfile = {
            avoid: avoid.map((value) => ({ value, guests: 1 })),
            diets: diets.map((value) => ({ value, guests: 1 })),
            likes: [],
          };
          const selection = { packageSlug: pkg, adults, children: 0, proteins, extras: {} };
          const out = suggest({
            catalog: cat,
            rules: DEFAULT_RULES,
            selection,
            profile,
            date: `2026-${String(month).padStart(2, "0")}-10`,
          });
          expect(out.length).toBeLessThanOrEqual(2);
          // What the party picked itself is theirs (attack R16-8); all a suggestion brings is safe.
          for (const s of out)
            for (const i of itemsOf(s, cat, selection))
              expect(safeForProfile(i, profile)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("offers the extra protein portion only to a party none of the proteins could harm (L5)", () => {
    // The owner points the appetizer rule at add-ons near $10 a guest: the extra protein portion.
    const rules = DEFAULT_RULES.map((r) =>
      r.slug === "appetizer-for-classic"
        ? {
            ...r,
            target: { type: "best-of-kind" as const, kind: "ADDON" as const, aroundCents: 1000 },
          }
        : r,
    );
    const cat = demoCatalog();
    const sel = party({ steak: 10, salmon: 10 });
    const pick = (avoid: string) =>
      suggest({
        catalog: cat,
        rules,
        selection: sel,
        profile: {
          avoid: avoid ? [{ value: avoid as "milk", guests: 1 }] : [],
          diets: [],
          likes: [],
        },
        date: SPRING,
      }).find((s) => s.rule === "appetizer-for-classic")?.selection.extras;
    expect(pick("")).toEqual({ "extra-protein": 10 });
    // It may be shrimp, salmon or steak: never for a party avoiding what any protein has.
    for (const a of ["milk", "shellfish", "fish", "soy", "wheat", "sesame"])
      expect(pick(a), a).not.toHaveProperty("extra-protein");
    // No protein has egg or peanuts: for those it is truly safe.
    expect(pick("egg")).toEqual({ "extra-protein": 10 });
    expect(pick("peanuts")).toEqual({ "extra-protein": 10 });
  });

  it("a vegetarian guest in a party that chose steak still gets a vegetarian appetizer (R16-8)", () => {
    const cat = demoCatalog();
    const out = suggest({
      catalog: cat,
      rules: DEFAULT_RULES,
      selection: party({ chicken: 10, steak: 10 }),
      profile: { avoid: [], diets: [{ value: "vegetarian", guests: 1 }], likes: [] },
      date: SPRING,
    });
    expect(out.length).toBeGreaterThan(0);
    for (const s of out)
      for (const i of itemsOf(s, cat, party({ chicken: 10, steak: 10 })))
        expect(
          safeForProfile(i, { avoid: [], diets: [{ value: "vegetarian", guests: 1 }], likes: [] }),
        ).toBe(true);
  });
});
