import type { Metadata } from "next";
import { Badge, Card, ErrorBox, errorMessage } from "@myhibachi/ui";
import { formatCents } from "@myhibachi/shared";
import { adminApi, requireStaff } from "~/server/session";
import { HoldoutForm, RuleEditor, RuleSwitch } from "./controls";
import { conversionWords, orderValueWords, percentOf, signedMoney } from "./words";

export const metadata: Metadata = { title: "Recommendations" };
export const dynamic = "force-dynamic";

type Figures = {
  treatment: {
    sessions: number;
    bookings: number;
    conversion: number | null;
    averageOrderCents: number | null;
  };
  control: {
    sessions: number;
    bookings: number;
    conversion: number | null;
    averageOrderCents: number | null;
  };
  conversionDiff: { estimate: number; low: number; high: number } | null;
  averageOrderDiff: { estimate: number; low: number; high: number } | null;
};

const KIND_WORDS: Record<string, string> = {
  upsell: "Upsell",
  seasonal: "Seasonal",
  "switch-package": "Better package",
};

/** With vs without, in a caterer's words; stacks on a phone. */
function WithWithout({ f, label }: { f: Figures; label: string }) {
  const aov = orderValueWords(f.averageOrderDiff);
  const conv = conversionWords(f.conversionDiff, {
    treatment: f.treatment.bookings,
    control: f.control.bookings,
  });
  const side = (title: string, s: Figures["treatment"]) => (
    <div className="min-w-0 rounded-lg bg-stone-50 p-3">
      <span className="text-sm font-medium">{title}</span>
      <span className="block text-sm">
        {s.sessions.toLocaleString("en-US")} visits, {s.bookings.toLocaleString("en-US")} booked (
        {percentOf(s.conversion)})
      </span>
      <span className="block text-sm">
        Average booking {s.averageOrderCents === null ? "–" : formatCents(s.averageOrderCents)}
      </span>
    </div>
  );
  return (
    <div className="mt-2 flex flex-col gap-3" role="group" aria-label={label}>
      <div className="grid gap-2 sm:grid-cols-2">
        {side("With suggestions", f.treatment)}
        {side("Without (held out)", f.control)}
      </div>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div className="min-w-0">
          <dt className="text-muted">Order value, with vs without</dt>
          <dd className="font-semibold break-words">{aov.figure}</dd>
          <dd className="text-xs text-muted">{aov.meaning}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-muted">Visits that booked, with vs without</dt>
          <dd className="font-semibold break-words">{conv.figure}</dd>
          <dd className="text-xs text-muted">{conv.meaning}</dd>
        </div>
      </dl>
    </div>
  );
}

export default async function RecommendationsPage() {
  await requireStaff(["OWNER"]);
  const api = await adminApi();
  const [report, menu] = await Promise.all([
    api.owner.recommendations.report().catch((e: Error) => e),
    api.owner.menu.list().catch((e: Error) => e),
  ]);
  if (report instanceof Error) return <ErrorBox>{errorMessage(report)}</ErrorBox>;
  if (menu instanceof Error) return <ErrorBox>{errorMessage(menu)}</ErrorBox>;
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <h1 className="text-2xl font-bold">Recommendations</h1>
      <p className="text-sm text-muted">
        Suggestions on the booking site, in the chat and in the reminder email: every item safe for
        the party&apos;s allergies and diets, at most two at a time. {report.holdoutPercent} % of
        visits see none, so the figures below compare the same kind of visits with and without them.
        A range is where the true difference most likely lies (95 %); a range that crosses zero
        means it isn&apos;t clear yet.
      </p>
      <Card>
        <h2 className="font-semibold">All suggestions</h2>
        <WithWithout f={report.overall} label="All suggestions, with and without" />
      </Card>
      <Card>
        <h2 className="font-semibold">Visits held out</h2>
        <p className="mt-1 text-sm text-muted">
          Each visit is in or out once, for good; a change applies to new visits. 0 % stops
          measuring; at most 50 %.
        </p>
        <HoldoutForm percent={report.holdoutPercent} />
      </Card>
      <h2 className="text-lg font-semibold">Rules</h2>
      <ul className="flex flex-col gap-4" aria-label="Recommendation rules">
        {report.rules.map((r) => (
          <li key={r.slug} data-testid={`rule-${r.slug}`}>
            <Card>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h3 className="font-semibold break-words">{r.name}</h3>
                  <span className="text-xs text-muted">
                    {KIND_WORDS[r.kind] ?? r.kind}
                    {!r.valid && " · its settings no longer read: it is skipped"}
                  </span>
                </div>
                <RuleSwitch slug={r.slug} name={r.name} active={r.active} />
              </div>
              <p className="mt-2 text-sm break-words">&ldquo;{r.reason}&rdquo;</p>
              <p className="mt-2 flex flex-wrap gap-2 text-sm">
                <Badge tone="neutral">shown {r.figures.shown.toLocaleString("en-US")}</Badge>
                <Badge tone="green">
                  accepted {r.figures.accepted.toLocaleString("en-US")} (
                  {percentOf(r.figures.acceptRate)})
                </Badge>
                <Badge tone="amber">declined {r.figures.declined.toLocaleString("en-US")}</Badge>
                <Badge tone="neutral">
                  accepted changes {signedMoney(r.figures.revenueDeltaCents)}
                </Badge>
              </p>
              <WithWithout f={r.figures} label={`${r.name}, with and without`} />
              <details className="mt-2">
                <summary className="cursor-pointer text-sm underline">Edit this rule</summary>
                <RuleEditor rule={r} menu={menu} />
              </details>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
