import { describe, expect, it } from "vitest";
import { chatProfile, chatSessionKey, saysNo } from "./suggestion";

describe("the chat's suggestion helpers", () => {
  it("reads the chat's diet words as a profile of the whole party, and refuses what it can't prove", () => {
    expect(chatProfile(["nuts", "vegan"])).toEqual({
      avoid: [
        { value: "peanuts", guests: null },
        { value: "tree nuts", guests: null },
      ],
      diets: [{ value: "vegan", guests: null }],
      likes: [],
    });
    expect(chatProfile(["gluten"])?.diets).toEqual([{ value: "gluten-free", guests: null }]);
    expect(chatProfile(["kosher"])).toBeNull();
    expect(chatProfile(undefined)).toEqual({ avoid: [], diets: [], likes: [] });
  });

  it("hears a no, not a no inside a longer question", () => {
    for (const t of ["no", "No thanks!", "nah", "no thank you.", "not interested", "No gracias"])
      expect(saysNo(t), t).toBe(true);
    for (const t of [
      "yes please",
      "not sure, is it spicy?",
      "no shellfish for my son, can you still do the shrimp for the others and what does it cost?",
    ])
      expect(saysNo(t), t).toBe(false);
  });

  it("makes a valid session key of any conversation id", () => {
    expect(chatSessionKey("cmx3x9u11004gj97dc5nwt1oh")).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(chatSessionKey("a")).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});
