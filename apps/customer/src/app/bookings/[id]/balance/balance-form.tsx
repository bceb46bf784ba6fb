"use client";
// The balance page: what is still due, a tip for the chef (none, a suggested percentage of the
// food, or an amount of your choice) and the button to Stripe's hosted payment page. Without
// online payments it says plainly that the balance is paid at the event.
import { seedQuery, useMutation, useQuery } from "~/lib/query";
import type { inferRouterOutputs } from "@trpc/server";
import type { CustomerRouter } from "@myhibachi/api";
import Link from "~/lib/link";
import { useState } from "react";
import { Button, Card, ErrorBox } from "@myhibachi/ui";
import { dollarsToCents, formatCents, formatInstant } from "@myhibachi/shared";
import { canRetry, errorMessage, linkErrorMessage, useTRPC } from "~/lib/trpc";
import { MoneyLines, withToken } from "../money";

type Choice = { kind: "none" } | { kind: "percent"; bps: number } | { kind: "custom" };

type PaymentsRead = inferRouterOutputs<CustomerRouter>["booking"]["payments"];

export function BalanceForm({
  id,
  token,
  cancelled,
  initial,
}: {
  id: string;
  token?: string;
  cancelled: boolean;
  /** What the page's server part read (not asked again), if it could. */
  initial?: PaymentsRead;
}) {
  const trpc = useTRPC();
  const read = trpc.booking.payments.queryOptions({ id, token });
  seedQuery(read.queryKey, initial);
  const q = useQuery(read);
  const [choice, setChoice] = useState<Choice | null>(null);
  const [custom, setCustom] = useState("");
  const pay = useMutation(
    trpc.booking.payBalance.mutationOptions({
      onSuccess: (r) => window.location.assign(r.url),
    }),
  );
  if (q.isLoading) return <p role="status">Loading…</p>;
  if (!q.data)
    return (
      <ErrorBox onRetry={canRetry(q.error) ? () => void q.refetch() : undefined}>
        {linkErrorMessage(q.error, ["id", "token"]) ?? "Booking not found."}
      </ErrorBox>
    );
  const d = q.data;
  const back = withToken(`/bookings/${id}`, token);
  const suggested = d.balance.tips.find((t) => t.suggested) ?? null;
  const picked: Choice =
    choice ?? (suggested ? { kind: "percent", bps: suggested.bps } : { kind: "none" });
  const customCents = dollarsToCents(custom.trim() || "0");
  const tipCents =
    picked.kind === "none"
      ? 0
      : picked.kind === "percent"
        ? (d.balance.tips.find((t) => t.bps === picked.bps)?.cents ?? 0)
        : (customCents ?? 0);
  const customError =
    picked.kind === "custom" && customCents === null
      ? "Enter the tip in dollars, like 50 or 62.50."
      : null;

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-extrabold">Pay the balance · {d.code}</h1>
      <p className="text-muted">
        Your hibachi party on {formatInstant(d.startsAt, d.timeZone, "fullDateTime")}.
      </p>
      {cancelled && (
        <p role="status" className="rounded-xl border border-stone-200 bg-stone-50 p-3 text-sm">
          You left the payment page: nothing was charged. You can pay now or at the event.
        </p>
      )}
      <Card>
        <h2 className="font-bold">Where your booking stands</h2>
        <p className="mt-1" data-testid="money-headline">
          {d.money.headline}
        </p>
        <div className="mt-2">
          <MoneyLines lines={d.money.lines} headline={d.money.headline} />
        </div>
      </Card>
      {!d.balance.online ? (
        <Card>
          <p role="status" data-testid="balance-notice">
            {d.balance.notice}
          </p>
          <Link href={back} className="mt-3 inline-block text-brand-700 underline">
            Back to your booking
          </Link>
        </Card>
      ) : (
        <Card>
          <form
            className="flex flex-col gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              if (customError) return;
              pay.mutate({
                id,
                token,
                tip:
                  picked.kind === "custom"
                    ? { kind: "custom", cents: customCents ?? 0 }
                    : picked.kind === "percent"
                      ? { kind: "percent", bps: picked.bps }
                      : { kind: "none" },
              });
            }}
          >
            <fieldset className="flex flex-col gap-2">
              <legend className="font-bold">Add a tip for your chef?</legend>
              <p className="text-sm text-muted">
                Optional, and all of it goes to your chef. Percentages are of the food (
                {formatCents(d.subtotalCents)}).
              </p>
              <div className="grid gap-2 sm:grid-cols-2">
                {d.balance.tips.map((t) => (
                  <TipRadio
                    key={t.bps}
                    checked={picked.kind === "percent" && picked.bps === t.bps}
                    onChange={() => setChoice({ kind: "percent", bps: t.bps })}
                    label={`${t.label} · ${formatCents(t.cents)}${t.suggested ? " (suggested)" : ""}`}
                  />
                ))}
                <TipRadio
                  checked={picked.kind === "none"}
                  onChange={() => setChoice({ kind: "none" })}
                  label="No tip"
                />
                <TipRadio
                  checked={picked.kind === "custom"}
                  onChange={() => setChoice({ kind: "custom" })}
                  label="Another amount"
                />
              </div>
              {picked.kind === "custom" && (
                <div className="flex flex-col gap-1">
                  <label htmlFor="custom-tip" className="text-sm font-medium">
                    Tip in dollars
                  </label>
                  <input
                    id="custom-tip"
                    inputMode="decimal"
                    autoComplete="off"
                    value={custom}
                    onChange={(e) => setCustom(e.target.value)}
                    aria-invalid={customError ? true : undefined}
                    aria-describedby={customError ? "custom-tip-error" : undefined}
                    className="min-h-11 w-40 rounded-lg border border-stone-300 px-3"
                  />
                  {customError && (
                    <p id="custom-tip-error" role="alert" className="text-sm text-red-700">
                      {customError}
                    </p>
                  )}
                </div>
              )}
            </fieldset>
            <table className="w-full text-sm">
              <tbody>
                <tr>
                  <th scope="row" className="py-1 text-left font-normal">
                    Balance
                  </th>
                  <td className="text-right tabular-nums">{formatCents(d.balance.dueCents)}</td>
                </tr>
                <tr>
                  <th scope="row" className="py-1 text-left font-normal">
                    Tip
                  </th>
                  <td className="text-right tabular-nums" data-testid="tip-amount">
                    {formatCents(tipCents)}
                  </td>
                </tr>
                <tr className="border-t font-bold">
                  <th scope="row" className="py-2 text-left">
                    To pay now
                  </th>
                  <td className="text-right tabular-nums" data-testid="pay-total">
                    {formatCents(d.balance.dueCents + tipCents)}
                  </td>
                </tr>
              </tbody>
            </table>
            <ErrorBox>{errorMessage(pay.error)}</ErrorBox>
            <Button type="submit" disabled={pay.isPending || !!customError}>
              {pay.isPending
                ? "Opening the secure payment page…"
                : `Pay ${formatCents(d.balance.dueCents + tipCents)} securely`}
            </Button>
            <p className="text-xs text-muted">
              You pay on Stripe&apos;s secure page; we never see your card. Rather pay at the event?
              That&apos;s fine too: the chef takes cash or a card.{" "}
              <Link href={back} className="underline">
                Back to your booking
              </Link>
            </p>
          </form>
        </Card>
      )}
    </div>
  );
}

function TipRadio({
  checked,
  onChange,
  label,
}: {
  checked: boolean;
  onChange: () => void;
  label: string;
}) {
  return (
    <label
      className={`flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 ${
        checked ? "border-brand-600 bg-brand-50" : "border-stone-300 bg-white"
      }`}
    >
      <input type="radio" name="tip" checked={checked} onChange={onChange} />
      <span>{label}</span>
    </label>
  );
}
