"use client";
// The menu suggestions for a booking draft (the wizard's menu and review steps, the finish-a-hold
// page): this visit's session key (made once, kept with the draft), the party's selection and
// dietary profile, and an accepted suggestion's selection into the draft (the quote follows).
// Lazily loaded with the pages' later parts, as suggestions.tsx.
import { useEffect } from "react";
import { cappedProfile, newSessionKey, profileOf, sentProfile } from "./diet-draft";
import {
  packageOf,
  portionsChosen,
  portionsNeeded,
  selectionOf,
  type BookingDraft,
  type DraftAction,
  type DraftMenu,
} from "./draft";
import { Suggestions, type SuggestInput, type SuggestionSurface } from "./suggestions";

/**
 * What the suggestions are asked for: null until the key is made, the proteins add up and (but
 * on review) the allergies question is answered.
 */
export function suggestInputOf(
  draft: BookingDraft,
  menu: DraftMenu,
  surface: SuggestionSurface,
): SuggestInput | null {
  const guests = draft.adults + draft.children;
  if (!draft.suggestionKey || !packageOf(draft, menu) || guests < 1) return null;
  // On the menu step (and the finish page, which asks the same), nothing is suggested until the
  // allergies question above it is answered: never a shrimp upsell to a party about to say
  // shellfish. The review step comes after it, answered or passed.
  if (surface !== "wizard-review" && draft.dietaryProfile === undefined) return null;
  if (portionsChosen(draft) !== portionsNeeded(draft, menu)) return null;
  return {
    sessionKey: draft.suggestionKey,
    surface,
    selection: selectionOf(draft),
    // A count above the party (said beside its box) is asked as the party: the server would
    // refuse it and the suggestions would silently go (finding L1).
    profile: sentProfile(cappedProfile(profileOf(draft), guests)),
    ...(draft.date ? { date: draft.date } : {}),
  };
}

export function DraftSuggestions({
  draft,
  dispatch,
  menu,
  surface,
}: {
  draft: BookingDraft;
  dispatch: (a: DraftAction) => void;
  menu: DraftMenu;
  surface: SuggestionSurface;
}) {
  const key = draft.suggestionKey;
  useEffect(() => {
    if (!key) dispatch({ type: "suggestionKey", key: newSessionKey() });
  }, [key, dispatch]);
  return (
    <Suggestions
      input={suggestInputOf(draft, menu, surface)}
      items={menu.items}
      onAccept={(selection) => dispatch({ type: "selection", selection, menu })}
    />
  );
}
