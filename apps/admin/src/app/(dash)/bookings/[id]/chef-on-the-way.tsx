"use client";
// "Chef is on the way" for one booking (a card the booking page can place): when the chef
// leaves, staff (or the chef, signed in on a phone) pick the minutes to arrival and press the
// button; the customer is emailed once (notifyChefOnTheWay). A second press says when it was
// sent and sends nothing. Only offered on the day of a live booking; the server checks it too.
//
// Place it on the admin booking page with the booking's id, status, start and end and zone:
//   <ChefOnTheWay id={b.id} status={b.status} startsAt={b.startsAt} endsAt={b.endsAt}
//                 timeZone={b.timeZone} />
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError, Button, Card } from "@myhibachi/ui";
import { formatInstant } from "@myhibachi/shared";
import { useTRPC } from "~/lib/trpc";

/** How early on the day the button shows (the server's own limit: ON_THE_WAY_FROM, 12 hours). */
const FROM_MS = 12 * 3600_000;
const CHOICES = [15, 20, 30, 40, 45, 60, 75, 90, 120];

export function ChefOnTheWay({
  id,
  status,
  startsAt,
  endsAt,
  timeZone,
  now = Date.now(),
}: {
  id: string;
  status: string;
  startsAt: Date | string;
  endsAt: Date | string;
  timeZone: string;
  /** For screenshots and tests of a given moment; the page leaves it out. */
  now?: number;
}) {
  const trpc = useTRPC();
  const field = useId();
  const [minutes, setMinutes] = useState(30);
  const send = useMutation(trpc.bookings.chefOnTheWay.mutationOptions());
  const start = new Date(startsAt).getTime();
  const onTheDay =
    (status === "PENDING" || status === "CONFIRMED") &&
    now >= start - FROM_MS &&
    now <= new Date(endsAt).getTime();
  if (!onTheDay) return null;
  const done = send.data;
  return (
    <Card>
      <h2 className="text-lg font-semibold">Chef on the way</h2>
      {done ? (
        <p role="status" className="mt-2" data-testid="on-the-way-done">
          {done.sent
            ? `Sent to ${done.to}: arriving around ${formatInstant(done.arriveAt, timeZone, "time")}.`
            : `Already sent at ${formatInstant(done.sentAt, timeZone, "time")}: nothing more was sent.`}
        </p>
      ) : (
        <form
          className="mt-2 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate({ id, minutes });
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={field} className="text-sm font-medium">
              Arriving in about
            </label>
            <select
              id={field}
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
            >
              {CHOICES.map((m) => (
                <option key={m} value={m}>
                  {m < 60
                    ? `${m} minutes`
                    : m === 60
                      ? "1 hour"
                      : `${Math.floor(m / 60)} h ${m % 60 ? `${m % 60} min` : ""}`.trim()}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? "Sending…" : "Tell the customer the chef is on the way"}
          </Button>
        </form>
      )}
      <p className="mt-2 text-sm text-muted">
        The customer gets one email with the arrival time, for a party at{" "}
        {formatInstant(startsAt, timeZone, "time")}.
      </p>
      <ApiError error={send.error} onRetry={() => send.mutate({ id, minutes })} />
    </Card>
  );
}
