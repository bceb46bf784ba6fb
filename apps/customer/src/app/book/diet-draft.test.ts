// The party's dietary profile in the booking draft (issue 16): a shellfish allergy never leaves a
// shellfish dish in the default proteins (whatever the package or party size), a split the
// customer chose stays theirs, a suggestion's selection is taken whole, a saved profile comes
// back (junk dropped), and Continue on the menu step checks each guest count against the party.
// The menu is written out by hand, with the seed's allergens.
import { describe, expect, it } from "vitest";
import type { DietaryProfile } from "@myhibachi/shared";
import { stepIssues } from "./checks";
import {
  dietReducer,
  newSessionKey,
  profileGuestIssues,
  profileToSend,
  readProfile,
  readSessionKey,
  unsafeMarks,
  unsafePackageMarks,
} from "./diet-draft";
import {
  draftReducer,
  emptyDraft,
  portionsChosen,
  serializeDraft,
  type BookingDraft,
  type DraftAction,
  type DraftMenu,
} from "./draft";
import { parseStoredDraft, reconcileDraft } from "./restore";
import { bookingInput } from "./steps/booking-input";

const item = (
  slug: string,
  kind: "PROTEIN" | "UPGRADE" | "APPETIZER",
  allergens: string[],
  dietaryTags: string[] = [],
  priceCents = 0,
) => ({
  slug,
  name: slug,
  kind,
  pricing: "PER_PERSON" as const,
  priceCents,
  allergens,
  dietaryTags,
});

// In menu order: Premium's default split is its first three included proteins.
const dietMenu: DraftMenu = {
  packages: [
    { slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 },
    { slug: "premium", name: "Premium Hibachi", proteinsPerGuest: 3 },
  ],
  items: [
    item("chicken", "PROTEIN", ["soy", "wheat", "sesame"]),
    item("steak", "PROTEIN", ["soy", "wheat", "milk"]),
    item("shrimp", "PROTEIN", ["shellfish", "milk", "soy"], ["pescatarian"]),
    item("salmon", "PROTEIN", ["fish", "milk", "soy"], ["pescatarian"]),
    item("tofu", "PROTEIN", ["soy", "wheat"], ["vegetarian", "vegan", "dairy-free"]),
    item("lobster-tail", "UPGRADE", ["shellfish", "milk"], ["pescatarian"], 1000),
    item("spring-rolls", "APPETIZER", ["wheat", "soy"], ["vegetarian", "vegan"], 500),
    item("sushi-platter", "APPETIZER", ["fish", "shellfish", "soy"], ["pescatarian"], 12000),
  ],
  maxGuests: 60,
};
const menu = dietMenu;

const SHELLFISH: DietaryProfile = {
  avoid: [{ value: "shellfish", guests: 2 }],
  diets: [],
  likes: [],
};

const run = (d: BookingDraft, ...actions: DraftAction[]) => actions.reduce(dietReducer, d);

describe("a shellfish allergy and the default proteins", () => {
  it("Premium's default third protein is salmon, not shrimp, once shellfish is avoided", () => {
    const plain = draftReducer(emptyDraft(menu), { type: "package", slug: "premium", menu });
    expect(plain.proteins).toEqual({ chicken: 10, steak: 10, shrimp: 10 }); // without a profile

    const d = run(
      emptyDraft(menu),
      { type: "diet", profile: SHELLFISH, menu },
      { type: "package", slug: "premium", menu },
    );
    expect(d.proteins).toEqual({ chicken: 10, steak: 10, salmon: 10 });
    expect(portionsChosen(d)).toBe(30);
    expect(d.proteinsChosen).toBe(false);
  });

  it("ticking shellfish after Premium was chosen re-splits the defaults; a bigger party stays safe", () => {
    let d = run(emptyDraft(menu), { type: "package", slug: "premium", menu });
    expect(d.proteins.shrimp).toBe(10);
    d = run(d, { type: "diet", profile: SHELLFISH, menu });
    expect(d.proteins).toEqual({ chicken: 10, steak: 10, salmon: 10 });
    d = run(d, { type: "party", adults: 12, children: 1, menu });
    expect(d.proteins).toEqual({ chicken: 13, steak: 13, salmon: 13 });
    expect(d.proteins.shrimp ?? 0).toBe(0);
  });

  it("a split the customer chose stays theirs (the menu marks the shrimp, it doesn't remove it)", () => {
    let d = run(
      emptyDraft(menu),
      { type: "protein", slug: "shrimp", count: 4, menu },
      { type: "diet", profile: SHELLFISH, menu },
    );
    expect(d.proteinsChosen).toBe(true);
    expect(d.proteins.shrimp).toBe(4);
    d = run(d, { type: "diet", profile: { avoid: [], diets: [], likes: [] }, menu });
    expect(d.proteins.shrimp).toBe(4);
  });

  it("a diet only some guests keep is marked, not forced on the default; the whole party's is", () => {
    const vegan = (guests: number | null): DietaryProfile => ({
      avoid: [],
      diets: [{ value: "vegan", guests }],
      likes: [],
    });
    expect(run(emptyDraft(menu), { type: "diet", profile: vegan(1), menu }).proteins).toEqual({
      chicken: 10,
      steak: 10,
    });
    expect(run(emptyDraft(menu), { type: "diet", profile: vegan(null), menu }).proteins).toEqual({
      chicken: 10,
      steak: 10,
    });
    // All ten keep it: every included protein but tofu breaks it, so the default is all tofu.
    expect(run(emptyDraft(menu), { type: "diet", profile: vegan(10), menu }).proteins).toEqual({
      tofu: 20,
    });
  });
});

describe("what the menu marks", () => {
  it("says why each unsafe dish is unsafe, and nothing for an empty profile", () => {
    expect(unsafeMarks(menu.items, SHELLFISH)).toEqual({
      shrimp: "Contains shellfish",
      "lobster-tail": "Contains shellfish",
      "sushi-platter": "Contains shellfish",
    });
    expect(unsafeMarks(menu.items, undefined)).toEqual({});
    const vegetarian: DietaryProfile = {
      avoid: [],
      diets: [{ value: "vegetarian", guests: null }],
      likes: [],
    };
    expect(unsafeMarks(menu.items, vegetarian).chicken).toBe("Not vegetarian");
    expect(unsafeMarks(menu.items, vegetarian).tofu).toBeUndefined();
  });

  it("reads the owner's ingredients too (butter = milk)", () => {
    const milk: DietaryProfile = { avoid: [{ value: "milk", guests: 1 }], diets: [], likes: [] };
    const rolls = [{ ...menu.items[6]!, contains: ["butter"] }];
    expect(unsafeMarks(rolls, milk)).toEqual({ "spring-rolls": "Contains milk" });
  });
});

describe("a suggestion taken, and this visit's key", () => {
  it("takes the suggestion's whole selection (unknown dishes dropped) as the customer's choice", () => {
    const d = run(emptyDraft(menu), {
      type: "selection",
      selection: {
        packageSlug: "classic",
        proteins: { chicken: 10, steak: 10 },
        extras: { "spring-rolls": 10, "not-on-the-menu": 3 },
      },
      menu,
    });
    expect(d.packageSlug).toBe("classic");
    expect(d.extras).toEqual({ "spring-rolls": 10 });
    expect(d.proteinsChosen).toBe(true);
  });

  it("ignores a suggestion for a package we don't sell", () => {
    const d0 = emptyDraft(menu);
    expect(
      run(d0, {
        type: "selection",
        selection: { packageSlug: "gold", proteins: { chicken: 20 } },
        menu,
      }),
    ).toBe(d0);
  });

  it("keeps the first session key, and makes keys the operation takes", () => {
    const a = newSessionKey();
    const b = newSessionKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(a).not.toBe(b);
    const d = run(
      emptyDraft(menu),
      { type: "suggestionKey", key: a },
      { type: "suggestionKey", key: b },
    );
    expect(d.suggestionKey).toBe(a);
  });

  it("the plain reducer (before the later steps load) leaves the draft alone for them", () => {
    const d = emptyDraft(menu);
    expect(draftReducer(d, { type: "diet", profile: SHELLFISH, menu })).toBe(d);
  });
});

describe("kept on the device", () => {
  it("a saved profile and key come back; junk in them is dropped", () => {
    const d = { ...emptyDraft(menu), dietaryProfile: SHELLFISH, suggestionKey: "k".repeat(20) };
    const back = parseStoredDraft(serializeDraft(d), emptyDraft(menu));
    expect(back?.dietaryProfile).toEqual(SHELLFISH);
    expect(back?.suggestionKey).toBe("k".repeat(20));

    expect(
      readProfile({
        avoid: [
          { value: "shellfish", guests: 2.5 },
          { value: "shellfish", guests: 1 },
          { value: "gluten", guests: 1 },
          null,
        ],
        diets: "vegan",
        likes: ["spicy", "sweet"],
      }),
    ).toEqual({
      dietaryProfile: {
        avoid: [{ value: "shellfish", guests: null }],
        diets: [],
        likes: ["spicy"],
      },
    });
    expect(readProfile("nope")).toEqual({});
    expect(readSessionKey("short")).toEqual({});
    expect(readSessionKey("<script>alert(1)</script>")).toEqual({});
  });

  it("a restored Premium default with shrimp is re-split for the saved shellfish allergy", () => {
    const saved = {
      ...emptyDraft(menu, "premium"),
      dietaryProfile: SHELLFISH,
    };
    expect(saved.proteins.shrimp).toBe(10);
    const { draft } = reconcileDraft(saved, menu, "2026-01-01");
    expect(draft.proteins).toEqual({ chicken: 10, steak: 10, salmon: 10 });
  });
});

describe("Continue on the menu step", () => {
  const withProfile = (p: DietaryProfile, adults = 10) => ({
    ...emptyDraft(menu),
    adults,
    proteins: { chicken: adults, steak: adults },
    dietaryProfile: p,
  });

  it("refuses a guest count above the party, beside that count", () => {
    const issues = stepIssues("menu", withProfile(SHELLFISH, 1), menu);
    expect(issues).toEqual([
      {
        field: "dietary-shellfish",
        message:
          "You said 2 guests for shellfish, but the party is 1 guest. Lower the number, or leave it blank if you're not sure.",
      },
    ]);
    expect(stepIssues("menu", withProfile(SHELLFISH, 2), menu)).toEqual([]);
    expect(profileGuestIssues(SHELLFISH, 2)).toEqual([]);
  });

  it("says the server's own rule for the profile (each allergen once)", () => {
    const twice = {
      avoid: [
        { value: "shellfish", guests: 1 },
        { value: "shellfish", guests: 2 },
      ],
      diets: [],
      likes: [],
    } as DietaryProfile;
    expect(stepIssues("menu", withProfile(twice), menu)).toEqual([
      { field: "dietary", message: "Each allergen once." },
    ]);
  });

  it("'not sure' (null) is fine for any party", () => {
    const p: DietaryProfile = { avoid: [{ value: "peanuts", guests: null }], diets: [], likes: [] };
    expect(stepIssues("menu", withProfile(p, 1), menu)).toEqual([]);
  });
});

describe("what the booking sends", () => {
  const booked = (d: BookingDraft) =>
    bookingInput(
      { ...d, date: "2027-03-13", startMinute: 1080 },
      { idempotencyKey: "k", seenAt: undefined, savings: {} },
    );

  it("sends the profile and the session key when there are some", () => {
    const d = {
      ...emptyDraft(menu),
      dietaryProfile: SHELLFISH,
      suggestionKey: "abcdefghijklmnop",
      allergies: " Also no cilantro ",
    };
    const input = booked(d);
    expect(input.dietaryProfile).toEqual(SHELLFISH);
    expect(input.suggestionSessionKey).toBe("abcdefghijklmnop");
    expect(input.allergies).toBe("Also no cilantro");
    expect(input.idempotencyKey).toBe("k:2027-03-13:1080");
  });

  it("sends neither when nothing was said", () => {
    const input = booked({
      ...emptyDraft(menu),
      dietaryProfile: { avoid: [], diets: [], likes: [] },
    });
    expect("dietaryProfile" in input).toBe(false);
    expect("suggestionSessionKey" in input).toBe(false);
    expect(profileToSend(emptyDraft(menu))).toBeNull();
  });
});

describe("what the package cards say (R1-2)", () => {
  const packages = [
    { slug: "classic", allergens: [], contains: ["egg", "soy-sauce", "butter", "yum-yum-sauce"] },
    { slug: "plain", allergens: [], contains: [] },
  ];
  it("marks a package whose own dishes contain what the party avoids, by its key", () => {
    const egg: DietaryProfile = { avoid: [{ value: "egg", guests: 2 }], diets: [], likes: [] };
    expect(unsafePackageMarks(packages, egg)).toEqual({ "package:classic": "Contains egg" });
    const vegan: DietaryProfile = { avoid: [], diets: [{ value: "vegan", guests: 1 }], likes: [] };
    expect(unsafePackageMarks(packages, vegan)).toEqual({ "package:classic": "Not vegan" });
    // Vegetarian rice and sauces are fine for vegetarians; no profile, no marks.
    const veg: DietaryProfile = {
      avoid: [],
      diets: [{ value: "vegetarian", guests: 1 }],
      likes: [],
    };
    expect(unsafePackageMarks(packages, veg)).toEqual({});
    expect(unsafePackageMarks(packages, undefined)).toEqual({});
  });
});
