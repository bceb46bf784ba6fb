import { canRetry, errorMessage } from "./errors";
import { ErrorBox } from "./error-box";

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
