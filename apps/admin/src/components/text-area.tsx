import type { TextareaHTMLAttributes } from "react";
import { cx } from "@myhibachi/ui";

/** A labelled multi-line field, styled like the shared Field (descriptions, notes). */
export function TextAreaField({
  id,
  label,
  hint,
  className,
  ...props
}: { id: string; label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        rows={3}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...props}
        className="min-h-20 rounded-lg border border-stone-300 px-3 py-2"
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
    </div>
  );
}
