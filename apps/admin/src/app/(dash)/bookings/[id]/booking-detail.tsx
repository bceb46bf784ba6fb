"use client";
import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import { formatCents, formatInstant } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { PaymentsCard } from "./payments-card";

export function BookingDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const q = useQuery(trpc.bookings.get.queryOptions({ id }));
  const [chefId, setChefId] = useState("");
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (msg: string) => () => {
    setDone(msg);
    void refresh();
  };
  const status = useMutation(
    trpc.bookings.setStatus.mutationOptions({ onSuccess: onSuccess("Status updated.") }),
  );
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({ onSuccess: onSuccess("Booking cancelled.") }),
  );
  const reassign = useMutation(
    trpc.bookings.reassign.mutationOptions({ onSuccess: onSuccess("Chef assignment saved.") }),
  );
  const [refundDollars, setRefundDollars] = useState("");
  const [refundNote, setRefundNote] = useState("");
  const refund = useMutation(
    trpc.owner.refundPayment.mutationOptions({
      onSuccess: onSuccess("Refund issued: it is on its way to the customer's card."),
    }),
  );

  if (q.isLoading) return <p role="status">Loading booking…</p>;
  if (q.error || !q.data)
    return <ErrorBox>{errorMessage(q.error) ?? "Booking not found."}</ErrorBox>;
  const b = q.data;
  const live = ["HELD", "PENDING", "CONFIRMED"].includes(b.status);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">Booking {b.code}</h1>
        <Badge
          tone={
            b.status === "CONFIRMED" || b.status === "COMPLETED"
              ? "green"
              : b.status === "CANCELLED"
                ? "red"
                : "amber"
          }
        >
          <span data-testid="booking-status">{b.status.toLowerCase()}</span>
        </Badge>
      </div>
      {done && (
        <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-800">
          {done}
        </p>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Event</h2>
          <dl className="mt-2 grid grid-cols-[8rem_minmax(0,1fr)] gap-1 break-words text-sm">
            <dt className="text-muted">When</dt>
            <dd>
              {formatInstant(b.startsAt, b.timeZone, "shortDateTime")} –{" "}
              {formatInstant(b.endsAt, b.timeZone, "shortDateTime").split(", ").pop()}
            </dd>
            <dt className="text-muted">Guests</dt>
            <dd>
              {b.adults} adults, {b.children} children · {b.package.name}
            </dd>
            <dt className="text-muted">Address</dt>
            <dd>
              {[b.addressLine1, b.addressLine2, b.city, b.state, b.postalCode]
                .filter(Boolean)
                .join(", ")}
            </dd>
            <dt className="text-muted">Zone</dt>
            <dd>
              {b.travelZoneName} ({b.distanceMiles} mi)
            </dd>
            <dt className="text-muted">Chefs</dt>
            <dd data-testid="assigned-chefs">
              {b.liveChefs.map((c) => c.name).join(", ") || "none"}
            </dd>
            <dt className="text-muted">Contact</dt>
            <dd>
              {b.customer ? (
                <Link className="underline" href={`/customers/${b.customer.id}`}>
                  {b.contactName}
                </Link>
              ) : (
                (b.contactName ?? "—")
              )}{" "}
              · {b.contactEmail} · {b.contactPhone}
            </dd>
            {b.notes && (
              <>
                <dt className="text-muted">Notes</dt>
                <dd>{b.notes}</dd>
              </>
            )}
            {b.cancelReason && (
              <>
                <dt className="text-muted">Cancelled</dt>
                <dd>{b.cancelReason}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card>
          <h2 className="font-semibold">Price</h2>
          <table className="mt-2 w-full text-sm">
            <tbody>
              {b.lines.map((l) => (
                <tr key={l.id}>
                  <td className="py-0.5">{l.label}</td>
                  <td className="text-right">{formatCents(l.totalCents)}</td>
                </tr>
              ))}
              <tr className="border-t font-semibold">
                <td className="py-1">Total</td>
                <td className="text-right">{formatCents(b.totalCents)}</td>
              </tr>
            </tbody>
          </table>
          <h3 className="mt-3 font-semibold">Payments</h3>
          <p className="text-sm" data-testid="money-headline">
            {b.money.headline}
          </p>
          <ul className="text-sm" data-testid="money">
            {b.money.lines
              // The pay-at-event notice is the headline already; not said twice.
              .filter((l) => l.label !== b.money.headline)
              .map((l, i) => (
                <li key={i} className="flex justify-between gap-2" data-testid="money-line">
                  <span>{l.label}</span>
                  {l.amountCents != null && l.kind !== "pay_at_event" && (
                    <span>{formatCents(l.amountCents)}</span>
                  )}
                </li>
              ))}
          </ul>
        </Card>
      </div>

      <PaymentsCard id={id} />

      {live && (
        <Card>
          <h2 className="font-semibold">Chef assignment</h2>
          <form
            className="mt-2 flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              reassign.reset();
              if (!chefId) return reassign.mutate({ id, chefIds: [] });
              reassign.mutate({ id, chefIds: [chefId] });
            }}
          >
            <SelectField
              id="chef"
              label="Assign to chef"
              value={chefId}
              onChange={(e) => setChefId(e.target.value)}
            >
              <option value="">Choose a chef…</option>
              {b.chefOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.problems.length ? ` (${c.problems.join("; ")})` : " (free)"}
                </option>
              ))}
            </SelectField>
            <Button type="submit" disabled={reassign.isPending}>
              {reassign.isPending ? "Saving…" : "Reassign"}
            </Button>
          </form>
          <div className="mt-2">
            <ErrorBox>{errorMessage(reassign.error)}</ErrorBox>
          </div>
        </Card>
      )}

      {b.payments.some((p) => p.refundableCents > 0) && (
        <Card>
          <h2 className="font-semibold">Refund</h2>
          <p className="mt-1 text-sm text-muted">
            Owner only. Refunds go back to the customer's card through Stripe; a partial amount is
            fine.
          </p>
          {b.payments
            .filter((p) => p.refundableCents > 0)
            .map((p) => (
              <form
                key={p.id}
                className="mt-2 flex flex-wrap items-end gap-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  setDone(null);
                  refund.reset();
                  const cents = Math.round(Number(refundDollars || p.refundableCents / 100) * 100);
                  refund.mutate({
                    bookingId: id,
                    paymentId: p.id,
                    amountCents: cents,
                    ...(refundNote.trim() ? { note: refundNote.trim() } : {}),
                  });
                }}
              >
                <Field
                  id={`refund-${p.id}`}
                  label={`${p.kind === "DEPOSIT" ? "Deposit" : "Balance"}: up to ${formatCents(p.refundableCents)} ($)`}
                  inputMode="decimal"
                  placeholder={(p.refundableCents / 100).toFixed(2)}
                  value={refundDollars}
                  onChange={(e) => setRefundDollars(e.target.value)}
                />
                <Field
                  id={`refund-note-${p.id}`}
                  label="Note (optional)"
                  value={refundNote}
                  onChange={(e) => setRefundNote(e.target.value)}
                />
                <Button type="submit" variant="danger" disabled={refund.isPending}>
                  {refund.isPending ? "Refunding…" : "Refund"}
                </Button>
              </form>
            ))}
          <div className="mt-2">
            <ErrorBox>{errorMessage(refund.error)}</ErrorBox>
          </div>
        </Card>
      )}

      {live && (
        <Card>
          <h2 className="font-semibold">Status</h2>
          <div className="mt-2 flex flex-wrap gap-3">
            {b.status === "HELD" && b.customerId && b.holdExpiresAt && (
              <p className="w-full text-sm text-muted">
                {b.money.mode === "stripe"
                  ? "Waiting for the customer to pay the deposit online"
                  : "Waiting for the customer to confirm from the emailed link"}
                ; released at {formatInstant(b.holdExpiresAt, b.timeZone, "time")} unless confirmed.
              </p>
            )}
            {(b.status === "PENDING" || (b.status === "HELD" && b.customerId)) && (
              <Button
                onClick={() => status.mutate({ id, action: "confirm" })}
                disabled={status.isPending}
              >
                Confirm booking
              </Button>
            )}
            <Button
              variant="secondary"
              onClick={() => status.mutate({ id, action: "complete" })}
              disabled={status.isPending}
            >
              Mark completed
            </Button>
          </div>
          <div className="mt-2">
            <ErrorBox>{errorMessage(status.error)}</ErrorBox>
          </div>
          <form
            className="mt-4 flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              setDone(null);
              cancel.mutate({ id, reason });
            }}
          >
            <Field
              id="cancel-reason"
              label="Reason for cancelling (the customer will read it)"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <p className="text-sm" data-testid="cancel-money">
              {b.cancellation.summary}
            </p>
            <p className="text-xs text-muted">{b.cancellation.policy}</p>
            <ErrorBox>{errorMessage(cancel.error)}</ErrorBox>
            <Button
              variant="danger"
              type="submit"
              disabled={cancel.isPending}
              className="self-start"
            >
              Cancel booking
            </Button>
          </form>
        </Card>
      )}

      <Card>
        <h2 className="font-semibold">History</h2>
        <ul className="mt-2 text-sm">
          {b.events.map((e) => (
            <li key={e.id}>
              {formatInstant(e.createdAt, b.timeZone, "shortDateTime")} · {e.type} · {e.actor}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
