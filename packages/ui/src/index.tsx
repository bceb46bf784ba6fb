import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode } from "react";

export {
  canRetry,
  errorMessage,
  failureKind,
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
  type FailureKind,
} from "./errors";

import { cx } from "./cx";

export { cx } from "./cx";

type Variant = "primary" | "secondary" | "danger" | "ghost";
const VARIANTS: Record<Variant, string> = {
  primary:
    "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-stone-300 disabled:text-stone-600",
  secondary: "bg-white text-ink border border-stone-300 hover:bg-stone-50 disabled:text-stone-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-stone-300",
  ghost: "text-brand-700 hover:bg-brand-50",
};

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={cx(
        "inline-flex min-h-11 items-center justify-center rounded-lg px-4 py-2 font-semibold transition-colors disabled:cursor-not-allowed",
        VARIANTS[variant],
        className,
      )}
    />
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <section
      className={cx("rounded-2xl border border-stone-200 bg-white p-5 shadow-sm", className)}
    >
      {children}
    </section>
  );
}

export interface FieldProps {
  id: string;
  label: string;
  error?: string | null;
  hint?: string;
}

export function Field({
  id,
  label,
  error,
  hint,
  className,
  ...props
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={cx("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...props}
        className={cx(
          "min-h-11 rounded-lg border px-3 py-2",
          error ? "border-red-500" : "border-stone-300",
        )}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

// The − / number / + control (guests, portions, extras): a client component in its own module.
export {
  Stepper,
  parseStepperInput,
  stepperEdit,
  type StepperParse,
  type StepperWords,
} from "./stepper";

// Components most pages don't use live in their own modules: a page's bundle gets only what it
// imports (the package is free of side effects, so the bundler drops the rest).
export { ApiError } from "./api-error";
export { ErrorBox } from "./error-box";
export { Badge } from "./badge";
export { SelectField } from "./select-field";
