import { describe, expect, it } from "vitest";
import { pluralCount } from "./plural";

describe("pluralCount", () => {
  it("is singular for exactly one and plural otherwise", () => {
    expect(pluralCount(1, "adult")).toBe("1 adult");
    expect(pluralCount(0, "adult")).toBe("0 adults");
    expect(pluralCount(2, "guest")).toBe("2 guests");
    expect(pluralCount(1, "child")).toBe("1 child");
    expect(pluralCount(0, "child")).toBe("0 children");
    expect(pluralCount(1, "mile")).toBe("1 mile");
    expect(pluralCount(2100, "mile")).toBe("2,100 miles");
  });
});
