import type { SelectHTMLAttributes } from "react";
import type { FieldProps } from "./index";

export function SelectField({
  id,
  label,
  error,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className="flex min-w-0 max-w-full flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        {...props}
        className="min-h-11 max-w-full rounded-lg border border-stone-300 bg-white px-3 py-2"
      >
        {children}
      </select>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
