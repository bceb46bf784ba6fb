import { Card } from "@myhibachi/ui";
import { formatStamp } from "@myhibachi/shared";

/** When the numbers on an insights page were computed (the nightly run) and by which model. */
export function RunLine({
  run,
  timeZone,
}: {
  run: {
    fittedAt: Date;
    modelVersion: string;
    durationMs: number | null;
    models: { customers: number };
  };
  timeZone: string;
}) {
  return (
    <p className="text-sm text-muted" data-testid="run-line">
      From the nightly refit of {formatStamp(run.fittedAt, timeZone)} ({run.models.customers}{" "}
      customers with a completed event, models {run.modelVersion}
      {run.durationMs !== null ? `, ${(run.durationMs / 1000).toFixed(1)} s` : ""}).
    </p>
  );
}

/** No run has finished yet (a new install before its first night). */
export function NoRunYet({ title }: { title: string }) {
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <Card>
        <p>
          The models have not run yet. They refit every night from your completed events (the
          worker&apos;s <code>analytics.refit</code> job); this page fills in after the first run.
        </p>
      </Card>
    </div>
  );
}
