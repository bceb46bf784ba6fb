import { describe, expect, it } from "vitest";
import { placeIssues } from "./messages";

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
