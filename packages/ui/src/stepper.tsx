"use client";
import { useState } from "react";

/**
 * What was typed into a stepper's box, read exactly or not taken. Only whole numbers written with
 * the digits 0-9 (spaces around them are ignored, leading zeros are fine) are understood: "-2",
 * "1e3", "2.5", "abc" and "" are never turned into some other number. A number above `max` is
 * held to `max` and says so (`capped`); a number below `min` is marked `below` (the box holds it
 * to `min` when the person leaves it, and says so). `typed` is the number read.
 */
export type StepperParse =
  { value: number; typed: number; capped?: true; below?: true } | { error: string };

export function wholeNumberWords(min: number, max: number): string {
  return `Enter a whole number from ${min} to ${max}`;
}

/**
 * The words said when a typed number is held to the limits, in the caller's terms ("Parties are
 * up to 60 guests online. For a party of 75, call us at ..."): a sentence, or one made from the
 * number typed. Without them: "At most 10." / "At least 1.".
 */
export type StepperWords = string | ((typed: number) => string);
const say = (w: StepperWords | undefined, typed: number, fallback: string) =>
  w === undefined ? fallback : typeof w === "string" ? w : w(typed);

export function parseStepperInput(text: string, min: number, max: number): StepperParse {
  const t = text.trim();
  if (!/^[0-9]+$/.test(t)) return { error: wholeNumberWords(min, max) };
  const n = Number(t);
  if (n > max) return { value: max, typed: n, capped: true };
  if (n < min) return { value: min, typed: n, below: true };
  return { value: n, typed: n };
}

/** What the box shows and says after an edit (see `stepperEdit`). */
export interface StepperEditResult {
  text: string;
  message: string | null;
  invalid: boolean;
  /** The number to hand to `onChange` (absent: the value doesn't change now). */
  commit?: number;
  /** Below the minimum: held to `min` when the person leaves the box. */
  below?: true;
}

/**
 * The box's state after a person types `text` while the stepper's value is `value`: the text to
 * show, the message (if any), whether the text is invalid, and the number to hand to `onChange`
 * (absent: the value doesn't change). A valid number is shown as a number ("02" is "2": typing
 * into a box that shows 0 replaces the 0). Above `max`: held to `max` at once, with `atMost`.
 * Below `min`: said with `atLeast` while typing (a first digit of a bigger number may be below
 * it) and held to `min` when the box is left.
 */
export function stepperEdit(
  text: string,
  value: number,
  min: number,
  max: number,
  atMost?: StepperWords,
  atLeast?: StepperWords,
): StepperEditResult {
  const p = parseStepperInput(text, min, max);
  if ("error" in p) return { text, message: p.error, invalid: true };
  if (p.capped) {
    return {
      text: String(p.value),
      message: say(atMost, p.typed, `At most ${max}.`),
      invalid: false,
      commit: p.value,
    };
  }
  if (p.below) {
    return { text, message: say(atLeast, p.typed, `At least ${min}.`), invalid: true, below: true };
  }
  return {
    text: String(p.value),
    message: null,
    invalid: false,
    commit: p.value === value ? undefined : p.value,
  };
}

export function Stepper({
  value,
  onChange,
  min = 0,
  max = 999,
  label,
  id,
  atMost,
  atLeast,
}: {
  value: number;
  onChange: (n: number) => void;
  min?: number;
  max?: number;
  label: string;
  id: string;
  /** Said when a typed number above `max` is held to `max` (default "At most {max}."). */
  atMost?: StepperWords;
  /** Said when a typed number below `min` is held to `min` (default "At least {min}."). */
  atLeast?: StepperWords;
}) {
  // What the person typed, shown while it stands for `base` (the value it was typed against or
  // handed to onChange). When the value changes from elsewhere (the buttons, the parent), the box
  // shows the value again.
  const [draft, setDraft] = useState<{
    text: string;
    message: string | null;
    invalid: boolean;
    below?: true;
    base: number;
  } | null>(null);
  // A number held to the limits is said beside the box after it is left too (attack R5-5: never
  // cut silently), until the value changes or the person types again.
  const [note, setNote] = useState<{ message: string; base: number } | null>(null);
  const shown = draft && draft.base === value ? draft : null;
  const kept = !shown && note && note.base === value ? note : null;
  const message = shown?.message ?? kept?.message ?? null;
  const messageId = `${id}-stepper-note`;
  const step = (n: number) => {
    setDraft(null);
    setNote(null);
    onChange(n);
  };
  return (
    <div className="flex flex-col">
      <div className="flex items-center gap-2">
        <button
          type="button"
          aria-label={`Fewer ${label}`}
          className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg"
          onClick={() => step(Math.max(min, value - 1))}
          disabled={value <= min}
        >
          −
        </button>
        <input
          id={id}
          aria-label={label}
          inputMode="numeric"
          aria-invalid={shown?.invalid || undefined}
          aria-describedby={message ? messageId : undefined}
          className={`h-11 w-16 rounded-lg border text-center ${
            shown?.invalid ? "border-red-500" : "border-stone-300"
          }`}
          value={shown ? shown.text : value}
          onFocus={(e) => {
            // Typing replaces the number shown (never "02" after a 0).
            e.target.select();
          }}
          onChange={(e) => {
            const r = stepperEdit(e.target.value, value, min, max, atMost, atLeast);
            const base = r.commit ?? value;
            setDraft({
              text: r.text,
              message: r.message,
              invalid: r.invalid,
              below: r.below,
              base,
            });
            // A number held to the max stays said after the box is left.
            setNote(r.commit !== undefined && r.message ? { message: r.message, base } : null);
            if (r.commit !== undefined) onChange(r.commit);
          }}
          onBlur={() => {
            // Leaving the box: a number below the minimum is held to it, and that is said; text
            // that wasn't a number is dropped (the box shows the value kept).
            if (shown?.below && shown.message) {
              setNote({ message: shown.message, base: min });
              if (value !== min) onChange(min);
            }
            setDraft(null);
          }}
        />
        <button
          type="button"
          aria-label={`More ${label}`}
          className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg"
          onClick={() => step(Math.min(max, value + 1))}
          disabled={value >= max}
        >
          +
        </button>
      </div>
      <p
        id={messageId}
        aria-live="polite"
        className={`max-w-64 text-xs ${shown?.invalid ? "text-red-700" : "font-medium text-amber-900"}`}
      >
        {message ?? ""}
      </p>
    </div>
  );
}
