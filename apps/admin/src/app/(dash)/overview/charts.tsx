"use client";
import { formatLocalDate, formatWholeDollars } from "@myhibachi/shared";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export function RevenueChart({
  data,
  today,
}: {
  data: { date: string; revenueCents: number; events: number }[];
  /** Today's date in the business's zone: a marked line splits done from booked ahead. */
  today: string;
}) {
  return (
    <div
      className="mt-2 h-64"
      role="img"
      aria-label={`Revenue by event day; today is ${formatLocalDate(today, "longDate")}, days after it are booked ahead`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
          <YAxis tickFormatter={formatWholeDollars} fontSize={11} width={70} />
          <Tooltip formatter={(v) => formatWholeDollars(Number(v))} />
          <Bar dataKey="revenueCents" name="Revenue" fill="#c2410c" />
          <ReferenceLine
            x={today}
            stroke="#1c1917"
            strokeWidth={2}
            strokeDasharray="4 3"
            label={{ value: "Today", position: "insideTopLeft", fill: "#1c1917", fontSize: 12 }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function UtilisationChart({ data }: { data: { name: string; percent: number }[] }) {
  return (
    <div className="mt-2 h-48" role="img" aria-label="Chef utilisation this week">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical">
          <XAxis type="number" domain={[0, 100]} unit="%" fontSize={11} />
          <YAxis type="category" dataKey="name" width={110} fontSize={11} />
          <Tooltip formatter={(v) => `${String(v)}%`} />
          <Bar dataKey="percent" name="Booked" fill="#2563eb" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
