// The menu step with the party's allergies and diets (issue 16), as the customer sees it: asked
// once, at the top (two fieldsets with legends, a labelled checkbox per allergen and diet, a
// labelled guest count for each ticked one, blank = not sure), every shellfish dish marked
// "Contains shellfish" on its row (and nothing else), a count above the party said beside it,
// and the review step's line "2 guests avoid shellfish". Rendered to HTML (react-dom/server) as
// the wizard renders the steps; expected words written here by hand.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DIETS, MAJOR_ALLERGENS, type DietaryProfile } from "@myhibachi/shared";
import { stepIssues } from "./checks";
import { DietaryFields, dietParts, parseGuests, setNeedGuests, toggleNeed } from "./dietary-fields";
import { emptyDraft, type BookingDraft } from "./draft";
import { placeIssues } from "./messages";
import { ExtrasStep } from "./steps/extras-step";
import { MenuStep } from "./steps/menu-step";
import { ReviewStep } from "./steps/review-step";
import { draftMenu, type Catalog } from "./types";

const html = (el: React.ReactElement) => renderToStaticMarkup(el).replace(/<!-- -->/g, "");
/** The text a person reads (tags out, spaces collapsed). */
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

const dish = (
  slug: string,
  name: string,
  kind: string,
  allergens: string[],
  priceCents = 0,
  dietaryTags: string[] = [],
) => ({
  id: slug,
  slug,
  name,
  description: "",
  kind,
  pricing: "PER_PERSON",
  priceCents,
  servesGuests: null,
  allergens,
  dietaryTags,
  seasonalTags: [],
  active: true,
  sortOrder: 0,
});
const catalog = {
  business: { maxGuests: 60, minGuests: 1, payments: "pay-at-event", phone: "(408) 555-0142" },
  packages: [
    {
      slug: "classic",
      name: "Classic Hibachi",
      adultPriceCents: 5500,
      childPriceCents: 2500,
      proteinsPerGuest: 2,
      includes: [],
    },
  ],
  items: [
    dish("chicken", "Hibachi chicken", "PROTEIN", ["soy", "wheat", "sesame"]),
    dish("steak", "NY strip steak", "PROTEIN", ["soy", "wheat", "milk"]),
    dish("shrimp", "Shrimp", "PROTEIN", ["shellfish", "milk", "soy"]),
    dish("jumbo-shrimp", "Jumbo tiger shrimp", "UPGRADE", ["shellfish", "milk"], 400),
    dish("gyoza", "Pork gyoza", "APPETIZER", ["wheat", "soy", "sesame"], 600),
    dish("sushi-platter", "Sushi platter", "APPETIZER", ["fish", "shellfish", "soy"], 12000),
  ],
} as unknown as Catalog;
const menu = draftMenu(catalog);

const SHELLFISH: DietaryProfile = {
  avoid: [{ value: "shellfish", guests: 2 }],
  diets: [],
  likes: [],
};
const draftWith = (p: DietaryProfile | undefined, adults = 10): BookingDraft => ({
  ...emptyDraft(menu),
  adults,
  proteins: { chicken: adults, steak: adults },
  dietaryProfile: p,
});

const menuStep = (d: BookingDraft, errors: Record<string, string> = {}) =>
  html(
    <MenuStep
      draft={d}
      dispatch={() => {}}
      catalog={catalog}
      menu={menu}
      errors={errors}
      prefill={null}
    />,
  );

/** The row of the protein or extra whose stepper is `id` (its <li>). */
const row = (h: string, id: string) => {
  const at = h.indexOf(`id="${id}"`);
  expect(at, id).toBeGreaterThan(0);
  return h.slice(h.lastIndexOf("<li", at), h.indexOf("</li>", at));
};

describe("the allergies and diets, at the top of the menu step", () => {
  it("asks once: two fieldsets with legends, a labelled checkbox per allergen and diet", () => {
    const h = menuStep(draftWith(undefined));
    expect(h.match(/<legend/g)).toHaveLength(3); // the two questions, and the package radios
    expect(text(h)).toContain("Does anyone avoid any of these?");
    expect(text(h)).toContain("Does anyone keep one of these diets?");
    // "No allergies or special diets", then one per allergen and diet.
    expect(h.match(/type="checkbox"/g)).toHaveLength(1 + MAJOR_ALLERGENS.length + DIETS.length);
    expect(h).toContain('<label for="dietary-none"');
    expect(h).not.toMatch(/id="dietary-none"[^>]*checked/); // not answered yet
    for (const v of [...MAJOR_ALLERGENS, ...DIETS]) {
      const id = `dietary-${v.replace(/ /g, "-")}-${(DIETS as readonly string[]).includes(v) ? "diets" : "avoid"}-tick`;
      expect(h, v).toContain(`<label for="${id}"`);
    }
    // Before anything is ticked: no guest counts, nothing marked, and it comes before the package.
    expect(h).not.toContain("guests who avoid");
    expect(h).not.toContain("unsafe-mark");
    expect(h.indexOf("Does anyone avoid")).toBeLessThan(h.indexOf('name="package"'));
    // The free-text field stays for anything else.
    expect(h).toContain("Allergies and dietary needs");
  });

  it("a ticked allergen has its guest count: labelled buttons and box, blank is 'not sure'", () => {
    const h = html(<DietaryFields profile={SHELLFISH} guests={10} onChange={() => {}} />);
    expect(h).toMatch(/id="dietary-shellfish-avoid-tick"[^>]*checked/);
    expect(h).toContain('aria-label="Fewer guests who avoid shellfish"');
    expect(h).toContain('aria-label="More guests who avoid shellfish"');
    expect(h).toMatch(
      /id="dietary-shellfish" aria-label="guests who avoid shellfish"[^>]*value="2"/,
    );
    expect(text(h)).not.toContain("not sure");
    const unsure = html(
      <DietaryFields
        profile={{ avoid: [{ value: "peanuts", guests: null }], diets: [], likes: [] }}
        guests={10}
        onChange={() => {}}
      />,
    );
    expect(unsure).toMatch(/id="dietary-peanuts"[^>]*value=""/);
    expect(text(unsure)).toContain("guests (blank: not sure)");
    // "Fewer" has nothing to lower yet; "More" stops at the party.
    expect(unsure).toMatch(/aria-label="Fewer guests who avoid peanuts"[^>]*disabled/);
    const full = html(
      <DietaryFields
        profile={{ avoid: [], diets: [{ value: "vegan", guests: 3 }], likes: [] }}
        guests={3}
        onChange={() => {}}
      />,
    );
    expect(full).toMatch(/aria-label="More guests who keep vegan"[^>]*disabled/);
  });

  it("a count above the party is said beside it after Continue, and described on its box", () => {
    const d = draftWith(SHELLFISH, 1);
    const issues = stepIssues("menu", { ...d, proteins: { chicken: 1, steak: 1 } }, menu);
    const placed = placeIssues("menu", issues);
    expect(placed.bar).toBeNull(); // said beside the count, not again in the bar
    const h = menuStep({ ...d, proteins: { chicken: 1, steak: 1 } }, placed.errors);
    expect(h.match(/role="alert"/g)).toHaveLength(1);
    expect(text(h)).toContain(
      "You said 2 guests for shellfish, but the party is 1 guest. Lower the number, or leave it blank if you're not sure.",
    );
    expect(h).toMatch(
      /id="dietary-shellfish"[^>]*aria-describedby="dietary-shellfish-error dietary-shellfish-hint"[^>]*aria-invalid="true"/,
    );
  });

  it("a count above the party is said beside it as it is typed, before Continue (L1)", () => {
    // A party of 4; "9" typed in "guests who avoid shellfish": no checks have run (no errors).
    const nine: DietaryProfile = {
      avoid: [{ value: "shellfish", guests: 9 }],
      diets: [],
      likes: [],
    };
    const h = html(<DietaryFields profile={nine} guests={4} onChange={() => {}} />);
    expect(h).toMatch(/id="dietary-shellfish"[^>]*value="9"/);
    expect(h.match(/role="alert"/g)).toHaveLength(1);
    expect(text(h)).toContain(
      "You said 9 guests for shellfish, but the party is 4 guests. Lower the number, or leave it blank if you're not sure.",
    );
    expect(h).toMatch(
      /id="dietary-shellfish"[^>]*aria-describedby="dietary-shellfish-error[^"]*"[^>]*aria-invalid="true"/,
    );
    // The same on the menu step, said once even when Continue placed it too.
    const d = { ...draftWith(nine, 4) };
    const placed = placeIssues("menu", stepIssues("menu", d, menu));
    const step = menuStep(d, placed.errors);
    expect(step.match(/You said 9 guests for shellfish/g)).toHaveLength(1);
    // Within the party: nothing said.
    expect(html(<DietaryFields profile={nine} guests={9} onChange={() => {}} />)).not.toContain(
      'role="alert"',
    );
  });

  it("'No allergies or special diets' is ticked for an answered, empty profile only", () => {
    const none = html(
      <DietaryFields
        profile={{ avoid: [], diets: [], likes: [] }}
        guests={10}
        onChange={() => {}}
      />,
    );
    expect(none).toMatch(/id="dietary-none"[^>]*checked/);
    const some = html(<DietaryFields profile={SHELLFISH} guests={10} onChange={() => {}} />);
    expect(some).not.toMatch(/id="dietary-none"[^>]*checked/);
  });

  it("the profile's edits: tick, count, untick; a typed count", () => {
    let p = toggleNeed({ avoid: [], diets: [], likes: [] }, "avoid", "shellfish", true);
    expect(p.avoid).toEqual([{ value: "shellfish", guests: null }]);
    p = setNeedGuests(p, "avoid", "shellfish", 2);
    expect(p.avoid).toEqual([{ value: "shellfish", guests: 2 }]);
    expect(toggleNeed(p, "avoid", "shellfish", false).avoid).toEqual([]);
    expect(parseGuests("")).toBeNull();
    expect(parseGuests("0")).toBeNull();
    expect(parseGuests("3 guests")).toBe(3);
  });
});

describe("unsafe dishes, once the profile says shellfish", () => {
  it("marks each shellfish protein 'Contains shellfish' on its row, and no other", () => {
    const h = menuStep(draftWith(SHELLFISH));
    expect(h.match(/data-testid="unsafe-mark"/g)).toHaveLength(2);
    expect(text(row(h, "protein-shrimp"))).toContain("Contains shellfish (for your party)");
    expect(text(row(h, "protein-jumbo-shrimp"))).toContain("Contains shellfish");
    expect(row(h, "protein-chicken")).not.toContain("unsafe-mark");
    // Marked, still choosable (not every guest avoids it), and none of it preselected.
    expect(row(h, "protein-shrimp")).toMatch(/id="protein-shrimp"[^>]*value="0"/);
  });

  it("marks the shellfish appetizers on the extras step", () => {
    const h = html(
      <ExtrasStep
        draft={draftWith(SHELLFISH)}
        dispatch={() => {}}
        catalog={catalog}
        menu={menu}
        errors={{}}
      />,
    );
    expect(text(row(h, "extra-sushi-platter"))).toContain("Contains shellfish");
    expect(row(h, "extra-gyoza")).not.toContain("unsafe-mark");
  });
});

describe("the review step", () => {
  const review = (d: BookingDraft) =>
    html(
      <ReviewStep
        draft={{ ...d, postalCode: "95125" }}
        dispatch={() => {}}
        catalog={catalog}
        menu={menu}
        prefill={null}
        quote={undefined}
        slotLabel="6:00 PM"
        depositTerms={null}
        serverError={null}
        alternatives={[]}
        onPickAlternative={() => {}}
        onEdit={() => {}}
      />,
    );

  it("says the profile in the chef's order, in the staff's words (said once)", () => {
    const d = draftWith({
      avoid: [{ value: "shellfish", guests: 2 }],
      diets: [{ value: "vegetarian", guests: 1 }],
      likes: [],
    });
    const h = review(d);
    expect(text(h)).toContain("Dietary needs 2 guests avoid shellfish · 1 vegetarian");
    expect(h.match(/2 guests avoid shellfish/g)).toHaveLength(1);
    // Nothing typed in the free-text box: no "Allergies: None given" above those needs (L4).
    expect(text(h)).not.toContain("None given");
    // Typed words are still said, with the needs.
    const typed = text(review({ ...d, allergies: "One guest: no sesame" }));
    expect(typed).toContain(
      "Allergies One guest: no sesame Dietary needs 2 guests avoid shellfish",
    );
  });

  it("says nothing of a profile when none was given", () => {
    expect(review(draftWith(undefined))).not.toContain("dietary-needs");
    expect(text(review(draftWith(undefined)))).toContain("Allergies None given");
    expect(review(draftWith({ avoid: [], diets: [], likes: [] }))).not.toContain("dietary-needs");
  });
});

describe("the finish-a-hold page", () => {
  it("asks the same once its dietary module is there, and marks the same dishes", async () => {
    const diet = await import("./finish-diet");
    const { FinishFields } = await import("./finish/[id]/finish-form");
    const fields = (d: typeof diet | null) =>
      html(
        <FinishFields
          draft={draftWith(SHELLFISH)}
          dispatch={() => {}}
          catalog={catalog}
          menu={menu}
          errors={{}}
          guests={10}
          postalCode="95125"
          diet={d}
        />,
      );
    // Until the module is loaded: the page as before (nothing asked, nothing marked).
    expect(fields(null)).not.toContain("Does anyone avoid");
    const h = fields(diet);
    expect(text(h)).toContain("Does anyone avoid any of these?");
    expect(text(row(h, "protein-shrimp"))).toContain("Contains shellfish");
    expect(text(row(h, "extra-sushi-platter"))).toContain("Contains shellfish");
    expect(row(h, "extra-gyoza")).not.toContain("unsafe-mark");
  });

  it("sends the profile and the session key with the finish", async () => {
    const { finishInput } = await import("./finish-diet");
    const input = finishInput(
      { ...draftWith(SHELLFISH), suggestionKey: "abcdefghijklmnop" },
      { id: "b1", token: "t".repeat(43), savings: {} },
    );
    expect(input).toMatchObject({
      id: "b1",
      dietaryProfile: SHELLFISH,
      suggestionSessionKey: "abcdefghijklmnop",
      selection: { packageSlug: "classic", proteins: { chicken: 10, steak: 10 } },
    });
    expect(
      "dietaryProfile" in finishInput(draftWith(undefined), { id: "b1", token: "t", savings: {} }),
    ).toBe(false);
  });
});

describe("a signed-in customer's saved profile", () => {
  const prefill = {
    accountEmail: "dana@example.com",
    emailVerified: true,
    contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
    address: null,
    dietaryProfile: SHELLFISH,
  };

  it("says the answer came from their earlier bookings, until it is changed", () => {
    const from = (d: BookingDraft) =>
      html(
        <MenuStep
          draft={d}
          dispatch={() => {}}
          catalog={catalog}
          menu={menu}
          errors={{}}
          prefill={prefill}
        />,
      );
    expect(text(from(draftWith(SHELLFISH)))).toContain(
      "Filled in from your earlier bookings: please check it is right for this party.",
    );
    const changed = { ...SHELLFISH, avoid: [{ value: "shellfish" as const, guests: 3 }] };
    expect(from(draftWith(changed))).not.toContain("dietary-from-account");
  });

  it("says the answer came from the chat when the hold brought it, ahead of the account's", () => {
    const heard: DietaryProfile = {
      avoid: [{ value: "peanuts", guests: 1 }],
      diets: [{ value: "vegetarian", guests: 2 }],
      likes: [],
    };
    const parts = (d: BookingDraft) =>
      html(
        <>
          {
            dietParts({
              draft: d,
              dispatch: () => {},
              menu,
              errors: {},
              surface: "finish",
              prefill,
              heard,
            }).top
          }
        </>,
      );
    // The same needs in another order (as the draft keeps them) are still the chat's.
    const same = { ...heard, diets: [...heard.diets], avoid: [...heard.avoid].reverse() };
    expect(text(parts(draftWith(same)))).toContain(
      "Filled in from what you told our assistant: please check it is right for this party.",
    );
    expect(parts(draftWith(SHELLFISH))).not.toContain("dietary-from-account");
  });

  it("goes with the account on 'Not you? Sign out' (a changed one stays)", async () => {
    const { withoutPrefill } = await import("./steps/later-helpers");
    expect(withoutPrefill(draftWith(SHELLFISH), prefill).dietaryProfile).toBeUndefined();
    const changed: DietaryProfile = {
      avoid: [{ value: "peanuts", guests: 1 }],
      diets: [],
      likes: [],
    };
    expect(withoutPrefill(draftWith(changed), prefill).dietaryProfile).toEqual(changed);
  });
});
