"use client";
// "Your account" on My bookings: download a copy of your data (the REST route of the
// exportMyData operation, saved as a JSON file) and delete the account (deleteMyAccount), with a
// confirmation step that says what happens and asks for the account's email.
import { useMutation } from "~/lib/query";
import { useId, useState } from "react";
import { ApiError, Button, Card } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

export function AccountData({ email, onDeleted }: { email: string; onDeleted: () => void }) {
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const id = useId();
  const remove = useMutation(
    trpc.account.delete.mutationOptions({
      onSuccess: () => onDeleted(),
    }),
  );
  const matches = typed.trim().toLowerCase() === email.toLowerCase();
  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold">Your account</h2>
      <div className="mt-3 flex flex-col gap-4">
        <div>
          <h3 className="font-medium">A copy of your data</h3>
          <p className="mt-1 text-sm text-muted">
            Your account, bookings, payments, chats, the emails and texts we sent you and what you
            told us about them, your loyalty points and ratings, in one file (JSON).
          </p>
          <a
            href="/api/v1/me/data"
            download="myhibachi-my-data.json"
            className="mt-2 inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 py-2 font-semibold hover:bg-stone-50"
          >
            Download my data
          </a>
        </div>
        <div>
          <h3 className="font-medium">Delete your account</h3>
          {!asking ? (
            <>
              <p className="mt-1 text-sm text-muted">
                Closes your account for good. You'll be asked to confirm first.
              </p>
              <Button variant="secondary" className="mt-2" onClick={() => setAsking(true)}>
                Delete my account…
              </Button>
            </>
          ) : (
            <form
              className="mt-2 flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50 p-4"
              onSubmit={(e) => {
                e.preventDefault();
                if (matches) remove.mutate({ confirmEmail: typed.trim() });
              }}
            >
              <p className="font-medium">Deleting your account means:</p>
              <ul className="list-disc pl-5 text-sm">
                <li>You're signed out everywhere and can't sign in to this account again.</li>
                <li>
                  Your chats are deleted, and your name, email, phone, address and notes are taken
                  out of your bookings.
                </li>
                <li>
                  Past bookings and payments stay in our books (we must keep sales records), with no
                  way to tell they were yours.
                </li>
                <li>
                  A party still to come must be cancelled first (its page says what that means for
                  your deposit).
                </li>
              </ul>
              <p className="text-sm">
                Want a copy first? Download your data above before you delete.
              </p>
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-email`} className="text-sm font-medium">
                  Type your email address ({email}) to confirm
                </label>
                <input
                  id={`${id}-email`}
                  type="email"
                  autoComplete="off"
                  value={typed}
                  onChange={(e) => {
                    setTyped(e.target.value);
                    remove.reset();
                  }}
                  className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
                />
              </div>
              <div className="flex flex-wrap gap-2">
                <Button type="submit" variant="danger" disabled={!matches || remove.isPending}>
                  {remove.isPending ? "Deleting…" : "Delete my account for good"}
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    setAsking(false);
                    setTyped("");
                    remove.reset();
                  }}
                >
                  Keep my account
                </Button>
              </div>
              <ApiError
                error={remove.error}
                onRetry={() => remove.mutate({ confirmEmail: typed.trim() })}
              />
            </form>
          )}
        </div>
      </div>
    </Card>
  );
}
