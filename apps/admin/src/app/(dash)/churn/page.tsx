import Link from "next/link";
import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents, formatInstant, formatLocalDate } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { NoRunYet, RunLine } from "../insights-run";

export const metadata: Metadata = { title: "Churn risk" };
export const dynamic = "force-dynamic";

const BANDS = ["high", "medium", "low"] as const;
type Band = (typeof BANDS)[number];
const BAND_WORDS: Record<Band, string> = {
  high: "High (70-100)",
  medium: "Medium (40-69)",
  low: "Low (below 40)",
};
const TONE = { high: "red", medium: "amber", low: "green" } as const;
/** What the business does for each band (the campaign engine enrols high and medium). */
const BAND_ACTION: Record<Band, string> = {
  high: "Repeat customers: a personal email from you (you approve each one) with 20 % off",
  medium: "Repeat customers: the new-menu showcase with 10 % off",
  low: "Nothing extra: the normal follow-ups",
};

export default async function ChurnPage({
  searchParams,
}: {
  searchParams: Promise<{ band?: string; from?: string; who?: string }>;
}) {
  await requireStaff(["OWNER"]);
  const sp = await searchParams;
  const band = BANDS.find((b) => b === sp.band);
  const from = Math.max(0, Math.min(1_000_000, Number.parseInt(sp.from ?? "0", 10) || 0));
  // Repeat customers by default: most one-time customers are "likely lost" and are left to the
  // re-engagement emails; the owner can list everyone.
  const everyone = sp.who === "all";
  const api = await adminApi();
  const [{ timeZone }, list] = await Promise.all([
    api.bookings.businessToday(),
    api.owner.insights.churn({ band, cursor: from, repeatOnly: !everyone }).catch((e: Error) => e),
  ]);
  if (list instanceof Error) return <ErrorBox>{errorMessage(list)}</ErrorBox>;
  if (!list) return <NoRunYet title="Churn risk" />;
  const linkFor = (b: Band | undefined, f = 0, all = everyone) => {
    const q = new URLSearchParams();
    if (b) q.set("band", b);
    if (f) q.set("from", String(f));
    if (all) q.set("who", "all");
    const s = q.toString();
    return s ? `/churn?${s}` : "/churn";
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Churn risk</h1>
      <RunLine run={list.run} timeZone={timeZone} />
      <ScoreMeaning calibration={list.run.models.churnCalibration ?? null} />
      <nav className="flex flex-wrap gap-3 text-sm" aria-label="Whom to list">
        <Link
          href={linkFor(band, 0, false)}
          aria-current={!everyone ? "page" : undefined}
          className={!everyone ? "font-semibold underline" : "underline"}
        >
          Repeat customers
        </Link>
        <Link
          href={linkFor(band, 0, true)}
          aria-current={everyone ? "page" : undefined}
          className={everyone ? "font-semibold underline" : "underline"}
        >
          Everyone, with one-time customers
        </Link>
      </nav>
      <div className="grid gap-3 sm:grid-cols-3">
        {BANDS.map((b) => (
          <Card key={b}>
            <Link
              href={linkFor(b)}
              className="block"
              aria-current={band === b ? "page" : undefined}
              data-testid={`band-${b}`}
            >
              <span className="text-sm text-muted">{BAND_WORDS[b]}</span>
              <span className="block text-2xl font-bold">{list.bands[b]}</span>
              <span className="block text-xs text-muted">{BAND_ACTION[b]}</span>
            </Link>
          </Card>
        ))}
      </div>
      <Card>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">
            {band ? `${BAND_WORDS[band]} risk` : "Customers at risk (40 and above)"}
          </h2>
          {band && (
            <Link className="text-sm underline" href={linkFor(undefined)}>
              Show everyone at risk
            </Link>
          )}
        </div>
        {list.customers.length === 0 ? (
          <p className="mt-2 text-sm text-muted">Nobody in this band.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-100" aria-label="Customers by churn risk">
            {list.customers.map((c) => (
              <li key={c.customerId} className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
                <div className="flex shrink-0 items-start gap-3 sm:w-56">
                  <span
                    className="inline-flex h-10 w-12 items-center justify-center rounded-lg bg-stone-100 text-lg font-bold"
                    aria-label={`Risk ${c.churnScore} of 100`}
                  >
                    {c.churnScore}
                  </span>
                  <div className="min-w-0">
                    <Link className="font-medium underline" href={`/customers/${c.customerId}`}>
                      {c.name}
                    </Link>
                    <span className="block truncate text-xs text-muted">{c.email}</span>
                  </div>
                </div>
                <div className="min-w-0 flex-1 text-sm">
                  <Badge tone={TONE[c.band]}>{c.band} risk</Badge>
                  <ul className="mt-1 list-disc pl-5" aria-label="Reasons">
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </div>
                <div className="shrink-0 text-sm sm:w-60 sm:text-right">
                  <span className="block">
                    {eventsWords(c.completedBookings, c.eventDays)} · value{" "}
                    {formatCents(c.clvCents)}
                  </span>
                  <span className="block text-xs text-muted">
                    {c.lastEventAt
                      ? `last event ${formatInstant(c.lastEventAt, timeZone, "longDate")}`
                      : "no event yet"}
                  </span>
                  {c.nextPartyAt && (
                    <span className="mt-1 block font-semibold text-green-800">
                      Party booked for {formatInstant(c.nextPartyAt, timeZone, "longDate")}
                    </span>
                  )}
                  {!c.intervention && c.eventDays < 2 && c.band !== "low" && (
                    <span className="mt-1 block text-xs">
                      One-time customer: in the re-engagement emails, no personal note
                    </span>
                  )}
                  {c.intervention && (
                    <span className="mt-1 block">
                      {c.intervention.awaitingApproval ? (
                        <Link
                          href={`/customers/${c.customerId}#campaigns`}
                          className="font-semibold text-brand-800 underline"
                        >
                          Note waiting for your approval
                        </Link>
                      ) : (
                        <span className="text-xs">
                          {c.intervention.sequence}:{" "}
                          {c.intervention.state === "EXITED"
                            ? `stopped (${c.intervention.exitReason ?? "ended"})`
                            : c.intervention.state === "COMPLETED"
                              ? "sent"
                              : "under way"}
                        </span>
                      )}
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3 flex gap-4 text-sm">
          {from > 0 && (
            <Link className="underline" href={linkFor(band, Math.max(0, from - 50))}>
              Previous
            </Link>
          )}
          {list.nextCursor !== null && (
            <Link className="underline" href={linkFor(band, list.nextCursor)}>
              Next
            </Link>
          )}
        </div>
      </Card>
      <p className="text-xs text-muted">
        The score (0-100) combines how likely the customer still is to book (MBG/NBD), the time
        since their last event against their usual gap, whether they book less often than before,
        low ratings, fewer referrals and ignored follow-ups. A signal we don&apos;t have for a
        customer is left out, never guessed.
      </p>
    </div>
  );
}

/** "1 event", "5 events", "2 events on 1 day" (two parties on one day are one occasion). */
function eventsWords(events: number, days: number): string {
  const words = `${events} event${events === 1 ? "" : "s"}`;
  return days < events ? `${words} on ${days} day${days === 1 ? "" : "s"}` : words;
}

/** What the number means: calibrated on the business's own back-test, or not yet. */
function ScoreMeaning({
  calibration,
}: {
  calibration: {
    customers: number;
    churned: number;
    repeatCustomers?: number;
    repeatChurned?: number;
    auc: number;
    asOf: string;
  } | null;
}) {
  if (!calibration)
    return (
      <p className="text-sm text-muted" data-testid="score-meaning">
        The score averages the signals below (0 safe, 100 lost). It becomes the chance in 100 of no
        party within a year once a year of your own history can check it.
      </p>
    );
  const back = calibration.customers - calibration.churned;
  const repeat = calibration.repeatCustomers ?? 0;
  const repeatBack = repeat - (calibration.repeatChurned ?? 0);
  return (
    <p className="text-sm text-muted" data-testid="score-meaning">
      A score is the chance in 100 that the customer has no party in the next 12 months, calibrated
      on your own history: of the {calibration.customers} customers who had an event before{" "}
      {formatLocalDate(calibration.asOf, "longDate")}, {back} came back within a year and{" "}
      {calibration.churned} did not
      {repeat > 0
        ? ` (of the ${repeat} who had booked more than once, ${repeatBack} came back)`
        : ""}
      . Scored back then, the one who came back scored lower {Math.round(calibration.auc * 100)}{" "}
      times in 100 (50 would be a coin toss). It is never below the model&apos;s chance that the
      customer has stopped booking for good. A customer with a party booked scores at most your
      share of bookings cancelled in the last 12 months: they miss the year only if it is cancelled.
    </p>
  );
}
