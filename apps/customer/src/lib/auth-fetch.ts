"use client";
// The site's calls to better-auth's endpoints (/api/auth/...), with fetch: the same requests
// better-auth's browser client makes, and the same answer shape ({ error } with the status and
// the server's message, for `errorMessage`), without shipping its 12 KB (gzipped) to pages that
// need only these. A request that gets no answer at all throws, like fetch.

export interface AuthError {
  status: number;
  message?: string;
}

async function answer(res: Response): Promise<{ error: AuthError | null }> {
  if (res.ok) return { error: null };
  const data = (await res.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof data?.message === "string" && data.message ? data.message : undefined;
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
