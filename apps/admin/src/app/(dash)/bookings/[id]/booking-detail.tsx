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
          <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-1 text-sm">
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
                <dd>
                  {b.cancelReason}
                  {b.refundCents != null && ` · refund ${formatCents(b.refundCents)}`}
                </dd>
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
              <tr>
                <td>Deposit / balance</td>
                <td className="text-right">
                  {formatCents(b.depositCents)} / {formatCents(b.balanceCents)}
                </td>
              </tr>
            </tbody>
          </table>
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

      {live && (
        <Card>
          <h2 className="font-semibold">Status</h2>
          <div className="mt-2 flex flex-wrap gap-3">
            {b.status === "HELD" && b.customerId && b.holdExpiresAt && (
              <p className="w-full text-sm text-muted">
                Waiting for the customer to confirm from the emailed link; released at{" "}
                {formatInstant(b.holdExpiresAt, b.timeZone, "time")} unless confirmed.
              </p>
            )}
            {(b.status === "PENDING" || (b.status === "HELD" && b.customerId)) && (
              <Button
                onClick={() => status.mutate({ id, action: "confirm" })}
                disabled={status.isPending}
              >
                Confirm (deposit received)
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
