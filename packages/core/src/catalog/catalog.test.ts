import { describe, expect, it } from "vitest";
import { cityTravelFees, postalCodeForCity, type Catalog } from "./catalog";

describe("a ZIP for a city named in the chat", () => {
  it("is the city's ZIP nearest the base (the lowest fee), whatever the table's order", () => {
    const catalog = {
      settings: { baseLat: 37.3382, baseLng: -121.8863 },
      postalCodes: {
        "94555": { city: "Fremont", state: "CA", lat: 37.575, lng: -122.04 },
        "94539": { city: "Fremont", state: "CA", lat: 37.5155, lng: -121.9291 },
        "95125": { city: "San Jose", state: "CA", lat: 37.2964, lng: -121.8939 },
      },
    } as unknown as Catalog;
    expect(postalCodeForCity(catalog, "fremont")).toBe("94539");
    expect(postalCodeForCity(catalog, "San Jose")).toBe("95125");
    expect(postalCodeForCity(catalog, "Gilroy")).toBeUndefined();
  });
});

describe("cityTravelFees", () => {
  const catalog = {
    settings: { baseLat: 37.3382, baseLng: -121.8863 },
    zones: [
      { id: "a", name: "Local (up to 15 mi)", maxMiles: 15, feeCents: 0 },
      { id: "b", name: "Metro (15–30 mi)", maxMiles: 30, feeCents: 5000 },
    ],
    postalCodes: {
      "94536": { city: "Fremont", state: "CA", lat: 37.56, lng: -121.9998 },
      "94539": { city: "Fremont", state: "CA", lat: 37.5177, lng: -121.9178 },
      "95125": { city: "San Jose", state: "CA", lat: 37.2964, lng: -121.8939 },
      "99999": { city: "Far", state: "CA", lat: 38.5, lng: -121.8863 },
    },
  } as unknown as Catalog;
  it("a city in two zones: each fee with its ZIPs, cheapest first", () => {
    expect(cityTravelFees(catalog, "fremont")).toEqual([
      { feeCents: 0, zone: "Local (up to 15 mi)", postalCodes: ["94539"] },
      { feeCents: 5000, zone: "Metro (15–30 mi)", postalCodes: ["94536"] },
    ]);
  });
  it("a city in one zone: one fee; beyond the zones or not served: none", () => {
    expect(cityTravelFees(catalog, "San Jose")).toHaveLength(1);
    expect(cityTravelFees(catalog, "Far")).toEqual([]);
    expect(cityTravelFees(catalog, "Gilroy")).toEqual([]);
  });
});
