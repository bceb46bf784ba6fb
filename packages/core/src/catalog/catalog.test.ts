import { describe, expect, it } from "vitest";
import { postalCodeForCity, type Catalog } from "./catalog";

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
