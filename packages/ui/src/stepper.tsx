"use client";
import { useState } from "react";

/**
 * What was typed into a stepper's box, read exactly or not taken. Only whole numbers written with
 * the digits 0-9 (spaces around them are ignored, leading zeros are fine) are understood: "-2",
 * "1e3", "2.5", "abc" and "" are never turned into some other number. A number above `max` is
 * held to `max` and says so (`capped`); a number below `min` is not taken.
 */
export type StepperParse = { value: number; capped?: true } | { error: string };

export function wholeNumberWords(min: number, max: number): string {
  return `Enter a whole number from ${min} to ${max}`;
}

export function parseStepperInput(text: string, min: number, max: number): StepperParse {
  const t = text.trim();
  if (!/^[0-9]+$/.test(t)) return { error: wholeNumberWords(min, max) };
  const n = Number(t);
  if (n > max) return { value: max, capped: true };
  if (n < min) return { error: wholeNumberWords(min, max) };
  return { value: n };
}

/**
 * The box's state after a person types `text` while the stepper's value is `value`: the text to
 * show, the message (if any), whether the text is invalid, and the number to hand to `onChange`
 * (absent: the value doesn't change).
 */
export function stepperEdit(
  text: string,
  value: number,
  min: number,
  max: number,
  atMost?: string,
): { text: string; message: string | null; invalid: boolean; commit?: number } {
  const p = parseStepperInput(text, min, max);
  if ("error" in p) return { text, message: p.error, invalid: true };
  if (p.capped) {
    return {
      text: String(p.value),
      message: atMost ?? `At most ${max}`,
      invalid: false,
      commit: p.value,
    };
  }
  return { text, message: null, invalid: false, commit: p.value === value ? undefined : p.value };
}

export function Stepper({
  value,
  onChange,
  min = 0,
  max = 999,
  label,
  id,
  atMost,
}: {
  value: number;
  onChange: (n: number) => void;
  min?: number;
  max?: number;
  label: string;
  id: string;
  /** Said when a typed number above `max` is held to `max` (default "At most {max}"). */
  atMost?: string;
}) {
  // What the person typed, shown while it stands for `base` (the value it was typed against or
  // handed to onChange). When the value changes from elsewhere (the buttons, the parent), the box
  // shows the value again.
  const [draft, setDraft] = useState<{
    text: string;
    message: string | null;
    invalid: boolean;
    base: number;
  } | null>(null);
  const shown = draft && draft.base === value ? draft : null;
  const messageId = `${id}-stepper-note`;
  const step = (n: number) => {
    setDraft(null);
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
          aria-describedby={shown?.message ? messageId : undefined}
          className={`h-11 w-16 rounded-lg border text-center ${
            shown?.invalid ? "border-red-500" : "border-stone-300"
          }`}
          value={shown ? shown.text : value}
          onChange={(e) => {
            const r = stepperEdit(e.target.value, value, min, max, atMost);
            const base = r.commit ?? value;
            setDraft({ text: r.text, message: r.message, invalid: r.invalid, base });
            if (r.commit !== undefined) onChange(r.commit);
          }}
          onBlur={() => {
            // Leaving the box: it shows the value kept (text that wasn't a number is dropped).
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
        className={`max-w-48 text-xs ${shown?.invalid ? "text-red-700" : "text-muted"}`}
      >
        {shown?.message ?? ""}
      </p>
    </div>
  );
}
