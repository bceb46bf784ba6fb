/**
 * The one domain error type. `code` maps to a tRPC/HTTP code in one place (packages/api).
 * Messages are written for the person who will read them: say what is wrong and what to do.
 */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  /** The request is well-formed but can't be applied as sent (HTTP 422). */
  | "UNPROCESSABLE_CONTENT"
  | "TOO_MANY_REQUESTS";

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
