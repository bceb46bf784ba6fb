import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { Badge, Card } from "@myhibachi/ui";
import { adminApi, requireStaff } from "~/server/session";
import { SequenceSettings, StepEditor } from "./step-editor";

export const metadata: Metadata = { title: "Edit a campaign" };
export const dynamic = "force-dynamic";

export default async function CampaignEditPage({ params }: { params: Promise<{ key: string }> }) {
  await requireStaff(["OWNER"]);
  const { key } = await params;
  const api = await adminApi();
  const { sequences, placeholders } = await api.owner.campaigns.sequences();
  const s = sequences.find((x) => x.key === key);
  if (!s) notFound();
  return (
    <div className="flex min-w-0 flex-col gap-4">
      <p className="text-sm">
        <Link href="/campaigns" className="text-brand-700 underline">
          ← All campaigns
        </Link>
      </p>
      <div className="min-w-0">
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
          {s.name}
          <Badge tone={s.active ? "green" : "neutral"}>{s.active ? "on" : "off"}</Badge>
        </h1>
        <p className="text-sm">{s.triggerWords}.</p>
        <p className="text-sm text-muted">
          {s.activeEnrolments} {s.activeEnrolments === 1 ? "person is" : "people are"} in it now.
        </p>
      </div>
      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">On or off, and when it stops</h2>
        <SequenceSettings
          sequenceKey={s.key}
          name={s.name}
          trigger={s.trigger}
          active={s.active}
          exitOnBooking={s.exitOnBooking}
        />
      </Card>
      <Card className="min-w-0">
        <h2 className="text-lg font-semibold">What a change does</h2>
        <ul className="mt-1 list-disc pl-5 text-sm text-muted">
          <li>A step already sent to someone is never sent to them again.</li>
          <li>
            A new delay changes the time for the people whose next step is this one (counted from
            the start again; at once when that time has passed). Everyone else keeps their times.
          </li>
          <li>
            Words and offers apply to the emails written from now on. Emails are still sent between
            8 am and 9 pm in the event&apos;s time zone, at most one a day per person.
          </li>
          <li>Only emails go out for now: a text-message or in-app step is skipped.</li>
        </ul>
      </Card>
      <ol className="flex min-w-0 flex-col gap-4" aria-label="Steps">
        {s.steps.map((st) => (
          <li key={st.id} className="min-w-0">
            <Card className="min-w-0">
              <h2 className="text-lg font-semibold">
                Step {st.position}: +{st.delayWords}
              </h2>
              <StepEditor
                step={st}
                sequenceName={s.name}
                trigger={s.trigger}
                placeholders={placeholders}
              />
            </Card>
          </li>
        ))}
      </ol>
    </div>
  );
}
