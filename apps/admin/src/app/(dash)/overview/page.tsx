import Link from "next/link";
import type { Metadata } from "next";
import { Card } from "@myhibachi/ui";
import {
  describeChange,
  formatCents,
  formatInstant,
  formatZoneName,
  todayIn,
} from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { RevenueChart, UtilisationChart } from "./charts";

export const metadata: Metadata = { title: "Overview" };
export const dynamic = "force-dynamic";

/** The trend from the period before: a percentage on a real base, else the change itself. */
function Change({
  now,
  before,
  minBase,
  format,
}: {
  now: number;
  before: number;
  minBase: number;
  format: (n: number) => string;
}) {
  const text = describeChange(now, before, { minBase, format });
  if (now === before || before === 0) return <span className="text-muted">{text}</span>;
  const up = now > before;
  return (
    <span className={up ? "text-green-800" : "text-red-700"}>
      <span aria-hidden="true">{up ? "▲" : "▼"} </span>
      {text}
    </span>
  );
}

export default async function OverviewPage() {
  await requireStaff(["OWNER"]);
  const api = await adminApi();
  const o = await api.owner.overview();
  const pairs = [
    { title: "This week vs last week", cur: o.weeks[1]!, prev: o.weeks[0]! },
    { title: "This month vs last month", cur: o.months[1]!, prev: o.months[0]! },
  ];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Overview</h1>
      <div className="grid gap-4 md:grid-cols-2">
        {pairs.map((p) => (
          <Card key={p.title}>
            <h2 className="font-semibold">{p.title}</h2>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-sm sm:grid-cols-3">
              <dt className="text-muted">Revenue</dt>
              <dd className="text-lg font-bold">{formatCents(p.cur.revenueCents)}</dd>
              <dd className="col-span-2 mb-2 sm:col-span-1 sm:mb-0">
                <Change
                  now={p.cur.revenueCents}
                  before={p.prev.revenueCents}
                  minBase={100_00}
                  format={formatCents}
                />{" "}
                from {formatCents(p.prev.revenueCents)}
              </dd>
              <dt className="text-muted">New bookings</dt>
              <dd className="text-lg font-bold">{p.cur.bookings}</dd>
              <dd className="col-span-2 mb-2 sm:col-span-1 sm:mb-0">
                <Change now={p.cur.bookings} before={p.prev.bookings} minBase={5} format={String} />{" "}
                from {p.prev.bookings}
              </dd>
            </dl>
          </Card>
        ))}
      </div>
      <Card>
        <h2 className="font-semibold">Revenue by event day (last 30 days and next 30)</h2>
        <RevenueChart data={o.daily} today={todayIn(o.timeZone)} />
      </Card>
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="font-semibold">Chef utilisation this week</h2>
          <UtilisationChart data={o.utilisation} />
          <ul className="mt-2 text-sm">
            {o.utilisation.map((u) => (
              <li key={u.chefId}>
                {u.name}: {u.events} {u.events === 1 ? "event" : "events"}, {u.bookedHours} of{" "}
                {u.scheduledHours} scheduled hours ({u.percent}%)
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <h2 className="font-semibold">Upcoming events</h2>
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {o.upcoming.map((b) => (
              <li key={b.id}>
                <Link className="underline" href={`/bookings/${b.id}`}>
                  {b.code}
                </Link>{" "}
                {formatInstant(b.startsAt, b.timeZone, "shortDateTime")} · {b.contactName} ·{" "}
                {b.adults + b.children} guests · {b.city} ·{" "}
                {b.chefs.map((c) => c.chef.name).join(", ") || "no chef"} ·{" "}
                {formatCents(b.totalCents)}
              </li>
            ))}
            {o.upcoming.length === 0 && <li className="text-muted">Nothing booked yet.</li>}
          </ul>
        </Card>
      </div>
      <p className="text-xs text-muted">
        Revenue is money paid for the period&apos;s events (deposits and balances, gratuity apart)
        less refunds, by event date: unpaid bookings count nothing. New bookings count bookings made
        in the period. Money by the day it moved:{" "}
        <Link className="underline" href="/payments">
          Payments
        </Link>
        . Weeks start on Monday ({formatZoneName(o.timeZone)}). Menu/policy version{" "}
        {o.settingsVersion}.
      </p>
    </div>
  );
}
