import Link from "next/link";
import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { Badge, Card, ErrorBox } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { MoneyByDayChart } from "./charts";

export const metadata: Metadata = { title: "Payments" };
export const dynamic = "force-dynamic";

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="text-xl font-bold tabular-nums">{value}</dd>
      {hint && <dd className="text-xs text-muted">{hint}</dd>}
    </div>
  );
}

export default async function PaymentsPage({
  searchParams,
}: {
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const api = await adminApi();
  let r: Awaited<ReturnType<typeof api.owner.payments>>;
  try {
    r = await api.owner.payments({ from: sp.from || undefined, to: sp.to || undefined });
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === "INTERNAL_SERVER_ERROR") throw err;
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">Payments</h1>
        <ErrorBox>
          {/* A malformed date in the address: said plainly, not as the validator's report. */}
          {err.code === "BAD_REQUEST" && err.message.trimStart().startsWith("[")
            ? "Those dates aren't valid: use dates like 2026-11-01 (from) and 2026-11-30 (to)."
            : err.message}
        </ErrorBox>
        <Link className="underline" href="/payments">
          Show the last 30 days
        </Link>
      </div>
    );
  }
  const tz = r.timeZone;
  const t = r.totals;
  const days = [...r.daily].reverse().filter((d) => d.payments || d.refunds);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Payments</h1>
          <p className="text-sm text-muted">
            Money that really moved, by the day it moved ({tz}): payments online and recorded at the
            event, and refunds. {r.from} to {r.to}.
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            From
            <input
              type="date"
              name="from"
              defaultValue={r.from}
              className="min-h-10 rounded-lg border bg-white px-2"
            />
          </label>
          <label className="flex flex-col">
            To
            <input
              type="date"
              name="to"
              defaultValue={r.to}
              className="min-h-10 rounded-lg border bg-white px-2"
            />
          </label>
          <button className="min-h-10 rounded-lg border bg-white px-3 font-medium" type="submit">
            Show
          </button>
        </form>
      </div>

      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="payments-totals">
          <Figure
            label="Received"
            value={formatCents(t.paidCents + t.tipCents)}
            hint={`${t.payments} payments · ${formatCents(t.tipCents)} gratuity`}
          />
          <Figure
            label="Refunded"
            value={formatCents(t.refundedCents)}
            hint={`${t.refunds} refunds completed`}
          />
          <Figure label="Net" value={formatCents(t.netCents)} hint="Received less refunded" />
          <Figure
            label="Online (Stripe)"
            value={formatCents(t.byMethod.STRIPE)}
            hint={`At the event: cash ${formatCents(t.byMethod.CASH)} · card ${formatCents(t.byMethod.CARD_IN_PERSON)}`}
          />
        </dl>
        <MoneyByDayChart data={r.daily} />
      </Card>

      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <h2 className="font-semibold">Deposits held</h2>
          <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="deposits-held">
            {formatCents(r.depositsHeld.cents)}
          </p>
          <p className="text-sm text-muted">
            Paid for {r.depositsHeld.bookings} events still to come, less refunds made or on their
            way (refundable under the cancellation policy).
          </p>
        </Card>
        <Card>
          <h2 className="font-semibold">Balances to collect</h2>
          <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="balances-upcoming">
            {formatCents(r.balancesUpcoming.cents)}
          </p>
          <p className="text-sm text-muted">
            Still due on {r.balancesUpcoming.bookings} pending and confirmed events to come: each
            total less what was paid, net of refunds, as on the booking&apos;s page.
          </p>
        </Card>
        <Card>
          <h2 className="font-semibold">Disputes</h2>
          <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="disputes-open">
            {r.disputes.open} open · {formatCents(r.disputes.openCents)}
          </p>
          <p className="text-sm text-muted">
            {r.disputes.lost} lost ({formatCents(r.disputes.lostCents)}).
          </p>
        </Card>
      </div>

      {r.balancesPast.bookings > 0 && (
        <Card>
          <h2 className="font-semibold">Past events not recorded as paid</h2>
          <p className="text-sm text-muted">
            {r.balancesPast.bookings} events, {formatCents(r.balancesPast.cents)}: record what was
            paid at the event from each booking&apos;s page.
          </p>
          <BookingList list={r.balancesPast.list} />
        </Card>
      )}

      <Card>
        <h2 className="font-semibold">By day</h2>
        {/* Focusable so a keyboard can scroll it on a phone. */}
        <div
          className="mt-2 overflow-x-auto"
          role="region"
          aria-label="Payments by day (scrolls sideways)"
          tabIndex={0}
        >
          <table className="w-full min-w-[32rem] text-sm" data-testid="payments-by-day">
            <thead>
              <tr className="border-b text-left text-muted">
                <th className="py-1 font-normal">Day</th>
                <th className="text-right font-normal">Payments</th>
                <th className="text-right font-normal">Paid</th>
                <th className="text-right font-normal">Gratuity</th>
                <th className="text-right font-normal">Refunded</th>
                <th className="text-right font-normal">Net</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date} className="border-b border-stone-100">
                  <td className="py-1">{d.date}</td>
                  <td className="text-right tabular-nums">{d.payments}</td>
                  <td className="text-right tabular-nums">{formatCents(d.paidCents)}</td>
                  <td className="text-right tabular-nums">{formatCents(d.tipCents)}</td>
                  <td className="text-right tabular-nums">
                    {d.refunds ? formatCents(d.refundedCents) : "—"}
                  </td>
                  <td className="text-right font-medium tabular-nums">{formatCents(d.netCents)}</td>
                </tr>
              ))}
              {days.length === 0 && (
                <tr>
                  <td colSpan={6} className="py-2 text-muted">
                    No money moved in these days.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </Card>

      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Balances to collect, soonest first</h2>
          <BookingList list={r.balancesUpcoming.list} />
        </Card>
        <Card>
          <h2 className="font-semibold">Disputes</h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {r.disputes.list.map((d) => (
              <li key={d.id}>
                <Link className="underline" href={`/bookings/${d.booking.id}`}>
                  {d.booking.code}
                </Link>{" "}
                · {formatCents(d.amountCents)} · {d.reason.replace(/_/g, " ")} ·{" "}
                <Badge tone={d.open ? "amber" : d.status === "lost" ? "red" : "green"}>
                  {d.status.replace(/_/g, " ")}
                </Badge>{" "}
                · opened {formatInstant(d.openedAt, d.booking.timeZone, "longDate")}
              </li>
            ))}
            {r.disputes.list.length === 0 && <li className="text-muted">No disputes.</li>}
          </ul>
        </Card>
      </div>
    </div>
  );
}

function BookingList({
  list,
}: {
  list: {
    id: string;
    code: string;
    startsAt: Date;
    timeZone: string;
    contactName: string | null;
    paymentMode: string;
    dueCents: number;
    totalCents: number;
  }[];
}) {
  if (!list.length) return <p className="mt-2 text-sm text-muted">Nothing due.</p>;
  const item = (b: (typeof list)[number]) => (
    <li key={b.id}>
      <Link className="underline" href={`/bookings/${b.id}`}>
        {b.code}
      </Link>{" "}
      · {formatInstant(b.startsAt, b.timeZone, "shortDateTime")} · {b.contactName ?? "—"} ·{" "}
      <span className="font-medium tabular-nums">{formatCents(b.dueCents)}</span> of{" "}
      {formatCents(b.totalCents)}
      {b.paymentMode === "PAY_AT_EVENT" ? " · at the event" : ""}
    </li>
  );
  const first = list.slice(0, 10);
  const rest = list.slice(10);
  return (
    <>
      <ul className="mt-2 flex flex-col gap-1 text-sm">{first.map(item)}</ul>
      {rest.length > 0 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700">Show {rest.length} more</summary>
          <ul className="mt-1 flex flex-col gap-1">{rest.map(item)}</ul>
        </details>
      )}
    </>
  );
}
