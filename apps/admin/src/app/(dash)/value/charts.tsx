"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** How many customers fall in each lifetime-value range. */
export function ClvDistributionChart({ data }: { data: { label: string; customers: number }[] }) {
  return (
    <div
      className="mt-2 h-56"
      role="img"
      aria-label={`Customers by lifetime value: ${data.map((d) => `${d.label}: ${d.customers}`).join("; ")}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={11} interval={0} />
          <YAxis allowDecimals={false} fontSize={11} width={40} />
          <Tooltip />
          <Bar dataKey="customers" name="Customers" fill="#c2410c" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
