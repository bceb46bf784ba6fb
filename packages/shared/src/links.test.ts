import { describe, expect, it } from "vitest";
import { addressLine, mailtoHref, mapsSearchUrl, telHref } from "./links";
import { kitchenOrder, kitchenTotals } from "./kitchen-order";

describe("links people tap", () => {
  it("dials North American numbers as +1 and keeps international ones", () => {
    expect(telHref("(408) 555-0177")).toBe("tel:+14085550177");
    expect(telHref("1-408-555-0177")).toBe("tel:+14085550177");
    expect(telHref("+44 20 7946 0958")).toBe("tel:+442079460958");
    expect(telHref("555-0177")).toBe("tel:5550177");
    expect(telHref("call me")).toBeNull();
    expect(telHref(null)).toBeNull();
  });

  it("writes an email link and an address on one line", () => {
    expect(mailtoHref(" dana+party@example.com ")).toBe("mailto:dana%2Bparty@example.com");
    expect(mailtoHref("")).toBeNull();
    expect(
      addressLine({
        line1: "123 Maple Ave",
        line2: null,
        city: "San Jose",
        state: "CA",
        postalCode: "95125",
      }),
    ).toBe("123 Maple Ave, San Jose, CA 95125");
  });

  it("opens a map search of the whole address", () => {
    expect(
      mapsSearchUrl({
        line1: "742 Willow Glen Way",
        line2: "Gate 4",
        city: "San Jose",
        state: "CA",
        postalCode: "95125",
      }),
    ).toBe(
      "https://www.google.com/maps/search/?api=1&query=742%20Willow%20Glen%20Way%2C%20Gate%204%2C%20San%20Jose%2C%20CA%2095125",
    );
    expect(mapsSearchUrl({})).toBeNull();
  });
});

describe("kitchenTotals", () => {
  const MENU = [
    { slug: "chicken", name: "Chicken", kind: "PROTEIN", pricing: "PER_PERSON" },
    { slug: "steak", name: "Steak", kind: "PROTEIN", pricing: "PER_PERSON" },
    { slug: "filet", name: "Filet", kind: "UPGRADE", pricing: "PER_PERSON" },
    { slug: "gyoza", name: "Gyoza", kind: "APPETIZER", pricing: "PER_PERSON" },
  ] as const;
  const order = (proteins: Record<string, number>, extras: Record<string, number> = {}) =>
    kitchenOrder(
      { packageName: "Classic", selection: { adults: 10, children: 1, proteins, extras } },
      MENU,
    );

  it("adds portions per protein over a day's events, most first", () => {
    const t = kitchenTotals([
      order({ chicken: 15, steak: 14, filet: 1 }, { gyoza: 10 }),
      order({ steak: 20, chicken: 2 }, { gyoza: 5 }),
    ]);
    expect(t).toEqual({
      events: 2,
      adults: 20,
      children: 2,
      proteins: [
        { slug: "steak", name: "Steak", count: 34, upgrade: false },
        { slug: "chicken", name: "Chicken", count: 17, upgrade: false },
        { slug: "filet", name: "Filet", count: 1, upgrade: true },
      ],
      extras: [{ slug: "gyoza", name: "Gyoza", count: 15, unit: "serving" }],
    });
  });

  it("is empty for a day without events", () => {
    expect(kitchenTotals([])).toEqual({
      events: 0,
      adults: 0,
      children: 0,
      proteins: [],
      extras: [],
    });
  });
});
