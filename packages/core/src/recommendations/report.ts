// The owner's with/without comparison (issue 16). A session counts once it was exposed: the
// engine had something for it (SHOWN in the treatment arm, ELIGIBLE in the hold-out arm, which
// saw nothing). Per rule the comparison is between sessions the rule was SHOWN to and sessions
// it was ELIGIBLE for but held out, so each rule is measured on the parties it applies to.
// Conversion: the session's linked booking is live or done (held, pending, confirmed,
// completed); order value: that booking's total. Intervals: stats.ts (Wald, Welch).
import type { Db } from "@myhibachi/db";
import { proportionDiff, welchDiff, type DiffInterval } from "./stats";

const BOOKED = new Set(["HELD", "PENDING", "CONFIRMED", "COMPLETED"]);

export interface ArmFigures {
  sessions: number;
  bookings: number;
  /** bookings / sessions, 0-1; null with no sessions. */
  conversion: number | null;
  /** Mean booking total, cents; null with no bookings. */
  averageOrderCents: number | null;
}

export interface Comparison {
  treatment: ArmFigures;
  control: ArmFigures;
  /** Treatment - control, in percentage points as a fraction (0.05 = +5 points). */
  conversionDiff: DiffInterval | null;
  /** Treatment - control, cents. */
  averageOrderDiff: DiffInterval | null;
}

export interface RuleFigures extends Comparison {
  rule: string;
  shown: number;
  accepted: number;
  declined: number;
  /** accepted / shown sessions; null when never shown. */
  acceptRate: number | null;
  /** The change in the totals of the suggestions accepted, cents. */
  revenueDeltaCents: number;
}

export interface RecommendationReport {
  overall: Comparison;
  rules: RuleFigures[];
}

export interface ReportSession {
  id: string;
  arm: string;
  /** The linked booking's status and total, or null. */
  booking: { status: string; totalCents: number } | null;
}

export interface ReportEvent {
  sessionId: string;
  ruleSlug: string;
  outcome: string;
  revenueDeltaCents: number;
}

function arm(sessions: ReportSession[]): { figures: ArmFigures; orders: number[] } {
  const orders = sessions
    .filter((s) => s.booking && BOOKED.has(s.booking.status))
    .map((s) => s.booking!.totalCents);
  return {
    orders,
    figures: {
      sessions: sessions.length,
      bookings: orders.length,
      conversion: sessions.length ? orders.length / sessions.length : null,
      averageOrderCents: orders.length
        ? Math.round(orders.reduce((a, b) => a + b, 0) / orders.length)
        : null,
    },
  };
}

function compare(treatment: ReportSession[], control: ReportSession[]): Comparison {
  const t = arm(treatment);
  const c = arm(control);
  return {
    treatment: t.figures,
    control: c.figures,
    conversionDiff: proportionDiff(
      t.orders.length,
      treatment.length,
      c.orders.length,
      control.length,
    ),
    averageOrderDiff: welchDiff(t.orders, c.orders),
  };
}

/** The report from sessions and events (pure: the bench runs the same code on its simulation). */
export function buildReport(
  sessions: readonly ReportSession[],
  events: readonly ReportEvent[],
  ruleSlugs: readonly string[],
): RecommendationReport {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const exposed = new Set(
    events.filter((e) => e.outcome === "SHOWN" || e.outcome === "ELIGIBLE").map((e) => e.sessionId),
  );
  const exposedSessions = [...exposed].map((id) => byId.get(id)).filter((s) => !!s);
  const overall = compare(
    exposedSessions.filter((s) => s.arm === "treatment"),
    exposedSessions.filter((s) => s.arm === "control"),
  );
  const slugs = [...new Set([...ruleSlugs, ...events.map((e) => e.ruleSlug)])];
  const rules = slugs.map((rule): RuleFigures => {
    const mine = events.filter((e) => e.ruleSlug === rule);
    const sessionsWith = (outcome: string) =>
      new Set(mine.filter((e) => e.outcome === outcome).map((e) => e.sessionId));
    const shown = sessionsWith("SHOWN");
    const eligible = sessionsWith("ELIGIBLE");
    const accepted = sessionsWith("ACCEPTED");
    const declined = sessionsWith("DECLINED");
    const pick = (ids: Set<string>, armName: string) =>
      [...ids].map((id) => byId.get(id)).filter((s) => !!s && s.arm === armName) as ReportSession[];
    // One accepted change per session (the latest event of each).
    const delta = new Map<string, number>();
    for (const e of mine) if (e.outcome === "ACCEPTED") delta.set(e.sessionId, e.revenueDeltaCents);
    return {
      rule,
      ...compare(pick(shown, "treatment"), pick(eligible, "control")),
      shown: shown.size,
      accepted: accepted.size,
      declined: declined.size,
      acceptRate: shown.size ? accepted.size / shown.size : null,
      revenueDeltaCents: [...delta.values()].reduce((a, b) => a + b, 0),
    };
  });
  return { overall, rules };
}

/** The report over the stored sessions and events (optionally those since a date). */
export async function recommendationReport(
  db: Db,
  opts: { since?: Date } = {},
): Promise<RecommendationReport> {
  const where = opts.since ? { createdAt: { gte: opts.since } } : {};
  const [sessions, events, rules] = await Promise.all([
    db.recommendationSession.findMany({
      where,
      select: { id: true, arm: true, booking: { select: { status: true, totalCents: true } } },
    }),
    db.recommendationEvent.findMany({
      where: opts.since ? { session: where } : {},
      select: { sessionId: true, ruleSlug: true, outcome: true, revenueDeltaCents: true },
    }),
    db.recommendationRule.findMany({
      orderBy: [{ priority: "asc" }, { slug: "asc" }],
      select: { slug: true },
    }),
  ]);
  return buildReport(
    sessions,
    events,
    rules.map((r) => r.slug),
  );
}
