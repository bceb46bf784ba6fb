import type {
  ButtonHTMLAttributes,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
} from "react";
import { canRetry, errorMessage } from "./errors";

export {
  canRetry,
  errorMessage,
  failureKind,
  NETWORK_ERROR_MESSAGE,
  SERVER_ERROR_MESSAGE,
  type FailureKind,
} from "./errors";

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}

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

export function Badge({
  children,
  tone = "neutral",
}: {
  children: ReactNode;
  tone?: "neutral" | "green" | "amber" | "red" | "blue";
}) {
  const tones = {
    neutral: "bg-stone-100 text-stone-700",
    green: "bg-green-100 text-green-800",
    amber: "bg-amber-100 text-amber-900",
    red: "bg-red-100 text-red-800",
    blue: "bg-blue-100 text-blue-800",
  };
  return (
    <span
      className={cx("inline-block rounded-full px-2.5 py-0.5 text-xs font-medium", tones[tone])}
    >
      {children}
    </span>
  );
}

interface FieldProps {
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

/**
 * An error said in words, with a "Try again" button when `onRetry` is given (the call may work
 * a second time: a dropped connection, a server failure).
 */
export function ErrorBox({
  children,
  onRetry,
  retryLabel = "Try again",
}: {
  children: ReactNode;
  onRetry?: (() => void) | undefined;
  retryLabel?: string;
}) {
  if (!children) return null;
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800"
    >
      <span className="min-w-0">{children}</span>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="min-h-11 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-semibold text-red-800 hover:bg-red-100"
        >
          {retryLabel}
        </button>
      )}
    </div>
  );
}

/**
 * A failed call, said for a person (`errorMessage`: no "Failed to fetch", no "Internal server
 * error"), with "Try again" only when trying again may help (`canRetry`) and `onRetry` is given.
 */
export function ApiError({
  error,
  onRetry,
  message,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  /** The page's own wording for this failure, when it has a better one. */
  message?: string | null;
}) {
  if (!error) return null;
  return (
    <ErrorBox onRetry={onRetry && canRetry(error) ? onRetry : undefined}>
      {message ?? errorMessage(error)}
    </ErrorBox>
  );
}

export function Stepper({
  value,
  onChange,
  min = 0,
  max = 999,
  label,
  id,
}: {
  value: number;
  onChange: (n: number) => void;
  min?: number;
  max?: number;
  label: string;
  id: string;
}) {
  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        aria-label={`Fewer ${label}`}
        className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg"
        onClick={() => onChange(Math.max(min, value - 1))}
        disabled={value <= min}
      >
        −
      </button>
      <input
        id={id}
        aria-label={label}
        inputMode="numeric"
        className="h-11 w-16 rounded-lg border border-stone-300 text-center"
        value={value}
        onChange={(e) => {
          const n = Number(e.target.value.replace(/\D/g, "") || 0);
          onChange(Math.min(max, n));
        }}
      />
      <button
        type="button"
        aria-label={`More ${label}`}
        className="h-11 w-11 rounded-lg border border-stone-300 bg-white text-lg"
        onClick={() => onChange(Math.min(max, value + 1))}
        disabled={value >= max}
      >
        +
      </button>
    </div>
  );
}
