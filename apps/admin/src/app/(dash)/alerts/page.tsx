import Link from "next/link";
import type { Metadata } from "next";
import { formatLocalDate, formatStamp } from "@myhibachi/shared";
import { Badge, Card } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";
import { BudgetForm, MarkAllRead } from "./forms";

export const metadata: Metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

const RULES: Record<string, string> = {
  daily_budget: "Daily budget",
  weekly_budget: "Weekly budget",
  monthly_budget: "Monthly budget",
  spike: "Spike",
  projection: "Projection",
  booking: "Booking",
};

/** The period an alert is about, in words ("week of November 23, 2026"), never its key. */
function periodLabel(rule: string, key: string, timeZone: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}Z$/.test(key))
    return `the hour from ${formatStamp(`${key.slice(0, 13)}:00:00Z`, timeZone)}`;
  if (/^\d{4}-\d{2}$/.test(key)) return formatLocalDate(`${key}-01`, "monthYear");
  if (/^\d{4}-\d{2}-\d{2}$/.test(key))
    return rule === "weekly_budget"
      ? `week of ${formatLocalDate(key, "longDate")}`
      : formatLocalDate(key, "longDate");
  return "";
}

export default async function AlertsPage() {
  await requireStaff(["OWNER"]);
  const api = await adminApi();
  const [{ items }, settings, { timeZone }] = await Promise.all([
    api.costs.alerts({ limit: 100 }),
    api.costs.settings(),
    api.bookings.businessToday(),
  ]);
  const unread = items.filter((a) => !a.readAt).length;
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_380px]">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-2xl font-bold">Alerts</h1>
          {unread > 0 && <MarkAllRead />}
        </div>
        <Card>
          <ol className="flex flex-col divide-y divide-stone-100" aria-label="Alert history">
            {items.map((a) => (
              <li key={a.id} className="py-3">
                <div className="flex flex-wrap items-center gap-2">
                  {a.rule === "booking" ? (
                    <Badge tone="blue">booking</Badge>
                  ) : (
                    <Badge tone={a.level === "CRITICAL" ? "red" : "amber"}>
                      {a.level === "CRITICAL" ? "alert" : "warning"}
                    </Badge>
                  )}
                  <strong>
                    {a.href ? (
                      <Link className="underline" href={a.href}>
                        {a.title}
                      </Link>
                    ) : (
                      a.title
                    )}
                  </strong>
                  {!a.readAt && <Badge tone="blue">new</Badge>}
                  <span className="ml-auto text-xs text-muted">
                    {RULES[a.rule] ?? "Cost alert"}
                    {periodLabel(a.rule, a.periodKey, timeZone) &&
                      ` · ${periodLabel(a.rule, a.periodKey, timeZone)}`}{" "}
                    ·{" "}
                    <time dateTime={a.firedAt.toISOString()}>
                      {formatStamp(a.firedAt, timeZone)}
                    </time>
                  </span>
                </div>
                <p className="mt-1 text-sm">{a.message}</p>
                {a.deliveries.length > 0 && (
                  <p className="mt-1 text-xs text-muted">
                    {a.deliveries
                      .map(
                        (d) =>
                          `${d.channel}: ${d.status.toLowerCase()}${d.attempts > 1 ? ` after ${d.attempts} attempts` : ""}${d.status !== "SENT" && d.lastError ? ` (${d.lastError})` : ""}`,
                      )
                      .join(" · ")}
                  </p>
                )}
              </li>
            ))}
          </ol>
          {items.length === 0 && (
            <p className="py-4 text-muted">
              No alerts yet. They appear here when a budget or spike rule fires, a booking waits for
              your confirmation, or a customer changes their booking.
            </p>
          )}
        </Card>
      </div>
      <Card>
        <h2 className="text-lg font-semibold">Budgets and alert settings</h2>
        <p className="mt-1 text-sm text-muted">
          A warning at the warning level, an alert at 100%, each once per day, week or month.
          Checked every few minutes.
        </p>
        <BudgetForm initial={settings} />
      </Card>
    </div>
  );
}
