"use client";
// The booking's payments for staff (its money lines are on the booking card above): each payment
// attempt as stored, the receipts and whether they were emailed, the balance email, and the form
// to record what the customer paid in person (cash or card), audited, which emails a receipt.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, Button, Card, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import { dollarsToCents, formatCents, formatInstant } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";

// How, not when: a payment in person is "at the event" only on the event's day (core's
// paidAtTheEvent), which the money lines and the history say.
const METHOD = { STRIPE: "online (Stripe)", CASH: "cash", CARD_IN_PERSON: "card in person" };
const newKey = () => crypto.randomUUID().replace(/-/g, "");

export function PaymentsCard({ id }: { id: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const q = useQuery(trpc.bookings.payments.queryOptions({ id }));
  const [method, setMethod] = useState<"CASH" | "CARD_IN_PERSON">("CASH");
  const [amount, setAmount] = useState<string | null>(null);
  const [tip, setTip] = useState("");
  const [note, setNote] = useState("");
  const [key, setKey] = useState(newKey);
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation(
    trpc.bookings.recordPayment.mutationOptions({
      onSuccess: (r) => {
        setDone(
          `Recorded ${formatCents(r.amountCents)}${r.tipCents ? ` and a ${formatCents(r.tipCents)} tip` : ""}. The customer is emailed a receipt.`,
        );
        setAmount(null);
        setTip("");
        setNote("");
        setKey(newKey());
        void refresh();
      },
    }),
  );
  if (q.isLoading) return null;
  if (!q.data) return <ErrorBox>{errorMessage(q.error)}</ErrorBox>;
  const d = q.data;
  const due = d.money.balanceDueCents;
  const amountText = amount ?? (due > 0 ? (due / 100).toFixed(2) : "0");
  const amountCents = dollarsToCents(amountText || "0");
  const tipCents = dollarsToCents(tip || "0");
  const formError =
    amountCents === null
      ? "Enter the amount in dollars, like 1010.21."
      : tipCents === null
        ? "Enter the tip in dollars, like 150 or 150.00."
        : null;
  const tz = d.timeZone;
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Payments and receipts</h2>
        <Badge tone={d.paymentMode === "STRIPE" ? "blue" : "neutral"}>
          {d.paymentMode === "STRIPE" ? "deposit online (Stripe)" : "pay at the event"}
        </Badge>
      </div>
      {d.payments.length === 0 && (
        <p className="mt-1 text-sm text-muted">Nothing paid or attempted yet.</p>
      )}
      {d.payments.length > 0 && (
        // Focusable so a keyboard can scroll it on a phone.
        <div
          className="mt-3 overflow-x-auto"
          role="region"
          aria-label="Payment attempts (scrolls sideways)"
          tabIndex={0}
        >
          <table className="w-full min-w-[28rem] text-sm">
            <caption className="text-left font-medium">Payment attempts</caption>
            <thead>
              <tr className="border-b text-left text-muted">
                <th className="py-1 font-normal">When</th>
                <th className="font-normal">What</th>
                <th className="font-normal">Status</th>
                <th className="text-right font-normal">Amount</th>
              </tr>
            </thead>
            <tbody>
              {d.payments.map((p) => (
                <tr key={p.id} className="border-b border-stone-100 align-top">
                  <td className="py-1">
                    {formatInstant(p.paidAt ?? p.createdAt, tz, "shortDateTime")}
                  </td>
                  <td>
                    {p.kind.toLowerCase()}, {METHOD[p.method]}
                    {p.recordedBy ? ` · recorded by ${p.recordedBy}` : ""}
                    {p.note ? ` · “${p.note}”` : ""}
                    {p.failureMessage && p.status !== "SUCCEEDED" ? ` · ${p.failureMessage}` : ""}
                  </td>
                  <td>{p.status.toLowerCase()}</td>
                  <td className="text-right tabular-nums">
                    {formatCents(p.amountCents)}
                    {p.tipCents ? ` + ${formatCents(p.tipCents)} tip` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {d.receipts.length > 0 && (
        <div className="mt-3 text-sm">
          <h3 className="font-medium">Receipts</h3>
          <ul>
            {d.receipts.map((r) => (
              <li key={r.id}>
                {r.number} · {r.label} · {formatCents(r.amountCents)} ·{" "}
                {r.email ? `emailed (${r.email.status.toLowerCase()})` : "not emailed yet"}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="mt-2 text-xs text-muted">
        Balance email:{" "}
        {d.balanceEmail
          ? `“${d.balanceEmail.subject}”, ${formatInstant(d.balanceEmail.createdAt, tz, "shortDateTime")} (${d.balanceEmail.status.toLowerCase()})`
          : due === 0
            ? "not needed (nothing is due)"
            : "not sent yet (it goes out before the event, set in Settings)"}
      </p>

      {done && (
        <p role="status" className="mt-3 rounded-lg bg-green-50 p-3 text-sm text-green-800">
          {done}
        </p>
      )}
      {d.canRecordPayment && (
        <form
          className="mt-4 flex flex-col gap-3 border-t border-stone-200 pt-3"
          onSubmit={(e) => {
            e.preventDefault();
            setDone(null);
            if (formError || amountCents === null || tipCents === null) return;
            record.mutate({
              id,
              method,
              amountCents,
              tipCents,
              ...(note.trim() ? { note: note.trim() } : {}),
              idempotencyKey: key,
            });
          }}
        >
          <h3 className="font-medium">Paid in person</h3>
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField
              id="pay-method"
              label="How"
              value={method}
              onChange={(e) => setMethod(e.target.value as "CASH" | "CARD_IN_PERSON")}
            >
              <option value="CASH">Cash</option>
              <option value="CARD_IN_PERSON">Card (chef&apos;s reader)</option>
            </SelectField>
            <Field
              id="pay-amount"
              label={`Amount ($, ${formatCents(due)} due)`}
              inputMode="decimal"
              value={amountText}
              onChange={(e) => setAmount(e.target.value)}
            />
            <Field
              id="pay-tip"
              label="Tip ($, optional)"
              inputMode="decimal"
              value={tip}
              onChange={(e) => setTip(e.target.value)}
            />
          </div>
          <Field
            id="pay-note"
            label="Note (optional, staff only)"
            value={note}
            maxLength={300}
            onChange={(e) => setNote(e.target.value)}
          />
          <ErrorBox>{formError ?? errorMessage(record.error)}</ErrorBox>
          <Button type="submit" className="self-start" disabled={record.isPending || !!formError}>
            {record.isPending ? "Recording…" : "Record payment"}
          </Button>
        </form>
      )}
    </Card>
  );
}
