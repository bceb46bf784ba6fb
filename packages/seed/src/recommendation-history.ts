// The demo's recommendation history (issue 16): a SIMULATION, so the owner's /recommendations
// page has figures to show. It is not a measurement of anything. Since the rules "launched"
// (LAUNCH_DAYS_AGO), every booking came from a wizard visit, and other visits didn't book. Each
// visit's arm is the REAL assignment (armForKey on its key, the seed's 10 % hold-out) and its
// suggestions the REAL engine's on the party's selection. A real uplift is baked in, by this
// stated ground truth:
// - conversion: a visit books with probability 30 % without suggestions, 32 % with them;
// - acceptance: a treatment visit accepts each shown suggestion with the rule's probability below
//   (the first accepted one changes the party, so its booking's total includes it); one not
//   accepted is declined ("no thanks") half the time and otherwise ignored.
// `pnpm bench recommendations` replays the same model and checks the report's estimate against it.
import {
  DEFAULT_RULES,
  armForKey,
  suggest,
  type EngineCatalog,
  type Suggestion,
} from "@myhibachi/core";
import { EMPTY_PROFILE } from "@myhibachi/shared";
import type { QuoteSelection } from "@myhibachi/core";
import type { rng } from "./random";

type Rand = ReturnType<typeof rng>;

export const DEMO_RECOMMENDATIONS = {
  launchDaysAgo: 270,
  holdoutPercent: 10,
  conversion: { control: 0.3, treatment: 0.32 },
  accept: {
    "shrimp-upgrade-big-chicken-party": 0.35,
    "appetizer-for-classic": 0.3,
    "premium-cheaper-than-classic": 0.5,
    "summer-light-teriyaki": 0.15,
    "winter-steak-seafood": 0.2,
  } as Record<string, number>,
  declineShare: 0.5,
} as const;

export interface SimulatedVisit {
  key: string;
  arm: "treatment" | "control";
  books: boolean;
  suggestions: Suggestion[];
  accepted: Suggestion | null;
  declined: string[];
}

/** How a treatment visit answers what it was shown (the ground-truth acceptance model). */
export function answerSuggestions(
  rand: Rand,
  shown: readonly Suggestion[],
  model = DEMO_RECOMMENDATIONS,
): { accepted: Suggestion | null; declined: string[] } {
  let accepted: Suggestion | null = null;
  const declined: string[] = [];
  for (const s of shown) {
    if (!accepted && rand.chance(model.accept[s.rule] ?? 0.1)) accepted = s;
    else if (rand.chance(model.declineShare)) declined.push(s.rule);
  }
  return { accepted, declined };
}

/**
 * The visits behind one booking: visits (keys `demo-rec-<n>-<k>`) until one books, each with
 * its arm's conversion probability. The booking visit is the last one.
 */
export function visitsForBooking(
  rand: Rand,
  n: number,
  catalog: EngineCatalog,
  selection: QuoteSelection,
  date: string,
  model = DEMO_RECOMMENDATIONS,
): SimulatedVisit[] {
  const suggestions = suggest({
    catalog,
    rules: DEFAULT_RULES,
    selection,
    profile: EMPTY_PROFILE,
    date,
  });
  const visits: SimulatedVisit[] = [];
  for (let k = 0; k < 50; k++) {
    const key = `demo-rec-${String(n).padStart(6, "0")}-${k}`;
    const arm = armForKey(key, model.holdoutPercent);
    const answer =
      arm === "treatment"
        ? answerSuggestions(rand, suggestions, model)
        : { accepted: null, declined: [] };
    const books = rand.chance(model.conversion[arm]);
    visits.push({ key, arm, books, suggestions, ...answer });
    if (books) break;
  }
  return visits;
}
