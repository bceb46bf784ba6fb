"use client";
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

interface Day {
  date: string;
  mean: number;
  lo80: number;
  hi80: number;
  /** Booked already (the coming days) or what happened (the past days). */
  count: number;
}

const round1 = (v: unknown) =>
  Array.isArray(v)
    ? v.map((x) => String(x)).join("–")
    : (Math.round(Number(v) * 10) / 10).toString();

/**
 * Bookings per day: the forecast's mean with its 80 % interval as a band, and as bars either what
 * is already booked (coming days) or what happened (the backtest).
 */
export function ForecastChart({
  data,
  countLabel,
  label,
}: {
  data: Day[];
  countLabel: string;
  label: string;
}) {
  const rows = data.map((d) => ({ ...d, band: [d.lo80, d.hi80] as [number, number] }));
  return (
    <div className="mt-2 h-72" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="date" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} width={32} />
          <Tooltip formatter={round1} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area
            dataKey="band"
            name="80 % interval"
            stroke="none"
            fill="#fdba74"
            fillOpacity={0.5}
            isAnimationActive={false}
          />
          <Bar dataKey="count" name={countLabel} fill="#2563eb" barSize={8} />
          <Line
            dataKey="mean"
            name="Forecast"
            stroke="#c2410c"
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
