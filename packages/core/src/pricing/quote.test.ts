import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AppError } from "../errors";
import { formatCents } from "@myhibachi/shared";
import {
  bpsOf,
  computeQuote,
  maxPointsFor,
  type QuoteItem,
  type QuotePackage,
  type QuoteSettings,
} from "./quote";

const packages: QuotePackage[] = [
  {
    id: "p1",
    slug: "classic",
    name: "Classic",
    adultPriceCents: 6000,
    childPriceCents: 3000,
    proteinsPerGuest: 2,
    active: true,
  },
  {
    id: "p2",
    slug: "old",
    name: "Old",
    adultPriceCents: 1,
    childPriceCents: 1,
    proteinsPerGuest: 2,
    active: false,
  },
];
const items: QuoteItem[] = [
  {
    id: "i1",
    slug: "chicken",
    name: "Chicken",
    kind: "PROTEIN",
    pricing: "PER_PERSON",
    priceCents: 0,
    servesGuests: null,
    active: true,
  },
  {
    id: "i2",
    slug: "steak",
    name: "Steak",
    kind: "PROTEIN",
    pricing: "PER_PERSON",
    priceCents: 0,
    servesGuests: null,
    active: true,
  },
  {
    id: "i3",
    slug: "filet",
    name: "Filet",
    kind: "UPGRADE",
    pricing: "PER_PERSON",
    priceCents: 500,
    servesGuests: null,
    active: true,
  },
  {
    id: "i4",
    slug: "lobster",
    name: "Lobster",
    kind: "UPGRADE",
    pricing: "PER_PERSON",
    priceCents: 1000,
    servesGuests: null,
    active: true,
  },
  {
    id: "i5",
    slug: "gyoza",
    name: "Gyoza",
    kind: "APPETIZER",
    pricing: "PER_PERSON",
    priceCents: 600,
    servesGuests: null,
    active: true,
  },
  {
    id: "i6",
    slug: "sake",
    name: "Sake",
    kind: "ADDON",
    pricing: "FLAT",
    priceCents: 15000,
    servesGuests: null,
    active: true,
  },
  {
    id: "i7",
    slug: "gone",
    name: "Gone",
    kind: "SIDE",
    pricing: "FLAT",
    priceCents: 100,
    servesGuests: null,
    active: false,
  },
  {
    id: "i8",
    slug: "tables",
    name: "Tables",
    kind: "ADDON",
    pricing: "FLAT",
    priceCents: 20000,
    servesGuests: 20,
    active: true,
  },
];
const settings: QuoteSettings = {
  partyMinimumCents: 55000,
  depositCents: 10000,
  taxRateBps: 938,
  suggestedGratuityBps: 2000,
  minGuests: 1,
  maxGuests: 60,
};
const catalog = { packages, items, settings };

describe("what a package includes", () => {
  it("an item the package names (Premium's gyoza) is listed at no charge; with Classic it is charged", () => {
    const premium: QuotePackage = {
      ...packages[0]!,
      id: "p3",
      slug: "premium",
      name: "Premium",
      proteinsPerGuest: 2,
      includes: ["Two proteins per guest", " gyoza "],
    };
    const both = { ...catalog, packages: [...packages, premium] };
    const sel = {
      adults: 10,
      children: 0,
      proteins: { chicken: 10, steak: 10 },
      extras: { gyoza: 10 },
    };
    const withPremium = computeQuote(both, zone, { ...sel, packageSlug: "premium" });
    const gyoza = withPremium.lines.find((l) => l.label === "Gyoza")!;
    expect(gyoza).toMatchObject({ totalCents: 0, unitCents: 0, quantity: 10 });
    expect(gyoza.detail).toBe("10 servings, included in Premium");
    const withoutGyoza = computeQuote(both, zone, { ...sel, extras: {}, packageSlug: "premium" });
    expect(withPremium.totalCents).toBe(withoutGyoza.totalCents);
    const withClassic = computeQuote(both, zone, { ...sel, packageSlug: "classic" });
    expect(withClassic.lines.find((l) => l.label === "Gyoza")!.totalCents).toBe(6000);
  });
});
const zone = { name: "Metro", feeCents: 5000 };

describe("computeQuote", () => {
  it("prices a typical party line by line", () => {
    const q = computeQuote(catalog, zone, {
      packageSlug: "classic",
      adults: 10,
      children: 2,
      proteins: { chicken: 12, steak: 8, filet: 4 },
      extras: { gyoza: 12, sake: 1 },
    });
    expect(q.lines.map((l) => [l.code, l.totalCents])).toEqual([
      ["ADULTS", 60000],
      ["CHILDREN", 6000],
      ["UPGRADE", 2000],
      ["APPETIZER", 7200],
      ["ADDON", 15000],
      ["TRAVEL", 5000],
      ["TAX", bpsOf(90200, 938)],
    ]);
    expect(q.subtotalCents).toBe(90200);
    expect(q.taxCents).toBe(8461); // 9.38% of $902.00 = $84.6076 -> $84.61
    expect(q.totalCents).toBe(90200 + 5000 + 8461);
    expect(q.depositCents).toBe(10000);
    expect(q.balanceCents).toBe(q.totalCents - 10000);
  });

  it("applies the party minimum as its own explained line", () => {
    const q = computeQuote(
      catalog,
      { name: "Local", feeCents: 0 },
      { packageSlug: "classic", adults: 2, children: 0, proteins: { chicken: 4 }, extras: {} },
    );
    const min = q.lines.find((l) => l.code === "MINIMUM");
    expect(min?.totalCents).toBe(55000 - 12000);
    expect(min?.detail).toContain("$550.00");
    expect(q.subtotalCents).toBe(55000);
  });

  it("refuses selections a person could send by mistake, with a readable message", () => {
    const base = {
      packageSlug: "classic",
      adults: 4,
      children: 0,
      proteins: { chicken: 8 },
      extras: {},
    };
    const msg = (s: object) => {
      try {
        computeQuote(catalog, zone, { ...base, ...s });
        return "no error";
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return (e as AppError).message;
      }
    };
    expect(msg({ proteins: { chicken: 7 } })).toMatch(/choose 8 protein portions.*you chose 7/);
    expect(msg({ packageSlug: "old" })).toMatch(/don't offer a package/);
    expect(msg({ adults: 0, proteins: {} })).toMatch(/At least one adult/);
    expect(msg({ adults: 61, proteins: { chicken: 122 } })).toMatch(/up to 60 guests/);
    expect(msg({ extras: { gone: 1 } })).toMatch(/not an appetizer/);
    expect(msg({ extras: { gyoza: -1 } })).toMatch(/whole number/);
    expect(msg({ extras: { gyoza: 1.5 } })).toMatch(/whole number/);
    expect(msg({ proteins: { gyoza: 8 } })).toMatch(/not a protein/);
  });

  it("extras: at most one serving per guest; a flat item's orders cover the party, no more (G7, H4)", () => {
    const party = (adults: number, children: number, extras: Record<string, number>) =>
      computeQuote(catalog, zone, {
        packageSlug: "classic",
        adults,
        children,
        proteins: { chicken: (adults + children) * 2 },
        extras,
      });
    const refusal = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        return { message: (e as AppError).message, details: (e as AppError).details };
      }
    };
    // Everyone, children included, gets one serving; one sake service for the whole party; one
    // set of tables (for up to 20) per 20 guests.
    const full = party(10, 2, { gyoza: 12, sake: 1, tables: 1 });
    expect(full.lines.find((l) => l.code === "APPETIZER")?.detail).toBe("12 servings × $6.00");
    expect(full.lines.filter((l) => l.code === "ADDON").map((l) => l.detail)).toEqual([
      "1 order × $150.00",
      "1 order × $200.00",
    ]);
    expect(refusal(() => party(10, 2, { gyoza: 13 }))).toEqual({
      message: "Gyoza: at most 12 servings for a party of 12.",
      details: { field: "extras" },
    });
    expect(refusal(() => party(12, 0, { gyoza: 500 }))?.message).toBe(
      "Gyoza: at most 12 servings for a party of 12.",
    );
    expect(refusal(() => party(12, 0, { sake: 2 }))?.message).toBe(
      "Sake: one order is for the whole party.",
    );
    expect(refusal(() => party(12, 0, { tables: 2 }))?.message).toBe(
      "Tables: at most 1 order for a party of 12 (one order is for up to 20 guests).",
    );
    // 21 guests need two sets, 41 need three.
    expect(party(20, 1, { tables: 2 }).lines.some((l) => l.detail === "2 orders × $200.00")).toBe(
      true,
    );
    expect(refusal(() => party(20, 1, { tables: 3 }))?.message).toBe(
      "Tables: at most 2 orders for a party of 21 (one order is for up to 20 guests).",
    );
  });

  const selectionArb = fc
    .record({
      adults: fc.integer({ min: 1, max: 40 }),
      children: fc.integer({ min: 0, max: 20 }),
      filet: fc.integer({ min: 0, max: 30 }),
      lobster: fc.integer({ min: 0, max: 30 }),
      gyoza: fc.integer({ min: 0, max: 100 }),
      sake: fc.integer({ min: 0, max: 1 }),
      tables: fc.integer({ min: 0, max: 3 }),
      fee: fc.integer({ min: 0, max: 20000 }),
      tax: fc.integer({ min: 0, max: 1500 }),
      minimum: fc.integer({ min: 0, max: 200000 }),
      deposit: fc.integer({ min: 0, max: 50000 }),
    })
    .filter(
      (r) =>
        r.adults + r.children <= 60 &&
        r.filet + r.lobster <= (r.adults + r.children) * 2 &&
        r.gyoza <= r.adults + r.children,
    );

  it("property: total = sum of lines, minimum applied, deposit + balance = total, nothing negative", () => {
    fc.assert(
      fc.property(selectionArb, (r) => {
        const guests = r.adults + r.children;
        const rest = guests * 2 - r.filet - r.lobster;
        const q = computeQuote(
          {
            packages,
            items,
            settings: {
              ...settings,
              taxRateBps: r.tax,
              partyMinimumCents: r.minimum,
              depositCents: r.deposit,
            },
          },
          { name: "z", feeCents: r.fee },
          {
            packageSlug: "classic",
            adults: r.adults,
            children: r.children,
            proteins: { chicken: rest, filet: r.filet, lobster: r.lobster },
            // Tables for 20: as many sets as the party needs, at most.
            extras: {
              gyoza: r.gyoza,
              sake: r.sake,
              tables: Math.min(r.tables, Math.ceil((r.adults + r.children) / 20)),
            },
          },
        );
        expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
        expect(q.subtotalCents).toBeGreaterThanOrEqual(r.minimum);
        expect(q.totalCents).toBe(q.subtotalCents + q.travelFeeCents + q.taxCents);
        expect(q.depositCents + q.balanceCents).toBe(q.totalCents);
        for (const l of q.lines) {
          expect(Number.isInteger(l.totalCents)).toBe(true);
          expect(l.totalCents).toBeGreaterThanOrEqual(0);
        }
        expect(q.balanceCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe("computeQuote: a loyalty tier", () => {
  const sel = {
    packageSlug: "classic",
    adults: 10,
    children: 0,
    proteins: { chicken: 20 },
    extras: {},
  };
  const silver = {
    tierName: "Silver",
    discountBps: 1000,
    perks: [
      { code: "PRIORITY_BOOKING", label: "Priority booking", inQuote: false },
      { code: "FREE_APPETIZER_UPGRADE", label: "Free appetizer upgrade", inQuote: true },
    ],
  };

  it("takes the tier's discount off the food as an explained line; a food perk with nothing ordered is a line at zero", () => {
    const plain = computeQuote(catalog, zone, sel);
    const q = computeQuote(catalog, zone, sel, silver);
    const line = q.lines.find((l) => l.code === "LOYALTY")!;
    expect(line.label).toBe("Silver member: 10 % off food");
    expect(line.totalCents).toBe(-bpsOf(plain.subtotalCents, 1000));
    expect(q.subtotalCents).toBe(plain.subtotalCents + line.totalCents);
    expect(q.taxCents).toBe(bpsOf(q.subtotalCents, settings.taxRateBps));
    expect(q.lines.filter((l) => l.code === "PERK")).toEqual([
      expect.objectContaining({
        label: "Silver member: add an appetizer, one serving per guest is free",
        totalCents: 0,
      }),
    ]);
    expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
    expect(computeQuote(catalog, zone, sel, silver)).toEqual(q);
  });

  it("no tier (a visitor) and a tier without a discount add no discount line", () => {
    expect(computeQuote(catalog, zone, sel, null)).toEqual(computeQuote(catalog, zone, sel));
    const q = computeQuote(catalog, zone, sel, { tierName: "Plain", discountBps: 0, perks: [] });
    expect(q.lines.some((l) => l.code === "LOYALTY")).toBe(false);
  });

  it("property: with any discount the total is the sum of lines and never below travel", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 0, max: 200000 }),
        (bps, adults, minimum) => {
          const q = computeQuote(
            { packages, items, settings: { ...settings, partyMinimumCents: minimum } },
            zone,
            { ...sel, adults, proteins: { chicken: adults * 2 } },
            { tierName: "T", discountBps: bps, perks: [] },
          );
          expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
          expect(q.totalCents).toBe(q.subtotalCents + q.travelFeeCents + q.taxCents);
          expect(q.subtotalCents).toBeGreaterThanOrEqual(0);
          expect(q.depositCents + q.balanceCents).toBe(q.totalCents);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("computeQuote: the food perks (a free appetizer / dessert for every guest)", () => {
  // Truth worked out by hand: Classic $60.00 a head, Gyoza $6.00 and Edamame $4.00 a serving
  // (appetizers), Pumpkin mochi $4.00 a serving (an add-on the Gold perk names), travel $50.00,
  // tax 9.38 % rounded half up, party minimum $550.00.
  const perGuest = (
    id: string,
    slug: string,
    name: string,
    kind: QuoteItem["kind"],
    cents: number,
  ) =>
    ({
      id,
      slug,
      name,
      kind,
      pricing: "PER_PERSON",
      priceCents: cents,
      servesGuests: null,
      active: true,
    }) satisfies QuoteItem;
  const menu = {
    ...catalog,
    items: [
      ...items,
      perGuest("i9", "edamame", "Edamame", "APPETIZER", 400),
      perGuest("i10", "mochi", "Pumpkin mochi", "ADDON", 400),
    ],
  };
  const tenGuests = (extras: Record<string, number>) => ({
    packageSlug: "classic",
    adults: 10,
    children: 0,
    proteins: { chicken: 20 },
    extras,
  });
  const silver = {
    tierName: "Silver",
    discountBps: 1000,
    perks: [
      { code: "PRIORITY_BOOKING", label: "Book further ahead", inQuote: false },
      { code: "FREE_APPETIZER_UPGRADE", label: "Free appetizer for every guest", inQuote: true },
    ],
  };
  const gold = {
    tierName: "Gold",
    discountBps: 1500,
    perks: [
      {
        code: "FREE_DESSERT",
        label: "Free dessert for every guest",
        inQuote: true,
        itemSlugs: ["mochi"],
      },
    ],
  };
  const money = (q: { lines: { code: string; label: string; totalCents: number }[] }) =>
    q.lines.map((l) => [l.code, l.label, l.totalCents]);

  it("Silver, gyoza for 10 guests: the 10 servings are free, named, before the 10 %", () => {
    const q = computeQuote(menu, zone, tenGuests({ gyoza: 10 }), silver);
    // 600.00 + 60.00 gyoza - 60.00 free = 600.00; 10 % = 60.00; 540.00 + tax 50.65 + travel 50.00.
    expect(money(q)).toEqual([
      ["ADULTS", "Classic — adults", 60_000],
      ["APPETIZER", "Gyoza", 6_000],
      ["PERK", "Silver member: Gyoza free for 10 guests", -6_000],
      ["LOYALTY", "Silver member: 10 % off food", -6_000],
      ["TRAVEL", "Travel fee", 5_000],
      ["TAX", "Sales tax", 5_065],
    ]);
    expect(q.lines[2]).toMatchObject({
      detail: "One serving per guest: 10 servings × $6.00",
      quantity: 10,
      unitCents: -600,
    });
    expect(q.lines[3]!.detail).toBe("10 % of $600.00");
    expect(q.subtotalCents).toBe(54_000);
    expect(q.taxCents).toBe(5_065);
    expect(q.totalCents).toBe(64_065);
    // The appetizer costs a Silver member nothing: the same total as without it.
    expect(computeQuote(menu, zone, tenGuests({}), silver).totalCents).toBe(64_065);
  });

  it("Silver, 6 servings of gyoza for 10 guests: the 6 ordered are free", () => {
    const q = computeQuote(menu, zone, tenGuests({ gyoza: 6 }), silver);
    expect(q.lines.find((l) => l.code === "PERK")).toMatchObject({
      label: "Silver member: Gyoza free for 6 guests",
      detail: "One serving per guest, the 6 servings ordered: 6 × $6.00",
      quantity: 6,
      unitCents: -600,
      totalCents: -3_600,
    });
    // 600.00 + 36.00 - 36.00 = 600.00; 10 % = 60.00 -> 540.00, tax 50.65, travel 50.00.
    expect(q.subtotalCents).toBe(54_000);
    expect(q.totalCents).toBe(64_065);
  });

  it("Silver with two appetizers: the cheaper one is free, the other is charged", () => {
    const q = computeQuote(menu, zone, tenGuests({ gyoza: 10, edamame: 10 }), silver);
    expect(q.lines.filter((l) => l.code === "PERK").map((l) => [l.label, l.totalCents])).toEqual([
      ["Silver member: Edamame free for 10 guests", -4_000],
    ]);
    // 600 + 60 + 40 - 40 = 660.00; 10 % = 66.00 -> 594.00; tax 55.72 (55.7172); travel 50.
    expect(q.subtotalCents).toBe(59_400);
    expect(q.taxCents).toBe(5_572);
    expect(q.totalCents).toBe(59_400 + 5_000 + 5_572);
  });

  it("Silver with no appetizer ordered: no money line, a line at zero saying how to use it", () => {
    const q = computeQuote(menu, zone, tenGuests({}), silver);
    const perks = q.lines.filter((l) => l.code === "PERK");
    expect(perks).toEqual([
      {
        code: "PERK",
        label: "Silver member: add an appetizer, one serving per guest is free",
        detail:
          "The cheapest appetizer you order (served per guest): nothing is taken off until you add one",
        quantity: 1,
        unitCents: 0,
        totalCents: 0,
      },
    ]);
    // 600.00 - 10 % = 540.00, tax 50.65, travel 50.00.
    expect(q.totalCents).toBe(64_065);
    // A flat order (sake) is not an appetizer served per guest: nothing freed either.
    const flat = computeQuote(menu, zone, tenGuests({ sake: 1 }), silver);
    expect(flat.lines.filter((l) => l.code === "PERK").map((l) => l.totalCents)).toEqual([0]);
    // No appetizer on the menu at all: said so, nothing promised.
    const bare = { ...catalog, items: items.filter((i) => i.kind !== "APPETIZER") };
    expect(
      computeQuote(bare, zone, tenGuests({}), silver).lines.find((l) => l.code === "PERK"),
    ).toMatchObject({
      label: "Silver member: free appetizer",
      detail: "There is no appetizer on our menu at the moment, so nothing is taken off",
      totalCents: 0,
    });
  });

  it("Gold: the dessert its perk names is free for every guest, an appetizer is not", () => {
    const q = computeQuote(menu, zone, tenGuests({ mochi: 10, gyoza: 10 }), gold);
    // 600 + 40 mochi + 60 gyoza = 700.00; mochi free -> 660.00; 15 % = 99.00 -> 561.00;
    // tax 52.62 (52.6218); travel 50.00.
    expect(money(q)).toEqual([
      ["ADULTS", "Classic — adults", 60_000],
      ["ADDON", "Pumpkin mochi", 4_000],
      ["APPETIZER", "Gyoza", 6_000],
      ["PERK", "Gold member: Pumpkin mochi free for 10 guests", -4_000],
      ["LOYALTY", "Gold member: 15 % off food", -9_900],
      ["TRAVEL", "Travel fee", 5_000],
      ["TAX", "Sales tax", 5_262],
    ]);
    expect(q.totalCents).toBe(56_100 + 5_000 + 5_262);
    // No dessert ordered: a line at zero naming it; the perk's dessert not on the menu: said so.
    expect(
      computeQuote(menu, zone, tenGuests({}), gold).lines.find((l) => l.code === "PERK"),
    ).toMatchObject({
      label: "Gold member: add Pumpkin mochi, one serving per guest is free",
      totalCents: 0,
    });
    expect(
      computeQuote(catalog, zone, tenGuests({}), gold).lines.find((l) => l.code === "PERK"),
    ).toMatchObject({
      label: "Gold member: free dessert",
      detail: "There is no dessert on our menu at the moment, so nothing is taken off",
      totalCents: 0,
    });
  });

  it("with the 10 % tier discount, an offer code and points: free servings first, nothing discounted twice", () => {
    const q = computeQuote(
      menu,
      zone,
      tenGuests({ gyoza: 10 }),
      silver,
      { code: "SAVE-ABCDEFGH", percentOff: 5 },
      { points: 1200 },
    );
    // Food 660.00; gyoza free -60.00 -> 600.00; 10 % -60.00 -> 540.00; 5 % -27.00 -> 513.00;
    // 1,200 points -12.00 -> 501.00; tax 9.38 % of 501.00 = 46.99 (46.9938); travel 50.00.
    expect(money(q)).toEqual([
      ["ADULTS", "Classic — adults", 60_000],
      ["APPETIZER", "Gyoza", 6_000],
      ["PERK", "Silver member: Gyoza free for 10 guests", -6_000],
      ["LOYALTY", "Silver member: 10 % off food", -6_000],
      ["OFFER", "Code SAVE-ABCDEFGH: 5 % off food", -2_700],
      ["POINTS", "1,200 points used: $12.00 off", -1_200],
      ["TRAVEL", "Travel fee", 5_000],
      ["TAX", "Sales tax", 4_699],
    ]);
    expect(q.lines.find((l) => l.code === "OFFER")!.detail).toBe("5 % of $540.00");
    expect(q.subtotalCents).toBe(50_100);
    expect(q.totalCents).toBe(50_100 + 5_000 + 4_699);
    expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
  });

  it("under the party minimum the free servings still come off (after the minimum, like the other discounts)", () => {
    const q = computeQuote(
      menu,
      zone,
      {
        packageSlug: "classic",
        adults: 2,
        children: 0,
        proteins: { chicken: 4 },
        extras: { gyoza: 2 },
      },
      { ...silver, discountBps: 0 },
    );
    // 120.00 + 12.00 = 132.00 -> minimum 550.00; 2 gyoza free -12.00 -> 538.00.
    expect(q.lines.find((l) => l.code === "MINIMUM")!.totalCents).toBe(41_800);
    expect(q.lines.find((l) => l.code === "PERK")!.totalCents).toBe(-1_200);
    expect(q.subtotalCents).toBe(53_800);
  });

  it("property: any servings, tier, code and points: the total is the sum of the lines, nothing freed twice", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 50 }),
        (adults, gyoza, edamame, bps, percentOff) => {
          const g = Math.min(gyoza, adults);
          const e = Math.min(edamame, adults);
          const twice = {
            ...silver,
            discountBps: bps,
            perks: [...silver.perks, ...silver.perks],
          };
          const q = computeQuote(
            menu,
            zone,
            {
              packageSlug: "classic",
              adults,
              children: 0,
              proteins: { chicken: adults * 2 },
              extras: { gyoza: g, edamame: e },
            },
            twice,
            { code: "X", percentOff },
          );
          expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
          expect(q.totalCents).toBe(q.subtotalCents + q.travelFeeCents + q.taxCents);
          const freed = -q.lines
            .filter((l) => l.code === "PERK")
            .reduce((s, l) => s + l.totalCents, 0);
          expect(freed).toBeLessThanOrEqual(g * 600 + e * 400);
          expect(q.subtotalCents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("computeQuote: the priority-booking perk as a quote line", () => {
  it("says how far ahead the tier books, from the business's window and the tier's extra days", () => {
    const sel = {
      packageSlug: "classic",
      adults: 10,
      children: 0,
      proteins: { chicken: 20 },
      extras: {},
    };
    const gold = {
      tierName: "Gold",
      discountBps: 0,
      perks: [{ code: "PRIORITY_BOOKING", label: "Priority booking slots", inQuote: true }],
      extraWindowDays: 60,
    };
    const q = computeQuote(
      { ...catalog, settings: { ...settings, bookingWindowDays: 180 } },
      zone,
      sel,
      gold,
    );
    expect(q.lines.filter((l) => l.code === "PERK").map((l) => l.label)).toEqual([
      "Book up to 240 days ahead (60 more than our usual 180)",
    ]);
  });
});

describe("computeQuote: loyalty points used (100 points = $1)", () => {
  const sel = {
    packageSlug: "classic",
    adults: 10,
    children: 0,
    proteins: { chicken: 20 },
    extras: {},
  };
  const silver = { tierName: "Silver", discountBps: 1000, perks: [] };
  const offer = { code: "SAVE-ABCDEFGH", percentOff: 5 };

  it("takes the points off the food left after the tier and the code, as an explained line, before tax", () => {
    const before = computeQuote(catalog, zone, sel, silver, offer);
    const q = computeQuote(catalog, zone, sel, silver, offer, { points: 1200 });
    const line = q.lines.find((l) => l.code === "POINTS")!;
    expect(line).toMatchObject({
      label: "1,200 points used: $12.00 off",
      detail: "100 points = $1 off the food",
      quantity: 1,
      unitCents: -1200,
      totalCents: -1200,
    });
    // After the LOYALTY and OFFER lines, before travel.
    const codes = q.lines.map((l) => l.code);
    expect(codes.indexOf("POINTS")).toBe(codes.indexOf("OFFER") + 1);
    expect(q.subtotalCents).toBe(before.subtotalCents - 1200);
    expect(q.taxCents).toBe(bpsOf(q.subtotalCents, settings.taxRateBps));
    expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
  });

  it("refuses a number of points not in steps of 100, or more than the food left, naming the field", () => {
    const food = computeQuote(catalog, zone, sel, silver).subtotalCents;
    expect(() => computeQuote(catalog, zone, sel, silver, null, { points: 150 })).toThrow(
      /steps of 100/,
    );
    const most = Math.floor(food / 100) * 100;
    let err: unknown;
    try {
      computeQuote(catalog, zone, sel, silver, null, { points: most + 100 });
    } catch (e) {
      err = e;
    }
    expect((err as { details?: { field?: string } }).details?.field).toBe("redeemPoints");
    expect((err as Error).message).toBe(
      `You can use at most ${most.toLocaleString("en-US")} points on this booking: the food after discounts is ${formatCents(food)}.`,
    );
    // Exactly the whole dollars of the food is allowed.
    expect(computeQuote(catalog, zone, sel, silver, null, { points: most }).subtotalCents).toBe(
      food - most,
    );
  });

  it("a change of party keeps the points used, never more than the new food (capToFood)", () => {
    const food = computeQuote(catalog, zone, sel).subtotalCents;
    const q = computeQuote(catalog, zone, sel, null, null, { points: 9_999_900, capToFood: true });
    expect(q.lines.find((l) => l.code === "POINTS")!.totalCents).toBe(-food);
    expect(q.subtotalCents).toBe(0);
    expect(q.taxCents).toBe(0);
    expect(q.totalCents).toBe(zone.feeCents);
  });

  it("maxPointsFor: whole dollars of the food, at most the balance, in steps of 100", () => {
    expect(maxPointsFor(12_345, 99_999)).toBe(12_300);
    expect(maxPointsFor(12_345, 850)).toBe(800);
    expect(maxPointsFor(99, 5000)).toBe(0);
    expect(maxPointsFor(50_000, 0)).toBe(0);
  });
});
