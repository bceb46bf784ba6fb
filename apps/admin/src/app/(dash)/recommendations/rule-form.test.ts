import { describe, expect, it } from "vitest";
import { ruleEditOf, ruleFormOf, type RuleForForm } from "./rule-form";

const shrimp: RuleForForm = {
  reason: "Parties like yours love {item} ({price} a guest).",
  priority: 10,
  conditions: { minGuests: 10, proteinShare: { slug: "chicken", atLeast: 0.5 }, minUpgrades: 2 },
  target: { type: "upgrade", item: "jumbo-shrimp", from: "chicken", perGuest: 1 },
};

describe("the owner's rule form", () => {
  it("gives back the rule unchanged when nothing is edited", () => {
    const r = ruleEditOf(ruleFormOf(shrimp), shrimp);
    expect(r).toEqual({ edit: shrimp });
  });

  it("turns the fields into conditions and a target, keeping conditions it has no field for", () => {
    const f = {
      ...ruleFormOf(shrimp),
      minGuests: " 8 ",
      maxGuests: "",
      packageSlugs: ["classic"],
      seasons: ["summer"],
      sharePercent: "60",
      item: "lobster-tail",
      from: "",
    };
    const r = ruleEditOf(f, shrimp);
    expect(r).toEqual({
      edit: {
        reason: shrimp.reason,
        priority: 10,
        conditions: {
          minUpgrades: 2,
          minGuests: 8,
          packageSlugs: ["classic"],
          seasons: ["summer"],
          proteinShare: { slug: "chicken", atLeast: 0.6 },
        },
        target: { type: "upgrade", item: "lobster-tail", perGuest: 1 },
      },
    });
  });

  it("says what is wrong, beside the field", () => {
    const f = ruleFormOf(shrimp);
    expect(ruleEditOf({ ...f, minGuests: "ten" }, shrimp)).toMatchObject({ field: "minGuests" });
    expect(ruleEditOf({ ...f, minGuests: "20", maxGuests: "12" }, shrimp)).toMatchObject({
      field: "minGuests",
      error: expect.stringMatching(/smallest party can't be larger/),
    });
    expect(ruleEditOf({ ...f, priority: "-1" }, shrimp)).toMatchObject({ field: "priority" });
    expect(ruleEditOf({ ...f, sharePercent: "150" }, shrimp)).toMatchObject({
      field: "sharePercent",
    });
    expect(ruleEditOf({ ...f, shareSlug: "" }, shrimp)).toMatchObject({ field: "shareSlug" });
    const swap: RuleForForm = {
      ...shrimp,
      conditions: {},
      target: { type: "swap-proteins", proteins: ["chicken"], addExtras: [] },
    };
    expect(ruleEditOf({ ...ruleFormOf(swap), proteins: [] }, swap)).toMatchObject({
      field: "proteins",
    });
  });

  it("says beside the reason a placeholder this kind of suggestion doesn't fill (L2)", () => {
    const f = ruleFormOf(shrimp);
    expect(ruleEditOf({ ...f, reason: "Try {item} {secret}" }, shrimp)).toMatchObject({
      field: "reason",
      error: expect.stringMatching(/"\{secret\}" isn't filled in/),
    });
    expect(ruleEditOf({ ...f, reason: "Save {saving} on {item}" }, shrimp)).toMatchObject({
      field: "reason",
      error: expect.stringMatching(/\$0\.00/),
    });
    const premium: RuleForForm = {
      ...shrimp,
      reason: "{item} would cost {saving} less.",
      conditions: {},
      target: {
        type: "switch-package",
        packageSlug: "premium",
        replaceExtras: [],
        onlyIfCheaper: true,
      },
    };
    expect(ruleEditOf(ruleFormOf(premium), premium)).toMatchObject({ edit: premium });
    // Unticking "only when cheaper" leaves no saving to say.
    expect(ruleEditOf({ ...ruleFormOf(premium), onlyIfCheaper: false }, premium)).toMatchObject({
      field: "reason",
    });
  });
});
