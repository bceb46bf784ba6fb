// The itemised price of a party: the wizard's review and sidebar, finish-a-hold and a booking's page.
import { formatCents } from "@myhibachi/shared";

interface QuoteView {
  lines: { code: string; label: string; detail: string | null; totalCents: number }[];
  totalCents: number;
  depositCents: number;
  balanceCents: number;
  suggestedGratuityCents?: number;
}

export function QuoteTable({
  quote,
  payments = "pay_at_event",
}: {
  quote: QuoteView;
  /**
   * "stripe": a deposit is paid online; "pay_at_event": everything is paid at the event; "none":
   * no payment rows (a booking's page prints what was really paid and is due from its money).
   */
  payments?: "stripe" | "pay_at_event" | "none";
}) {
  return (
    <table className="mt-4 w-full text-sm" data-testid="quote-table">
      <caption className="sr-only">Itemised price</caption>
      <thead>
        <tr className="border-b text-left">
          <th scope="col" className="py-1">
            Item
          </th>
          <th scope="col" className="py-1">
            Detail
          </th>
          <th scope="col" className="py-1 text-right">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {quote.lines.map((l, i) => (
          <tr key={i} className="border-b border-stone-100">
            <td className="py-1">{l.label}</td>
            <td className="py-1 text-muted">{l.detail}</td>
            <td className="py-1 text-right" data-testid="line-amount">
              {formatCents(l.totalCents)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-bold">
          <th scope="row" colSpan={2} className="py-2 text-left">
            Total
          </th>
          <td className="py-2 text-right" data-testid="quote-total">
            {formatCents(quote.totalCents)}
          </td>
        </tr>
        {payments === "stripe" ? (
          <>
            <tr>
              <td colSpan={2}>Deposit, paid online to confirm</td>
              <td className="text-right">{formatCents(quote.depositCents)}</td>
            </tr>
            <tr>
              <td colSpan={2}>Balance due at the event</td>
              <td className="text-right">{formatCents(quote.balanceCents)}</td>
            </tr>
          </>
        ) : payments === "none" ? null : (
          <tr>
            <td colSpan={2}>Paid at the event (no payment is taken online)</td>
            <td className="text-right">{formatCents(quote.totalCents)}</td>
          </tr>
        )}
        {quote.suggestedGratuityCents !== undefined && (
          <tr className="text-muted">
            <td colSpan={2}>Suggested gratuity (not included)</td>
            <td className="text-right">{formatCents(quote.suggestedGratuityCents)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
