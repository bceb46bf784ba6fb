// The held-out chat texts (diet-extract.heldout.json): written with the labelled cases and never
// used to tune the extractor. This scores it and prints the score; the floor (10 of 15) was set
// before the first run, so a change that breaks reading in general is noticed.
import { describe, expect, it } from "vitest";
import type { DietaryProfile } from "./diet-profile";
import { extractDietaryProfile, sameProfile } from "./diet-extract";
import heldout from "./diet-extract.heldout.json";

type Need = [string, number | null];
interface Case {
  text: string;
  avoid: Need[];
  diets: Need[];
  likes: string[];
}
const cases = heldout.cases as Case[];

describe("extractDietaryProfile on the held-out texts", () => {
  it("scores at least 10 of 15 (printed)", () => {
    const misses: string[] = [];
    for (const c of cases) {
      const want = {
        avoid: c.avoid.map(([value, guests]) => ({ value, guests })),
        diets: c.diets.map(([value, guests]) => ({ value, guests })),
        likes: c.likes,
      } as DietaryProfile;
      const got = extractDietaryProfile(c.text);
      if (!sameProfile(got, want)) misses.push(`${c.text} -> ${JSON.stringify(got)}`);
    }
    const score = cases.length - misses.length;
    console.log(`held-out dietary extraction: ${score}/${cases.length}`, misses);
    expect(cases).toHaveLength(15);
    expect(score).toBeGreaterThanOrEqual(10);
  });
});
