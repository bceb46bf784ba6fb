"use client";
// The owner's controls on /recommendations: a rule on or off, its reason and priority, and the
// hold-out share. Each is one operation; the page is read again after a change.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button, ErrorBox, Field, errorMessage } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";

export function RuleSwitch({
  slug,
  name,
  active,
}: {
  slug: string;
  name: string;
  active: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const set = useMutation(
    trpc.owner.recommendations.setRuleActive.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <span className="flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={active}
        aria-label={`${name}: ${active ? "on" : "off"}`}
        disabled={set.isPending}
        onClick={() => set.mutate({ slug, active: !active })}
        className={`inline-flex min-h-9 items-center gap-2 rounded-full border px-3 py-1 text-sm font-medium ${
          active
            ? "border-green-700 bg-green-50 text-green-900"
            : "border-stone-300 bg-stone-50 text-stone-700"
        }`}
      >
        <span
          aria-hidden="true"
          className={`inline-block h-3 w-3 rounded-full ${active ? "bg-green-700" : "bg-stone-400"}`}
        />
        {active ? "On" : "Off"}
      </button>
      {set.error && (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(set.error)}
        </span>
      )}
    </span>
  );
}

export function RuleEditor({
  slug,
  reason,
  priority,
}: {
  slug: string;
  reason: string;
  priority: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [f, setF] = useState({ reason, priority: String(priority) });
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation(
    trpc.owner.recommendations.updateRule.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <form
      className="mt-2 grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-end"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        if (!/^\d+$/.test(f.priority.trim()))
          return setClientError("Order shown: enter a whole number, like 10 (lower shows first).");
        save.mutate({ slug, reason: f.reason, priority: Number(f.priority) });
      }}
    >
      <Field
        id={`${slug}-reason`}
        label="Reason the customer reads"
        hint="{item} and {price} are filled in from the menu; {saving} for a cheaper package."
        value={f.reason}
        onChange={(e) => setF({ ...f, reason: e.target.value })}
      />
      <Field
        id={`${slug}-priority`}
        label="Order shown"
        inputMode="numeric"
        value={f.priority}
        onChange={(e) => setF({ ...f, priority: e.target.value })}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Save
      </Button>
      <div className="sm:col-span-3" aria-live="polite">
        <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && !save.error && <p className="text-sm text-green-800">Saved.</p>}
      </div>
    </form>
  );
}

export function HoldoutForm({ percent }: { percent: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(String(percent));
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation(
    trpc.owner.recommendations.setHoldout.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        if (!/^\d+$/.test(value.trim()) || Number(value) > 50)
          return setClientError("Enter a whole percentage from 0 to 50, like 10.");
        save.mutate({ percent: Number(value) });
      }}
    >
      <Field
        id="holdout-percent"
        label="Visits that see no suggestions (%)"
        inputMode="numeric"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        Save
      </Button>
      <div className="w-full" aria-live="polite">
        <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
        {save.isSuccess && !save.error && <p className="text-sm text-green-800">Saved.</p>}
      </div>
    </form>
  );
}
