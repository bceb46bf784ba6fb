"use client";
import { formatWholeDollars } from "@myhibachi/shared";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Money in (payments with their gratuity) and money out (refunds), side by side per day. */
export function MoneyByDayChart({
  data,
}: {
  data: { date: string; paidCents: number; tipCents: number; refundedCents: number }[];
}) {
  const rows = data.map((d) => ({
    date: d.date,
    receivedCents: d.paidCents + d.tipCents,
    refundedCents: d.refundedCents,
  }));
  return (
    <div className="mt-2 h-64" role="img" aria-label="Payments and refunds by day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
          <YAxis tickFormatter={formatWholeDollars} fontSize={11} width={70} />
          <Tooltip formatter={(v) => formatWholeDollars(Number(v))} />
          <Legend />
          <Bar
            dataKey="receivedCents"
            name="Received (with gratuity)"
            fill="#ea580c"
            isAnimationActive={false}
          />
          <Bar dataKey="refundedCents" name="Refunded" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
