"use client";
// The sign-in page's three calls to better-auth's endpoints (/api/auth/...), with fetch: the same
// requests better-auth's browser client makes, and the same answer shape ({ error } with the
// status and the server's message, for `errorMessage`), without shipping its 12 KB (gzipped) to a
// page that needs only these. A request that gets no answer at all throws, like fetch.

export interface AuthError {
  status: number;
  message?: string;
}

export async function authPost(
  path: "/sign-in/magic-link" | "/sign-in/email" | "/sign-up/email",
  body: Record<string, string>,
): Promise<{ error: AuthError | null }> {
  const res = await fetch(`/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  if (res.ok) return { error: null };
  const data = (await res.json().catch(() => null)) as { message?: unknown } | null;
  const message = typeof data?.message === "string" && data.message ? data.message : undefined;
  return { error: { status: res.status, ...(message ? { message } : {}) } };
}
