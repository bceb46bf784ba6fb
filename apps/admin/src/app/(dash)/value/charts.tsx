"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** How many customers fall in each lifetime-value range. */
export function ClvDistributionChart({
  data,
}: {
  /** `label` is the axis's short form ("<$1k"); `range` says it whole ("$500 to $1,000"). */
  data: { label: string; range: string; customers: number }[];
}) {
  return (
    <div
      className="mt-2 h-56"
      role="img"
      aria-label={`Customers by lifetime value: ${data.map((d) => `${d.range}: ${d.customers}`).join("; ")}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={11} interval={0} />
          <YAxis allowDecimals={false} fontSize={11} width={40} />
          <Tooltip
            labelFormatter={(_l, p) =>
              (p[0]?.payload as { range?: string } | undefined)?.range ?? ""
            }
          />
          <Bar dataKey="customers" name="Customers" fill="#c2410c" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
