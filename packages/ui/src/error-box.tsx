import type { ReactNode } from "react";

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
