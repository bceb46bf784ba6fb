import { describe, expect, it } from "vitest";
import { fallbackChain, routeTurn, type RouteInput } from "./router";

const base: RouteInput = {
  intent: "pricing",
  confident: true,
  also: [],
  text: "how much does it cost?",
  questionCount: 1,
  depth: 0,
  frustration: 0,
  frustrationThreshold: 0.6,
  recentFailures: 0,
};

describe("model router", () => {
  it("is deterministic and maps complexity to tiers", () => {
    expect(routeTurn(base)).toEqual(routeTurn(base));
    expect(routeTurn(base).tier).toBe("local");
    expect(routeTurn({ ...base, intent: "availability" }).tier).toBe("small");
    expect(routeTurn({ ...base, intent: "unknown", confident: false }).tier).toBe("medium");
    expect(routeTurn({ ...base, intent: "complaint" }).tier).toBe("medium");
  });

  it("length, several questions, depth, frustration and failures push the score up", () => {
    const s = routeTurn(base).score;
    expect(routeTurn({ ...base, text: "x".repeat(200) }).score).toBeCloseTo(s + 0.1);
    expect(routeTurn({ ...base, questionCount: 3 }).score).toBeCloseTo(s + 0.2);
    expect(routeTurn({ ...base, depth: 20 }).score).toBeCloseTo(s + 0.1);
    expect(routeTurn({ ...base, recentFailures: 1 }).score).toBeCloseTo(s + 0.15);
    expect(routeTurn({ ...base, frustration: 0.5 }).score).toBeCloseTo(s + 0.2);
    const r = routeTurn({
      ...base,
      intent: "availability",
      text: "x".repeat(450),
      questionCount: 3,
      recentFailures: 2,
    });
    expect(r.tier).toBe("strong");
    expect(r.reasons.join(" ")).toMatch(/length>400/);
  });

  it("a frustrated customer always gets the strong tier, and the reason is recorded", () => {
    const r = routeTurn({ ...base, intent: "greeting", frustration: 0.7 });
    expect(r.tier).toBe("strong");
    expect(r.reasons).toContain("frustrated:strong");
  });

  it("falls back through every cheaper tier, ending at local", () => {
    expect(fallbackChain("strong")).toEqual(["strong", "medium", "small", "local"]);
    expect(fallbackChain("small")).toEqual(["small", "local"]);
    expect(fallbackChain("local")).toEqual(["local"]);
  });
});
