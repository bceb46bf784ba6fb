"use client";
// The sign-in page's three calls to better-auth's endpoints (/api/auth/...), with fetch: the same
// requests better-auth's browser client makes, without shipping its 12 KB (gzipped) to a page
// that needs only these.

export type AuthResult = { ok: true } | { ok: false; status: number; message: string | null };

export async function authPost(
  path: "/sign-in/magic-link" | "/sign-in/email" | "/sign-up/email",
  body: Record<string, string>,
): Promise<AuthResult> {
  let res: Response;
  try {
    res = await fetch(`/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return {
      ok: false,
      status: 0,
      message: "We couldn't reach MyHibachi. Check your connection and try again.",
    };
  }
  if (res.ok) return { ok: true };
  const data = (await res.json().catch(() => null)) as { message?: unknown } | null;
  return {
    ok: false,
    status: res.status,
    message: typeof data?.message === "string" && data.message ? data.message : null,
  };
}
