import { describe, expect, it } from "vitest";
import { zipPlacePatch } from "./zip-place";

const sanJose = { city: "San Jose", state: "CA" };
const mountainView = { city: "Mountain View", state: "CA" };
const reno = { city: "Reno", state: "NV" };

describe("zipPlacePatch: the ZIP's city and state in an address form (attack R7-2)", () => {
  it("the first ZIP fills a blank city and the form's default state", () => {
    expect(zipPlacePatch({ city: "", state: "" }, null, sanJose)).toEqual(sanJose);
    expect(zipPlacePatch({ city: "", state: "CA" }, null, reno)).toEqual(reno);
    expect(zipPlacePatch({ city: "", state: "CA" }, null, sanJose)).toEqual({ city: "San Jose" });
    // A city already there (typed, or a saved draft's) is kept.
    expect(zipPlacePatch({ city: "Sparks", state: "CA" }, null, reno)).toEqual({ state: "NV" });
  });

  it("a city filled from the previous ZIP follows a new ZIP, street typed or not", () => {
    expect(zipPlacePatch(sanJose, sanJose, mountainView)).toEqual({ city: "Mountain View" });
    expect(zipPlacePatch(sanJose, sanJose, { city: "Santa Cruz", state: "CA" })).toEqual({
      city: "Santa Cruz",
    });
  });

  it("the state filled from the previous ZIP follows too", () => {
    expect(zipPlacePatch(sanJose, sanJose, reno)).toEqual(reno);
    expect(zipPlacePatch({ city: "Los Altos", state: "CA" }, sanJose, reno)).toEqual({
      state: "NV",
    });
  });

  it("a city or state the person typed is kept", () => {
    expect(zipPlacePatch({ city: "Los Altos", state: "CA" }, sanJose, mountainView)).toBeNull();
    expect(zipPlacePatch({ city: "Los Altos", state: "CA" }, mountainView, sanJose)).toBeNull();
    expect(zipPlacePatch({ city: "San Jose", state: "OR" }, sanJose, reno)).toEqual({
      city: "Reno",
    });
  });

  it("the same place again writes nothing, even into a box just emptied", () => {
    expect(zipPlacePatch({ city: "", state: "" }, sanJose, sanJose)).toBeNull();
    expect(zipPlacePatch(sanJose, sanJose, { ...sanJose })).toBeNull();
  });

  it("a place without a city or a state code changes neither", () => {
    expect(zipPlacePatch(sanJose, sanJose, { city: "", state: "" })).toBeNull();
    expect(zipPlacePatch({ city: "", state: "CA" }, null, { city: "Y", state: "" })).toEqual({
      city: "Y",
    });
  });
});
