"use client";
import { useState } from "react";
import { Button, canRetry, Card, ErrorBox, errorMessage, Field } from "@myhibachi/ui";
import { authClient } from "~/lib/auth-client";

/** `next`: where to go after signing in, already checked by safeNextPath on the server. */
export function SignIn({ next }: { next: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Card className="w-full max-w-sm">
      <h1 className="text-2xl font-bold">MyHibachi Admin</h1>
      <p className="mt-1 text-sm text-muted">Staff and owners sign in here.</p>
      <noscript>
        <p className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          Signing in needs JavaScript, which is turned off or blocked in this browser. Turn it on
          and reload this page.
        </p>
      </noscript>
      {/* POST: a press before the page's script runs never puts the password in the URL. */}
      <form
        method="post"
        className="mt-4 flex flex-col gap-3"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          if (!email || !password) return setError("Enter your email and password.");
          setBusy(true);
          const r = await authClient.signIn
            .email({ email, password })
            .catch((err: unknown) => ({ error: err as { status?: number; message?: string } }));
          setBusy(false);
          if (r.error)
            setError(
              r.error.status === 429
                ? (r.error.message ?? "Too many attempts. Wait a few minutes and try again.")
                : canRetry(r.error)
                  ? errorMessage(r.error)
                  : "Wrong email or password.",
            );
          else window.location.assign(next);
        }}
      >
        <Field
          id="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorBox>{error}</ErrorBox>
        <Button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </Card>
  );
}
