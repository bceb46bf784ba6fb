"use client";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Card, ErrorBox, Field } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { hhmmToMinutes, minutesToHHMM } from "~/lib/format";
import { centsToDollars, dollarsToCents } from "@myhibachi/shared";
import { ApiKeys } from "./api-keys";

const NUMBERS = [
  ["eventDurationMinutes", "Event duration (minutes)"],
  ["extraMinutesPer10Guests", "Extra minutes per 10 guests over 20"],
  ["travelBufferMinutes", "Travel buffer before (minutes)"],
  ["cleanupBufferMinutes", "Cleanup buffer after (minutes)"],
  ["minNoticeHours", "Minimum notice (hours)"],
  ["bookingWindowDays", "Booking window (days ahead)"],
  ["holdMinutes", "Chat hold (minutes)"],
  ["confirmHoldMinutes", "Time to confirm an online booking (minutes)"],
  ["bookingRateLimit", "Online bookings per IP / email in the window"],
  ["bookingRateWindowMinutes", "Booking limit window (minutes)"],
  ["maxGuestsPerChef", "Guests per chef"],
  ["minGuests", "Minimum guests"],
  ["maxGuests", "Maximum guests"],
  ["freeCancellationHours", "Free cancellation until (hours before)"],
  ["rescheduleCutoffHours", "Online reschedule until (hours before)"],
  ["taxRateBps", "Tax rate (basis points, 938 = 9.38%)"],
  ["suggestedGratuityBps", "Suggested gratuity (basis points)"],
] as const;
const MONEY = [
  ["depositCents", "Deposit ($)"],
  ["partyMinimumCents", "Party minimum ($)"],
] as const;
const TEXT = [
  ["businessName", "Business name"],
  ["timeZone", "Time zone (IANA, e.g. America/Los_Angeles)"],
  ["phone", "Phone"],
  ["email", "Email"],
  ["baseAddress", "Base address"],
  ["baseLat", "Base latitude"],
  ["baseLng", "Base longitude"],
] as const;

type Form = Record<string, string>;

export function SettingsEditor() {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const settings = useQuery(trpc.owner.settings.get.queryOptions());
  const zones = useQuery(trpc.owner.settings.zones.queryOptions());
  const zips = useQuery(trpc.owner.settings.postalCodes.queryOptions());
  const [f, setF] = useState<Form>({});
  const [clientError, setClientError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    const next: Form = { slots: s.slotStartMinutes.map(minutesToHHMM).join(", ") };
    for (const [k] of NUMBERS) next[k] = String(s[k]);
    for (const [k] of MONEY) next[k] = centsToDollars(s[k]);
    for (const [k] of TEXT) next[k] = String(s[k]);
    setF(next);
  }, [settings.data]);
  const update = useMutation(
    trpc.owner.settings.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void refresh();
      },
    }),
  );

  if (settings.isLoading) return <p role="status">Loading settings…</p>;
  if (!settings.data) return <ErrorBox>{errorMessage(settings.error)}</ErrorBox>;

  const submit = () => {
    setClientError(null);
    setSaved(false);
    const slots = f
      .slots!.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => hhmmToMinutes(s));
    if (!slots.length || slots.some((m) => m === null))
      return setClientError("Start times: list times like 17:00, 19:30.");
    const patch: Record<string, unknown> = { slotStartMinutes: slots };
    for (const [k, label] of NUMBERS) {
      if (!/^\d+$/.test(f[k]!.trim())) return setClientError(`${label}: enter a whole number.`);
      patch[k] = Number(f[k]);
    }
    for (const [k, label] of MONEY) {
      const c = dollarsToCents(f[k]!);
      if (c === null) return setClientError(`${label}: enter an amount like 100.00.`);
      patch[k] = c;
    }
    for (const [k, label] of TEXT) {
      if (k === "baseLat" || k === "baseLng") {
        const n = Number(f[k]);
        if (!f[k]!.trim() || !Number.isFinite(n))
          return setClientError(`${label}: enter a number.`);
        patch[k] = n;
      } else patch[k] = f[k];
    }
    // The version this form was loaded at: a save over someone else's newer change is refused.
    update.mutate({ ...patch, version: settings.data!.version } as Parameters<
      typeof update.mutate
    >[0]);
  };
  const stale = update.error?.data?.code === "CONFLICT";

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Settings</h1>
      <Card>
        <h2 className="font-semibold">Booking rules and business details</h2>
        <form
          className="mt-2 grid gap-3 md:grid-cols-3"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            id="slots"
            label="Start times offered (comma separated)"
            className="md:col-span-3"
            value={f.slots ?? ""}
            onChange={(e) => setF({ ...f, slots: e.target.value })}
          />
          {[...NUMBERS, ...MONEY, ...TEXT].map(([k, label]) => (
            <Field
              key={k}
              id={k}
              label={label}
              value={f[k] ?? ""}
              onChange={(e) => setF({ ...f, [k]: e.target.value })}
            />
          ))}
          <div className="md:col-span-3">
            <ErrorBox>{clientError ?? errorMessage(update.error)}</ErrorBox>
            {stale && (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  update.reset();
                  void settings.refetch();
                }}
              >
                Reload settings (discards your unsaved edits)
              </Button>
            )}
            {saved && (
              <p role="status" className="text-sm text-green-800">
                Settings saved. New quotes and availability use them now.
              </p>
            )}
          </div>
          <Button type="submit" disabled={update.isPending}>
            Save settings
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="font-semibold">Travel zones</h2>
        {zones.data?.map((z) => (
          <ZoneRow key={z.id} zone={z} onDone={refresh} />
        ))}
        <ZoneRow onDone={refresh} />
      </Card>
      <Card>
        <h2 className="font-semibold">Service area (ZIP codes we can locate)</h2>
        <ServiceArea rows={zips.data ?? []} onDone={refresh} />
      </Card>
      <Card>
        <h2 className="font-semibold">API keys</h2>
        <ApiKeys onDone={refresh} />
      </Card>
    </div>
  );
}

function ZoneRow({
  zone,
  onDone,
}: {
  zone?: { id: string; name: string; maxMiles: number; feeCents: number };
  onDone: () => unknown;
}) {
  const trpc = useTRPC();
  const [f, setF] = useState({
    name: zone?.name ?? "",
    miles: String(zone?.maxMiles ?? ""),
    fee: zone ? centsToDollars(zone.feeCents) : "",
  });
  const [clientError, setClientError] = useState<string | null>(null);
  const opts = {
    onSuccess: () => {
      if (!zone) setF({ name: "", miles: "", fee: "" });
      void onDone();
    },
  };
  const create = useMutation(trpc.owner.settings.createZone.mutationOptions(opts));
  const update = useMutation(trpc.owner.settings.updateZone.mutationOptions(opts));
  const del = useMutation(trpc.owner.settings.deleteZone.mutationOptions(opts));
  const p = zone ? `zone-${zone.id}` : "zone-new";
  return (
    <form
      className="flex flex-wrap items-end gap-3 border-b border-stone-100 py-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setClientError(null);
        const feeCents = dollarsToCents(f.fee);
        const maxMiles = Number(f.miles);
        if (feeCents === null) return setClientError("Fee: enter an amount like 50.00.");
        if (!f.miles.trim() || !Number.isFinite(maxMiles))
          return setClientError("Up to miles: enter a number.");
        const data = { name: f.name, maxMiles, feeCents };
        if (zone) update.mutate({ id: zone.id, zone: data });
        else create.mutate(data);
      }}
    >
      <Field
        id={`${p}-name`}
        label={zone ? "Zone" : "New zone"}
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
      />
      <Field
        id={`${p}-miles`}
        label="Up to miles"
        value={f.miles}
        onChange={(e) => setF({ ...f, miles: e.target.value })}
      />
      <Field
        id={`${p}-fee`}
        label="Travel fee ($)"
        value={f.fee}
        onChange={(e) => setF({ ...f, fee: e.target.value })}
      />
      <Button type="submit">{zone ? "Save" : "Add zone"}</Button>
      {zone && (
        <Button type="button" variant="ghost" onClick={() => del.mutate({ id: zone.id })}>
          Delete
        </Button>
      )}
      <div className="w-full">
        <ErrorBox>
          {clientError ?? errorMessage(create.error ?? update.error ?? del.error)}
        </ErrorBox>
      </div>
    </form>
  );
}

function ServiceArea({
  rows,
  onDone,
}: {
  rows: { postalCode: string; city: string; state: string }[];
  onDone: () => unknown;
}) {
  const trpc = useTRPC();
  const [f, setF] = useState({ postalCode: "", city: "", state: "CA", lat: "", lng: "" });
  const add = useMutation(
    trpc.owner.settings.addPostalCode.mutationOptions({
      onSuccess: () => {
        setF({ postalCode: "", city: "", state: "CA", lat: "", lng: "" });
        void onDone();
      },
    }),
  );
  const remove = useMutation(
    trpc.owner.settings.removePostalCode.mutationOptions({ onSuccess: () => void onDone() }),
  );
  return (
    <div>
      <ul className="mt-2 flex flex-wrap gap-2 text-xs">
        {rows.map((r) => (
          <li
            key={r.postalCode}
            className="flex items-center gap-1 rounded-full bg-stone-100 px-2 py-1"
          >
            {r.postalCode} {r.city}
            <button
              aria-label={`Remove ZIP ${r.postalCode}`}
              className="px-1"
              onClick={() => remove.mutate({ postalCode: r.postalCode })}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="mt-3 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({
            ...f,
            lat: f.lat.trim() ? Number(f.lat) : NaN,
            lng: f.lng.trim() ? Number(f.lng) : NaN,
          });
        }}
      >
        <Field
          id="zip"
          label="ZIP"
          value={f.postalCode}
          onChange={(e) => setF({ ...f, postalCode: e.target.value })}
        />
        <Field
          id="zip-city"
          label="City"
          value={f.city}
          onChange={(e) => setF({ ...f, city: e.target.value })}
        />
        <Field
          id="zip-state"
          label="State"
          value={f.state}
          onChange={(e) => setF({ ...f, state: e.target.value })}
        />
        <Field
          id="zip-lat"
          label="Latitude"
          value={f.lat}
          onChange={(e) => setF({ ...f, lat: e.target.value })}
        />
        <Field
          id="zip-lng"
          label="Longitude"
          value={f.lng}
          onChange={(e) => setF({ ...f, lng: e.target.value })}
        />
        <Button type="submit">Add ZIP</Button>
        <div className="w-full">
          <ErrorBox>{errorMessage(add.error ?? remove.error)}</ErrorBox>
        </div>
      </form>
    </div>
  );
}
