import { describe, expect, it } from "vitest";
import { firstIncompleteStep, quoteContactEmail, stepIssues } from "./checks";
import { parseStoredDraft, reconcileDraft } from "./restore";
import { zipPlacePatch } from "./steps/later-helpers";
import {
  draftReducer,
  emptyDraft,
  portionsChosen,
  serializeDraft,
  DRAFT_TTL_MS,
  type BookingDraft,
  type DraftAction,
  type DraftMenu,
} from "./draft";

// A small menu written out by hand, in menu order (as the catalog lists it).
const menu: DraftMenu = {
  packages: [
    { slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 },
    { slug: "premium", name: "Premium Hibachi", proteinsPerGuest: 3 },
  ],
  items: [
    {
      slug: "chicken",
      name: "Hibachi chicken",
      kind: "PROTEIN",
      pricing: "PER_PERSON",
      priceCents: 0,
    },
    {
      slug: "steak",
      name: "NY strip steak",
      kind: "PROTEIN",
      pricing: "PER_PERSON",
      priceCents: 0,
    },
    { slug: "shrimp", name: "Shrimp", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
    { slug: "tofu", name: "Crispy tofu", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
    {
      slug: "filet",
      name: "Filet mignon",
      kind: "UPGRADE",
      pricing: "PER_PERSON",
      priceCents: 500,
    },
    {
      slug: "lobster",
      name: "Lobster tail",
      kind: "UPGRADE",
      pricing: "PER_PERSON",
      priceCents: 1000,
    },
    {
      slug: "gyoza",
      name: "Pork gyoza",
      kind: "APPETIZER",
      pricing: "PER_PERSON",
      priceCents: 600,
    },
  ],
  maxGuests: 60,
};

const run = (d: BookingDraft, ...actions: DraftAction[]) => actions.reduce(draftReducer, d);
const protein = (slug: string, count: number): DraftAction => ({
  type: "protein",
  slug,
  count,
  menu,
});
const party = (adults: number, children = 0): DraftAction => ({
  type: "party",
  adults,
  children,
  menu,
});
const nonZero = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));

/** A party of 15 (30 portions on Classic), ZIP, date and time chosen. */
function fifteen(): BookingDraft {
  return run(
    emptyDraft(menu),
    { type: "zip", value: "95125" },
    party(15),
    { type: "date", date: "2026-12-19" },
    { type: "time", startMinute: 1080 },
  );
}

describe("the default protein split", () => {
  it("gives each guest one of each of the package's first proteins", () => {
    expect(nonZero(emptyDraft(menu).proteins)).toEqual({ chicken: 10, steak: 10 });
    expect(nonZero(emptyDraft(menu, "premium").proteins)).toEqual({
      chicken: 10,
      steak: 10,
      shrimp: 10,
    });
  });

  it("follows the party size and the package until the customer changes a protein", () => {
    const d = run(emptyDraft(menu), party(11, 2));
    expect(nonZero(d.proteins)).toEqual({ chicken: 13, steak: 13 });
    const p = run(d, { type: "package", slug: "premium", menu });
    expect(nonZero(p.proteins)).toEqual({ chicken: 13, steak: 13, shrimp: 13 });
  });
});

describe("extras: the quote engine's limit of one per guest (G7)", () => {
  const extra = (slug: string, count: number): DraftAction => ({
    type: "extra",
    slug,
    count,
    menu,
  });

  it("a stepper can't go past one serving per guest", () => {
    expect(run(fifteen(), extra("gyoza", 500)).extras).toEqual({ gyoza: 15 });
    expect(run(fifteen(), party(10, 2), extra("gyoza", 13)).extras).toEqual({ gyoza: 12 });
    expect(stepIssues("extras", run(fifteen(), extra("gyoza", 15)), menu)).toEqual([]);
  });

  it("a party made smaller afterwards has its extras held to the new limit, as proteins are rebalanced (attack R4-2)", () => {
    const d = run(fifteen(), extra("gyoza", 15), party(12));
    expect(d.extras).toEqual({ gyoza: 12 });
    expect(stepIssues("extras", d, menu)).toEqual([]);
    // A bigger party again keeps what was chosen (nothing is added back by itself).
    expect(run(d, party(15)).extras).toEqual({ gyoza: 12 });
  });

  it("a draft over the limit some other way (restored from another tab) hears the server's sentence", () => {
    const d = { ...run(fifteen(), party(12)), extras: { gyoza: 15 } };
    expect(stepIssues("extras", d, menu)).toEqual([
      { field: "extras", message: "Pork gyoza: at most 12 servings for a party of 12." },
    ]);
    expect(firstIncompleteStep(d, menu)).toBe("extras");
  });
});

describe("rebalancing the proteins", () => {
  it("an upgrade takes its portion from the included protein with the most: the total stays right", () => {
    const d = run(fifteen(), protein("filet", 1));
    // Chicken and steak tie at 15: the first in menu order gives the portion.
    expect(nonZero(d.proteins)).toEqual({ chicken: 14, steak: 15, filet: 1 });
    expect(portionsChosen(d)).toBe(30);
    const more = run(d, protein("filet", 2), protein("filet", 3));
    expect(nonZero(more.proteins)).toEqual({ chicken: 13, steak: 14, filet: 3 });
    expect(portionsChosen(more)).toBe(30);
    expect(stepIssues("menu", more, menu)).toEqual([]);
  });

  it("removing an upgrade gives the portion back to the protein it replaced", () => {
    const d = run(fifteen(), protein("tofu", 0), protein("filet", 1), protein("filet", 2));
    expect(nonZero(d.proteins)).toEqual({ chicken: 14, steak: 14, filet: 2 });
    expect(nonZero(run(d, protein("filet", 1)).proteins)).toEqual({
      chicken: 14,
      steak: 15,
      filet: 1,
    });
    expect(nonZero(run(d, protein("filet", 0)).proteins)).toEqual({ chicken: 15, steak: 15 });
  });

  it("more of an included protein comes off the other included protein with the most", () => {
    const d = run(fifteen(), protein("chicken", 18));
    expect(nonZero(d.proteins)).toEqual({ chicken: 18, steak: 12 });
    const tofu = run(d, protein("tofu", 2));
    expect(nonZero(tofu.proteins)).toEqual({ chicken: 16, steak: 12, tofu: 2 });
  });

  it("never goes past the party's portions, even when a number is typed", () => {
    const d = run(fifteen(), protein("lobster", 99));
    expect(nonZero(d.proteins)).toEqual({ lobster: 30 });
    expect(portionsChosen(d)).toBe(30);
  });

  it("fewer of an included protein leaves the count short, and the menu step says how many to add", () => {
    const d = run(fifteen(), protein("chicken", 14));
    expect(portionsChosen(d)).toBe(29);
    expect(stepIssues("menu", d, menu)).toEqual([
      { field: "proteins", message: "Choose 1 more protein portion: 29 of 30 chosen." },
    ]);
    // Adding another protein fills the gap without moving anything else.
    const filled = run(d, protein("tofu", 1));
    expect(nonZero(filled.proteins)).toEqual({ chicken: 14, steak: 15, tofu: 1 });
    expect(stepIssues("menu", filled, menu)).toEqual([]);
  });

  it("a chosen split is fitted when the party grows or shrinks, upgrades kept", () => {
    const d = run(fifteen(), protein("tofu", 4), protein("filet", 2));
    expect(nonZero(d.proteins)).toEqual({ chicken: 12, steak: 12, tofu: 4, filet: 2 });
    // 2 more guests: 4 more portions, to the included proteins with the fewest first.
    const bigger = run(d, party(17));
    expect(portionsChosen(bigger)).toBe(34);
    expect(nonZero(bigger.proteins)).toEqual({ chicken: 12, steak: 12, tofu: 8, filet: 2 });
    // 5 fewer guests: 10 fewer portions, off the included proteins with the most.
    const smaller = run(d, party(10));
    expect(portionsChosen(smaller)).toBe(20);
    expect(smaller.proteins.filet).toBe(2);
  });
});

describe("what each step still needs", () => {
  it("asks for the ZIP only when the ZIP is what's missing", () => {
    const d = emptyDraft(menu);
    expect(stepIssues("when", d, menu)[0]).toEqual({
      field: "postalCode",
      message: "Enter the ZIP code of the party address.",
    });
    expect(stepIssues("when", run(d, { type: "zip", value: "951" }), menu)[0]!.message).toBe(
      "Enter a 5-digit ZIP code.",
    );
    // ZIP fine, no date yet: the message is about the date, never the ZIP.
    const zip = run(d, { type: "zip", value: "95125" });
    expect(stepIssues("when", zip, menu)).toEqual([
      { field: "calendar", message: "Pick a date in the calendar." },
    ]);
    const date = run(zip, { type: "date", date: "2026-12-19" });
    expect(stepIssues("when", date, menu)).toEqual([
      { field: "start-times", message: "Pick a start time for Saturday, December 19." },
    ]);
    const time = run(date, { type: "time", startMinute: 1080 });
    expect(stepIssues("when", time, menu)).toEqual([]);
    expect(stepIssues("when", time, menu, { slotFree: false })[0]!.message).toBe(
      "That start time is no longer free for 10 guests. Pick another time.",
    );
  });

  it("says when the party is too big to book online, with the number to call", () => {
    const d = run(fifteen(), party(58, 4));
    expect(stepIssues("when", d, menu, { phone: "(408) 555-0100" })).toEqual([
      {
        field: "adults",
        message:
          "We can cook for up to 60 guests in one booking online; you have 62. Call us at (408) 555-0100 for a bigger party.",
      },
    ]);
  });

  it("the menu step names the protein count, not the ZIP, when the portions are off", () => {
    const d = run(emptyDraft(menu), protein("chicken", 8), { type: "zip", value: "" });
    expect(stepIssues("menu", d, menu)).toEqual([
      { field: "proteins", message: "Choose 2 more protein portions: 18 of 20 chosen." },
    ]);
    const long = run(fifteen(), { type: "allergies", value: "x".repeat(501) });
    expect(stepIssues("menu", long, menu)).toEqual([
      {
        field: "allergies",
        message: "Allergies and dietary needs: at most 500 characters.",
      },
    ]);
  });

  it("address and contact: the server's own messages, one per field", () => {
    const d = fifteen();
    expect(stepIssues("details", d, menu)).toEqual([
      { field: "line1", message: "Enter the street address." },
      { field: "city", message: "Enter the city." },
      { field: "name", message: "Enter your name." },
      { field: "email", message: "Enter a valid email address." },
      { field: "phone", message: "Enter a phone number with area code." },
    ]);
    const filled = run(
      d,
      { type: "address", patch: { line1: "742 Willow Glen Way", city: "San Jose" } },
      { type: "contact", patch: { name: "Eve", email: "eve@example", phone: "408 555 0177" } },
    );
    expect(stepIssues("details", filled, menu)).toEqual([
      { field: "email", message: "Enter a valid email address." },
    ]);
    const done = run(filled, { type: "contact", patch: { email: "eve@example.com" } });
    expect(stepIssues("details", done, menu)).toEqual([]);
  });

  it("the ZIP's city and state (zipPlacePatch, @myhibachi/shared): filled, then following the ZIP", () => {
    const blank = { line1: "", line2: "", city: "", state: "CA" };
    expect(zipPlacePatch(blank, null, { city: "Reno", state: "NV" })).toEqual({
      city: "Reno",
      state: "NV",
    });
    // Attack R7-2: the city filled for 95125 follows a change to 94040, street typed or not.
    const filled = { ...blank, line1: "1 Main St", city: "San Jose" };
    const sanJose = { city: "San Jose", state: "CA" };
    expect(zipPlacePatch(filled, sanJose, { city: "Mountain View", state: "CA" })).toEqual({
      city: "Mountain View",
    });
    // One the customer typed stays.
    expect(
      zipPlacePatch({ ...filled, city: "Los Altos" }, sanJose, {
        city: "Mountain View",
        state: "CA",
      }),
    ).toBeNull();
  });

  it("a state that isn't the ZIP's is caught on the details step, before the server refuses it", () => {
    const d = run(
      fifteen(),
      { type: "address", patch: { line1: "742 Willow Glen Way", city: "San Jose", state: "zz" } },
      { type: "contact", patch: { name: "Eve", email: "eve@example.com", phone: "408 555 0177" } },
    );
    expect(stepIssues("details", d, menu, { zipState: "CA" })).toEqual([
      {
        field: "state",
        message: `ZIP ${d.postalCode} is in CA, not ZZ. Enter CA, or change the ZIP in step 1.`,
      },
    ]);
    // Not known yet (no quote), or the ZIP's own state: nothing to say.
    expect(stepIssues("details", d, menu)).toEqual([]);
    const fixed = run(d, { type: "address", patch: { state: "CA" } });
    expect(stepIssues("details", fixed, menu, { zipState: "CA" })).toEqual([]);
  });

  it("the first step with something missing is where a deep link lands", () => {
    expect(firstIncompleteStep(emptyDraft(menu), menu)).toBe("when");
    expect(firstIncompleteStep(fifteen(), menu)).toBe("details");
    expect(firstIncompleteStep(run(fifteen(), protein("chicken", 1)), menu)).toBe("menu");
  });
});

describe("the draft kept in the browser", () => {
  it("reads back what was saved, and nothing from junk", () => {
    const d = run(fifteen(), protein("filet", 1), { type: "allergies", value: "No shellfish" });
    expect(parseStoredDraft(serializeDraft(d), emptyDraft(menu))).toEqual(d);
    expect(parseStoredDraft("{not json", emptyDraft(menu))).toBeNull();
    expect(parseStoredDraft(JSON.stringify({ v: 99, draft: d }), emptyDraft(menu))).toBeNull();
    expect(parseStoredDraft(null, emptyDraft(menu))).toBeNull();
    const odd = parseStoredDraft(
      JSON.stringify({ v: 1, draft: { adults: -3, proteins: { chicken: "x" }, date: "soon" } }),
      emptyDraft(menu),
    )!;
    expect(odd.adults).toBe(1);
    expect(odd.date).toBeNull();
    expect(odd.proteins).toEqual(emptyDraft(menu).proteins);
  });

  it("is kept 3 days on the device (a new tab, a later visit), then forgotten", () => {
    // Attack R5-8: the draft was per tab. Now it is on the device, with an expiry.
    const d = run(fifteen(), protein("filet", 1));
    const saved = Date.UTC(2026, 10, 29, 21, 0);
    const hour = 60 * 60 * 1000;
    const raw = serializeDraft(d, saved);
    expect(parseStoredDraft(raw, emptyDraft(menu), saved + hour)).toEqual(d);
    expect(parseStoredDraft(raw, emptyDraft(menu), saved + 71 * hour)).toEqual(d);
    expect(parseStoredDraft(raw, emptyDraft(menu), saved + DRAFT_TTL_MS + 1)).toBeNull();
    // A draft without a time (or with junk for one) is not trusted to be recent.
    for (const at of [undefined, "yesterday", null, Number.NaN])
      expect(
        parseStoredDraft(JSON.stringify({ v: 1, at, draft: d }), emptyDraft(menu), saved),
        String(at),
      ).toBeNull();
  });

  it("two tabs: the last one saved is the one read back", () => {
    const first = run(fifteen(), { type: "allergies", value: "No shellfish" });
    const second = run(fifteen(), { type: "allergies", value: "Peanuts" });
    const store = new Map<string, string>();
    store.set("mh-booking-draft", serializeDraft(first, 1_000));
    store.set("mh-booking-draft", serializeDraft(second, 2_000));
    expect(
      parseStoredDraft(store.get("mh-booking-draft")!, emptyDraft(menu), 3_000)?.allergies,
    ).toBe("Peanuts");
  });

  it("a date that has passed is forgotten, and returned for the date step to say so", () => {
    const { draft, notices, pastDate } = reconcileDraft(fifteen(), menu, "2026-12-20");
    expect(draft.date).toBeNull();
    expect(draft.startMinute).toBeNull();
    expect(draft.postalCode).toBe("95125");
    // Said once, above the calendar where the new date is picked (when-step.test.tsx), not
    // also in the notices over the wizard.
    expect(pastDate).toBe("2026-12-19");
    expect(notices).toEqual([]);
    expect(reconcileDraft(fifteen(), menu, "2026-12-19")).toMatchObject({
      notices: [],
      pastDate: null,
    });
  });

  it("a package or dish no longer sold is replaced or removed, and the portions still add up", () => {
    const stale: BookingDraft = {
      ...run(fifteen(), protein("filet", 2)),
      packageSlug: "deluxe",
      extras: { gyoza: 15, "sake-bar": 1 },
    };
    stale.proteins = { ...stale.proteins, "kobe-beef": 3 };
    const { draft, notices } = reconcileDraft(stale, menu, "2026-12-01");
    expect(draft.packageSlug).toBe("classic");
    expect(draft.extras).toEqual({ gyoza: 15 });
    expect(draft.proteins["kobe-beef"]).toBeUndefined();
    expect(portionsChosen(draft)).toBe(30);
    expect(notices).toEqual([
      "The package you picked before is no longer offered, so we switched you to Classic Hibachi. Please check the menu step.",
      "kobe beef, sake bar are no longer on the menu and were removed from your order.",
    ]);
  });
});

describe("quoteContactEmail: the contact email goes with the quote only with a code, once valid", () => {
  const withEmail = (email: string) => ({ contact: { name: "Ann", email, phone: "" } });
  it("a code and a valid email: the email, trimmed (the quote checks the code for it)", () => {
    expect(quoteContactEmail(withEmail(" ann+party@example.com "), "SAVE-7K2QXA9M")).toBe(
      "ann+party@example.com",
    );
  });
  it("no code: nothing leaves the device with the quote", () => {
    expect(quoteContactEmail(withEmail("ann@example.com"), undefined)).toBeUndefined();
  });
  it("an email still being typed (or invalid): not sent, the quote prices the code as before", () => {
    expect(quoteContactEmail(withEmail(""), "SAVE-7K2QXA9M")).toBeUndefined();
    expect(quoteContactEmail(withEmail("ann@"), "SAVE-7K2QXA9M")).toBeUndefined();
  });
});
