"use client";
import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Badge, Button, Card, ErrorBox, Field } from "@myhibachi/ui";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import { formatCents, formatInstant, zonedParts } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { ChefAssignment } from "./chef-assignment";
import { ConfirmDialog } from "@myhibachi/ui/confirm-dialog";
import { ChefOnTheWay } from "./chef-on-the-way";
import { PaymentsCard } from "./payments-card";

/** Where a booking was made, as staff read it. */
const SOURCE_WORDS: Record<string, string> = {
  WEB: "on the website",
  CHAT: "in the website chat",
  PHONE: "on a phone call with the assistant",
  SMS: "by text message with the assistant",
  ADMIN: "by staff",
  IMPORT: "imported",
};

const LINK = "text-brand-700 underline underline-offset-2 hover:text-brand-900";
/** A link to tap on a phone: at least 24 px high (WCAG 2.2 target size). */
const TAP = `${LINK} inline-flex min-h-6 items-center`;

/**
 * The address names no booking: an unknown id, or not an id at all ("/bookings/newest", a link cut
 * short). Reloading can't help, so the page says so and leads back to the list.
 */
function isNoSuchBooking(err: unknown): boolean {
  const status = (err as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  return status === 404 || status === 400;
}

export function NoSuchBooking() {
  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">No such booking</h1>
      <p>
        There is no booking at this address. The link may be mistyped or cut short. Find the booking
        by its code, customer or date in the list.
      </p>
      <p>
        <Link className={LINK} href="/bookings">
          Back to Bookings
        </Link>
      </p>
    </div>
  );
}

export function BookingDetail({ id, created = false }: { id: string; created?: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const q = useQuery(trpc.bookings.get.queryOptions({ id }));
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState<"cancel" | "complete" | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = (msg: string) => () => {
    setDone(msg);
    void refresh();
  };
  const status = useMutation(
    trpc.bookings.setStatus.mutationOptions({
      onSuccess: (r) => {
        setAsking(null);
        onSuccess(r.status === "COMPLETED" ? "Marked completed." : "Booking confirmed.")();
      },
    }),
  );
  const cancel = useMutation(
    trpc.bookings.cancel.mutationOptions({
      onSuccess: () => {
        setAsking(null);
        setReason("");
        onSuccess("Booking cancelled. The customer is emailed.")();
      },
    }),
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
  if (isNoSuchBooking(q.error)) return <NoSuchBooking />;
  if (q.error || !q.data)
    return <ErrorBox>{errorMessage(q.error) ?? "Booking not found."}</ErrorBox>;
  const b = q.data;
  const live = ["HELD", "PENDING", "CONFIRMED"].includes(b.status);
  const tz = b.businessTimeZone;
  const day = zonedParts(b.startsAt, tz).date;
  const runSheet = `/run-sheet?${new URLSearchParams({
    date: day,
    ...(b.liveChefs[0] ? { chef: b.liveChefs[0].id } : {}),
  })}`;
  return (
    <div className="flex flex-col gap-4">
      {created && (
        <p
          role="status"
          className="rounded-lg border border-green-300 bg-green-50 px-4 py-3 text-green-900"
        >
          Booked and confirmed. {b.contactName ?? "The customer"} has been emailed their booking and
          its link.
        </p>
      )}
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
        <nav aria-label="Printable sheets" className="flex flex-wrap gap-3 text-sm sm:ml-auto">
          <Link className={TAP} href={`/bookings/${id}/prep`}>
            Prep sheet
          </Link>
          <Link className={TAP} href={runSheet}>
            Run sheet for {formatInstant(b.startsAt, tz, "shortDay")}
          </Link>
        </nav>
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
              {formatInstant(b.startsAt, tz, "shortDateTime")} –{" "}
              {formatInstant(b.endsAt, tz, "time")}
            </dd>
            <dt className="text-muted">Guests</dt>
            <dd>
              {b.adults} adults, {b.children} children · {b.package.name}
            </dd>
            <dt className="text-muted">Address</dt>
            <dd>
              {b.links.map ? (
                <a className={LINK} href={b.links.map} target="_blank" rel="noreferrer">
                  {b.links.address}
                  <span className="sr-only"> (opens Google Maps in a new tab)</span>
                </a>
              ) : (
                b.links.address
              )}
            </dd>
            <dt className="text-muted">Zone</dt>
            <dd>
              {b.travelZoneName} ({b.distanceMiles} mi)
            </dd>
            <dt className="text-muted">Chefs</dt>
            <dd data-testid="assigned-chefs">
              {b.liveChefs.map((c) => c.name).join(", ") || "none"}
            </dd>
            <dt className="text-muted">Booked</dt>
            <dd data-testid="booking-source">{SOURCE_WORDS[b.source] ?? b.source}</dd>
            <dt className="text-muted">Contact</dt>
            <dd>
              {b.customer ? (
                <Link className={TAP} href={`/customers/${b.customer.id}`}>
                  {b.contactName}
                </Link>
              ) : (
                (b.contactName ?? "—")
              )}
              <span className="flex flex-wrap gap-x-3">
                {b.contactPhone &&
                  (b.links.phone ? (
                    <a
                      className={`${TAP} whitespace-nowrap`}
                      href={b.links.phone}
                      data-testid="contact-phone"
                    >
                      {b.contactPhone}
                    </a>
                  ) : (
                    b.contactPhone
                  ))}
                {b.contactEmail && b.links.email && (
                  <a
                    className={`${TAP} break-all`}
                    href={b.links.email}
                    data-testid="contact-email"
                  >
                    {b.contactEmail}
                  </a>
                )}
              </span>
            </dd>
            {b.cancelReason && (
              <>
                <dt className="text-muted">Cancelled</dt>
                <dd>{b.cancelReason}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card>
          <KitchenOrderSection order={b.kitchenOrder} heading="Kitchen order" />
        </Card>
        <Card className="grid gap-x-8 md:col-span-2 md:grid-cols-2">
          <div>
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
          </div>
          <div>
            <h3 className="mt-3 font-semibold md:mt-0">Payments</h3>
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
          </div>
        </Card>
      </div>

      <PaymentsCard id={id} />
      <ChefOnTheWay
        id={b.id}
        status={b.status}
        startsAt={b.startsAt}
        endsAt={b.endsAt}
        timeZone={b.timeZone}
      />

      {live && (
        <Card>
          <h2 className="font-semibold">Chef assignment</h2>
          <ChefAssignment
            key={b.liveChefs.map((c) => c.id).join()}
            options={b.chefOptions}
            current={b.liveChefs.map((c) => c.id)}
            pending={reassign.isPending}
            onSave={(chefIds) => {
              setDone(null);
              reassign.reset();
              reassign.mutate({ id, chefIds });
            }}
          />
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

      {/* Paid above a total a change lowered, or paid in person on a cancelled booking. */}
      {b.owedBack && (
        <Card>
          <h2 className="font-semibold">
            Owed to the customer:{" "}
            <span data-testid="owed-back-amount">{formatCents(b.owedBack.cents)}</span>
          </h2>
          <p className="mt-2 text-sm font-semibold" data-testid="owed-back">
            {b.owedBack.sentence}
          </p>
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
            {/* Offered once the event is over (the server's rule, with its reason otherwise). */}
            {b.completeBlocker === null && (
              <Button
                variant="secondary"
                onClick={() => {
                  status.reset();
                  setAsking("complete");
                }}
              >
                Mark completed…
              </Button>
            )}
            <Button
              variant="danger"
              onClick={() => {
                cancel.reset();
                setAsking("cancel");
              }}
            >
              Cancel booking…
            </Button>
          </div>
          {asking === null && (
            <div className="mt-2">
              <ErrorBox>{errorMessage(status.error)}</ErrorBox>
            </div>
          )}
          {b.completeBlocker && (b.status === "PENDING" || b.status === "CONFIRMED") && (
            <p className="mt-3 text-sm text-muted" data-testid="complete-blocker">
              {b.completeBlocker}
            </p>
          )}
          <p className="mt-3 text-xs text-muted">{b.cancellation.policy}</p>
          <ConfirmDialog
            open={asking === "cancel"}
            onClose={() => setAsking(null)}
            title={`Cancel booking ${b.code}?`}
          >
            <form
              className="flex flex-col gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                setDone(null);
                cancel.mutate({ id, reason });
              }}
            >
              <p className="text-sm">
                {formatInstant(b.startsAt, tz, "fullDateTime")} for{" "}
                {b.contactName ?? "the customer"} is cancelled and{" "}
                {b.liveChefs.map((c) => c.name).join(" and ") || "the chef"}{" "}
                {b.liveChefs.length > 1 ? "are" : "is"} free again. The customer is emailed your
                reason.
              </p>
              <p className="text-sm font-semibold" data-testid="cancel-money">
                {b.cancellation.summary}
              </p>
              <Field
                id="cancel-reason"
                label="Reason for cancelling (the customer will read it)"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                autoFocus
              />
              <ErrorBox>{errorMessage(cancel.error)}</ErrorBox>
              <div className="flex flex-wrap gap-2">
                <Button variant="danger" type="submit" disabled={cancel.isPending}>
                  {cancel.isPending ? "Cancelling…" : "Yes, cancel the booking"}
                </Button>
                <Button variant="secondary" type="button" onClick={() => setAsking(null)}>
                  Keep the booking
                </Button>
              </div>
            </form>
          </ConfirmDialog>
          <ConfirmDialog
            open={asking === "complete"}
            onClose={() => setAsking(null)}
            title={`Mark booking ${b.code} completed?`}
          >
            <p className="text-sm">
              The event on {formatInstant(b.startsAt, tz, "fullDateTime")} is recorded as done. A
              completed booking can no longer be cancelled, moved or given other chefs.
            </p>
            <p className="text-sm font-semibold" data-testid="complete-money">
              {b.money.balanceDueCents > 0
                ? `${formatCents(b.money.balanceDueCents)} is still due: if the customer paid at the event, record it under Payments.`
                : "Nothing is left to pay."}
            </p>
            <ErrorBox>{errorMessage(status.error)}</ErrorBox>
            <div className="flex flex-wrap gap-2">
              <Button
                onClick={() => status.mutate({ id, action: "complete" })}
                disabled={status.isPending}
                autoFocus
              >
                {status.isPending ? "Saving…" : "Yes, mark completed"}
              </Button>
              <Button variant="secondary" onClick={() => setAsking(null)}>
                Not yet
              </Button>
            </div>
          </ConfirmDialog>
        </Card>
      )}

      <Card>
        <h2 className="font-semibold">History</h2>
        <ol className="mt-2 flex flex-col gap-1 text-sm" data-testid="history">
          {b.history.map((h) => (
            <li key={h.id} className="grid gap-x-3 sm:grid-cols-[14rem_1fr]">
              <time dateTime={new Date(h.at).toISOString()} className="text-muted">
                {formatInstant(h.at, tz, "shortDateTime")}
              </time>
              <span>{h.sentence}</span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
