"use client";
// The party's dietary profile, asked once (issue 16): at the top of the wizard's menu step and on
// the finish-a-hold page. Each allergen and diet is a checkbox; a ticked one gets how many guests
// ("2 guests"), blank when the customer isn't sure (sent as null: the chef asks). The free-text
// allergies field (menu-fields.tsx) stays for anything else. Loaded lazily with the later steps
// (the wizard) or next/dynamic (the finish page), never in a page's first load.
import { useEffect, type ReactNode } from "react";
import { cx } from "@myhibachi/ui";
import {
  ALLERGEN_HINTS,
  DIETS,
  EMPTY_PROFILE,
  MAJOR_ALLERGENS,
  sameProfile,
  type DietaryProfile,
  type ProfileNeed,
} from "@myhibachi/shared";
import {
  isEmptyProfile,
  needFieldId,
  profileGuestIssues,
  unsafeMarks,
  unsafePackageMarks,
} from "./diet-draft";
import type { BookingDraft, DraftAction, DraftMenu, DraftPrefill, MenuItemLike } from "./draft";
import { DraftSuggestions } from "./draft-suggestions";
import type { SuggestionSurface } from "./suggestions";

type Kind = "avoid" | "diets";

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The profile with `value` ticked (guests not said) or unticked. */
export function toggleNeed(
  p: DietaryProfile,
  kind: Kind,
  value: string,
  on: boolean,
): DietaryProfile {
  const list = p[kind] as ProfileNeed<string>[];
  const without = list.filter((n) => n.value !== value);
  return { ...p, [kind]: on ? [...without, { value, guests: null }] : without };
}

/** The profile with `value`'s guest count (null: not sure). */
export function setNeedGuests(
  p: DietaryProfile,
  kind: Kind,
  value: string,
  guests: number | null,
): DietaryProfile {
  const list = p[kind] as ProfileNeed<string>[];
  return { ...p, [kind]: list.map((n) => (n.value === value ? { ...n, guests } : n)) };
}

/** A typed guest count: digits only; blank or 0 is "not sure" (null). */
export function parseGuests(text: string): number | null {
  const digits = text.replace(/\D/g, "").slice(0, 3);
  const n = digits === "" ? 0 : Number(digits);
  return n >= 1 ? n : null;
}

function GuestCount({
  id,
  label,
  value,
  max,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: number | null;
  max: number;
  onChange: (n: number | null) => void;
  error: string | null;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-label={`Fewer ${label}`}
          className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg disabled:text-stone-400"
          // From 1 down is back to "not sure".
          onClick={() => onChange(value !== null && value > 1 ? value - 1 : null)}
          disabled={value === null}
        >
          −
        </button>
        <input
          id={id}
          aria-label={label}
          inputMode="numeric"
          autoComplete="off"
          placeholder="?"
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error ? true : undefined}
          className={cx(
            "h-11 w-14 rounded-lg border text-center",
            error ? "border-red-500" : "border-stone-300",
          )}
          value={value ?? ""}
          onFocus={(e) => e.target.select()}
          onChange={(e) => onChange(parseGuests(e.target.value))}
        />
        <button
          type="button"
          aria-label={`More ${label}`}
          className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg disabled:text-stone-400"
          onClick={() => onChange(Math.min(max, (value ?? 0) + 1))}
          disabled={value !== null && value >= max}
        >
          +
        </button>
        <span id={hintId} className="text-sm text-muted">
          {value === null ? "guests (blank: not sure)" : value === 1 ? "guest" : "guests"}
        </span>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function NeedGroup({
  kind,
  legend,
  values,
  profile,
  guests,
  onChange,
  errors,
}: {
  kind: Kind;
  legend: string;
  values: readonly string[];
  profile: DietaryProfile;
  guests: number;
  onChange: (p: DietaryProfile) => void;
  errors: Record<string, string>;
}) {
  const list = profile[kind] as ProfileNeed<string>[];
  return (
    <fieldset className="min-w-0">
      <legend className="font-medium">{legend}</legend>
      <ul className="mt-1 grid gap-x-4 sm:grid-cols-2">
        {values.map((value) => {
          const need = list.find((n) => n.value === value);
          const box = `${needFieldId(value)}-${kind}-tick`;
          const hint = kind === "avoid" ? ALLERGEN_HINTS[value as keyof typeof ALLERGEN_HINTS] : "";
          return (
            <li key={value} className="flex min-w-0 flex-col gap-1 py-1.5">
              <div className="flex min-h-11 items-center gap-2">
                <input
                  id={box}
                  type="checkbox"
                  className="h-5 w-5 shrink-0 accent-brand-700"
                  checked={!!need}
                  aria-describedby={hint ? `${box}-hint` : undefined}
                  onChange={(e) => onChange(toggleNeed(profile, kind, value, e.target.checked))}
                />
                <span className="min-w-0">
                  <label htmlFor={box} className="cursor-pointer font-medium">
                    {capital(value)}
                  </label>
                  {hint && (
                    <span id={`${box}-hint`} className="block text-xs text-muted">
                      {hint}
                    </span>
                  )}
                </span>
              </div>
              {need && (
                <div className="pl-7">
                  <GuestCount
                    id={needFieldId(value)}
                    label={
                      kind === "avoid" ? `guests who avoid ${value}` : `guests who keep ${value}`
                    }
                    value={need.guests}
                    max={Math.max(1, guests)}
                    onChange={(n) => onChange(setNeedGuests(profile, kind, value, n))}
                    error={errors[needFieldId(value)] ?? null}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/**
 * "No allergies or special diets", "Does anyone avoid any of these?" (the nine major allergens)
 * and "Does anyone keep one of these diets?", each ticked one with its guest count. `profile`
 * undefined: not answered yet; empty: "none" ticked. `errors`: by field id (`dietary` for the
 * whole profile, `dietary-<value>` for a count), as the checks place them.
 */
export function DietaryFields({
  profile,
  guests,
  onChange,
  errors = {},
  fromAccount = false,
}: {
  profile?: DietaryProfile | undefined;
  guests: number;
  onChange: (p: DietaryProfile | undefined) => void;
  errors?: Record<string, string>;
  /**
   * Where the answer came from when the customer hasn't touched it: saved from their earlier
   * bookings, or heard in the chat that made the hold (said, to be checked).
   */
  fromAccount?: boolean | "chat";
}) {
  const said = profile ?? EMPTY_PROFILE;
  const none = !!profile && said.avoid.length === 0 && said.diets.length === 0;
  // A count above the party is said beside its box as it is typed (or as the party shrinks
  // below it), in the words Continue uses (finding L1); the checks' own placing comes first.
  const shown: Record<string, string> = { ...errors };
  for (const i of profileGuestIssues(profile, guests)) shown[i.field] ??= i.message;
  return (
    <section
      aria-labelledby="dietary-heading"
      aria-describedby="dietary-intro"
      id="dietary"
      tabIndex={-1}
      className="flex min-w-0 flex-col gap-3"
      data-testid="dietary-profile"
    >
      <div>
        <h3 id="dietary-heading" className="text-lg font-semibold">
          Allergies and diets
        </h3>
        <p id="dietary-intro" className="text-sm text-muted">
          For the whole party, once. Tick what applies and, if you know, how many guests. We keep
          anything unsafe out of what we suggest, and the chef sees it.
        </p>
        {fromAccount && (
          <p className="mt-1 text-sm font-medium" data-testid="dietary-from-account">
            {fromAccount === "chat"
              ? "Filled in from what you told our assistant: please check it is right for this party."
              : "Filled in from your earlier bookings: please check it is right for this party."}
          </p>
        )}
      </div>
      <div className="flex min-h-11 items-center gap-2">
        <input
          id="dietary-none"
          type="checkbox"
          className="h-5 w-5 shrink-0 accent-brand-700"
          checked={none}
          onChange={(e) => onChange(e.target.checked ? EMPTY_PROFILE : undefined)}
        />
        <label htmlFor="dietary-none" className="cursor-pointer font-medium">
          No allergies or special diets in our party
        </label>
      </div>
      <NeedGroup
        kind="avoid"
        legend="Does anyone avoid any of these?"
        values={MAJOR_ALLERGENS}
        profile={said}
        guests={guests}
        onChange={onChange}
        errors={shown}
      />
      <NeedGroup
        kind="diets"
        legend="Does anyone keep one of these diets?"
        values={DIETS}
        profile={said}
        guests={guests}
        onChange={onChange}
        errors={shown}
      />
      {errors.dietary && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errors.dietary}
        </p>
      )}
    </section>
  );
}

/** "Contains shellfish for your party": a dish the party's profile rules out, said on its row. */
export function UnsafeMark({ why }: { why: string }) {
  return (
    <p className="mt-0.5 text-xs font-semibold text-red-800" data-testid="unsafe-mark">
      <span aria-hidden>⚠ </span>
      {why}
      <span className="font-normal"> (for your party)</span>
    </p>
  );
}

/**
 * What each menu row says for the profile (protein-picker.tsx and extras-picker.tsx `mark`), or
 * undefined when nothing is unsafe. The dish stays choosable: not every guest avoids it.
 */
export function unsafeMarker(
  items: readonly MenuItemLike[],
  profile: DietaryProfile | undefined,
  /** The packages too, marked by "package:<slug>" (their own dishes: R1-2). */
  packages: DraftMenu["packages"] = [],
): ((slug: string) => ReactNode) | undefined {
  const marks = { ...unsafeMarks(items, profile), ...unsafePackageMarks(packages, profile) };
  if (Object.keys(marks).length === 0) return undefined;
  return (slug) => (marks[slug] ? <UnsafeMark why={marks[slug]} /> : null);
}

/** Starts an unanswered question from the profile saved with the customer's account, once. */
function SavedProfile({
  draft,
  dispatch,
  menu,
  saved,
}: {
  draft: BookingDraft;
  dispatch: (a: DraftAction) => void;
  menu: DraftMenu;
  saved: DietaryProfile | null | undefined;
}) {
  useEffect(() => {
    if (draft.dietaryProfile === undefined && saved && !isEmptyProfile(saved))
      dispatch({ type: "diet", profile: saved, menu });
    // Once, when the form opens: an answer the customer then takes back stays taken back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return null;
}

/**
 * The profile's parts of a menu form (the wizard's menu step, the finish-a-hold page): its
 * fields first (`top`, starting from the account's saved profile when unanswered), each unsafe
 * dish marked (`mark`), and the suggestions under the proteins (`after`).
 */
export function dietParts({
  draft,
  dispatch,
  menu,
  errors,
  surface,
  prefill,
  heard,
}: {
  draft: BookingDraft;
  dispatch: (a: DraftAction) => void;
  menu: DraftMenu;
  errors: Record<string, string>;
  surface: SuggestionSurface;
  prefill?: DraftPrefill | null | undefined;
  /** What the chat heard of this party (the hold's profile): ahead of the account's. */
  heard?: DietaryProfile | null | undefined;
}): { top: ReactNode; mark: ((slug: string) => ReactNode) | undefined; after: ReactNode } {
  const fromChat = !!heard && !isEmptyProfile(heard);
  const saved = fromChat ? heard : prefill?.dietaryProfile;
  return {
    top: (
      <>
        <SavedProfile draft={draft} dispatch={dispatch} menu={menu} saved={saved} />
        <DietaryFields
          profile={draft.dietaryProfile}
          guests={draft.adults + draft.children}
          onChange={(profile) => dispatch({ type: "diet", profile, menu })}
          errors={errors}
          fromAccount={
            !!saved &&
            !isEmptyProfile(saved) &&
            !!draft.dietaryProfile &&
            // The needs said (likes aside: the draft keeps only those from its list).
            sameProfile({ ...saved, likes: [] }, { ...draft.dietaryProfile, likes: [] }) &&
            (fromChat ? "chat" : true)
          }
        />
      </>
    ),
    mark: unsafeMarker(menu.items, draft.dietaryProfile, menu.packages),
    after: <DraftSuggestions draft={draft} dispatch={dispatch} menu={menu} surface={surface} />,
  };
}
