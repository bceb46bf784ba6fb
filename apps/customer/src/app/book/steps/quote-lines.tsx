"use client";
// The wizard's sidebar quote: each line, the total and how it is paid. In the later steps' chunk
// (a price needs the menu step), not in the booking page's first load.
import { formatCents } from "@myhibachi/shared";

export function QuoteLines({
  quote,
  stripe,
}: {
  quote: {
    lines: { label: string; totalCents: number }[];
    totalCents: number;
    depositCents: number;
    balanceCents: number;
  };
  stripe: boolean;
}) {
  return (
    <>
      <ul className="mt-2 flex flex-col gap-1 text-sm">
        {quote.lines.map((l, i) => (
          <li key={i} className="flex justify-between gap-2">
            <span>{l.label}</span>
            <span className="tabular-nums">{formatCents(l.totalCents)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 flex justify-between border-t pt-2 font-bold" data-testid="sidebar-total">
        <span>Total</span>
        <span className="tabular-nums">{formatCents(quote.totalCents)}</span>
      </p>
      <p className="text-xs text-muted">
        {stripe
          ? `Deposit online ${formatCents(quote.depositCents)} · at the event ${formatCents(quote.balanceCents)}`
          : "Paid at the event: no payment is taken online"}
      </p>
    </>
  );
}
