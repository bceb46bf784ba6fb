"use client";
import { useState } from "react";
import { Button, Card, ErrorBox, errorMessage, Field } from "@myhibachi/ui";
import { authPost } from "~/lib/auth-fetch";

/** `next`: where to go after signing in, already checked by safeNextPath on the server. */
export function SignInForm({ next }: { next: string }) {
  const [mode, setMode] = useState<"link" | "password" | "signup">("link");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<null | "link" | "signup">(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (mode === "link") {
        const r = await authPost("/sign-in/magic-link", { email, callbackURL: next });
        if (r.error) setError(errorMessage(r.error) ?? "We couldn't send the link. Try again.");
        else setSent("link");
      } else if (mode === "password") {
        const r = await authPost("/sign-in/email", { email, password });
        if (r.error)
          setError(
            errorMessage(r.error) ??
              (r.error.status === 429
                ? "Too many attempts. Wait a few minutes and try again."
                : "Wrong email or password."),
          );
        else window.location.assign(next);
      } else {
        // The answer is the same whether or not the email already has an account: both get an
        // email (a confirmation link, or a note that they already have an account).
        const r = await authPost("/sign-up/email", { email, password, name });
        if (r.error) setError(errorMessage(r.error) ?? "We couldn't create the account.");
        else setSent("signup");
      }
    } catch (err) {
      // No answer at all (offline, the server restarting): say so, never "Failed to fetch".
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <div className="mt-3 flex gap-2 text-sm" role="tablist">
        {(["link", "password", "signup"] as const).map((m) => (
          <button
            key={m}
            role="tab"
            aria-selected={mode === m}
            className={mode === m ? "font-semibold text-brand-700 underline" : "text-muted"}
            onClick={() => {
              setMode(m);
              setError(null);
              setSent(null);
            }}
          >
            {m === "link" ? "Email me a link" : m === "password" ? "Password" : "Create account"}
          </button>
        ))}
      </div>
      {sent === "link" ? (
        <p role="status" className="mt-4">
          Check your inbox: we sent a sign-in link to <strong>{email}</strong>. It works once and
          expires in 15 minutes.
        </p>
      ) : sent === "signup" ? (
        <p role="status" className="mt-4">
          Check your email to continue: we sent a message to <strong>{email}</strong>. If it&apos;s
          a new account, open the confirmation link and sign in with your password; if you already
          have one, the message tells you how to sign in.
        </p>
      ) : (
        // POST: a press before the page's script runs never puts an address in the URL.
        <form method="post" onSubmit={submit} className="mt-4 flex flex-col gap-3" noValidate>
          {mode === "signup" && (
            <Field
              id="name"
              label="Your name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
          )}
          <Field
            id="email"
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          {mode !== "link" && (
            <Field
              id="password"
              label="Password"
              type="password"
              autoComplete={mode === "signup" ? "new-password" : "current-password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              hint={mode === "signup" ? "At least 8 characters" : undefined}
            />
          )}
          <ErrorBox>{error}</ErrorBox>
          <Button type="submit" disabled={busy}>
            {busy
              ? "Please wait…"
              : mode === "link"
                ? "Send me a sign-in link"
                : mode === "password"
                  ? "Sign in"
                  : "Create account"}
          </Button>
        </form>
      )}
    </Card>
  );
}
