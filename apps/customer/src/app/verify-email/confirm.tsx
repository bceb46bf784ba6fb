"use client";
// The link from "Confirm your email". It confirms the address only for the account that is signed
// in here (whoever receives the email must also know the account's password): otherwise anyone who
// signed up with someone else's address could have them confirm it by clicking.
import { useState } from "react";
import Link from "~/lib/link";
import { useQuery } from "~/lib/query";
import { Button, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { verifyEmail } from "~/lib/auth-fetch";
import { useTRPC } from "~/lib/trpc";

export function ConfirmEmail({ token }: { token: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const here = `/verify-email?token=${encodeURIComponent(token)}`;

  async function confirm() {
    setError(null);
    setBusy(true);
    const r = await verifyEmail(token).catch((err: unknown) => ({ error: err }));
    setBusy(false);
    if (r.error)
      setError(
        errorMessage(r.error) ??
          "This link didn't work. Ask for a new one on My bookings (links work for 24 hours).",
      );
    else window.location.assign("/bookings");
  }

  return (
    <Card className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">Confirm your email</h1>
      {!token ? (
        <p className="mt-2">
          This link is incomplete. Ask for a new one on{" "}
          <Link className="underline" href="/bookings">
            My bookings
          </Link>
          .
        </p>
      ) : me.isLoading ? (
        <p role="status" className="mt-2">
          Loading…
        </p>
      ) : me.data ? (
        <div className="mt-3 flex flex-col gap-3">
          <p>
            Confirm that <strong>{me.data.email}</strong> is your email address.
          </p>
          <ErrorBox>{error}</ErrorBox>
          <Button onClick={confirm} disabled={busy}>
            {busy ? "Please wait…" : "Confirm my email"}
          </Button>
        </div>
      ) : (
        <div className="mt-3 flex flex-col gap-3">
          <p>Sign in to the account this link is for (with its password), then confirm.</p>
          <Link
            href={`/sign-in?next=${encodeURIComponent(here)}`}
            className="inline-block rounded-lg bg-brand-600 px-4 py-2 text-center font-semibold text-white"
          >
            Sign in to confirm
          </Link>
          <p className="text-sm text-muted">
            Didn&apos;t create this account, or don&apos;t know its password? Ask for an emailed
            sign-in link on the sign-in page instead: it proves the address is yours and removes any
            password set before.
          </p>
        </div>
      )}
    </Card>
  );
}
