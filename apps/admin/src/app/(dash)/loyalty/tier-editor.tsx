"use client";
// The owner edits a tier's name, where it starts, its discount (in percent: the database keeps
// basis points) and how many extra days ahead its members may book (priority booking). Perks are
// listed; they are changed through the API for now.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, ErrorBox, Field } from "@myhibachi/ui";
import { bpsToPercent, percentToBps } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";

type Tier = {
  id: string;
  name: string;
  minCompletedBookings: number;
  discountBps: number;
  extraWindowDays: number;
  perks: { code: string; label: string }[];
  customers: number;
};

export function TierEditor({ tiers }: { tiers: Tier[] }) {
  return (
    <div className="mt-2 flex flex-col">
      {tiers.map((t) => (
        <TierRow key={t.id} tier={t} />
      ))}
    </div>
  );
}

function TierRow({ tier }: { tier: Tier }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [f, setF] = useState({
    name: tier.name,
    from: String(tier.minCompletedBookings),
    discount: bpsToPercent(tier.discountBps),
    extraDays: String(tier.extraWindowDays),
  });
  const [clientError, setClientError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.owner.loyalty.updateTier.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void refresh();
      },
    }),
  );
  const id = `tier-${tier.id}`;
  return (
    <form
      className="grid gap-3 border-b border-stone-100 py-3 md:grid-cols-5 md:items-end"
      noValidate
      aria-label={`Tier ${tier.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        setSaved(false);
        const discountBps = percentToBps(f.discount);
        if (discountBps === null)
          return setClientError("Discount: enter a percentage like 10 or 12.5.");
        if (!/^\d+$/.test(f.from.trim()))
          return setClientError("Starts at: enter a whole number of completed bookings, like 4.");
        if (!/^\d+$/.test(f.extraDays.trim()) || Number(f.extraDays) > 365)
          return setClientError(
            "Extra days ahead: enter a whole number of days from 0 to 365, like 30.",
          );
        save.mutate({
          id: tier.id,
          tier: {
            name: f.name,
            minCompletedBookings: Number(f.from),
            discountBps,
            extraWindowDays: Number(f.extraDays),
          },
        });
      }}
    >
      <Field
        id={`${id}-name`}
        label="Tier name"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
      />
      <Field
        id={`${id}-from`}
        label="Starts at (completed bookings)"
        inputMode="numeric"
        value={f.from}
        onChange={(e) => setF({ ...f, from: e.target.value })}
      />
      <Field
        id={`${id}-discount`}
        label="Discount on food (%)"
        inputMode="decimal"
        value={f.discount}
        onChange={(e) => setF({ ...f, discount: e.target.value })}
      />
      <Field
        id={`${id}-extra-days`}
        label="Books N extra days ahead"
        hint="Beyond the booking window (priority booking); 0: none."
        inputMode="numeric"
        value={f.extraDays}
        onChange={(e) => setF({ ...f, extraDays: e.target.value })}
      />
      <Button type="submit" className="self-end" disabled={save.isPending}>
        Save {tier.name}
      </Button>
      <p className="text-sm text-muted md:col-span-5">
        {tier.customers} {tier.customers === 1 ? "customer" : "customers"} ·{" "}
        {tier.perks.length ? `Perks: ${tier.perks.map((p) => p.label).join(", ")}` : "No perks"}
      </p>
      <div className="md:col-span-5" aria-live="polite">
        <ErrorBox>{clientError ?? errorMessage(save.error)}</ErrorBox>
        {saved && !save.error && <p className="text-sm text-green-800">{tier.name} saved.</p>}
      </div>
    </form>
  );
}
