"use client";
// The site's calls to better-auth's endpoints (/api/auth/...), with fetch: the same requests
// better-auth's browser client makes, and the same answer shape ({ error } with the status and
// the server's message, for `errorMessage`), without shipping its 12 KB (gzipped) to pages that
// need only these. A request that gets no answer at all throws, like fetch.

export interface AuthError {
  status: number;
  message?: string;
}

/** better-auth's refusals, by its error code, in words for the person at the form. */
const SAID: Record<string, string> = {
  INVALID_EMAIL: "Enter a valid email address.",
  INVALID_EMAIL_OR_PASSWORD: "Wrong email or password.",
  INVALID_PASSWORD: "Wrong email or password.",
  PASSWORD_TOO_SHORT: "Use a password of at least 8 characters.",
  PASSWORD_TOO_LONG: "That password is too long: use at most 128 characters.",
  USER_ALREADY_EXISTS: "There's already an account with this email. Sign in instead.",
  EMAIL_NOT_VERIFIED: "Confirm your email first: open the link we emailed you.",
  INVALID_TOKEN: "This link isn't valid any more. Ask for a new one.",
  TOKEN_EXPIRED: "This link has expired. Ask for a new one.",
};
/** A field check's wording ("[body.email] Invalid email address"), by field. */
const FIELD_SAID: Record<string, string> = {
  email: "Enter a valid email address.",
  password: "Use a password of at least 8 characters.",
  name: "Enter your name.",
};

/** What a person reads for a refusal: our words for better-auth's codes, never "[body.x] ...". */
export function authErrorMessage(code: unknown, message: unknown): string | undefined {
  if (typeof code === "string" && SAID[code]) return SAID[code];
  if (typeof message !== "string" || !message) return undefined;
  const field = /^\[body\.(\w+)\]/.exec(message)?.[1];
  if (field) return FIELD_SAID[field] ?? "Check what you typed and try again.";
  return message;
}

async function answer(res: Response): Promise<{ error: AuthError | null }> {
  if (res.ok) return { error: null };
  const data = (await res.json().catch(() => null)) as { code?: unknown; message?: unknown } | null;
  const message = authErrorMessage(data?.code, data?.message);
  return { error: { status: res.status, ...(message ? { message } : {}) } };
}

export async function authPost(
  path:
    | "/sign-in/magic-link"
    | "/sign-in/email"
    | "/sign-up/email"
    | "/sign-out"
    | "/send-verification-email",
  body: Record<string, string>,
): Promise<{ error: AuthError | null }> {
  return answer(
    await fetch(`/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }),
  );
}

/** Confirms the email address of the signed-in account with the token from the emailed link. */
export async function verifyEmail(token: string): Promise<{ error: AuthError | null }> {
  return answer(
    await fetch(`/api/auth/verify-email?token=${encodeURIComponent(token)}`, {
      credentials: "same-origin",
    }),
  );
}
