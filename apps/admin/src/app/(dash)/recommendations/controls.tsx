"use client";
// The owner's controls on /recommendations: a rule on or off, its settings (reason, order, when
// it applies, what it suggests), and the hold-out share. Each is one operation; the page is read again after a change.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { reasonHint } from "@myhibachi/shared";
import { Button, ErrorBox, Field, SelectField, errorMessage } from "@myhibachi/ui";
import { useTRPC } from "~/lib/trpc";
import { ruleEditOf, ruleFormOf, SEASON_WORDS, type RuleForForm, type RuleForm } from "./rule-form";

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

export interface MenuChoices {
  items: { slug: string; name: string; kind: string; active: boolean }[];
  packages: { slug: string; name: string; active: boolean }[];
}

const EXTRA_KINDS = ["APPETIZER", "ADDON", "SIDE"];
const KIND_NAMES: Record<string, string> = {
  APPETIZER: "Appetizer",
  SIDE: "Side",
  ADDON: "Add-on",
};

/** The options of a select, from [value, label] pairs. */
const optionsOf = (list: readonly (readonly [string, string])[]) =>
  list.map(([v, l]) => (
    <option key={v} value={v}>
      {l}
    </option>
  ));

/** A group of checkboxes (packages, seasons, proteins): none ticked means "any". */
function Checks({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: readonly (readonly [string, string])[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset id={id} tabIndex={-1} className="min-w-0">
      <legend className="text-sm font-medium">{legend}</legend>
      {hint && <p className="text-xs text-muted">{hint}</p>}
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map(([slug, label]) => (
          <label key={slug} className="inline-flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={value.includes(slug)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, slug] : value.filter((v) => v !== slug))
              }
            />
            {label}
          </label>
        ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * A rule's settings: the reason and order, when it applies (party size, packages, seasons, the
 * "mostly one protein" share) and what it suggests (the dish or package, from the menu).
 */
export function RuleEditor({
  rule,
  menu,
}: {
  rule: RuleForForm & { slug: string };
  menu: MenuChoices;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const { slug } = rule;
  const [f, setF] = useState<RuleForm>(() => ruleFormOf(rule));
  const [problem, setProblem] = useState<{ field: string; error: string } | null>(null);
  const save = useMutation(
    trpc.owner.recommendations.updateRule.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const set = (patch: Partial<RuleForm>) => {
    setF({ ...f, ...patch });
    save.reset();
  };
  const fieldError = (name: string) => (problem?.field === name ? problem.error : undefined);
  const named = (kinds: string[], current: string) =>
    menu.items
      .filter((i) => kinds.includes(i.kind) && (i.active || i.slug === current))
      .map((i) => [i.slug, `${i.name}${i.active ? "" : " (off the menu)"}`] as const);
  const proteins = named(["PROTEIN"], "");
  const packages = menu.packages.map((p) => [p.slug, p.name] as const);
  const t = rule.target;
  const id = (name: string) => `${slug}-${name}`;
  return (
    <form
      className="mt-2 flex flex-col gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = ruleEditOf(f, rule);
        if ("error" in r) {
          setProblem(r);
          document.getElementById(id(r.field))?.focus();
          return;
        }
        setProblem(null);
        save.mutate({ slug, ...r.edit });
      }}
    >
      <Field
        id={id("reason")}
        label="Reason the customer reads"
        // The placeholders this kind of suggestion fills (with the box below as ticked now).
        hint={reasonHint({ type: t.type, onlyIfCheaper: f.onlyIfCheaper })}
        value={f.reason}
        error={fieldError("reason")}
        onChange={(e) => set({ reason: e.target.value })}
      />
      <h4 className="text-sm font-semibold">What it suggests</h4>
      {t.type === "upgrade" && (
        <div className="grid gap-2 sm:grid-cols-2">
          <SelectField
            id={id("item")}
            label="Upgrade offered"
            value={f.item}
            onChange={(e) => set({ item: e.target.value })}
          >
            {optionsOf(named(["UPGRADE"], f.item))}
          </SelectField>
          <SelectField
            id={id("from")}
            label="In place of"
            value={f.from}
            onChange={(e) => set({ from: e.target.value })}
          >
            <option value="">The protein they chose most</option>
            {optionsOf(named(["PROTEIN"], f.from))}
          </SelectField>
        </div>
      )}
      {t.type === "add-extra" && (
        <SelectField
          id={id("item")}
          label="Dish offered (one serving a guest)"
          value={f.item}
          onChange={(e) => set({ item: e.target.value })}
        >
          {optionsOf(named(EXTRA_KINDS, f.item))}
        </SelectField>
      )}
      {t.type === "best-of-kind" && (
        <SelectField
          id={id("kind")}
          label="The best safe dish of this kind"
          value={f.kind}
          onChange={(e) => set({ kind: e.target.value })}
        >
          {EXTRA_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </SelectField>
      )}
      {t.type === "swap-proteins" && (
        <Checks
          id={id("proteins")}
          legend="Proteins suggested"
          options={proteins}
          value={f.proteins}
          onChange={(proteins) => set({ proteins })}
          error={fieldError("proteins")}
        />
      )}
      {t.type === "switch-package" && (
        <div className="flex flex-col gap-2">
          <SelectField
            id={id("packageSlug")}
            label="Package suggested"
            value={f.packageSlug}
            onChange={(e) => set({ packageSlug: e.target.value })}
          >
            {optionsOf(packages)}
          </SelectField>
          <label className="inline-flex min-h-9 items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-5 w-5"
              checked={f.onlyIfCheaper}
              onChange={(e) => set({ onlyIfCheaper: e.target.checked })}
            />
            Only when it makes their total lower
          </label>
        </div>
      )}
      <h4 className="text-sm font-semibold">When it is shown</h4>
      <div className="grid gap-2 sm:grid-cols-3">
        <Field
          id={id("minGuests")}
          label="Smallest party"
          inputMode="numeric"
          placeholder="any"
          value={f.minGuests}
          error={fieldError("minGuests")}
          onChange={(e) => set({ minGuests: e.target.value })}
        />
        <Field
          id={id("maxGuests")}
          label="Largest party"
          inputMode="numeric"
          placeholder="any"
          value={f.maxGuests}
          error={fieldError("maxGuests")}
          onChange={(e) => set({ maxGuests: e.target.value })}
        />
        <Field
          id={id("priority")}
          label="Order shown"
          inputMode="numeric"
          hint="Lower shows first."
          value={f.priority}
          error={fieldError("priority")}
          onChange={(e) => set({ priority: e.target.value })}
        />
      </div>
      <Checks
        id={id("packageSlugs")}
        legend="Packages"
        hint="None ticked: any package."
        options={packages}
        value={f.packageSlugs}
        onChange={(packageSlugs) => set({ packageSlugs })}
      />
      <Checks
        id={id("seasons")}
        legend="Seasons of the event"
        hint="None ticked: all year."
        options={SEASON_WORDS}
        value={f.seasons}
        onChange={(seasons) => set({ seasons })}
      />
      {(f.shareSlug || rule.conditions.proteinShare) && (
        <div className="grid gap-2 sm:grid-cols-2">
          <SelectField
            id={id("shareSlug")}
            label="Party mostly chose"
            value={f.shareSlug}
            error={fieldError("shareSlug")}
            onChange={(e) => set({ shareSlug: e.target.value })}
          >
            <option value="">(no such condition)</option>
            {optionsOf(proteins)}
          </SelectField>
          <Field
            id={id("sharePercent")}
            label="At least this share of the proteins (%)"
            inputMode="numeric"
            placeholder="any"
            value={f.sharePercent}
            error={fieldError("sharePercent")}
            onChange={(e) => set({ sharePercent: e.target.value })}
          />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          Save
        </Button>
        <div aria-live="polite" className="min-w-0">
          <ErrorBox>{errorMessage(save.error)}</ErrorBox>
          {save.isSuccess && !save.error && <p className="text-sm text-green-800">Saved.</p>}
        </div>
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
