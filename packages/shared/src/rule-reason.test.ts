import { describe, expect, it } from "vitest";
import { reasonHint, reasonPlaceholderProblem, reasonPlaceholders } from "./rule-reason";

describe("a rule's reason: the placeholders the engine fills for its kind", () => {
  it("takes those it fills, and text without any", () => {
    expect(
      reasonPlaceholderProblem("Try {item} at {price} a guest ({delta}).", { type: "upgrade" }),
    ).toBeNull();
    expect(reasonPlaceholderProblem("A summer favourite.", { type: "swap-proteins" })).toBeNull();
    expect(
      reasonPlaceholderProblem("{item} would cost {saving} less.", {
        type: "switch-package",
        onlyIfCheaper: true,
      }),
    ).toBeNull();
  });

  it("refuses one it never fills, saying which it can use", () => {
    expect(reasonPlaceholderProblem("Try {item} {secret}", { type: "add-extra" })).toBe(
      `"{secret}" isn't filled in: customers would read it as it is. This reason can use {item}, {price} and {delta}.`,
    );
    // Case and spaces count: "{Item}" and "{ item }" are not "{item}".
    expect(reasonPlaceholderProblem("{Item} now", { type: "upgrade" })).toMatch(/"\{Item\}"/);
    expect(reasonPlaceholderProblem("{ item } now", { type: "upgrade" })).toMatch(/"\{ item \}"/);
  });

  it("refuses {saving} where it would say $0.00, and {price} where it would be blank", () => {
    expect(reasonPlaceholderProblem("Save {saving}", { type: "best-of-kind" })).toMatch(
      /always say \$0\.00/,
    );
    expect(
      reasonPlaceholderProblem("Save {saving}", { type: "switch-package", onlyIfCheaper: false }),
    ).toMatch(/Only when it makes their total lower/);
    expect(reasonPlaceholderProblem("Only {price}", { type: "swap-proteins" })).toMatch(
      /left blank/,
    );
  });

  it("the hint says the same list, per kind", () => {
    for (const t of [
      { type: "upgrade" },
      { type: "add-extra" },
      { type: "best-of-kind" },
      { type: "swap-proteins" },
      { type: "switch-package", onlyIfCheaper: true },
      { type: "switch-package", onlyIfCheaper: false },
    ] as const) {
      const hint = reasonHint(t);
      const said = [...hint.matchAll(/\{[a-z]+\}/g)].map((m) => m[0]);
      expect(said, t.type).toEqual(reasonPlaceholders(t));
    }
    expect(reasonHint({ type: "switch-package", onlyIfCheaper: true })).toContain(
      "{saving} how much less the party pays",
    );
    expect(reasonHint({ type: "add-extra" })).not.toContain("{saving}");
  });
});
