"use client";
// "Messages from us" on My bookings: offers by email and texts to each phone on the customer's
// bookings, switched on or off by the customer (operations getMyMessagePreferences and
// setMyMessagePreference). Booking messages (confirmation, reminders) are not switched here.
import { useId } from "react";
import { ApiError, Card } from "@myhibachi/ui";
import { formatInstant } from "@myhibachi/shared";
import { invalidateQueries, useMutation, useQuery } from "~/lib/query";
import { useTRPC } from "~/lib/trpc";

type Said = { status: "GRANTED" | "REVOKED"; source: string; at: string | Date } | null;

const WHERE: Record<string, string> = {
  "my-bookings": "here",
  "unsubscribe-link": "with the unsubscribe link in our email",
  "sms-stop": "by replying STOP",
  "sms-start": "by replying START",
  "booking-form": "when you booked",
};

function saidWords(said: Said, timeZone: string): string | null {
  if (!said) return null;
  const where = WHERE[said.source] ?? "";
  const when = formatInstant(new Date(said.at), timeZone, "longDate");
  return `You said ${said.status === "GRANTED" ? "yes" : "no"}${where ? ` ${where}` : ""} on ${when}.`;
}

export function MessagePreferences({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const id = useId();
  const options = trpc.account.messages.queryOptions();
  const prefs = useQuery(options);
  const change = useMutation(
    trpc.account.setMessages.mutationOptions({
      onSuccess: () => invalidateQueries({ queryKey: options.queryKey }),
    }),
  );
  const data = prefs.data;
  if (!data?.email) return null;
  const rows = [
    {
      key: "email",
      label: "Offers and news by email",
      hint: `To ${data.email.address}: seasonal menus, offers for returning guests, a note after your party.`,
      pref: data.email,
      vars: { channel: "EMAIL" as const },
    },
    ...data.texts.map((t) => ({
      key: `sms-${t.address}`,
      label: `Text messages to ${t.address}`,
      hint: "Reminders of a held booking and offers, a few a month at most. Reply STOP to any text to stop.",
      pref: t,
      vars: { channel: "SMS" as const, phone: t.address },
    })),
  ];
  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold" data-testid="message-preferences">
        Messages from us
      </h2>
      <p className="mt-1 text-sm text-muted">
        Emails about a booking you made (its confirmation, reminders, changes) always come: they
        belong to the booking.
      </p>
      <ul className="mt-3 flex flex-col gap-3">
        {rows.map((r) => {
          const inputId = `${id}-${r.key}`;
          const said = saidWords(r.pref.said, timeZone);
          return (
            <li key={r.key} className="flex items-start gap-3">
              <input
                id={inputId}
                type="checkbox"
                className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
                // Stopped by us: the box is the customer's own word, kept for when we lift it.
                checked={r.pref.blockedByUs ? r.pref.said?.status === "GRANTED" : r.pref.on}
                disabled={change.isPending}
                aria-describedby={`${inputId}-hint`}
                onChange={(e) => change.mutate({ ...r.vars, on: e.target.checked })}
              />
              <div className="min-w-0">
                <label htmlFor={inputId} className="break-words font-medium">
                  {r.label}
                </label>
                <p id={`${inputId}-hint`} className="break-words text-sm text-muted">
                  {r.pref.blockedByUs
                    ? "We stopped these ourselves. Call or email us to hear from us again; your choice here is kept."
                    : `${r.hint}${said ? ` ${said}` : ""}`}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
      <p role="status" className="mt-2 text-sm" aria-live="polite">
        {change.isPending ? "Saving…" : change.isSuccess ? "Saved." : ""}
      </p>
      <ApiError error={change.error} />
      <ApiError error={prefs.error} onRetry={() => void prefs.refetch()} />
    </Card>
  );
}
