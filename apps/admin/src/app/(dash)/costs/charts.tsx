"use client";
import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface DayPoint {
  date: string;
  costMicros: number;
  savedMicros: number;
  requests: number;
  errors: number;
  fallbacks: number;
  byModel: Record<string, number>;
  byTier: Record<string, number>;
}

const COLORS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#0891b2", "#ca8a04", "#db2777"];
const usd = (micros: number) =>
  micros >= 1_000_000 || micros === 0
    ? `$${(micros / 1_000_000).toFixed(2)}`
    : `$${(micros / 1_000_000).toFixed(4)}`;
const shortDate = (d: string) => d.slice(5);

export function CostByDayChart({
  days,
  models,
  tiers,
}: {
  days: DayPoint[];
  models: string[];
  tiers: string[];
}) {
  const [split, setSplit] = useState<"model" | "tier">("model");
  const keys = split === "model" ? models : tiers;
  const data = days.map((d) => ({
    date: d.date,
    ...Object.fromEntries(keys.map((k) => [k, (split === "model" ? d.byModel : d.byTier)[k] ?? 0])),
  }));
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">Cost per day, last 90 days</h2>
        <div role="group" aria-label="Split the cost by" className="flex gap-1 text-sm">
          {(["model", "tier"] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={split === s}
              onClick={() => setSplit(s)}
              className={`min-h-9 rounded-lg border px-3 ${split === s ? "border-brand-600 bg-brand-50 font-semibold" : "border-stone-300 bg-white"}`}
            >
              By {s}
            </button>
          ))}
        </div>
      </div>
      <div className="mt-2 h-72" role="img" aria-label={`AI cost per day by ${split}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} minTickGap={16} />
            <YAxis tickFormatter={usd} fontSize={11} width={70} />
            <Tooltip formatter={(v) => usd(Number(v))} />
            <Legend />
            {keys.map((k, i) => (
              <Bar key={k} dataKey={k} stackId="cost" fill={COLORS[i % COLORS.length]} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export function RequestsChart({ days }: { days: DayPoint[] }) {
  return (
    <div className="mt-2 h-56" role="img" aria-label="Requests, errors and fallbacks per day">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={days}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} minTickGap={16} />
          <YAxis fontSize={11} width={40} allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line dataKey="requests" name="Requests" stroke="#2563eb" dot={false} />
          <Line dataKey="errors" name="Errors" stroke="#dc2626" dot={false} />
          <Line dataKey="fallbacks" name="Fallbacks" stroke="#ca8a04" dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function SavedChart({ days }: { days: DayPoint[] }) {
  return (
    <div className="mt-2 h-40" role="img" aria-label="Money the cache saved per day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days}>
          <XAxis dataKey="date" tickFormatter={shortDate} fontSize={11} minTickGap={16} />
          <YAxis tickFormatter={usd} fontSize={11} width={70} />
          <Tooltip formatter={(v) => usd(Number(v))} />
          <Bar dataKey="savedMicros" name="Saved by the cache" fill="#16a34a" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
