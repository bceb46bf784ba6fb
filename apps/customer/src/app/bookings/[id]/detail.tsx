"use client";
import { seedQuery, useMutation, useQuery, useQueryClient } from "~/lib/query";
import type { inferRouterOutputs } from "@trpc/server";
import type { CustomerRouter } from "@myhibachi/api";
import Link from "~/lib/link";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { Badge, Button, Card, ErrorBox } from "@myhibachi/ui";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import { bookingStatusWords, formatCents, formatInstant, addressLine } from "@myhibachi/shared";
import { canRetry, errorMessage, linkErrorMessage, useTRPC } from "~/lib/trpc";
import { QuoteTable } from "../../book/quote-table";
import { BookingMoneyCard, MoneyLines } from "./money";
import { AddToCalendar } from "./add-to-calendar";

// Moving the booking and changing the party load when the customer opens them (the calendar and
// the menu pickers are most of this page's code; the page's first-load budget is 150 KB).
const RescheduleFlow = lazy(() =>
  import("./reschedule").then((m) => ({ default: m.RescheduleFlow })),
);
const ChangePartyFlow = lazy(() =>
  import("./change-party").then((m) => ({ default: m.ChangePartyFlow })),
);
const panelLoading = (
  <p role="status" className="mt-4 text-sm text-muted">
    Loading…
  </p>
);

/** The parts of this page's URL the booking is read with: a refused one means a bad link. */
const URL_FIELDS = ["id", "token"];

/** "12:04" left until `until`, ticking every second (null once it has passed). */
function useCountdown(until: Date | null): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  if (!until) return null;
  const left = Math.floor((until.getTime() - now) / 1000);
  if (left <= 0) return null;
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
}

export type BookingRead = inferRouterOutputs<CustomerRouter>["booking"]["get"];

export function BookingDetail({
  id,
  token,
  isNew,
  checkoutSessionId,
  initial,
  phone,
}: {
  id: string;
  token?: string;
  isNew: boolean;
  /** The business's phone number, for what to do next. */
  phone?: string;
  /** Back from Stripe Checkout (?checkout=success&session_id=...): check that payment now. */
  checkoutSessionId?: string;
  /** The booking as the page's server part read it (not asked again), if it could. */
  initial?: BookingRead;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const read = trpc.booking.get.queryOptions({ id, token });
  seedQuery(read.queryKey, initial);
  const q = useQuery(read);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [reason, setReason] = useState("");
  /** Which change panel is open under "Change of plans?". */
  const [panel, setPanel] = useState<"reschedule" | "party" | null>(null);
  /** What the last move or change did, said at the top of the page (focused for screen readers). */
  const [done, setDone] = useState<{ kind: "moved" | "changed"; message: string } | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  // Everything the page shows about this booking: its card and its balance / receipts card.
  const invalidate = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: trpc.booking.get.queryKey({ id, token }) }),
      qc.invalidateQueries({ queryKey: trpc.booking.payments.queryKey({ id, token }) }),
      qc.invalidateQueries({ queryKey: trpc.booking.previewChange.pathKey() }),
    ]);
  const cancel = useMutation(
    trpc.booking.cancel.mutationOptions({
      onSuccess: () => {
        setDone(null);
        setPanel(null);
        return invalidate();
      },
    }),
  );
  const confirm = useMutation(trpc.booking.confirm.mutationOptions({ onSuccess: invalidate }));
  const payDeposit = useMutation(
    trpc.booking.payDeposit.mutationOptions({
      onSuccess: (res) => window.location.assign(res.url),
    }),
  );
  // Back from Stripe: the webhook may not have arrived yet; checking the session records the
  // payment through the same idempotent step (whichever comes first does it, once).
  const checkPaid = useMutation(
    trpc.booking.checkDepositPayment.mutationOptions({ onSettled: invalidate }),
  );
  const { mutate: checkPaidMutate } = checkPaid;
  useEffect(() => {
    if (checkoutSessionId) checkPaidMutate({ id, token, sessionId: checkoutSessionId });
  }, [checkoutSessionId, checkPaidMutate, id, token]);
  const b = q.data?.booking;
  const holdUntil =
    q.data?.awaitingConfirmation && b?.holdExpiresAt ? new Date(b.holdExpiresAt) : null;
  const left = useCountdown(holdUntil);
  // The change policy with this booking's dates, and the party as booked (the form starts there).
  const changeQ = useQuery({
    ...trpc.booking.previewChange.queryOptions({ id, token }),
    enabled: !!b && !b.readOnly && q.data?.cancellation.allowed === true,
  });

  if (q.isLoading) return <p role="status">Loading your booking…</p>;
  if (!b || !q.data)
    return (
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold">Your booking</h1>
        <ErrorBox onRetry={canRetry(q.error) ? () => void q.refetch() : undefined}>
          {linkErrorMessage(q.error, URL_FIELDS) ?? "Booking not found."}
        </ErrorBox>
      </div>
    );
  const { cancellation, money } = q.data;
  const stripe = money.mode === "stripe";
  // The same words as My bookings (@myhibachi/shared).
  const status = bookingStatusWords(b.status, { depositOnline: stripe });

  return (
    <div className="flex min-w-0 flex-col gap-5 [&_p]:[overflow-wrap:anywhere]">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-3xl font-extrabold">Booking {b.code}</h1>
        <span data-testid="booking-status">
          <Badge tone={status.tone}>{status.label}</Badge>
        </span>
      </div>
      {b.status === "PENDING" && (
        <p className="text-sm" data-testid="pending-explained">
          We&apos;re checking your party with our chefs and will email {b.contact.email} as soon as
          it&apos;s confirmed. Your time is kept for you meanwhile
          {phone ? `; questions? Call ${phone}` : ""}.
        </p>
      )}
      {b.status === "EXPIRED" && (
        <p className="text-sm" data-testid="expired-explained">
          The hold ran out before it was confirmed, so the time was released.{" "}
          <a href="/book" className="font-semibold underline">
            Book again
          </a>{" "}
          (it may still be free){phone ? `, or call ${phone}` : ""}.
        </p>
      )}
      {done && (
        <p
          ref={doneRef}
          tabIndex={-1}
          role="status"
          className="rounded-xl border border-green-300 bg-green-50 p-3 text-green-900"
          data-testid={done.kind === "moved" ? "reschedule-done" : "change-done"}
        >
          {done.message}
        </p>
      )}
      {q.data.awaitingConfirmation && holdUntil && (
        <div role="status" className="rounded-2xl border border-amber-300 bg-amber-50 p-4">
          <h2 className="text-2xl font-extrabold text-amber-900">
            {q.data.canPayDeposit
              ? "Almost done: pay the deposit to confirm"
              : isNew
                ? "Almost done: confirm your booking"
                : "Please confirm your booking"}
          </h2>
          <p>
            We're holding this time for you until{" "}
            {formatInstant(holdUntil, b.timeZone, "timeWithZone")}
            {left ? (
              <>
                {" "}
                (<span data-testid="hold-countdown">{left}</span> left)
              </>
            ) : null}
            .{" "}
            {stripe ? (
              <>
                Pay the {formatCents(b.depositCents)} deposit on Stripe's secure page before then,
                or the time is released for other guests. Nothing has been charged yet.
              </>
            ) : q.data.canConfirmHere ? (
              <>Confirm before then or the time is released for other guests.</>
            ) : (
              <>
                We emailed {b.contact.email ?? "you"} a link: open it and confirm before then, or
                the time is released for other guests.
              </>
            )}
          </p>
          {q.data.canConfirmHere && (
            <Button
              className="mt-3"
              disabled={confirm.isPending || !left}
              onClick={() => confirm.mutate({ id, token })}
            >
              {confirm.isPending ? "Confirming…" : "Confirm my booking"}
            </Button>
          )}
          {q.data.canPayDeposit && (
            <Button
              className="mt-3"
              disabled={payDeposit.isPending || !left}
              onClick={() => payDeposit.mutate({ id, token })}
            >
              {payDeposit.isPending
                ? "Opening the payment page…"
                : `Pay the ${formatCents(b.depositCents)} deposit`}
            </Button>
          )}
          <ErrorBox>{errorMessage(confirm.error) ?? errorMessage(payDeposit.error)}</ErrorBox>
        </div>
      )}
      {(isNew || (checkoutSessionId && money.depositPaid)) &&
        b.status !== "CANCELLED" &&
        b.status !== "HELD" && (
          <div role="status" className="rounded-2xl border border-green-300 bg-green-50 p-4">
            {/* Back from paying the balance (not the deposit): thank them for that. */}
            {!isNew && money.lines.some((l) => l.kind === "balance_paid") ? (
              <>
                <h2 className="text-2xl font-extrabold text-green-900">
                  Thank you! Your payment went through.
                </h2>
                <p>We emailed your receipt to {b.contact.email}.</p>
              </>
            ) : (
              <>
                <h2 className="text-2xl font-extrabold text-green-900">
                  {b.status === "PENDING" ? "Thanks! We got your booking" : "You're booked! 🎉"}
                </h2>
                <p>
                  We emailed a confirmation to {b.contact.email}. Keep this page's link to manage
                  your booking.
                </p>
              </>
            )}
          </div>
        )}
      {b.readOnly && (
        <p role="status" className="rounded-xl border border-stone-200 bg-stone-50 p-3 text-sm">
          This booking is {b.status === "CANCELLED" ? "cancelled" : "no longer active"}. For your
          privacy this link shows only a summary; sign in with the email you booked with to see
          everything.
        </p>
      )}
      <Card>
        <h2 className="text-xl font-bold">Your party</h2>
        <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium">When</dt>
          <dd data-testid="booking-when">
            {formatInstant(b.startsAt, b.timeZone, "fullDateTime")}
          </dd>
          <dt className="font-medium">Guests</dt>
          <dd>
            {b.adults} {b.adults === 1 ? "adult" : "adults"}, {b.children}{" "}
            {b.children === 1 ? "child" : "children"} · {b.packageName}
          </dd>
          <dt className="font-medium">Where</dt>
          <dd>{addressLine(b.address)}</dd>
          {b.chefs.length > 0 && (
            <>
              <dt className="font-medium">Chef</dt>
              <dd>{b.chefs.join(" and ")}</dd>
            </>
          )}
          {b.cancelledAt && (
            <>
              <dt className="font-medium">Cancelled</dt>
              <dd>{b.cancelReason}</dd>
            </>
          )}
        </dl>
        {/* Payment rows come from the money lines below (what was really paid and is due). */}
        <QuoteTable quote={b} payments="none" />
        <section aria-labelledby="money-heading" className="mt-4" data-testid="money">
          <h3 id="money-heading" className="font-bold">
            Payments
          </h3>
          <p className="text-sm" data-testid="money-headline">
            {money.headline}
          </p>
          <MoneyLines lines={money.lines} headline={money.headline} />
          {checkPaid.isPending && <p role="status">Checking your payment…</p>}
        </section>
      </Card>
      {/* What the chef will cook: a summary link (cancelled) hides allergies and notes, so not shown. */}
      {!b.readOnly && (
        <Card>
          <KitchenOrderSection order={b.kitchenOrder} heading="Your menu" />
        </Card>
      )}
      <BookingMoneyCard id={id} token={token} />
      {(b.status === "PENDING" || b.status === "CONFIRMED") &&
        new Date(b.endsAt).getTime() > Date.now() && <AddToCalendar id={id} token={token} />}

      {cancellation.allowed && (
        <Card>
          <h2 className="font-bold">Change of plans?</h2>
          <p className="mt-1 text-sm text-muted">{cancellation.policy}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            {q.data.canReschedule && (
              <Button
                variant="secondary"
                aria-expanded={panel === "reschedule"}
                onClick={() => {
                  setPanel((p) => (p === "reschedule" ? null : "reschedule"));
                  setConfirmCancel(false);
                }}
              >
                Reschedule
              </Button>
            )}
            {changeQ.data?.window.open && (
              <Button
                id="change-party-button"
                variant="secondary"
                aria-expanded={panel === "party"}
                onClick={() => {
                  setPanel((p) => (p === "party" ? null : "party"));
                  setConfirmCancel(false);
                }}
              >
                Change guests or menu
              </Button>
            )}
            <Button
              variant="danger"
              onClick={() => {
                setConfirmCancel(true);
                setPanel(null);
              }}
            >
              Cancel booking
            </Button>
          </div>
          {/* The cutoff is the reason only for a booking that could otherwise move (one still
              waiting for its confirmation says so in the line below). */}
          {!q.data.canReschedule && (b.status === "PENDING" || b.status === "CONFIRMED") && (
            <p className="mt-2 text-xs text-muted">
              Online rescheduling closes {q.data.rescheduleCutoffHours} hours before the event.
            </p>
          )}
          {changeQ.data && !changeQ.data.window.open && changeQ.data.window.reason && (
            <p className="mt-2 text-xs text-muted" data-testid="change-closed">
              {changeQ.data.window.reason}
            </p>
          )}
          <Suspense fallback={panelLoading}>
            {panel === "reschedule" && q.data.canReschedule && (
              <RescheduleFlow
                booking={{ id, token }}
                startsAt={new Date(b.startsAt)}
                timeZone={b.timeZone}
                guests={b.adults + b.children}
                postalCode={b.address.postalCode}
                chefs={b.chefs}
                rescheduleDeposit={q.data.rescheduleDeposit}
                partyVersion={changeQ.data?.current.version}
                onInvalidate={invalidate}
                onMoved={(message) => {
                  setPanel(null);
                  setDone({ kind: "moved", message });
                }}
              />
            )}
            {panel === "party" && changeQ.data?.window.open && (
              <ChangePartyFlow
                booking={{ id, token }}
                current={changeQ.data.current}
                policy={changeQ.data.window.policy}
                startsAt={new Date(b.startsAt).toISOString()}
                onInvalidate={invalidate}
                onClose={() => {
                  setPanel(null);
                  // Closed without a change: focus back on the button that opened it.
                  document.getElementById("change-party-button")?.focus();
                }}
                onChanged={(message) => {
                  setPanel(null);
                  setDone({ kind: "changed", message });
                }}
              />
            )}
          </Suspense>
          {confirmCancel && (
            <div className="mt-4 flex flex-col gap-2 rounded-xl border border-red-200 bg-red-50 p-3">
              <p className="font-medium" data-testid="cancel-money">
                {cancellation.summary}
              </p>
              <label htmlFor="reason" className="text-sm">
                Reason (optional)
              </label>
              <input
                id="reason"
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                className="min-h-11 rounded-lg border border-stone-300 px-3"
              />
              <div className="flex gap-2">
                <Button
                  variant="danger"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate({ id, token, reason })}
                >
                  {cancel.isPending ? "Cancelling…" : "Yes, cancel it"}
                </Button>
                <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
                  Keep my booking
                </Button>
              </div>
              <ErrorBox>{errorMessage(cancel.error)}</ErrorBox>
            </div>
          )}
        </Card>
      )}
      <Link href="/bookings" className="text-brand-700 underline">
        All my bookings
      </Link>
    </div>
  );
}
