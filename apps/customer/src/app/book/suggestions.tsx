"use client";
// "Popular with parties like yours" (issue 16): at most two suggestions for the party's menu,
// asked of the `suggestForSelection` operation (rules, the quote engine's price change, only
// what is safe for the party's dietary profile), each with Add and No thanks, recorded with
// `recordSuggestionOutcome`. On the wizard's menu and review steps and the finish-a-hold page,
// always loaded lazily (the later steps' chunk, or next/dynamic on the finish page). A failed
// call, an empty answer or the control arm show nothing: a suggestion is never in the way.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@myhibachi/ui";
import { formatCents, safeForProfile, type DietaryProfile } from "@myhibachi/shared";
import type { CustomerRouter } from "@myhibachi/api";
import type { inferRouterInputs } from "@trpc/server";
import { rpc, rpcCall } from "~/lib/rpc";
import type { SentProfile } from "./diet-draft";
import type { MenuItemLike } from "./draft";

/** Where a suggestion is shown (the operation's `surface`). */
export type SuggestionSurface = "wizard-menu" | "wizard-review" | "finish";

export interface SuggestedSelection {
  packageSlug: string;
  proteins: Record<string, number>;
  extras?: Record<string, number> | undefined;
}

/** One suggestion, as the operation answers it (the contract of issue 16). */
export interface Suggestion {
  rule: string;
  title: string;
  reason: string;
  /** The whole selection after accepting (package, proteins, extras). */
  selection: SuggestedSelection;
  /** The quote after minus the quote before (cents; negative: cheaper). */
  revenueDeltaCents: number;
}

export interface SuggestInput {
  sessionKey: string;
  surface: SuggestionSurface;
  selection: SuggestedSelection & { adults: number; children: number };
  profile: SentProfile;
  date?: string | undefined;
}

// The customer tRPC procedures of the two operations (packages/api/src/routers/customer/
// recommendations.ts): both mutations (the first logs what was shown). The suggestion is asked
// with rpcCall (for its abort signal), its input checked against the procedure's.
type Inputs = inferRouterInputs<CustomerRouter>["recommendations"];
export const SUGGEST_PATH = "recommendations.suggestForSelection";
export const SUGGEST_KIND = "mutation";

/** The operation's answer read defensively: anything not shaped like a suggestion is dropped. */
export function readSuggestions(answer: unknown): Suggestion[] {
  const list = (answer as { suggestions?: unknown } | null)?.suggestions;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (s): s is Suggestion =>
      !!s &&
      typeof s.rule === "string" &&
      typeof s.title === "string" &&
      typeof s.reason === "string" &&
      Number.isInteger(s.revenueDeltaCents) &&
      !!s.selection &&
      typeof s.selection.packageSlug === "string" &&
      !!s.selection.proteins &&
      typeof s.selection.proteins === "object",
  );
}

const counts = (r: Record<string, number> | undefined) =>
  Object.entries(r ?? {}).filter(([, n]) => n > 0);
const same = (a: Record<string, number> | undefined, b: Record<string, number> | undefined) => {
  const x = counts(a);
  const y = Object.fromEntries(counts(b));
  return x.length === Object.keys(y).length && x.every(([k, n]) => y[k] === n);
};

/**
 * The suggestions worth showing, at most two: not declined or taken in this visit, not what is
 * already chosen, and (a second check of the server's rule) nothing in them the party's profile
 * rules out that the current selection didn't already have.
 */
export function shownSuggestions(
  list: readonly Suggestion[],
  opts: {
    current: SuggestedSelection;
    profile: DietaryProfile | SentProfile;
    items: readonly MenuItemLike[];
    hidden: ReadonlySet<string>;
  },
): Suggestion[] {
  const unsafe = (slug: string) => {
    const i = opts.items.find((m) => m.slug === slug);
    // An item the menu doesn't list can't be shown as safe.
    if (!i) return true;
    return !safeForProfile(
      { allergens: i.allergens ?? [], dietaryTags: i.dietaryTags ?? [], contains: i.contains },
      opts.profile,
    );
  };
  const adds = (
    next: Record<string, number> | undefined,
    now: Record<string, number> | undefined,
  ) => counts(next).some(([slug, n]) => n > (now?.[slug] ?? 0) && unsafe(slug));
  return list
    .filter(
      (s) =>
        !opts.hidden.has(s.rule) &&
        !(
          s.selection.packageSlug === opts.current.packageSlug &&
          same(s.selection.proteins, opts.current.proteins) &&
          same(s.selection.extras, opts.current.extras)
        ) &&
        !adds(s.selection.proteins, opts.current.proteins) &&
        !adds(s.selection.extras, opts.current.extras),
    )
    .slice(0, 2);
}

/** "+$40.00", "−$12.00" (cheaper), "No change to the price". */
export function priceChangeWords(cents: number): string {
  if (cents === 0) return "No change to the price";
  return `${cents > 0 ? "+" : "−"}${formatCents(Math.abs(cents))}`;
}

/** The cards themselves (no fetching): heading, then each suggestion with Add and No thanks. */
export function SuggestionCards({
  suggestions,
  heading = "Popular with parties like yours",
  onAdd,
  onDecline,
  status = null,
}: {
  suggestions: readonly Suggestion[];
  heading?: string;
  onAdd: (s: Suggestion) => void;
  onDecline: (s: Suggestion) => void;
  /** What was just done ("Added: ..."), announced politely. */
  status?: string | null;
}) {
  const id = useId();
  return (
    <>
      <p role="status" className="sr-only">
        {status ?? ""}
      </p>
      {suggestions.length > 0 && (
        <section
          aria-labelledby={`${id}-h`}
          className="rounded-xl border border-brand-200 bg-brand-50 p-3"
          data-testid="suggestions"
        >
          <h3 id={`${id}-h`} className="font-semibold">
            {heading}
          </h3>
          <ul className="mt-2 flex flex-col gap-2">
            {suggestions.map((s, i) => {
              const titleId = `${id}-t${i}`;
              return (
                <li
                  key={s.rule}
                  className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-stone-200 bg-white p-3"
                  data-testid="suggestion"
                  data-rule={s.rule}
                >
                  <div className="min-w-0 flex-1 basis-48">
                    <p id={titleId} className="font-medium leading-tight [overflow-wrap:anywhere]">
                      {s.title}{" "}
                      <span
                        className="whitespace-nowrap text-sm font-semibold text-amber-900"
                        data-testid="suggestion-price"
                      >
                        {priceChangeWords(s.revenueDeltaCents)}
                      </span>
                    </p>
                    <p className="text-sm text-muted [overflow-wrap:anywhere]">{s.reason}</p>
                  </div>
                  <div className="flex gap-2">
                    <Button
                      type="button"
                      className="px-4"
                      aria-describedby={titleId}
                      data-suggestion-add
                      onClick={() => onAdd(s)}
                    >
                      Add
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      className="px-3"
                      aria-describedby={titleId}
                      onClick={() => onDecline(s)}
                    >
                      No thanks
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}

/** What the answer is keyed on: the input as sent (the same input asks once). */
const keyOf = (i: SuggestInput) => JSON.stringify(i);

/**
 * Asks for suggestions for `input` (null: not yet, e.g. the proteins don't add up), waiting
 * `delayMs` after the last change (a customer clicking counters asks once), and shows them.
 * Add hands the suggestion's selection to `onAccept` (the caller's draft takes it, the quote
 * follows) and records "accepted"; No thanks hides it and records "declined".
 */
export function Suggestions({
  input,
  items,
  onAccept,
  heading,
  delayMs = 500,
}: {
  input: SuggestInput | null;
  items: readonly MenuItemLike[];
  onAccept: (selection: SuggestedSelection) => void;
  heading?: string;
  delayMs?: number;
}) {
  // The answer for the input it was asked for: one for an earlier selection is never shown (its
  // Add would put back what the customer just changed).
  const [answer, setAnswer] = useState<{ key: string; list: Suggestion[] } | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [status, setStatus] = useState<string | null>(null);
  const key = input ? keyOf(input) : null;
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!input || key === null) return;
    const controller = new AbortController();
    const t = setTimeout(() => {
      rpcCall(SUGGEST_KIND, SUGGEST_PATH, input satisfies Inputs["suggestForSelection"], {
        signal: controller.signal,
      })
        .then((a) => setAnswer({ key, list: readSuggestions(a) }))
        // No suggestions is the answer to any failure: the page goes on without them.
        .catch(() => {
          if (!controller.signal.aborted) setAnswer({ key, list: [] });
        });
    }, delayMs);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
    // `input` is read through its key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);

  // A card taken away with the focus on its button: the focus goes to the next card's Add, or
  // to this box (never lost to the page's top).
  const [moved, setMoved] = useState(0);
  useEffect(() => {
    if (!moved) return;
    const active = document.activeElement;
    if (active && active !== document.body && box.current?.contains(active)) return;
    const next = box.current?.querySelector<HTMLButtonElement>("[data-suggestion-add]");
    (next ?? box.current)?.focus({ preventScroll: true });
  }, [moved]);

  if (!input) return null;
  const shown =
    answer && answer.key === key
      ? shownSuggestions(answer.list, {
          current: input.selection,
          profile: input.profile,
          items,
          hidden,
        })
      : [];

  const record = (s: Suggestion, outcome: "accepted" | "declined") => {
    // Recorded for the owner's figures; a failure changes nothing for the customer.
    rpc.recommendations.recordSuggestionOutcome
      .mutate({ sessionKey: input.sessionKey, rule: s.rule, surface: input.surface, outcome })
      .catch(() => {});
  };
  return (
    <div ref={box} tabIndex={-1} className="outline-none">
      <SuggestionCards
        suggestions={shown}
        heading={heading}
        status={status}
        onAdd={(s) => {
          setHidden((h) => new Set(h).add(s.rule));
          setStatus(`Added: ${s.title}. Your quote is updated.`);
          setMoved((n) => n + 1);
          onAccept(s.selection);
          record(s, "accepted");
        }}
        onDecline={(s) => {
          setHidden((h) => new Set(h).add(s.rule));
          setStatus(`No thanks: ${s.title} hidden.`);
          setMoved((n) => n + 1);
          record(s, "declined");
        }}
      />
    </div>
  );
}
