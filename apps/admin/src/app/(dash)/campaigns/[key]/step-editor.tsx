"use client";
// The owner edits a campaign step (delay in hours or days, channel, words, offer, minimum rating)
// and switches the sequence on or off. The server checks everything and answers in words; the
// preview under each step is the engine's own rendering of the saved step with sample data.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import { TextAreaField } from "~/components/text-area";
import { errorMessage, useTRPC } from "~/lib/trpc";

type Channel = "EMAIL" | "SMS" | "IN_APP";
type Trigger = "ABANDONED_BOOKING" | "POST_EVENT" | "RE_ENGAGEMENT" | "CHURN_RISK";

/** The lowest rating asked for a public review (the server's rule: a low rating never is). */
const REVIEW_MIN_RATING = 4;
/** Sequences a booking always ends (the server refuses switching that off). */
const ALWAYS_EXIT_ON_BOOKING: readonly Trigger[] = [
  "ABANDONED_BOOKING",
  "RE_ENGAGEMENT",
  "CHURN_RISK",
];

export interface EditableStep {
  id: string;
  position: number;
  delay: { value: number; unit: "hours" | "days" };
  channel: Channel;
  subject: string;
  template: string;
  offerPercent: number | null;
  offerValidDays: number | null;
  minRating: number | null;
  preview: { subject: string; text: string };
}

/** A whole number typed in a field, null when blank, undefined when not a number. */
function wholeOrBlank(v: string): number | null | undefined {
  const t = v.trim();
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

export function StepEditor({
  step,
  sequenceName,
  trigger,
  placeholders,
}: {
  step: EditableStep;
  sequenceName: string;
  trigger: Trigger;
  placeholders: { name: string; means: string; needsOffer: boolean }[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({
    delay: String(step.delay.value),
    unit: step.delay.unit,
    channel: step.channel,
    subject: step.subject,
    template: step.template,
    offerPercent: step.offerPercent === null ? "" : String(step.offerPercent),
    offerValidDays: step.offerValidDays === null ? "" : String(step.offerValidDays),
    minRating: step.minRating === null ? "" : String(step.minRating),
  });
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation(
    trpc.owner.campaigns.updateStep.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const id = `step-${step.position}`;
  // A step with the public-review link goes only to people who rated 4 or 5: "any rating" and
  // the low minimums are not offered for it (the server refuses them with a sentence too).
  const asksForReview = /\{\{\s*reviewUrl\s*\}\}/.test(`${f.subject} ${f.template}`);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => {
    setF({ ...f, [k]: e.target.value });
    save.reset();
  };
  return (
    <form
      noValidate
      aria-label={`Step ${step.position} of ${sequenceName}`}
      className="mt-3 flex min-w-0 flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        const delay = Number(f.delay.trim().replace(",", "."));
        if (f.delay.trim() === "" || !Number.isFinite(delay))
          return setClientError("Delay: enter a number of hours or days, like 2 or 1.5.");
        const offerPercent = wholeOrBlank(f.offerPercent);
        const offerValidDays = wholeOrBlank(f.offerValidDays);
        if (offerPercent === undefined)
          return setClientError("Offer: enter a whole percent from 1 to 50, or leave it empty.");
        if (offerValidDays === undefined)
          return setClientError("Code valid for: enter a whole number of days, or leave it empty.");
        save.mutate({
          stepId: step.id,
          step: {
            delay: { value: delay, unit: f.unit },
            channel: f.channel,
            subject: f.subject,
            template: f.template,
            offerPercent,
            offerValidDays,
            minRating: f.minRating === "" ? null : Number(f.minRating),
          },
        });
      }}
    >
      <div className="grid min-w-0 gap-3 sm:grid-cols-3">
        <Field
          id={`${id}-delay`}
          label="Delay after the start"
          inputMode="decimal"
          value={f.delay}
          onChange={set("delay")}
        />
        <SelectField
          id={`${id}-unit`}
          label="Delay in"
          value={f.unit}
          onChange={(e) => {
            setF({ ...f, unit: e.target.value as "hours" | "days" });
            save.reset();
          }}
        >
          <option value="hours">hours</option>
          <option value="days">days</option>
        </SelectField>
        <SelectField
          id={`${id}-channel`}
          label="Channel"
          value={f.channel}
          onChange={(e) => {
            setF({ ...f, channel: e.target.value as Channel });
            save.reset();
          }}
        >
          <option value="EMAIL">Email</option>
          <option value="SMS">Text message (not sent yet)</option>
          <option value="IN_APP">In the app (not sent yet)</option>
        </SelectField>
      </div>
      <Field id={`${id}-subject`} label="Subject" value={f.subject} onChange={set("subject")} />
      <TextAreaField
        id={`${id}-template`}
        label="Text"
        rows={8}
        value={f.template}
        onChange={set("template")}
        hint="Placeholders in double braces are filled in for each person; the list is below."
      />
      <details className="rounded-lg border border-stone-200 px-3 py-2 text-sm">
        <summary className="cursor-pointer font-medium">Placeholders you can use</summary>
        <ul className="mt-2 flex flex-col gap-1">
          {placeholders.map((p) => (
            <li key={p.name} className="[overflow-wrap:anywhere]">
              <code className="rounded bg-stone-100 px-1">{`{{${p.name}}}`}</code> {p.means}
              {p.needsOffer && <span className="text-muted"> (only with an offer)</span>}
            </li>
          ))}
        </ul>
      </details>
      <div className="grid min-w-0 gap-3 sm:grid-cols-3">
        <Field
          id={`${id}-offer`}
          label="Offer (% off the food)"
          inputMode="numeric"
          value={f.offerPercent}
          onChange={set("offerPercent")}
          hint="1 to 50; empty: no offer."
        />
        <Field
          id={`${id}-valid`}
          label="Code valid for (days)"
          inputMode="numeric"
          value={f.offerValidDays}
          onChange={set("offerValidDays")}
        />
        <SelectField
          id={`${id}-rating`}
          label="Send only after a rating of"
          value={f.minRating}
          onChange={(e) => {
            setF({ ...f, minRating: e.target.value });
            save.reset();
          }}
        >
          <option value="" disabled={asksForReview}>
            any rating, or none
          </option>
          {[1, 2, 3, 4, 5].map((r) => (
            <option key={r} value={String(r)} disabled={asksForReview && r < REVIEW_MIN_RATING}>
              {r} or more
            </option>
          ))}
        </SelectField>
      </div>
      {asksForReview && (
        <p className="text-sm text-muted">
          {trigger === "POST_EVENT"
            ? `This step asks for a public review ({{reviewUrl}}): it goes only to people who rated their event ${REVIEW_MIN_RATING} or 5.`
            : "{{reviewUrl}} asks for a public review: only a post-event step that goes to people who rated 4 or 5 can use it."}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          Save step {step.position}
        </Button>
      </div>
      <div aria-live="polite" className="min-w-0">
        <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {save.data.changed
              ? `Step ${step.position} saved.${
                  save.data.rescheduled
                    ? ` ${save.data.rescheduled} ${save.data.rescheduled === 1 ? "person" : "people"} waiting for it got the new time.`
                    : ""
                }`
              : "Nothing changed."}
          </p>
        )}
      </div>
      <section
        aria-label={`Preview of step ${step.position}`}
        className="min-w-0 rounded-lg border border-stone-200 bg-stone-50 p-3"
      >
        <h3 className="text-sm font-semibold">Preview with sample data (as saved)</h3>
        <p className="mt-1 text-sm [overflow-wrap:anywhere]" data-testid="preview-subject">
          <span className="text-muted">Subject:</span> {step.preview.subject}
        </p>
        <pre
          className="mt-2 whitespace-pre-wrap font-sans text-sm [overflow-wrap:anywhere]"
          data-testid="preview-text"
        >
          {step.preview.text}
        </pre>
      </section>
    </form>
  );
}

export function SequenceSettings({
  sequenceKey,
  name,
  trigger,
  active,
  exitOnBooking,
}: {
  sequenceKey: string;
  name: string;
  trigger: Trigger;
  active: boolean;
  exitOnBooking: boolean;
}) {
  const alwaysExits = ALWAYS_EXIT_ON_BOOKING.includes(trigger);
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ active, exitOnBooking });
  const save = useMutation(
    trpc.owner.campaigns.setSequence.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <form
      aria-label={`${name}: on or off`}
      className="mt-2 flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          alwaysExits ? { key: sequenceKey, active: f.active } : { key: sequenceKey, ...f },
        );
      }}
    >
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={f.active}
          onChange={(e) => {
            setF({ ...f, active: e.target.checked });
            save.reset();
          }}
        />
        <span>
          On: new people are enrolled and steps go out
          <span className="block text-xs text-muted">
            Off: nothing more goes out; people reaching their next step while it is off leave it.
          </span>
        </span>
      </label>
      {alwaysExits ? (
        <p className="text-sm">
          Stops when the person books: always, for this sequence (a booking ends it at once).
        </p>
      ) : (
        <label className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={f.exitOnBooking}
            onChange={(e) => {
              setF({ ...f, exitOnBooking: e.target.checked });
              save.reset();
            }}
          />
          <span>Stop when the person books</span>
        </label>
      )}
      <div>
        <Button type="submit" disabled={save.isPending}>
          Save {name}
        </Button>
      </div>
      <div aria-live="polite">
        <ErrorBox>{errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && (
          <p role="status" className="text-sm text-green-800">
            {save.data.changed ? `${name} saved.` : "Nothing changed."}
          </p>
        )}
      </div>
    </form>
  );
}
