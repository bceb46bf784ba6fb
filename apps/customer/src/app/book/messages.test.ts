import { describe, expect, it } from "vitest";
import { fieldIdOf, placeIssues, placeRefusal, zipRefusal } from "./messages";

describe("where a refused Continue's problems are said", () => {
  it("a problem shown beside its field is not said again in the bar", () => {
    for (const [step, field] of [
      ["when", "postalCode"],
      ["when", "calendar"],
      ["when", "start-times"],
      ["when", "adults"],
      ["menu", "allergies"],
      ["extras", "extras"],
      ["details", "line1"],
      ["details", "email"],
    ] as const) {
      const placed = placeIssues(step, [{ field, message: "Say it here." }]);
      expect(placed.errors[field], `${step}/${field}`).toBe("Say it here.");
      expect(placed.bar, `${step}/${field}`).toBeNull();
    }
  });

  it("the protein count (its counter has no sentence) is said in the bar", () => {
    const placed = placeIssues("menu", [
      { field: "proteins", message: "Choose 1 more protein portion: 25 of 26 chosen." },
      { field: "allergies", message: "Keep it under 500 characters." },
    ]);
    expect(placed.bar).toBe("Choose 1 more protein portion: 25 of 26 chosen.");
  });

  it("a problem about a field the step doesn't show is still said (in the bar)", () => {
    expect(placeIssues("details", [{ field: "somethingNew", message: "Fix this." }]).bar).toBe(
      "Fix this.",
    );
  });

  it("nothing refused: nothing said; the server's field messages of a refused booking stay by their fields", () => {
    const placed = placeIssues("details", [], { "contact.email": "Enter a valid email." });
    expect(placed).toEqual({ errors: { "contact.email": "Enter a valid email." }, bar: null });
  });
});

describe("where the finish-a-hold page says a refused request's problems", () => {
  it("a server field path is the page's field id", () => {
    expect(fieldIdOf("address.line1")).toBe("line1");
    expect(fieldIdOf("contact.phone")).toBe("phone");
    expect(fieldIdOf("selection.proteins.steak")).toBe("proteins");
    expect(fieldIdOf("allergies")).toBe("allergies");
  });

  it("the protein count is said beside its counter there (no bar); a package problem by Confirm", () => {
    const placed = placeIssues("finish", [
      { field: "proteins", message: "Choose 1 more protein portion: 23 of 24 chosen." },
      { field: "package", message: "Choose a package." },
    ]);
    expect(placed.errors.proteins).toBe("Choose 1 more protein portion: 23 of 24 chosen.");
    expect(placed.bar).toBe("Choose a package.");
  });

  it("refused fields go beside their fields; only what no field shows is said by Confirm", () => {
    expect(
      placeRefusal("finish", {
        text: "Enter the street address. Choose a package.",
        fields: {
          "address.line1": "Enter the street address.",
          "selection.packageSlug": "Choose a package.",
        },
      }),
    ).toEqual({
      fields: { line1: "Enter the street address." },
      text: "Choose a package.",
      first: "line1",
    });
  });

  it("a refusal about no field (the hold expired) is said by Confirm; one about a shown field, beside it", () => {
    expect(placeRefusal("finish", { text: "This hold has expired." })).toEqual({
      fields: {},
      text: "This hold has expired.",
      first: null,
    });
    expect(
      placeRefusal("finish", { text: "This hold is for 12 guests.", field: "adults" }),
    ).toEqual({ fields: { adults: "This hold is for 12 guests." }, text: null, first: "adults" });
    expect(placeRefusal("finish", null)).toEqual({ fields: {}, text: null, first: null });
  });
});

describe("a refused ZIP (outside our service area) is told from a load failure by its data", () => {
  const OUTSIDE = "Sorry, ZIP 99999 is outside our service area. Call us.";
  const outside = {
    message: OUTSIDE,
    data: { httpStatus: 400, details: { field: "postalCode", outsideServiceArea: true } },
  };

  it("the availability's or the quote's refusal about the ZIP gives its sentence, once", () => {
    expect(zipRefusal(outside)).toBe(OUTSIDE);
    expect(zipRefusal(null, outside)).toBe(OUTSIDE);
    expect(zipRefusal(outside, outside)).toBe(OUTSIDE);
    // A refused input that names the ZIP by its path (zod's `data.fields`).
    expect(
      zipRefusal({ message: "Bad ZIP.", data: { fields: { "address.postalCode": "Bad ZIP." } } }),
    ).toBe("Bad ZIP.");
  });

  it("by the field it is about, not the words: other refusals and failures are not the ZIP's", () => {
    // The same words about another field, a network failure, a server failure: not the ZIP's.
    expect(zipRefusal({ message: OUTSIDE, data: { details: { field: "adults" } } })).toBeNull();
    expect(zipRefusal(new TypeError("Failed to fetch"))).toBeNull();
    expect(
      zipRefusal({ message: "Something went wrong on our side.", data: { httpStatus: 500 } }),
    ).toBeNull();
    expect(zipRefusal(null, undefined)).toBeNull();
  });
});
