"use client";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@myhibachi/ui";
import { StickyBar } from "./sticky-bar";

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
 * Back and Continue (or the final Confirm), in the sticky bar (sticky-bar.tsx): on a phone stuck
 * to the bottom of the screen with the live total; from the `lg` width up a plain row under the
 * step (the quote sits in the sidebar).
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
  return (
    <StickyBar
      total={total}
      above={
        message && (
          <p
            role="alert"
            data-testid="step-message"
            className="mb-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
          >
            {message}
          </p>
        )
      }
    >
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
    </StickyBar>
  );
}
