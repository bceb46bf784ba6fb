import { describe, expect, it } from "vitest";
import { defaultProteinSplit } from "./proteins";

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
