"use client";
// A printable receipt: the page prints alone (site header, footer and chat hidden by the print
// styles in globals.css), black on white, on one sheet.
import { seedQuery, useQuery } from "~/lib/query";
import type { inferRouterOutputs } from "@trpc/server";
import type { CustomerRouter } from "@myhibachi/api";
import Link from "~/lib/link";
import { Button, ErrorBox } from "@myhibachi/ui";
import { formatCents, formatInstant, pluralCount } from "@myhibachi/shared";
import { canRetry, linkErrorMessage, useTRPC } from "~/lib/trpc";
import { withToken } from "../../money";

type ReceiptRead = inferRouterOutputs<CustomerRouter>["booking"]["receipt"];

export function ReceiptView({
  id,
  receiptId,
  token,
  initial,
}: {
  id: string;
  receiptId: string;
  token?: string;
  /** The receipt as the page's server part read it (not asked again), if it could. */
  initial?: ReceiptRead;
}) {
  const trpc = useTRPC();
  const read = trpc.booking.receipt.queryOptions({ id, token, receiptId });
  seedQuery(read.queryKey, initial);
  const q = useQuery(read);
  if (q.isLoading) return <p role="status">Loading your receipt…</p>;
  if (!q.data)
    return (
      <ErrorBox onRetry={canRetry(q.error) ? () => void q.refetch() : undefined}>
        {linkErrorMessage(q.error, ["id", "token", "receiptId"]) ?? "Receipt not found."}
      </ErrorBox>
    );
  const r = q.data;
  const tz = r.booking.timeZone;
  const refund = r.kind === "refund";
  return (
    <div className="flex flex-col gap-4">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        {r.canOpenBooking ? (
          <Link href={withToken(`/bookings/${id}`, token)} className="text-brand-700 underline">
            Back to booking {r.booking.code}
          </Link>
        ) : (
          // A receipt email's link shows receipts only (it may have been forwarded).
          <Link href="/bookings" className="text-brand-700 underline">
            Sign in to see your bookings
          </Link>
        )}
        <Button type="button" onClick={() => window.print()}>
          Print or save as PDF
        </Button>
      </div>
      <article
        className="receipt mx-auto w-full max-w-2xl rounded-2xl border border-stone-200 bg-white p-6 sm:p-8"
        aria-labelledby="receipt-title"
      >
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-stone-200 pb-4">
          <div>
            <p className="text-xl font-extrabold text-brand-700">{r.business.name}</p>
            <p className="text-sm text-muted">{r.business.address}</p>
            <p className="text-sm text-muted">
              {r.business.phone} · {r.business.email}
            </p>
          </div>
          <div className="text-left sm:text-right">
            <h1 id="receipt-title" className="text-xl font-bold">
              {r.title}
            </h1>
            <p className="text-sm">
              No. <span data-testid="receipt-number">{r.number}</span>
            </p>
            <p className="text-sm">
              {refund ? "Refunded" : "Paid"} on {formatInstant(r.issuedAt, tz, "longDate")}
            </p>
          </div>
        </header>
        <dl className="mt-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
          <dt className="font-medium">{refund ? "Refunded to" : "Paid by"}</dt>
          <dd>{r.booking.contactName ?? "Customer"}</dd>
          <dt className="font-medium">Booking</dt>
          <dd>
            {r.booking.code} · {pluralCount(r.booking.guests, "guest")} · {r.booking.packageName}
          </dd>
          <dt className="font-medium">Event</dt>
          <dd>{formatInstant(r.booking.startsAt, tz, "fullDateTime")}</dd>
          <dt className="font-medium">{refund ? "Refund" : "Payment"} method</dt>
          <dd>{r.method}</dd>
        </dl>
        <table className="mt-5 w-full text-sm" data-testid="receipt-lines">
          <caption className="sr-only">What this receipt covers</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-1">
                Item
              </th>
              <th scope="col" className="py-1 text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l, i) => (
              <tr key={i} className="border-b border-stone-100">
                <td className="py-1.5">{l.label}</td>
                <td className="py-1.5 text-right tabular-nums">{formatCents(l.amountCents)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-bold">
              <th scope="row" className="py-2 text-left">
                {refund ? "Total refunded" : "Total paid"}
              </th>
              <td className="py-2 text-right tabular-nums" data-testid="receipt-total">
                {formatCents(r.totalCents)}
              </td>
            </tr>
          </tfoot>
        </table>
        <section className="mt-5 rounded-xl bg-stone-50 p-4 text-sm" aria-label="Booking account">
          <h2 className="font-semibold">Booking {r.booking.code} so far</h2>
          <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1">
            <dt>Booking total</dt>
            <dd className="text-right tabular-nums">{formatCents(r.account.bookingTotalCents)}</dd>
            <dt>Paid towards it</dt>
            <dd className="text-right tabular-nums">
              {formatCents(r.account.paidTowardTotalCents)}
            </dd>
            {r.account.tipCents > 0 && (
              <>
                <dt>Gratuity</dt>
                <dd className="text-right tabular-nums">{formatCents(r.account.tipCents)}</dd>
              </>
            )}
            {r.account.refundedCents > 0 && (
              <>
                <dt>Refunded</dt>
                <dd className="text-right tabular-nums">{formatCents(r.account.refundedCents)}</dd>
              </>
            )}
            <dt className="font-semibold">Still to pay</dt>
            <dd className="text-right font-semibold tabular-nums" data-testid="receipt-due">
              {formatCents(r.account.balanceDueCents)}
            </dd>
          </dl>
        </section>
        <p className="mt-5 text-xs text-muted">
          Thank you! Questions about this receipt? Call {r.business.phone} or email{" "}
          {r.business.email} and quote {r.number}.
        </p>
      </article>
    </div>
  );
}
