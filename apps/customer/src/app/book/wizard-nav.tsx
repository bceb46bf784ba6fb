"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@myhibachi/ui";

/** How long after a step change its Continue ignores presses (the rest of a double-click). */
export const CONTINUE_SETTLE_MS = 400;

/**
 * Whether a press of Continue is the tail of an earlier one, not a press of its own (attack
 * R5-3): Continue stays in the same place on every step, so the second click of a double-click
 * would press the next step's Continue and skip that step. A click that is the second (or later)
 * of a multi-click (`detail` > 1) and any press within `CONTINUE_SETTLE_MS` of the step changing
 * are ignored. A keyboard press (Enter or Space: `detail` 0) counts once the step has settled.
 */
export function isEchoPress(detail: number, now: number, stepShownAt: number | null): boolean {
  if (detail > 1) return true;
  return stepShownAt !== null && now - stepShownAt >= 0 && now - stepShownAt < CONTINUE_SETTLE_MS;
}

/**
 * Back and Continue (or the final Confirm). On a phone it is a bar stuck to the bottom of the
 * screen with the live total, so the price and the next step are always in sight; from the `lg`
 * width up it is a plain row under the step (the quote sits in the sidebar). The bar carries
 * `data-sticky-bar` and publishes its height as the CSS variable `--sticky-bar-height` on <html>,
 * so floating things (the chat launcher) can stay clear of it.
 */
export function WizardNav({
  total,
  message,
  onBack,
  backDisabled,
  primary,
  step,
}: {
  /** The step shown: Continue ignores presses for a moment after it changes (`isEchoPress`). */
  step?: string;
  /** The live total (or why there is none yet), shown in the phone bar. */
  total: ReactNode;
  /**
   * After a refused Continue, a problem no field of the step shows (the protein count); the
   * others are said beside their fields only (messages.ts). Cleared on the next change.
   */
  message: string | null;
  onBack: () => void;
  backDisabled: boolean;
  primary: { label: ReactNode; onClick: () => void; disabled?: boolean };
}) {
  const ref = useRef<HTMLDivElement>(null);
  // When the step last changed (null: not since the page opened).
  const stepShownAt = useRef<number | null>(null);
  const firstStep = useRef(step);
  useEffect(() => {
    if (step === firstStep.current && stepShownAt.current === null) return;
    stepShownAt.current = performance.now();
  }, [step]);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const publish = () => {
      const fixed = getComputedStyle(el).position === "fixed";
      root.style.setProperty("--sticky-bar-height", fixed ? `${el.offsetHeight}px` : "0px");
    };
    publish();
    const ro = new ResizeObserver(publish);
    ro.observe(el);
    window.addEventListener("resize", publish);
    return () => {
      ro.disconnect();
      window.removeEventListener("resize", publish);
      root.style.removeProperty("--sticky-bar-height");
    };
  }, []);
  return (
    <div
      ref={ref}
      data-sticky-bar
      className="fixed inset-x-0 bottom-0 z-50 border-t border-stone-200 bg-white px-4 pb-[max(0.75rem,env(safe-area-inset-bottom))] pt-3 shadow-[0_-4px_16px_rgba(0,0,0,0.08)] lg:static lg:z-auto lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none"
    >
      {message && (
        <p
          role="alert"
          data-testid="step-message"
          className="mb-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
        >
          {message}
        </p>
      )}
      <div className="flex items-center gap-2 lg:justify-between">
        <div className="min-w-0 flex-1 lg:hidden" data-testid="bar-total">
          {total}
        </div>
        <Button variant="secondary" onClick={onBack} disabled={backDisabled} className="px-3">
          Back
        </Button>
        <Button
          onClick={(e) => {
            if (isEchoPress(e.detail, performance.now(), stepShownAt.current)) return;
            primary.onClick();
          }}
          disabled={primary.disabled}
          className="px-4"
        >
          {primary.label}
        </Button>
      </div>
    </div>
  );
}
