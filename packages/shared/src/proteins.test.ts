import { describe, expect, it } from "vitest";
import { defaultProteinSplit, fitProteins, setProtein } from "./proteins";

const menu = [
  { slug: "wagyu", kind: "UPGRADE", priceCents: 2500 },
  { slug: "lobster", kind: "PROTEIN", priceCents: 1500 },
  { slug: "chicken", kind: "PROTEIN", priceCents: 0 },
  { slug: "retired", kind: "PROTEIN", priceCents: 0, active: false },
  { slug: "steak", kind: "PROTEIN", priceCents: 0 },
  { slug: "tofu", kind: "PROTEIN", priceCents: 0 },
];

describe("default protein split", () => {
  it("spreads the portions over the first two standard proteins, the odd one first", () => {
    expect(defaultProteinSplit(menu, 13)).toEqual({ chicken: 7, steak: 6 });
    expect(defaultProteinSplit(menu, 0)).toEqual({ chicken: 0, steak: 0 });
  });

  it("gives everything to a lone standard protein, and nothing without one", () => {
    expect(defaultProteinSplit(menu.slice(0, 3), 9)).toEqual({ chicken: 9 });
    expect(defaultProteinSplit(menu.slice(0, 2), 9)).toBeNull();
  });

  it("spreads over as many standard proteins as a guest gets portions (three per guest: thirds)", () => {
    expect(defaultProteinSplit(menu, 30, 3)).toEqual({ chicken: 10, steak: 10, tofu: 10 });
    expect(defaultProteinSplit(menu, 32, 3)).toEqual({ chicken: 11, steak: 11, tofu: 10 });
    expect(defaultProteinSplit(menu, 5, 1)).toEqual({ chicken: 5 });
    // More kinds than the menu has: every standard protein, evenly.
    expect(defaultProteinSplit(menu, 7, 5)).toEqual({ chicken: 3, steak: 2, tofu: 2 });
  });
});

describe("setProtein / fitProteins (shared by the wizard and the staff form)", () => {
  const menu = {
    items: [
      { slug: "chicken", kind: "PROTEIN", priceCents: 0 },
      { slug: "steak", kind: "PROTEIN", priceCents: 0 },
      { slug: "filet", kind: "UPGRADE", priceCents: 500 },
      { slug: "gyoza", kind: "APPETIZER", priceCents: 1000 },
    ],
  };

  it("an upgrade takes its portions from the largest included protein, and gives them back", () => {
    const start = { proteins: { chicken: 10, steak: 10 }, swaps: [] };
    const up = setProtein(start, "filet", 4, 20, menu);
    expect(up.proteins).toEqual({ chicken: 8, steak: 8, filet: 4 });
    expect(up.swaps).toHaveLength(4);
    const back = setProtein(up, "filet", 0, 20, menu);
    expect(back.proteins).toEqual({ chicken: 10, steak: 10, filet: 0 });
  });

  it("fits a chosen split to a new party total", () => {
    expect(fitProteins({ chicken: 8, steak: 8, filet: 4 }, 24, menu)).toEqual({
      chicken: 10,
      steak: 10,
      filet: 4,
    });
    expect(fitProteins({ chicken: 8, steak: 8, filet: 4 }, 16, menu)).toEqual({
      chicken: 6,
      steak: 6,
      filet: 4,
    });
  });
});
