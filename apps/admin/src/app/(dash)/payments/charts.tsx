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

export function MoneyByDayChart({
  data,
}: {
  data: { date: string; paidCents: number; tipCents: number; refundedCents: number }[];
}) {
  return (
    <div className="mt-2 h-64" role="img" aria-label="Payments and refunds by day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data.map((d) => ({ ...d, refundedCents: -d.refundedCents }))}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
          <YAxis tickFormatter={formatWholeDollars} fontSize={11} width={70} />
          <Tooltip formatter={(v) => formatWholeDollars(Math.abs(Number(v)))} />
          <Legend />
          <Bar dataKey="paidCents" name="Paid" stackId="in" fill="#ea580c" />
          <Bar dataKey="tipCents" name="Gratuity" stackId="in" fill="#f59e0b" />
          <Bar dataKey="refundedCents" name="Refunded" stackId="in" fill="#dc2626" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
