"use client";
// The booking page's balance and receipts (its money lines are on the booking card): the link to
// pay what is still due with a tip (Stripe bookings), and a printable receipt per payment and
// refund. MoneyLines also serves the balance page.
import { useQuery } from "~/lib/query";
import Link from "~/lib/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Card, ErrorBox } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { canRetry, linkErrorMessage, useTRPC } from "~/lib/trpc";

/** `?token=...` for links that keep the booking's secret link, or "" for a signed-in customer. */
export const withToken = (path: string, token?: string) =>
  token ? `${path}?token=${encodeURIComponent(token)}` : path;

export function MoneyLines({
  lines,
  headline,
}: {
  lines: { kind: string; label: string; amountCents: number | null }[];
  /** A line that only repeats the headline above it is left out. */
  headline?: string;
}) {
  const shown = lines.filter((l) => l.label !== headline);
  if (!shown.length) return null;
  return (
    <dl className="flex flex-col text-sm" data-testid="money-lines">
      {shown.map((l, i) => (
        <div
          key={`${l.kind}-${i}`}
          data-kind={l.kind}
          data-testid="money-line"
          className="grid grid-cols-[1fr_auto] gap-x-4 border-b border-stone-100 py-1.5 last:border-0"
        >
          <dt className="min-w-0">{l.label}</dt>
          <dd className="text-right font-medium tabular-nums">
            {l.amountCents !== null && l.kind !== "pay_at_event" ? formatCents(l.amountCents) : ""}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function BookingMoneyCard({ id, token }: { id: string; token?: string }) {
  const trpc = useTRPC();
  // Back from Stripe Checkout: Stripe tells us about the payment by webhook, usually within
  // seconds; until then, look again every 2 s (for at most a minute).
  const back = useSearchParams().get("checkout") === "success";
  const [since] = useState(() => Date.now());
  const q = useQuery({
    ...trpc.booking.payments.queryOptions({ id, token }),
    refetchInterval: (query) =>
      back && Date.now() - since < 60_000 && (query.state.data?.pendingCheckout ?? false)
        ? 2_000
        : false,
  });
  if (q.isLoading) return null;
  if (!q.data)
    return (
      <ErrorBox onRetry={canRetry(q.error) ? () => void q.refetch() : undefined}>
        {linkErrorMessage(q.error, ["id", "token"])}
      </ErrorBox>
    );
  const { balance, receipts, timeZone, pendingCheckout } = q.data;
  const paidInFull = balance.dueCents === 0 && receipts.length > 0;
  // Nothing to pay online and nothing paid yet: the booking card already says how it is paid.
  if (!balance.online && !receipts.length) return null;
  return (
    <Card>
      <h2 className="text-lg font-bold">{balance.online ? "Balance" : "Receipts"}</h2>
      {back && pendingCheckout && (
        <p role="status" className="mt-1 text-sm text-muted">
          Checking your payment with Stripe…
        </p>
      )}
      {paidInFull && (
        <p className="mt-1 font-medium" data-testid="balance-notice">
          {balance.notice}
        </p>
      )}
      {balance.online ? (
        <Link
          href={withToken(`/bookings/${id}/balance`, token)}
          className="mt-3 inline-flex min-h-11 w-fit items-center rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
        >
          Pay the balance ({formatCents(balance.dueCents)}) and add a tip
        </Link>
      ) : null}
      {receipts.length > 0 && (
        <div className="mt-3">
          {balance.online && <h3 className="font-semibold">Receipts</h3>}
          <ul className="mt-1 flex flex-col gap-1 text-sm">
            {receipts.map((r) => (
              <li key={r.id}>
                <Link
                  className="text-brand-700 underline"
                  href={withToken(`/bookings/${id}/receipts/${r.id}`, token)}
                >
                  {r.number}
                </Link>{" "}
                · {r.label} · {formatCents(r.amountCents)} ·{" "}
                {formatInstant(r.issuedAt, timeZone, "longDate")}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
