"use client";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@myhibachi/ui";

/** How long after a step change Back and Continue ignore the pointer (the rest of a double-click). */
export const CONTINUE_SETTLE_MS = 400;

/**
 * Whether a click is the second (or later) click of a multi-click (`detail` > 1), not a press of
 * its own (attack R5-3): Continue stays in the same place on every step, so the second click of a
 * double-click pressed the next step's Continue and skipped that step. A keyboard press (Enter or
 * Space) has `detail` 0 and always counts.
 */
export function isRepeatClick(detail: number): boolean {
  return detail > 1;
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
  /** The step shown: for a moment after it changes, Back and Continue take no pointer presses. */
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
  // For a moment after the step changes, the buttons take no pointer presses (a click lands on
  // the bar under them): the second click of a double-click, or a tap just after the first one,
  // can't press the new step's Continue. The keyboard still works at once, and a test driver
  // waits until the button takes the pointer again.
  const [shownStep, setShownStep] = useState(step);
  const [settling, setSettling] = useState(false);
  if (step !== shownStep) {
    setShownStep(step);
    setSettling(true);
  }
  useEffect(() => {
    if (!settling) return;
    const t = setTimeout(() => setSettling(false), CONTINUE_SETTLE_MS);
    return () => clearTimeout(t);
  }, [settling, shownStep]);
  const settle = settling ? "pointer-events-none" : "";
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
        <Button
          variant="secondary"
          onClick={(e) => {
            // Back stays in place too: a double-click goes back one step, not two.
            if (isRepeatClick(e.detail)) return;
            onBack();
          }}
          disabled={backDisabled}
          className={`px-3 ${settle}`}
        >
          Back
        </Button>
        <Button
          onClick={(e) => {
            if (isRepeatClick(e.detail)) return;
            primary.onClick();
          }}
          disabled={primary.disabled}
          className={`px-4 ${settle}`}
        >
          {primary.label}
        </Button>
      </div>
    </div>
  );
}
