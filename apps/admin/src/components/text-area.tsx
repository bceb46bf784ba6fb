import type { TextareaHTMLAttributes } from "react";
import { cx } from "@myhibachi/ui";

/**
 * A labelled multi-line field, styled like the shared Field (descriptions, notes). With a
 * `maxLength`, it takes no more and counts as staff type, as the customer forms do: "12/1000
 * characters".
 */
export function TextAreaField({
  id,
  label,
  hint,
  className,
  ...props
}: { id: string; label: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const counter =
    props.maxLength !== undefined && typeof props.value === "string"
      ? `${props.value.length}/${props.maxLength} characters.`
      : null;
  const described = hint || counter;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        rows={3}
        aria-describedby={described ? `${id}-hint` : undefined}
        {...props}
        className="min-h-20 rounded-lg border border-stone-300 px-3 py-2"
      />
      {described && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {[hint, counter].filter(Boolean).join(" ")}
        </p>
      )}
    </div>
  );
}
