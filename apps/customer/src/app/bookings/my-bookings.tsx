"use client";
import { useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, Button, Card, ErrorBox } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { authClient } from "~/lib/auth-client";
import { persistedQuery } from "@myhibachi/api/graphql-documents";
import { useTRPC } from "~/lib/trpc";

/** What the persisted MyBookings document (packages/api/src/graphql/documents.ts) returns. */
interface MyBookingsPage {
  myBookings: {
    edges: {
      node: {
        id: string;
        code: string;
        status: string;
        startsAt: string;
        timeZone: string;
        guests: number;
        city: string;
        totalCents: number;
        moneyHeadline: string;
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export function MyBookings() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  // Over GraphQL with a persisted document: the page downloads only the fields it shows.
  const list = useInfiniteQuery({
    queryKey: ["graphql", "MyBookings", me.data?.id],
    queryFn: ({ pageParam }) =>
      persistedQuery<MyBookingsPage>("customer", "MyBookings", { first: 50, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) =>
      page.myBookings.pageInfo.hasNextPage ? page.myBookings.pageInfo.endCursor : undefined,
    enabled: Boolean(me.data?.emailVerified),
  });
  if (me.isLoading) return <p role="status">Loading…</p>;
  if (!me.data)
    return (
      <Card>
        <h1 className="text-2xl font-bold">My bookings</h1>
        <p className="mt-2">
          Sign in with the email you booked with to see and manage your bookings.
        </p>
        <Link
          href="/sign-in?next=/bookings"
          className="mt-4 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white"
        >
          Sign in
        </Link>
      </Card>
    );
  const now = Date.now();
  const rows = list.data?.pages.flatMap((p) => p.myBookings.edges.map((e) => e.node)) ?? [];
  const upcoming = rows.filter((b) => new Date(b.startsAt).getTime() >= now).reverse();
  const past = rows.filter((b) => new Date(b.startsAt).getTime() < now);
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">My bookings</h1>
          <p className="text-muted break-all text-sm">Signed in as {me.data.email}</p>
        </div>
        <Button
          variant="secondary"
          onClick={() => authClient.signOut().then(() => window.location.assign("/"))}
        >
          Sign out
        </Button>
      </div>
      {!me.data.emailVerified && <ConfirmEmail email={me.data.email} />}
      {list.isLoading && <p role="status">Loading your bookings…</p>}
      {list.data && rows.length === 0 && (
        <p>
          No bookings for {me.data.email} yet.{" "}
          <Link className="underline" href="/book">
            Book a chef
          </Link>
        </p>
      )}
      {[
        { title: "Upcoming", items: upcoming },
        { title: "Past", items: past },
      ].map((g) =>
        g.items.length ? (
          <section key={g.title} aria-labelledby={`h-${g.title}`}>
            <h2 id={`h-${g.title}`} className="text-lg font-semibold">
              {g.title}
            </h2>
            <ul className="mt-2 flex flex-col gap-2">
              {g.items.map((b) => (
                <li key={b.id}>
                  <Link
                    href={`/bookings/${b.id}`}
                    className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-stone-200 bg-white p-4 hover:border-brand-500"
                  >
                    <span>
                      <span className="font-semibold">
                        {formatInstant(b.startsAt, b.timeZone, "mediumDateTime")}
                      </span>
                      <span className="text-muted">
                        {" "}
                        · {b.guests} guests · {b.city} · {b.code}
                      </span>
                      <span className="block text-sm text-muted" data-testid="money-headline">
                        {b.moneyHeadline}
                      </span>
                    </span>
                    <span className="flex items-center gap-2">
                      <Badge
                        tone={
                          b.status === "CANCELLED"
                            ? "red"
                            : b.status === "CONFIRMED"
                              ? "green"
                              : "neutral"
                        }
                      >
                        {b.status.toLowerCase()}
                      </Badge>
                      {formatCents(b.totalCents)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
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
      <ErrorBox>{list.error?.message ?? null}</ErrorBox>
    </div>
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
            const r = await authClient.sendVerificationEmail({ email, callbackURL: "/bookings" });
            if (r.error) {
              setError(r.error.message ?? "We couldn't send the link. Try again in a minute.");
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
