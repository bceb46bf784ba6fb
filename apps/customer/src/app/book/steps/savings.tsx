"use client";
// The review step's savings: "Use N points ($X off)" for a signed-in member with points (any
// multiple of 100 up to the most the party can take, chosen in a number field), and a
// collapsed "Have a code?" for an offer code. Both are priced by the server's quote as explained
// lines (POINTS, OFFER); a refused code or points come back as the server's words beside the
// field, and the booking goes on without them. In the later steps' chunk, never the first load.
// Also used by the finish-a-hold page (points only: a held booking takes no code).
import { useEffect, useId, useState } from "react";
import { Button } from "@myhibachi/ui";
import { formatCents } from "@myhibachi/shared";
import type { Savings } from "../types";

interface QuotePoints {
  balance: number;
  maxRedeemable: number;
  pointsPerDollar: number;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * What the customer typed as the number of points to use: a whole multiple of `step` from `step`
 * up to `max`, or the words saying what to type instead (shown beside the field; the last good
 * choice stays in the quote meanwhile).
 */
export function parsePointsChoice(
  typed: string,
  max: number,
  step = 100,
): { points: number } | { error: string } {
  const text = typed.replace(/[,\s]/g, "");
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  const range = `Choose ${fmt(step)} to ${fmt(max)} points, in steps of ${fmt(step)}.`;
  if (!Number.isSafeInteger(n) || n < step) return { error: range };
  if (n > max) return { error: `This party can take at most ${fmt(max)} points. ${range}` };
  if (n % step !== 0)
    return {
      error: `Points are used in steps of ${fmt(step)}: ${fmt(Math.floor(n / step) * step)} or ${fmt(Math.min(max, Math.ceil(n / step) * step))}?`,
    };
  return { points: n };
}

/**
 * "Use points": ticked, the customer picks how many (any multiple of 100 up to the most this party
 * can take, which it starts at), and sees the dollars off; nothing to say for a visitor or a
 * member without points.
 */
export function PointsChoice({
  points,
  savings,
  onSavings,
}: {
  points: QuotePoints | null | undefined;
  savings: Savings;
  onSavings: (s: Savings) => void;
}) {
  const id = useId();
  const max = points?.maxRedeemable ?? 0;
  const using = savings.redeemPoints ?? 0;
  const per = points?.pointsPerDollar ?? 100;
  const step = 100; // points are used in whole dollars (POINTS_STEP)
  const [typed, setTyped] = useState(using > 0 ? String(using) : String(max));
  const [hint, setHint] = useState<string | null>(null);
  // The party changed and takes fewer points now: use at most what it takes.
  useEffect(() => {
    if (using > 0 && points && using > max) {
      onSavings({ ...savings, redeemPoints: max > 0 ? max : undefined });
      setTyped(String(max));
      setHint(null);
    }
  }, [using, max]); // eslint-disable-line react-hooks/exhaustive-deps
  const error = savings.error?.field === "redeemPoints" ? savings.error.message : null;
  if (!points || (points.balance <= 0 && !error)) return null;
  const described = [`${id}-note`, hint ? `${id}-hint` : "", error ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const choose = (value: string) => {
    setTyped(value);
    const r = parsePointsChoice(value, max, step);
    if ("error" in r) return setHint(r.error);
    setHint(null);
    if (r.points !== using) onSavings({ ...savings, redeemPoints: r.points, error: null });
  };
  return (
    <div className="flex flex-col gap-1" data-testid="points-choice">
      {max > 0 ? (
        <label className="flex min-h-11 items-center gap-2" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            className="size-5"
            data-testid="use-points"
            checked={using > 0}
            aria-describedby={described}
            onChange={(e) => {
              setTyped(String(max));
              setHint(null);
              onSavings({
                ...savings,
                redeemPoints: e.target.checked ? max : undefined,
                error: null,
              });
            }}
          />
          <span>
            {using > 0
              ? `Use ${fmt(using)} points (${formatCents((using * 100) / per)} off)`
              : `Use up to ${fmt(max)} points (${formatCents((max * 100) / per)} off)`}
          </span>
        </label>
      ) : null}
      {max > 0 && using > 0 ? (
        <label className="flex flex-wrap items-center gap-2 pl-7 text-sm" htmlFor={`${id}-amount`}>
          Points to use
          <input
            id={`${id}-amount`}
            type="number"
            inputMode="numeric"
            min={step}
            max={max}
            step={step}
            className="min-h-11 w-32 rounded-lg border border-stone-300 px-3"
            data-testid="points-amount"
            value={typed}
            aria-invalid={hint ? true : undefined}
            aria-describedby={described}
            onChange={(e) => choose(e.target.value)}
          />
          <span className="text-muted">
            of {fmt(max)} (in steps of {fmt(step)})
          </span>
        </label>
      ) : null}
      {hint && (
        <p id={`${id}-hint`} className="pl-7 text-sm text-red-700" data-testid="points-hint">
          {hint}
        </p>
      )}
      <p id={`${id}-note`} className="text-sm text-muted">
        You have {fmt(Math.max(0, points.balance))} points. {fmt(per)} points = $1 off the food, in
        whole dollars{max > 0 ? "" : ": not enough for this party yet"}.
      </p>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          className="text-sm text-red-700"
          data-testid="points-error"
        >
          {error}
        </p>
      )}
    </div>
  );
}

/** A collapsed "Have a code?": type it, Apply; the quote shows its line or the server says why not. */
export function OfferCodeField({
  savings,
  onSavings,
}: {
  savings: Savings;
  onSavings: (s: Savings) => void;
}) {
  const error = savings.error?.field === "offerCode" ? savings.error.message : null;
  const [open, setOpen] = useState(!!savings.offerCode || !!error);
  const [typed, setTyped] = useState(savings.offerCode ?? "");
  useEffect(() => {
    if (error) setOpen(true);
  }, [error]);
  const apply = () => {
    const code = typed.trim().toUpperCase();
    onSavings({ ...savings, offerCode: code || undefined, error: null });
  };
  return (
    <details
      open={open}
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="offer-code"
    >
      <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">Have a code?</summary>
      {savings.offerCode ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" role="status">
          <span data-testid="offer-code-applied">Code {savings.offerCode} applied.</span>
          <Button
            variant="ghost"
            className="min-h-9 px-2 py-0 text-sm"
            onClick={() => {
              setTyped("");
              onSavings({ ...savings, offerCode: undefined, error: null });
            }}
          >
            Remove<span className="sr-only"> the code</span>
          </Button>
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-sm" htmlFor="offerCode">
            Offer or referral code
            <input
              id="offerCode"
              name="offerCode"
              className="min-h-11 rounded-lg border border-stone-300 px-3 uppercase"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              value={typed}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "offerCode-error" : undefined}
              data-testid="offer-code-input"
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  apply();
                }
              }}
            />
          </label>
          <Button
            variant="secondary"
            onClick={apply}
            disabled={!typed.trim()}
            data-testid="offer-code-apply"
          >
            Apply
          </Button>
        </div>
      )}
      {error && (
        <p
          id="offerCode-error"
          role="alert"
          className="mt-1 text-sm text-red-700"
          data-testid="offer-code-error"
        >
          {error} You can book without it.
        </p>
      )}
    </details>
  );
}
