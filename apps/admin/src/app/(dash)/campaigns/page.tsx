import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card } from "@myhibachi/ui";
import { formatStamp } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { CHANNEL, FunnelFigures, type StepFunnel } from "./funnel";

export const metadata: Metadata = { title: "Campaigns" };
export const dynamic = "force-dynamic";

const PERIODS = [30, 90] as const;

export default async function CampaignsPage({
  searchParams,
}: {
  searchParams: Promise<{ days?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const days = sp.days === "90" ? 90 : 30;
  const api = await adminApi();
  const [{ sequences }, funnel, { timeZone }] = await Promise.all([
    api.owner.campaigns.sequences(),
    api.owner.campaigns.funnel({ days }),
    api.bookings.businessToday(),
  ]);
  const r = funnel.ratings;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold">Campaigns</h1>
          <p className="text-sm text-muted">
            The follow-up emails that go out by themselves, what each step did in the last {days}{" "}
            days, and the addresses that never get them.
          </p>
        </div>
        <nav aria-label="Period" className="flex gap-2 text-sm">
          {PERIODS.map((d) => (
            <Link
              key={d}
              href={d === 30 ? "/campaigns" : `/campaigns?days=${d}`}
              aria-current={d === days ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg border px-3 ${
                d === days
                  ? "border-brand-700 bg-brand-700 font-semibold text-white"
                  : "border-stone-300 bg-white text-brand-700 underline"
              }`}
            >
              Last {d} days
            </Link>
          ))}
          <Link
            href="/campaigns/suppressions"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-3 text-brand-700 underline"
          >
            Suppression list
          </Link>
        </nav>
      </div>

      {sequences.map((s) => {
        const f = funnel.sequences.find((x) => x.id === s.id);
        return (
          <Card key={s.id} className="min-w-0">
            <div
              className="flex min-w-0 flex-wrap items-start justify-between gap-3"
              data-testid={`sequence-${s.key}`}
            >
              <div className="min-w-0">
                <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
                  {s.name}
                  <Badge tone={s.active ? "green" : "neutral"}>{s.active ? "on" : "off"}</Badge>
                </h2>
                <p className="text-sm">{s.triggerWords}.</p>
                <p className="text-sm text-muted">
                  {s.exitOnBooking
                    ? "Stops when the person books."
                    : "Goes on when the person books."}{" "}
                  Stops when they unsubscribe or are on the suppression list.{" "}
                  <span data-testid="active-enrolments">
                    {s.activeEnrolments} {s.activeEnrolments === 1 ? "person" : "people"} in it now.
                  </span>
                </p>
              </div>
              <Link
                href={`/campaigns/${s.key}`}
                className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 font-semibold text-white hover:bg-brand-900"
              >
                Edit {s.name}
              </Link>
            </div>
            <ol
              className="mt-3 flex flex-col divide-y divide-stone-100"
              aria-label={`${s.name} steps`}
            >
              {s.steps.map((st) => {
                const sf = f?.steps.find((x) => x.stepId === st.id);
                return (
                  <li key={st.id} className="min-w-0 py-3" data-testid="campaign-step">
                    <p className="font-medium [overflow-wrap:anywhere]">
                      <span className="text-muted">{st.position}.</span> +{st.delayWords} ·{" "}
                      {CHANNEL[st.channel]} · {st.preview.subject}
                      {st.offerPercent ? (
                        <span className="text-sm font-normal text-muted">
                          {" "}
                          ({st.offerPercent} % off, code valid {st.offerValidDays}{" "}
                          {st.offerValidDays === 1 ? "day" : "days"})
                        </span>
                      ) : null}
                      {st.minRating ? (
                        <span className="text-sm font-normal text-muted">
                          {" "}
                          (only after a rating of {st.minRating} or more)
                        </span>
                      ) : null}
                    </p>
                    {sf && <FunnelFigures f={sf as StepFunnel} label={`Step ${st.position}`} />}
                  </li>
                );
              })}
            </ol>
            {f && (
              <div className="mt-2 border-t border-stone-200 pt-3">
                <h3 className="text-sm font-semibold">Whole sequence, last {days} days</h3>
                <FunnelFigures f={{ ...f.totals, skipReasons: [] }} label={`${s.name} in all`} />
              </div>
            )}
          </Card>
        );
      })}

      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">Ratings after the event, last {days} days</h2>
        {r.count === 0 ? (
          <p className="mt-1 text-sm text-muted">Nobody rated an event in this period.</p>
        ) : (
          <>
            <p className="mt-1" data-testid="ratings-summary">
              <span className="text-2xl font-bold">{r.average?.toFixed(1)}</span> of 5 on average,
              from {r.count} {r.count === 1 ? "rating" : "ratings"}.
            </p>
            <ul className="mt-2 flex max-w-md flex-col gap-1 text-sm" aria-label="Ratings by stars">
              {r.byRating.map((b) => (
                <li
                  key={b.rating}
                  className="grid grid-cols-[4.5rem_1fr_2.5rem] items-center gap-2"
                >
                  <span>
                    {b.rating} {b.rating === 1 ? "star" : "stars"}
                  </span>
                  <span className="h-3 rounded bg-stone-100" aria-hidden="true">
                    <span
                      className="block h-3 rounded bg-brand-700"
                      style={{ width: `${(b.count / r.count) * 100}%` }}
                    />
                  </span>
                  <span className="text-right tabular-nums">{b.count}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {r.low.length > 0 && (
          <>
            <h3 className="mt-4 font-semibold">Low ratings (3 or less)</h3>
            <ul className="mt-1 flex flex-col divide-y divide-stone-100 text-sm">
              {r.low.map((l) => (
                <li key={l.bookingId} className="min-w-0 py-2" data-testid="low-rating">
                  <p>
                    <span className="font-semibold">
                      {l.rating} {l.rating === 1 ? "star" : "stars"}
                    </span>{" "}
                    ·{" "}
                    {l.bookingCode ? (
                      <Link className="text-brand-700 underline" href={`/bookings/${l.bookingId}`}>
                        Booking {l.bookingCode}
                        {l.contactName ? ` (${l.contactName})` : ""}
                      </Link>
                    ) : (
                      "a booking since removed"
                    )}
                    {l.eventDate && <span className="text-muted"> · event {l.eventDate}</span>}
                    <span className="text-muted">
                      {" "}
                      · rated {formatStamp(l.createdAt, timeZone)}
                    </span>
                  </p>
                  <p className="[overflow-wrap:anywhere]">
                    {l.comment ? `“${l.comment}”` : <span className="text-muted">No comment.</span>}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">How these figures are counted</h2>
        <ul className="mt-1 list-disc pl-5 text-sm text-muted">
          <li>Sent: the step&apos;s email was written to the outbox in the period.</li>
          <li>Delivered: the outbox handed it to the mail server (status sent).</li>
          <li>Skipped: the step was passed over, for the reason shown.</li>
          <li>
            Clicked: emails in which the person followed a link (the booking page, the menu, the
            rating or review link), counted once per email however many times they click. Some mail
            providers open links to check them, which counts as a click. Text messages&apos; links
            are not tracked.
          </li>
          <li>
            Booked: a booking by the same email (or customer) made within{" "}
            {funnel.conversionWindowDays} days after the email, waiting for approval, confirmed or
            done; for an abandoned booking also that booking once confirmed. Each booking counts
            once per sequence, for the last email before it. Revenue: those bookings&apos; totals,
            with travel and tax.
          </li>
        </ul>
      </Card>
    </div>
  );
}
