// "Popular with parties like yours" (issue 16): at most two cards, each with its title, one-line
// reason, the price change ("+$40.00") and Add / No thanks buttons described by the title; what
// the operation answers is read defensively, a suggestion already declined or taken, or one that
// would add a dish the party's profile rules out, is never shown; a failed call or an empty answer
// shows nothing. The cards are rendered to HTML (react-dom/server); the calls are made with a
// stubbed fetch.
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DietaryProfile } from "@myhibachi/shared";
import { rpc, rpcCall } from "~/lib/rpc";
import { suggestInputOf } from "./draft-suggestions";
import { emptyDraft, type DraftMenu, type MenuItemLike } from "./draft";
import {
  priceChangeWords,
  readSuggestions,
  shownSuggestions,
  SUGGEST_PATH,
  SuggestionCards,
  Suggestions,
  type Suggestion,
} from "./suggestions";

const dish = (slug: string, kind: MenuItemLike["kind"], allergens: string[]): MenuItemLike => ({
  slug,
  name: slug,
  kind,
  pricing: "PER_PERSON",
  priceCents: 0,
  allergens,
  dietaryTags: [],
});
const dietMenu: DraftMenu = {
  packages: [
    { slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 },
    { slug: "premium", name: "Premium Hibachi", proteinsPerGuest: 3 },
  ],
  items: [
    dish("chicken", "PROTEIN", ["soy", "wheat", "sesame"]),
    dish("steak", "PROTEIN", ["soy", "wheat", "milk"]),
    dish("salmon", "PROTEIN", ["fish", "milk", "soy"]),
    dish("lobster-tail", "UPGRADE", ["shellfish", "milk"]),
    dish("spring-rolls", "APPETIZER", ["wheat", "soy"]),
  ],
  maxGuests: 60,
};

const html = (el: React.ReactElement) => renderToStaticMarkup(el).replace(/<!-- -->/g, "");
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const classic = { packageSlug: "classic", proteins: { chicken: 12, steak: 12 }, extras: {} };
const rolls: Suggestion = {
  rule: "appetizer-for-classic",
  title: "Add vegetable spring rolls",
  reason: "Classic has no starter: spring rolls are $5.00 a guest while the grill heats up.",
  selection: { ...classic, extras: { "spring-rolls": 12 } },
  revenueDeltaCents: 6540,
};
const shrimp: Suggestion = {
  rule: "shrimp-upgrade-big-chicken-party",
  title: "Add lobster tail",
  reason: "Parties of 10+ often swap one portion.",
  selection: { ...classic, proteins: { chicken: 0, steak: 12, "lobster-tail": 12 } },
  revenueDeltaCents: 13080,
};
const cheaper: Suggestion = {
  rule: "premium-cheaper-than-classic",
  title: "Switch to Premium",
  reason: "Premium would cost $20.00 less with what you picked.",
  selection: { packageSlug: "premium", proteins: { chicken: 12, steak: 12, salmon: 12 } },
  revenueDeltaCents: -2000,
};
const SHELLFISH: DietaryProfile = {
  avoid: [{ value: "shellfish", guests: 2 }],
  diets: [],
  likes: [],
};
const EMPTY: DietaryProfile = { avoid: [], diets: [], likes: [] };
const items = dietMenu.items as MenuItemLike[];

describe("the cards", () => {
  it("show title, reason, the price change and Add / No thanks described by the title", () => {
    const h = html(
      <SuggestionCards suggestions={[rolls, cheaper]} onAdd={() => {}} onDecline={() => {}} />,
    );
    expect(h).toMatch(/<section aria-labelledby="([^"]+)"/);
    expect(text(h)).toContain("Popular with parties like yours");
    expect(text(h)).toContain(
      "Add vegetable spring rolls +$65.40 Classic has no starter: spring rolls are $5.00 a guest while the grill heats up. Add No thanks",
    );
    expect(text(h)).toContain("Switch to Premium −$20.00");
    expect(h.match(/<button[^>]*type="button"/g)).toHaveLength(4);
    // Each button is described by its card's title (a screen reader hears "Add, Add vegetable...").
    const title = /<p id="([^"]+)"[^>]*>Add vegetable spring rolls/.exec(h)![1]!;
    expect(h.match(new RegExp(`aria-describedby="${title}"`, "g"))).toHaveLength(2);
  });

  it("show nothing but the (empty) status when there is nothing to suggest", () => {
    const h = html(<SuggestionCards suggestions={[]} onAdd={() => {}} onDecline={() => {}} />);
    expect(h).toBe('<p role="status" class="sr-only"></p>');
  });

  it("write the price change as the quote engine gave it", () => {
    expect(priceChangeWords(4000)).toBe("+$40.00");
    expect(priceChangeWords(-1250)).toBe("−$12.50");
    expect(priceChangeWords(0)).toBe("No change to the price");
  });
});

describe("which suggestions are shown", () => {
  const shown = (list: Suggestion[], o: Partial<Parameters<typeof shownSuggestions>[1]> = {}) =>
    shownSuggestions(list, {
      current: classic,
      profile: EMPTY,
      items,
      hidden: new Set(),
      ...o,
    }).map((s) => s.rule);

  it("at most two, in the operation's order", () => {
    expect(shown([rolls, cheaper, { ...rolls, rule: "third" }])).toEqual([
      "appetizer-for-classic",
      "premium-cheaper-than-classic",
    ]);
  });

  it("never one that adds a dish the profile rules out (a second check of the server's rule)", () => {
    expect(shown([shrimp, rolls], { profile: SHELLFISH })).toEqual(["appetizer-for-classic"]);
    expect(shown([shrimp, rolls])).toEqual([
      "shrimp-upgrade-big-chicken-party",
      "appetizer-for-classic",
    ]);
    // A dish the menu doesn't list can't be shown as safe.
    const unknown = { ...rolls, rule: "x", selection: { ...classic, extras: { mystery: 1 } } };
    expect(shown([unknown], { profile: SHELLFISH })).toEqual([]);
  });

  it("never one declined or taken in this visit, nor what is already chosen", () => {
    expect(shown([rolls, cheaper], { hidden: new Set(["appetizer-for-classic"]) })).toEqual([
      "premium-cheaper-than-classic",
    ]);
    expect(shown([rolls], { current: rolls.selection })).toEqual([]);
  });

  it("reads the answer defensively", () => {
    expect(readSuggestions(null)).toEqual([]);
    expect(readSuggestions({ arm: "control", suggestions: [] })).toEqual([]);
    expect(
      readSuggestions({
        suggestions: [rolls, { rule: "x" }, { ...rolls, revenueDeltaCents: "40" }, null],
      }),
    ).toEqual([rolls]);
  });
});

describe("what is asked", () => {
  const ready = {
    ...emptyDraft(dietMenu),
    adults: 12,
    proteins: { chicken: 12, steak: 12 },
    date: "2026-12-19",
    suggestionKey: "abcdefghijklmnopqrst",
    dietaryProfile: SHELLFISH,
  };

  it("the party's selection, profile, date and this visit's key, once the proteins add up", () => {
    expect(suggestInputOf(ready, dietMenu, "wizard-menu")).toEqual({
      sessionKey: "abcdefghijklmnopqrst",
      surface: "wizard-menu",
      selection: {
        packageSlug: "classic",
        adults: 12,
        children: 0,
        proteins: { chicken: 12, steak: 12 },
        extras: {},
      },
      profile: SHELLFISH,
      date: "2026-12-19",
    });
    expect(suggestInputOf({ ...ready, proteins: { chicken: 12 } }, dietMenu, "wizard-menu")).toBe(
      null,
    );
    expect(suggestInputOf({ ...ready, suggestionKey: undefined }, dietMenu, "finish")).toBeNull();
    // Not before the allergies question is answered, but on review (answered or passed).
    const unanswered = { ...ready, dietaryProfile: undefined };
    expect(suggestInputOf(unanswered, dietMenu, "wizard-menu")).toBeNull();
    expect(suggestInputOf(unanswered, dietMenu, "finish")).toBeNull();
    expect(suggestInputOf(unanswered, dietMenu, "wizard-review")?.profile).toEqual({
      avoid: [],
      diets: [],
      likes: [],
    });
  });

  it("a guest count above the party is asked as the party, never refused silently (L1)", () => {
    const nine = {
      ...ready,
      adults: 4,
      proteins: { chicken: 4, steak: 4 },
      dietaryProfile: {
        avoid: [
          { value: "shellfish" as const, guests: 9 },
          { value: "milk" as const, guests: null },
        ],
        diets: [{ value: "vegan" as const, guests: 2 }],
        likes: [],
      },
    };
    expect(suggestInputOf(nine, dietMenu, "wizard-menu")?.profile).toEqual({
      avoid: [
        { value: "shellfish", guests: 4 },
        { value: "milk", guests: null },
      ],
      diets: [{ value: "vegan", guests: 2 }],
      likes: [],
    });
  });

  it("renders nothing before an answer (and on the server)", () => {
    const input = suggestInputOf(ready, dietMenu, "wizard-review");
    expect(html(<Suggestions input={input} items={items} onAccept={() => {}} />)).toBe(
      '<div tabindex="-1" class="outline-none"><p role="status" class="sr-only"></p></div>',
    );
    expect(html(<Suggestions input={null} items={items} onAccept={() => {}} />)).toBe("");
  });
});

describe("the calls", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("ask the operation with a POST of the input, and record an outcome", async () => {
    const calls: { url: string; body: unknown }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, body: JSON.parse(String(init.body)) });
        return new Response(
          JSON.stringify({
            result: { data: { json: { arm: "treatment", suggestions: [rolls] } } },
          }),
          { status: 200, headers: { "content-type": "application/json" } },
        );
      }),
    );
    const input = { sessionKey: "abcdefghijklmnopqrst", surface: "wizard-menu" };
    const answer = await rpcCall("mutation", SUGGEST_PATH, input);
    expect(readSuggestions(answer)).toEqual([rolls]);
    expect(calls[0]).toEqual({
      url: "/api/trpc/recommendations.suggestForSelection",
      body: { json: input },
    });
    await rpc.recommendations.recordSuggestionOutcome.mutate({
      sessionKey: input.sessionKey,
      rule: rolls.rule,
      surface: "wizard-menu",
      outcome: "accepted",
    });
    expect(calls[1]!.url).toBe("/api/trpc/recommendations.recordSuggestionOutcome");
  });
});
