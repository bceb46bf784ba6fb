"use client";
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button, Card, ErrorBox, Field, SelectField } from "@myhibachi/ui";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { useRefresh } from "~/lib/mutation";
import { formatTimeList, parseTimeList } from "~/lib/format";
import {
  bpsToPercent,
  centsToDollars,
  dollarsToCents,
  formatZoneName,
  percentToBps,
  pluralCount,
  readPhoneHours,
} from "@myhibachi/shared";
import { ApiKeys } from "./api-keys";
import { fromDayForms, PhoneHoursFieldset, toDayForms, type DayForm } from "./phone-hours";
import { PublishedReviews } from "./published-reviews";

type NumberKey =
  | "eventDurationMinutes"
  | "extraMinutesPer10Guests"
  | "travelBufferMinutes"
  | "cleanupBufferMinutes"
  | "minNoticeHours"
  | "bookingWindowDays"
  | "holdMinutes"
  | "confirmHoldMinutes"
  | "bookingRateLimit"
  | "bookingRateWindowMinutes"
  | "maxGuestsPerChef"
  | "minGuests"
  | "maxGuests"
  | "freeCancellationHours"
  | "rescheduleCutoffHours"
  | "partyChangeCutoffHours"
  | "guestDecreaseCutoffHours";

/** The form in groups, each field with its label (and a hint where the unit isn't obvious). */
const GROUPS: {
  title: string;
  numbers: [NumberKey, string][];
}[] = [
  {
    title: "Events",
    numbers: [
      ["eventDurationMinutes", "Event duration (minutes)"],
      ["extraMinutesPer10Guests", "Extra minutes per 10 guests over 20"],
      ["travelBufferMinutes", "Travel time before (minutes)"],
      ["cleanupBufferMinutes", "Clean-up time after (minutes)"],
      ["maxGuestsPerChef", "Guests per chef"],
      ["minGuests", "Minimum guests"],
      ["maxGuests", "Maximum guests"],
    ],
  },
  {
    title: "Booking rules",
    numbers: [
      ["minNoticeHours", "Minimum notice (hours)"],
      ["bookingWindowDays", "Booking window (days ahead)"],
      ["holdMinutes", "Chat hold (minutes)"],
      ["confirmHoldMinutes", "Time to confirm an online booking (minutes)"],
      ["bookingRateLimit", "Online bookings per customer in the window"],
      ["bookingRateWindowMinutes", "That window (minutes)"],
      ["freeCancellationHours", "Free cancellation until (hours before)"],
      ["rescheduleCutoffHours", "Online rescheduling until (hours before)"],
      ["partyChangeCutoffHours", "Guest and menu changes online until (hours before)"],
      ["guestDecreaseCutoffHours", "Guest count final (hours before: after it, it can only go up)"],
    ],
  },
];
const PERCENTS = [
  ["taxRateBps", "Sales tax (%)", "Charged on food and extras, e.g. 9.38."],
  ["suggestedGratuityBps", "Suggested gratuity (%)", "Shown to customers as a guide, e.g. 20."],
] as const;
const MONEY = [
  ["depositCents", "Deposit ($)"],
  ["partyMinimumCents", "Party minimum ($)"],
] as const;
const TEXT = [
  ["businessName", "Business name"],
  ["phone", "Phone"],
  ["email", "Email"],
  ["baseAddress", "Where your chefs start from (shown to customers)"],
] as const;
/** The business's public review pages (optional): shown on the site's Reviews page. */
const REVIEW_LINKS = [
  [
    "googleReviewUrl",
    "Google review page (optional)",
    "The https:// link Google gives you to ask for reviews. Happy customers are sent here.",
  ],
  [
    "yelpReviewUrl",
    "Yelp page (optional)",
    "Your business's https:// page on Yelp. Used when there is no Google link.",
  ],
] as const;

/** The US zones a caterer is likely in (the current one is added when it isn't listed). */
const ZONES = [
  ["America/New_York", "Eastern (New York)"],
  ["America/Chicago", "Central (Chicago)"],
  ["America/Denver", "Mountain (Denver)"],
  ["America/Phoenix", "Mountain, no daylight saving (Phoenix)"],
  ["America/Los_Angeles", "Pacific (Los Angeles)"],
  ["America/Anchorage", "Alaska (Anchorage)"],
  ["Pacific/Honolulu", "Hawaii (Honolulu)"],
] as const;

type Form = Record<string, string>;

export function SettingsEditor({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const settings = useQuery(trpc.owner.settings.get.queryOptions());
  const zones = useQuery(trpc.owner.settings.zones.queryOptions());
  const zips = useQuery(trpc.owner.settings.postalCodes.queryOptions());
  const [f, setF] = useState<Form>({});
  const [phoneDays, setPhoneDays] = useState<DayForm[]>([]);
  const [clientError, setClientError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    const next: Form = {
      slots: formatTimeList(s.slotStartMinutes),
      timeZone: s.timeZone,
      baseZip: "",
    };
    for (const g of GROUPS) for (const [k] of g.numbers) next[k] = String(s[k]);
    for (const [k] of PERCENTS) next[k] = bpsToPercent(s[k]);
    for (const [k] of MONEY) next[k] = centsToDollars(s[k]);
    for (const [k] of TEXT) next[k] = String(s[k]);
    for (const [k] of REVIEW_LINKS) next[k] = s[k] ?? "";
    setF(next);
    setPhoneDays(toDayForms(readPhoneHours(s.phoneHours)));
  }, [settings.data]);
  const update = useMutation(
    trpc.owner.settings.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        setF((cur) => ({ ...cur, baseZip: "" }));
        void refresh();
      },
    }),
  );

  if (settings.isLoading) return <p role="status">Loading settings…</p>;
  if (!settings.data) return <ErrorBox>{errorMessage(settings.error)}</ErrorBox>;

  const set = (k: string) => (e: { target: { value: string } }) => {
    setSaved(false);
    setF({ ...f, [k]: e.target.value });
  };
  const submit = () => {
    setClientError(null);
    setSaved(false);
    const parsed = parseTimeList(f.slots ?? "");
    if (parsed.error) return setClientError(`Start times offered: ${parsed.error}`);
    const slots = parsed.minutes;
    const patch: Record<string, unknown> = { slotStartMinutes: slots, timeZone: f.timeZone };
    for (const g of GROUPS)
      for (const [k, label] of g.numbers) {
        if (!/^\d+$/.test(f[k]!.trim())) return setClientError(`${label}: enter a whole number.`);
        patch[k] = Number(f[k]);
      }
    for (const [k, label] of PERCENTS) {
      const bps = percentToBps(f[k]!);
      if (bps === null)
        return setClientError(`${label}: enter a percentage like 9.38 (two decimals at most).`);
      patch[k] = bps;
    }
    for (const [k, label] of MONEY) {
      const c = dollarsToCents(f[k]!);
      if (c === null) return setClientError(`${label}: enter an amount like 100.00.`);
      patch[k] = c;
    }
    for (const [k] of TEXT) patch[k] = f[k];
    // Empty clears the link (the server checks the rest: a full https:// address).
    for (const [k] of REVIEW_LINKS) patch[k] = (f[k] ?? "").trim();
    if (f.baseZip?.trim()) patch.basePostalCode = f.baseZip.trim();
    const phone = fromDayForms(phoneDays);
    if ("error" in phone) return setClientError(phone.error);
    patch.phoneHours = phone.hours;
    // The version this form was loaded at: a save over someone else's newer change is refused.
    update.mutate({ ...patch, version: settings.data!.version } as Parameters<
      typeof update.mutate
    >[0]);
  };
  const stale = update.error?.data?.code === "CONFLICT";
  const zoneChoices = ZONES.some(([z]) => z === settings.data.timeZone)
    ? ZONES
    : ([[settings.data.timeZone, formatZoneName(settings.data.timeZone)], ...ZONES] as const);

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Settings</h1>
      <Card>
        <h2 className="text-lg font-semibold">Business and booking rules</h2>
        <form
          className="mt-2 flex flex-col gap-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            <legend className="mb-2 font-semibold">The business</legend>
            {TEXT.map(([k, label]) => (
              <Field key={k} id={k} label={label} value={f[k] ?? ""} onChange={set(k)} />
            ))}
            <SelectField
              id="timeZone"
              label="Time zone"
              value={f.timeZone ?? ""}
              onChange={set("timeZone")}
            >
              {zoneChoices.map(([z, label]) => (
                <option key={z} value={z}>
                  {label}
                </option>
              ))}
            </SelectField>
            <Field
              id="baseZip"
              label="Base ZIP code (to move the base)"
              inputMode="numeric"
              autoComplete="postal-code"
              hint="Travel distances are measured from here. Leave it empty to keep the base where it is."
              value={f.baseZip ?? ""}
              onChange={set("baseZip")}
            />
          </fieldset>
          {phoneDays.length === 7 && (
            <PhoneHoursFieldset
              days={phoneDays}
              onChange={(d) => {
                setSaved(false);
                setPhoneDays(d);
              }}
              saved={readPhoneHours(settings.data.phoneHours)}
            />
          )}
          <fieldset className="grid gap-3 md:grid-cols-2">
            <legend className="mb-2 font-semibold">Reviews</legend>
            {REVIEW_LINKS.map(([k, label, hint]) => (
              <Field
                key={k}
                id={k}
                label={label}
                hint={hint}
                type="url"
                inputMode="url"
                placeholder="https://"
                value={f[k] ?? ""}
                onChange={set(k)}
              />
            ))}
          </fieldset>
          <fieldset className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
            <legend className="mb-2 font-semibold">Prices</legend>
            {PERCENTS.map(([k, label, hint]) => (
              <Field
                key={k}
                id={k}
                label={label}
                hint={hint}
                inputMode="decimal"
                value={f[k] ?? ""}
                onChange={set(k)}
              />
            ))}
            {MONEY.map(([k, label]) => (
              <Field
                key={k}
                id={k}
                label={label}
                inputMode="decimal"
                value={f[k] ?? ""}
                onChange={set(k)}
              />
            ))}
          </fieldset>
          {GROUPS.map((g) => (
            <fieldset key={g.title} className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              <legend className="mb-2 font-semibold">{g.title}</legend>
              {g.title === "Events" && (
                <Field
                  id="slots"
                  label="Start times offered (comma separated)"
                  hint={`Now: ${formatTimeList(settings.data.slotStartMinutes)}. 24-hour times (15:00) work too.`}
                  className="md:col-span-2 xl:col-span-3"
                  value={f.slots ?? ""}
                  onChange={set("slots")}
                />
              )}
              {g.numbers.map(([k, label]) => (
                <Field
                  key={k}
                  id={k}
                  label={label}
                  inputMode="numeric"
                  value={f[k] ?? ""}
                  onChange={set(k)}
                />
              ))}
            </fieldset>
          ))}
          <div className="flex flex-col gap-2">
            <ErrorBox>{clientError ?? errorMessage(update.error)}</ErrorBox>
            {stale && (
              <Button
                type="button"
                variant="secondary"
                className="self-start"
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
          <Button type="submit" className="self-start" disabled={update.isPending}>
            Save settings
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Published reviews</h2>
        <PublishedReviews timeZone={timeZone} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Travel zones</h2>
        {zones.data?.map((z) => (
          <ZoneRow key={z.id} zone={z} onDone={refresh} />
        ))}
        <ZoneRow onDone={refresh} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Service area</h2>
        <ServiceArea rows={zips.data ?? []} onDone={refresh} />
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">API keys</h2>
        <ApiKeys onDone={refresh} timeZone={timeZone} />
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
  const [confirming, setConfirming] = useState(false);
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
        inputMode="decimal"
        value={f.miles}
        onChange={(e) => setF({ ...f, miles: e.target.value })}
      />
      <Field
        id={`${p}-fee`}
        label="Travel fee ($)"
        inputMode="decimal"
        value={f.fee}
        onChange={(e) => setF({ ...f, fee: e.target.value })}
      />
      <Button type="submit" variant={zone ? "secondary" : "primary"}>
        {zone ? `Save ${zone.name}` : "Add zone"}
      </Button>
      {zone &&
        (confirming ? (
          <span className="flex flex-wrap items-center gap-2 text-sm">
            Delete {zone.name}?
            <Button type="button" variant="danger" onClick={() => del.mutate({ id: zone.id })}>
              Yes, delete
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </span>
        ) : (
          <Button type="button" variant="ghost" onClick={() => setConfirming(true)}>
            Delete {zone.name}
          </Button>
        ))}
      <div className="w-full">
        <ErrorBox>
          {clientError ?? errorMessage(create.error ?? update.error ?? del.error)}
        </ErrorBox>
      </div>
    </form>
  );
}

type Zip = {
  postalCode: string;
  city: string;
  state: string;
  miles: number | null;
  bookable: boolean;
  farthestMiles: number;
};

function ServiceArea({ rows, onDone }: { rows: Zip[]; onDone: () => unknown }) {
  const tooFar = rows.filter((r) => !r.bookable);
  const trpc = useTRPC();
  const [zip, setZip] = useState("");
  const [city, setCity] = useState("");
  const [removed, setRemoved] = useState<Zip | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const typed = /^\d{5}$/.test(zip.trim()) ? zip.trim() : null;
  const preview = useQuery(
    trpc.owner.settings.lookUpPostalCode.queryOptions(
      { postalCode: typed ?? "00000" },
      { enabled: typed !== null },
    ),
  );
  const add = useMutation(
    trpc.owner.settings.addPostalCode.mutationOptions({
      onSuccess: (row) => {
        setZip("");
        setCity("");
        setAdded(`Added ${row.postalCode} (${row.city}, ${row.state}) to the service area.`);
        void onDone();
      },
    }),
  );
  const undo = useMutation(
    trpc.owner.settings.addPostalCode.mutationOptions({
      onSuccess: (row) => {
        setRemoved(null);
        setAdded(`${row.postalCode} (${row.city}) is back in the service area.`);
        void onDone();
      },
    }),
  );
  const remove = useMutation(
    trpc.owner.settings.removePostalCode.mutationOptions({
      onSuccess: () => void onDone(),
    }),
  );
  return (
    <div>
      <p className="text-sm text-muted">
        Customers can book in these ZIP codes ({rows.length - tooFar.length}
        {tooFar.length > 0 ? ` of ${rows.length}` : ""}). The travel fee comes from the distance to
        your base.
      </p>
      {tooFar.length > 0 && (
        <p className="mt-2 rounded-lg bg-amber-50 p-2 text-sm text-amber-950">
          {tooFar.map((r) => `${r.postalCode} ${r.city} (${r.miles} mi)`).join(", ")}{" "}
          {tooFar.length === 1 ? "is" : "are"} farther than your farthest travel zone (
          {tooFar[0]!.farthestMiles} mi): customers there are told it is too far. Add a travel zone
          that reaches {tooFar.length === 1 ? "it" : "them"}, or remove{" "}
          {tooFar.length === 1 ? "it" : "them"}.
        </p>
      )}
      <div aria-live="polite" className="mt-2 text-sm">
        {removed && (
          <p className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-2">
            Removed {removed.postalCode} ({removed.city}): customers there can no longer book.
            <Button
              type="button"
              variant="secondary"
              disabled={undo.isPending}
              onClick={() => undo.mutate({ postalCode: removed.postalCode, city: removed.city })}
            >
              Undo
            </Button>
          </p>
        )}
        {!removed && added && <p className="text-green-800">{added}</p>}
      </div>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Service ZIP codes">
        {rows.map((r) => (
          <li
            key={r.postalCode}
            className="flex items-center gap-1 rounded-full bg-stone-100 py-0.5 pl-3 pr-1"
          >
            {r.postalCode} {r.city}
            {!r.bookable && <span className="font-semibold text-amber-900">· too far</span>}
            <button
              type="button"
              aria-label={`Remove ZIP ${r.postalCode} (${r.city})`}
              className="inline-flex h-8 w-8 items-center justify-center rounded-full hover:bg-stone-200"
              disabled={remove.isPending}
              onClick={() => {
                setAdded(null);
                setRemoved(r);
                remove.mutate({ postalCode: r.postalCode });
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setRemoved(null);
          setAdded(null);
          add.mutate({ postalCode: zip, ...(city.trim() ? { city: city.trim() } : {}) });
        }}
      >
        <Field
          id="zip"
          label="Add a ZIP code"
          inputMode="numeric"
          autoComplete="off"
          value={zip}
          onChange={(e) => setZip(e.target.value)}
          aria-describedby="zip-place"
        />
        <Field
          id="zip-city"
          label="City name (optional)"
          hint="Only if customers call it something else."
          value={city}
          onChange={(e) => setCity(e.target.value)}
        />
        <Button type="submit" disabled={add.isPending}>
          Add ZIP
        </Button>
        <p id="zip-place" className="w-full text-sm" aria-live="polite">
          {typed &&
            (preview.isLoading
              ? "Looking it up…"
              : preview.data
                ? `${typed} is ${preview.data.city}, ${preview.data.state}, ${pluralCount(preview.data.miles, "mile")} from your base.`
                : preview.isSuccess
                  ? `We can't place ZIP ${typed} on the map. Check the number.`
                  : "")}
        </p>
        <div className="w-full">
          <ErrorBox>{errorMessage(add.error ?? remove.error ?? undo.error)}</ErrorBox>
        </div>
      </form>
    </div>
  );
}
