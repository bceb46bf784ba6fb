"use client";
import { useState } from "react";
import { useInfiniteQuery } from "~/lib/infinite-query";
import { useQuery } from "~/lib/query";
import Link from "~/lib/link";
import { ApiError, Badge, Button, Card, ErrorBox } from "@myhibachi/ui";
import {
  bookingStatusWords,
  formatCents,
  formatInstant,
  myBookingsSection,
  type BookingStatusCode,
  type MyBookingsSection,
} from "@myhibachi/shared";
import { authPost } from "~/lib/auth-fetch";
import { persistedQuery } from "@myhibachi/api/graphql-documents";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { AccountData } from "./account-data";
import { Inbox } from "./inbox";
import { MessagePreferences } from "./message-preferences";
import { ReferralCode } from "./referral-code";

/** What the persisted MyBookings document (packages/api/src/graphql/documents.ts) returns. */
interface MyBookingsPage {
  myBookings: {
    edges: {
      node: {
        id: string;
        code: string;
        status: BookingStatusCode;
        startsAt: string;
        endsAt: string;
        timeZone: string;
        depositOnline: boolean;
        guests: number;
        city: string | null;
        totalCents: number;
        moneyHeadline: string;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
type Row = MyBookingsPage["myBookings"]["edges"][number]["node"];

const SECTIONS: { key: MyBookingsSection; title: string; empty?: string }[] = [
  { key: "upcoming", title: "Upcoming", empty: "No parties coming up." },
  { key: "past", title: "Past" },
  { key: "cancelled", title: "Cancelled" },
];

export function MyBookings({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const [deleted, setDeleted] = useState(false);
  // Over GraphQL with a persisted document: the page downloads only the fields it shows.
  const list = useInfiniteQuery({
    queryKey: ["graphql", "MyBookings", me.data?.id],
    queryFn: ({ pageParam }) =>
      persistedQuery<MyBookingsPage>("customer", "MyBookings", { first: 50, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) =>
      page.myBookings.pageInfo.hasNextPage ? page.myBookings.pageInfo.endCursor : undefined,
    enabled: Boolean(me.data?.emailVerified) && !deleted,
  });
  if (deleted)
    return (
      <Card>
        <h1 className="text-2xl font-bold">Your account is deleted</h1>
        <p className="mt-2">
          You're signed out everywhere and can't sign in to it any more. Your past bookings stay in
          our books without your name or contact details. Thank you for cooking with us!
        </p>
        <a href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
          Back to the home page
        </a>
      </Card>
    );
  if (me.isLoading) return <p role="status">Loading…</p>;
  if (me.error)
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">My bookings</h1>
        <ApiError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (!me.data)
    return (
      <Card>
        <h1 className="text-2xl font-bold">My bookings</h1>
        <p className="mt-2">
          Sign in with the email you booked with to see and manage your bookings.
        </p>
        <Link
          href="/sign-in?next=/bookings"
          className="mt-4 inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-900"
        >
          Sign in
        </Link>
      </Card>
    );
  const now = Date.now();
  const rows = list.data?.pages.flatMap((p) => p.myBookings.edges.map((e) => e.node)) ?? [];
  const grouped: Record<MyBookingsSection, Row[]> = { upcoming: [], past: [], cancelled: [] };
  for (const b of rows) grouped[myBookingsSection(b, now)].push(b);
  // The list comes newest event first: the next party comes first under Upcoming.
  grouped.upcoming.reverse();
  return (
    <div className="flex min-w-0 flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">My bookings</h1>
          <p className="break-all text-sm text-muted">Signed in as {me.data.email}</p>
        </div>
        <Button
          variant="secondary"
          onClick={() => authPost("/sign-out", {}).then(() => window.location.assign("/"))}
        >
          Sign out
        </Button>
      </div>
      {!me.data.emailVerified && <ConfirmEmail email={me.data.email} />}
      {list.isLoading && <p role="status">Loading your bookings…</p>}
      <ApiError error={list.error} onRetry={() => void list.refetch()} />
      {list.data && rows.length === 0 && (
        <p>
          No bookings for {me.data.email} yet.{" "}
          <Link className="font-semibold text-brand-700 underline" href="/book">
            Book a chef
          </Link>
        </p>
      )}
      {rows.length > 0 &&
        SECTIONS.map((s) =>
          grouped[s.key].length || s.empty ? (
            <section key={s.key} aria-labelledby={`h-${s.key}`} data-testid={`section-${s.key}`}>
              <h2 id={`h-${s.key}`} className="text-lg font-semibold">
                {s.title}
              </h2>
              {grouped[s.key].length === 0 ? (
                <p className="mt-1 text-sm text-muted">
                  {s.empty}{" "}
                  <Link className="font-semibold text-brand-700 underline" href="/book">
                    Book a chef
                  </Link>
                </p>
              ) : (
                <ul className="mt-2 flex flex-col gap-2">
                  {grouped[s.key].map((b) => (
                    <BookingRow key={b.id} b={b} />
                  ))}
                </ul>
              )}
            </section>
          ) : null,
        )}
      {list.hasNextPage && (
        <Button
          variant="secondary"
          className="self-start"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Show older bookings"}
        </Button>
      )}
      {me.data.emailVerified && <Inbox timeZone={timeZone} />}
      {me.data.emailVerified && <ReferralCode />}
      {me.data.emailVerified && <MessagePreferences timeZone={timeZone} />}
      <AccountData email={me.data.email} onDeleted={() => setDeleted(true)} />
    </div>
  );
}

/** One booking: when, its status in the customer's words, who and where, its money. */
function BookingRow({ b }: { b: Row }) {
  const status = bookingStatusWords(b.status, { depositOnline: b.depositOnline });
  return (
    <li data-testid="my-booking" data-code={b.code}>
      <Link
        href={`/bookings/${b.id}`}
        className="block min-w-0 rounded-xl border border-stone-200 bg-white p-4 hover:border-brand-500"
      >
        <span className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
          <span className="min-w-0 font-semibold">
            {formatInstant(b.startsAt, b.timeZone, "shortDateTime")}
          </span>
          <span data-testid="booking-status">
            <Badge tone={status.tone}>{status.label}</Badge>
          </span>
        </span>
        <span className="mt-1 block break-words text-sm text-muted">
          {b.guests} {b.guests === 1 ? "guest" : "guests"}
          {b.city ? ` · ${b.city}` : ""} · <span className="whitespace-nowrap">{b.code}</span>
        </span>
        <span className="mt-1 flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
          <span className="min-w-0 break-words text-muted" data-testid="money-headline">
            {b.moneyHeadline}
          </span>
          <span className="font-semibold">{formatCents(b.totalCents)}</span>
        </span>
      </Link>
    </li>
  );
}

/** Shown to an account that hasn't confirmed its email: why no bookings, and how to fix it. */
function ConfirmEmail({ email }: { email: string }) {
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);
  return (
    <Card>
      <h2 className="text-lg font-semibold">Confirm your email to see your bookings</h2>
      <p className="mt-2">
        For your security we show the bookings made with <strong>{email}</strong> only after you
        confirm that this address is yours: anyone can create an account with any email.
      </p>
      {state === "sent" ? (
        <p role="status" className="mt-3">
          We sent a confirmation link to <strong>{email}</strong>. Open it in this browser. It works
          for 24 hours.
        </p>
      ) : (
        <Button
          className="mt-3"
          disabled={state === "sending"}
          onClick={async () => {
            setError(null);
            setState("sending");
            const r = await authPost("/send-verification-email", {
              email,
              callbackURL: "/bookings",
            }).catch((err: unknown) => ({ error: err }));
            if (r.error) {
              setError(
                errorMessage(r.error) ?? "We couldn't send the link. Try again in a minute.",
              );
              setState("idle");
            } else setState("sent");
          }}
        >
          {state === "sending" ? "Sending…" : "Email me a confirmation link"}
        </Button>
      )}
      <ErrorBox>{error}</ErrorBox>
    </Card>
  );
}
