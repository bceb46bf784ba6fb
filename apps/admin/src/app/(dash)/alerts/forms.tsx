"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatStamp } from "@myhibachi/shared";
import { Button, ErrorBox, errorMessage, Field } from "@myhibachi/ui";
import type { inferRouterOutputs } from "@trpc/server";
import type { AdminRouter } from "@myhibachi/api";
import type { CostAlertSettingsData } from "@myhibachi/core";
import { useTRPC } from "~/lib/trpc";

type Settings = CostAlertSettingsData;
type Key = keyof Settings;

const dollars = (c: number) => (c % 100 === 0 ? String(c / 100) : (c / 100).toFixed(2));

/** "50", "49.99", "$1,000" -> cents; null when it isn't an amount. */
function parseDollars(s: string): number | null {
  const m = /^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1]!.replace(/,/g, "")) * 100 + Number((m[4] ?? "").padEnd(2, "0"));
}

const MONEY: [Key, string][] = [
  ["dailyBudgetCents", "Daily budget ($)"],
  ["weeklyBudgetCents", "Weekly budget ($)"],
  ["monthlyBudgetCents", "Monthly budget ($)"],
];

export function BudgetForm({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>({
    dailyBudgetCents: dollars(initial.dailyBudgetCents),
    weeklyBudgetCents: dollars(initial.weeklyBudgetCents),
    monthlyBudgetCents: dollars(initial.monthlyBudgetCents),
    warnAtPercent: String(initial.warnAtPercent),
    spikePercent: String(initial.spikePercent),
    spikeMinIncreaseCents: dollars(initial.spikeMinIncreaseCents),
    spikeMinRequests: String(initial.spikeMinRequests),
    webhookUrl: initial.webhookUrl ?? "",
  });
  const [emailEnabled, setEmailEnabled] = useState(initial.emailEnabled);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.costs.updateSettings.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.refresh();
      },
      onError: (err) => {
        const data = err.data as
          { fields?: Record<string, string>; details?: { field?: string } | null } | undefined;
        if (data?.fields) setErrors(data.fields);
        else if (data?.details?.field) setErrors({ [data.details.field]: errorMessage(err) ?? "" });
        else setErrors({ form: errorMessage(err) ?? "" });
      },
    }),
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const errs: Record<string, string> = {};
    const cents = (k: Key, what: string) => {
      const v = parseDollars(values[k] ?? "");
      if (v === null) errs[k] = `Enter the ${what} in dollars, like 50 or 49.99.`;
      return v ?? 0;
    };
    const int = (k: Key, what: string) => {
      const s = (values[k] ?? "").trim().replace(/%$/, "");
      if (!/^\d+$/.test(s)) errs[k] = `Enter the ${what} as a whole number.`;
      return Number(s);
    };
    const input = {
      dailyBudgetCents: cents("dailyBudgetCents", "daily budget"),
      weeklyBudgetCents: cents("weeklyBudgetCents", "weekly budget"),
      monthlyBudgetCents: cents("monthlyBudgetCents", "monthly budget"),
      warnAtPercent: int("warnAtPercent", "warning level"),
      spikePercent: int("spikePercent", "spike level"),
      spikeMinIncreaseCents: cents("spikeMinIncreaseCents", "smallest spike increase"),
      spikeMinRequests: int("spikeMinRequests", "smallest number of requests"),
      emailEnabled,
      webhookUrl: values.webhookUrl ?? "",
    };
    setErrors(errs);
    if (Object.keys(errs).length === 0) save.mutate(input);
  }

  const field = (k: Key, label: string, hint?: string) => (
    <Field
      id={k}
      label={label}
      value={values[k] ?? ""}
      onChange={(e) => setValues({ ...values, [k]: e.target.value })}
      error={errors[k] ?? null}
      inputMode={k === "webhookUrl" ? "url" : "decimal"}
      {...(hint ? { hint } : {})}
    />
  );

  return (
    <form
      onSubmit={onSubmit}
      className="mt-3 flex flex-col gap-3"
      noValidate
      aria-label="Budgets and alert settings"
    >
      {MONEY.map(([k, label]) => field(k, label))}
      {field("warnAtPercent", "Warn at (% of a budget)")}
      {field(
        "spikePercent",
        "Spike: last hour above (% of the usual hourly cost)",
        "150 = 1.5× the average hour of the day before",
      )}
      {field("spikeMinIncreaseCents", "Spike: at least this much above usual ($)")}
      {field("spikeMinRequests", "Spike: at least this many requests in the hour")}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={emailEnabled}
          onChange={(e) => setEmailEnabled(e.target.checked)}
          className="h-5 w-5"
        />
        Email alerts to the owners
      </label>
      {field(
        "webhookUrl",
        "Slack webhook URL (optional)",
        "Empty: the worker's SLACK_WEBHOOK_URL, if set",
      )}
      <ErrorBox>{errors.form}</ErrorBox>
      {saved && (
        <p role="status" className="text-sm text-green-700">
          Saved. The new budgets apply from the next check.
        </p>
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}

export function MarkAllRead() {
  const trpc = useTRPC();
  const router = useRouter();
  const qc = useQueryClient();
  const mark = useMutation(
    trpc.costs.markRead.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.costs.unread.queryKey() });
        router.refresh();
      },
    }),
  );
  return (
    <div className="flex items-center gap-2">
      <Button
        variant="secondary"
        onClick={() => mark.mutate({ all: true })}
        disabled={mark.isPending}
      >
        Mark all as read
      </Button>
      {mark.error && (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(mark.error)}
        </p>
      )}
    </div>
  );
}

export type BellData = inferRouterOutputs<AdminRouter>["costs"]["unread"];

export function BellMenu({ initial, timeZone }: { initial: BellData; timeZone: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const data =
    useQuery(
      trpc.costs.unread.queryOptions(undefined, { initialData: initial, refetchInterval: 60_000 }),
    ).data ?? initial;
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="alert-bell-menu"
        aria-label={data.count ? `Alerts: ${data.count} unread` : "Alerts: none unread"}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg hover:bg-stone-100"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="20"
          height="20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
        {data.count > 0 && (
          <span
            aria-hidden="true"
            className="absolute right-0 top-0 rounded-full bg-red-600 px-1.5 text-xs font-bold text-white"
          >
            {data.count > 99 ? "99+" : data.count}
          </span>
        )}
      </button>
      {open && (
        <div
          id="alert-bell-menu"
          className="absolute right-0 z-20 mt-1 w-80 rounded-xl border border-stone-200 bg-white p-3 shadow-lg"
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <p className="text-sm font-semibold">
            {data.count
              ? `${data.count} unread alert${data.count > 1 ? "s" : ""}`
              : "No unread alerts"}
          </p>
          <ul className="mt-2 flex flex-col gap-2 text-sm">
            {data.items.map((a) => (
              <li key={a.id}>
                <a href={a.href ?? "/alerts"} className="block rounded p-1 hover:bg-stone-50">
                  <span className={a.level === "CRITICAL" ? "text-red-700" : "text-amber-800"}>
                    ●
                  </span>{" "}
                  {a.title}
                  <span className="block text-xs text-muted">
                    {formatStamp(a.firedAt, timeZone)}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <a href="/alerts" className="mt-2 block text-sm font-semibold text-brand-700 underline">
            See all alerts
          </a>
        </div>
      )}
    </div>
  );
}
