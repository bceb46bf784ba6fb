import { Badge, Card } from "@myhibachi/ui";
import { formatCents, formatStamp } from "@myhibachi/shared";
import type { inferRouterOutputs } from "@trpc/server";
import type { AdminRouter } from "@myhibachi/api";
import { expectedCount } from "../../value/models";
import { ApproveNote, StopApprovedNote } from "./approve-note";

type Intelligence = inferRouterOutputs<AdminRouter>["owner"]["insights"]["customer"];
const TONE = { high: "red", medium: "amber", low: "green" } as const;
const SEGMENT_TONE = { high: "green", medium: "blue", low: "neutral" } as const;
const STATE_WORDS = { ACTIVE: "under way", COMPLETED: "finished", EXITED: "stopped" } as const;
const SEND_WORDS = { CLAIMED: "sending", SENT: "sent", SKIPPED: "not sent" } as const;

/** The owner's view of one customer: lifetime value, churn risk and reasons, campaign history. */
export function CustomerInsights({ data, timeZone }: { data: Intelligence; timeZone: string }) {
  const s = data.score;
  return (
    <>
      <Card>
        <h2 className="font-semibold">Value and churn risk</h2>
        {!s ? (
          <p className="mt-1 text-sm text-muted">
            {data.fittedAt
              ? "No score: the models score customers with at least one completed event."
              : "The models have not run yet (they refit every night)."}
          </p>
        ) : (
          <>
            <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
              <div>
                <dt className="text-muted">Lifetime value (12 months)</dt>
                <dd className="font-semibold" data-testid="clv">
                  {formatCents(s.clvCents)}{" "}
                  <Badge tone={SEGMENT_TONE[s.segment]}>{s.segment} expected value</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-muted">Expected bookings, next 12 months</dt>
                <dd>
                  {expectedCount(s.expectedBookings)} × {formatCents(s.expectedValueCents)}
                  <span className="block text-xs text-muted">
                    The lifetime value discounts each booking 1 % a month until it is expected, so
                    it is a little less than this product.
                  </span>
                </dd>
              </div>
              <div>
                <dt className="text-muted">Churn risk</dt>
                <dd className="font-semibold" data-testid="churn-score">
                  {s.churnScore} of 100 <Badge tone={TONE[s.band]}>{s.band}</Badge>
                </dd>
              </div>
              <div>
                <dt className="text-muted">Still active (model)</dt>
                <dd>{Math.round(s.pAlive * 100)}%</dd>
              </div>
            </dl>
            {s.reasons.length > 0 && (
              <>
                <h3 className="mt-3 text-sm font-semibold">Why this risk</h3>
                <ul className="list-disc pl-5 text-sm" aria-label="Reasons for the risk">
                  {s.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            )}
            {data.fittedAt && (
              <p className="mt-2 text-xs text-muted">
                Scored {formatStamp(data.fittedAt, timeZone)} (models {data.modelVersion}).
              </p>
            )}
          </>
        )}
      </Card>
      <Card>
        <h2 id="campaigns" className="font-semibold">
          Campaign history ({data.campaigns.length})
        </h2>
        {data.campaigns.length === 0 ? (
          <p className="mt-1 text-sm text-muted">No follow-up sequence has included them yet.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-3" aria-label="Campaign history">
            {data.campaigns.map((c) => (
              <li key={c.enrolmentId} className="border-b border-stone-100 pb-3 text-sm">
                <div className="flex flex-wrap items-baseline gap-2">
                  <span className="font-medium">{c.sequence}</span>
                  <Badge tone={c.state === "EXITED" ? "neutral" : "blue"}>
                    {c.awaitingApproval ? "waiting for approval" : STATE_WORDS[c.state]}
                  </Badge>
                  <span className="text-xs text-muted">
                    since {formatStamp(c.enrolledAt, timeZone)}
                  </span>
                </div>
                {c.reason && <p className="text-xs text-muted">{c.reason}</p>}
                {c.exitReason && <p className="text-xs">Stopped: {c.exitReason}</p>}
                {c.approved && (
                  <p className="text-xs text-muted">
                    Approved{c.approved.by ? ` by ${c.approved.by}` : ""}{" "}
                    {formatStamp(c.approved.at, timeZone)}
                  </p>
                )}
                {c.sends.length > 0 && (
                  <ul className="mt-1 pl-4 text-xs">
                    {c.sends.map((m) => (
                      <li key={`${m.position}-${m.at.toString()}`}>
                        Step {m.position} ({m.channel.toLowerCase()}), {SEND_WORDS[m.status]}
                        {m.skipReason ? `: ${m.skipReason}` : ""}, {formatStamp(m.at, timeZone)}
                        {m.subject && <>: “{m.subject}”</>}
                      </li>
                    ))}
                  </ul>
                )}
                {c.approvedNotSent && <StopApprovedNote enrolmentId={c.enrolmentId} />}
                {c.draft && (
                  <ApproveNote
                    enrolmentId={c.enrolmentId}
                    subject={c.draft.subject}
                    text={c.draft.text}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
