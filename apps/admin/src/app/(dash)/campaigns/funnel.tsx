// One step's (or a whole sequence's) funnel as figures: a grid that is two columns on a phone and
// one row on a desktop, never a wide table.
import { formatCents } from "@myhibachi/shared";

export const CHANNEL: Record<string, string> = {
  EMAIL: "Email",
  SMS: "Text message",
  IN_APP: "In the app",
};

export interface StepFunnel {
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  skipReasons: { reason: string; count: number }[];
  clicked: number | null;
  converted: number;
  revenueCents: number;
}

const pct = (part: number, whole: number) =>
  whole === 0 ? "" : ` (${Math.round((part / whole) * 100)}%)`;

export function FunnelFigures({ f, label }: { f: StepFunnel; label: string }) {
  const figures: [string, string, string?][] = [
    ["Sent", String(f.sent)],
    [
      "Delivered",
      `${f.delivered}${pct(f.delivered, f.sent)}`,
      f.failed ? `${f.failed} failed` : undefined,
    ],
    ["Skipped", String(f.skipped)],
    ["Clicked", f.clicked === null ? "not tracked" : String(f.clicked)],
    ["Booked", `${f.converted}${pct(f.converted, f.sent)}`],
    ["Revenue", formatCents(f.revenueCents)],
  ];
  return (
    <div className="mt-2 min-w-0">
      <dl
        aria-label={`${label}: results`}
        className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-6"
        data-testid="funnel"
      >
        {figures.map(([name, value, note]) => (
          <div key={name} className="min-w-0 rounded-lg bg-stone-50 px-3 py-2">
            <dt className="text-xs text-muted">{name}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`funnel-${name.toLowerCase()}`}>
              {value}
            </dd>
            {note && <dd className="text-xs text-red-700">{note}</dd>}
          </div>
        ))}
      </dl>
      {f.skipReasons.length > 0 && (
        <p className="mt-1 text-xs text-muted [overflow-wrap:anywhere]">
          Skipped because: {f.skipReasons.map((r) => `${r.reason} (${r.count})`).join("; ")}
        </p>
      )}
    </div>
  );
}
