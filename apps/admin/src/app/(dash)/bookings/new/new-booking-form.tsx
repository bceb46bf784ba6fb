"use client";
// Staff enter a booking taken by phone: the party, a free time, the menu, the address and the
// contact, with a live quote; the same checks as online (bookings.create). Refusals are said
// beside the field they are about.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, ErrorBox, Field } from "@myhibachi/ui";
import {
  ALLERGIES_MAX,
  defaultProteinSplit,
  fitProteins,
  formatCents,
  formatLocalDate,
  NOTES_MAX,
  setProtein as rebalance,
  zipPlacePatch,
  type ProteinSwap,
  type ZipPlace,
} from "@myhibachi/shared";
import { TextAreaField } from "~/components/text-area";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { isTimeRefusal, placeRefusal } from "./field-errors";
import {
  lookupEmail,
  memberWords,
  noTimesMessage,
  partyProblem,
  quoteWaitsFor,
  timesWaitFor,
} from "./form-words";

const ZIP = /^\d{5}(-\d{4})?$/;
const LINK = "text-brand-700 underline underline-offset-2 hover:text-brand-900";
const BOX = "min-h-11 w-full rounded-lg border px-3 py-2";

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `staff-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A message under a box or group, announced when it appears. */
function Said({ id, children }: { id: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
      {children}
    </p>
  );
}

function CountField(props: {
  id: string;
  label: string;
  value: number;
  min?: number;
  max?: number;
  error?: string | null | undefined;
  onChange: (n: number) => void;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      type="number"
      inputMode="numeric"
      min={props.min ?? 0}
      max={props.max}
      value={Number.isFinite(props.value) ? props.value : ""}
      error={props.error ?? null}
      onChange={(e) => {
        const n = Math.floor(Number(e.target.value));
        props.onChange(Number.isFinite(n) && n >= 0 ? n : 0);
      }}
    />
  );
}

export function NewBookingForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const menuQ = useQuery(trpc.bookings.menu.queryOptions());
  const todayQ = useQuery(trpc.bookings.businessToday.queryOptions());
  const menu = menuQ.data;

  const [key, setKey] = useState(newKey);
  const [postalCode, setPostalCode] = useState("");
  const [adults, setAdults] = useState(10);
  const [children, setChildren] = useState(0);
  const [date, setDate] = useState("");
  const [startMinute, setStartMinute] = useState<number | null>(null);
  const [packageSlug, setPackageSlug] = useState("");
  const [edited, setEdited] = useState<{
    key: string;
    values: Record<string, number>;
    swaps: ProteinSwap[];
  } | null>(null);
  const [extras, setExtras] = useState<Record<string, number>>({});
  const [address, setAddress] = useState({ line1: "", line2: "", city: "", state: "" });
  const [contact, setContact] = useState({ name: "", email: "", phone: "" });
  const [allergies, setAllergies] = useState("");
  const [notes, setNotes] = useState("");

  const guests = adults + children;
  // The package defaults to the first.
  const pkg = menu?.packages.find((p) => p.slug === packageSlug) ?? menu?.packages[0];
  const proteinItems = useMemo(
    () => (menu?.items ?? []).filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE"),
    [menu],
  );
  const extraItems = useMemo(
    () =>
      (menu?.items ?? []).filter(
        (i) => i.kind === "APPETIZER" || i.kind === "SIDE" || i.kind === "ADDON",
      ),
    [menu],
  );
  const portions = guests * (pkg?.proteinsPerGuest ?? 2);

  // The proteins start as the usual split for the party (one of each standard protein per
  // guest) and follow the party and package until staff change them; staff's split is then
  // fitted to a new party size as the wizard does. An upgrade takes its portions from the
  // included protein with the most, and gives them back when it is taken off (the wizard's
  // rebalancing, @myhibachi/shared).
  const splitKey = `${pkg?.slug}:${portions}`;
  const proteinMenu = useMemo(() => ({ items: proteinItems }), [proteinItems]);
  const proteins = !edited
    ? (defaultProteinSplit(proteinItems, portions, pkg?.proteinsPerGuest ?? 2) ?? {})
    : edited.key === splitKey
      ? edited.values
      : fitProteins(edited.values, portions, proteinMenu);
  const setProtein = (slug: string, n: number) => {
    const swaps = edited?.key === splitKey ? edited.swaps : [];
    const next = rebalance({ proteins, swaps }, slug, n, portions, proteinMenu);
    setEdited({ key: splitKey, values: next.proteins, swaps: next.swaps });
  };

  const zipOk = ZIP.test(postalCode.trim());
  // The business's limits, checked as staff type (not only on Book).
  const tooBig = menu ? partyProblem(guests, menu.business) : null;
  const partyOk = !!menu && !tooBig;
  // The contact email prices the quote with its customer's loyalty tier (as the booking will), and
  // its member may book further ahead (their tier's extra days): the free times go as far as the
  // booking will be allowed. Looked up once it reads as a whole address, not at every key.
  const email = useDeferredValue(lookupEmail(contact.email));
  const availQ = useQuery({
    ...trpc.bookings.availability.queryOptions({
      from: date,
      to: date,
      guests,
      postalCode: postalCode.trim(),
      ...(email ? { email } : {}),
    }),
    enabled: zipOk && partyOk && !!date,
  });
  // Times refused as taken in this form: not offered again, even before the day's times are
  // read again (or from a cached answer of a moment before).
  const [refused, setRefused] = useState<{ date: string; startMinute: number }[]>([]);
  const slots = (availQ.data?.slots ?? []).filter(
    (s) =>
      s.date === date && !refused.some((r) => r.date === s.date && r.startMinute === s.startMinute),
  );
  // A time no longer free (another day, another party size) is not kept.
  const chosenMinute =
    startMinute !== null && slots.some((s) => s.startMinute === startMinute) ? startMinute : null;

  const portionsChosen = Object.values(proteins).reduce((a, b) => a + b, 0);
  const selection = {
    packageSlug: pkg?.slug ?? "",
    adults,
    children,
    proteins: Object.fromEntries(Object.entries(proteins).filter(([, n]) => n > 0)),
    extras: Object.fromEntries(Object.entries(extras).filter(([, n]) => n > 0)),
  };
  const quoteWaits = quoteWaitsFor({ zipOk, partyProblem: tooBig, portions, portionsChosen });
  const quoteQ = useQuery({
    ...trpc.bookings.quote.queryOptions({
      selection,
      postalCode: postalCode.trim(),
      ...(email ? { email } : {}),
    }),
    enabled: !!pkg && quoteWaits.length === 0,
  });
  const member = quoteQ.data ? memberWords(email, quoteQ.data.member) : null;

  // The ZIP's city and state, written in, and replaced when the ZIP changes while they are still
  // the previous ZIP's (a city staff typed stays): the customer wizard's rule (zipPlacePatch).
  const zipPlace = quoteQ.data?.zone;
  const placeShown = useRef<ZipPlace | null>(null);
  useEffect(() => {
    if (!zipPlace) return;
    const previous = placeShown.current;
    placeShown.current = { city: zipPlace.city, state: zipPlace.state };
    setAddress((a) => {
      const patch = zipPlacePatch(a, previous, zipPlace);
      return patch ? { ...a, ...patch } : a;
    });
  }, [zipPlace?.city, zipPlace?.state]); // eslint-disable-line react-hooks/exhaustive-deps
  // A city staff typed that isn't the ZIP's: kept (suburbs share ZIPs), but said.
  const typedCity = address.city.trim();
  const cityHint =
    zipPlace?.city && typedCity && typedCity.toLowerCase() !== zipPlace.city.toLowerCase()
      ? `ZIP ${postalCode.trim()} is in ${zipPlace.city}: keep ${typedCity} only if that is the party's city.`
      : undefined;

  const create = useMutation(
    trpc.bookings.create.mutationOptions({
      onSuccess: (b) => router.push(`/bookings/${b.id}?created=1`),
      // The time was taken meanwhile: the day's times are reloaded (the list then matches the
      // refusal's), the refused time is let go, and the refusal is said by the time list, where
      // staff choose again (attack R7-4).
      onError: (e, vars) => {
        if (!isTimeRefusal(e)) return;
        setRefused((r) => [...r, { date: vars.date, startMinute: vars.startMinute }]);
        setStartMinute(null);
        void queryClient.invalidateQueries({ queryKey: trpc.bookings.availability.queryKey() });
        document.getElementById("startMinute")?.focus();
      },
    }),
  );
  // This form already booked with other details (the answer was lost on the way, and staff then
  // changed something): say so in staff's words, and the next press books again, on a new key.
  const reused =
    (create.error as { data?: { details?: { reason?: string } | null } } | null)?.data?.details
      ?.reason === "idempotency-key-reused";
  const refusal = reused
    ? {
        fields: {},
        text: "This form already made a booking with other details: look for it in Bookings first. Press Book this party again to make another booking with these details.",
      }
    : placeRefusal(create.error, errorMessage(create.error));
  // A field changed since the refusal no longer shows the server's words about it.
  const [changed, setEditedFields] = useState<ReadonlySet<string>>(new Set());
  const err = (id: string) => (changed.has(id) ? null : (refusal.fields[id] ?? null));
  const noteEdit = (e: React.FormEvent<HTMLFormElement>) => {
    const t = e.target as HTMLInputElement;
    const id = t.id.startsWith("protein-")
      ? "proteins"
      : t.id.startsWith("extra-")
        ? "extras"
        : t.name === "startMinute"
          ? "startMinute"
          : t.id;
    if (id && !changed.has(id)) setEditedFields(new Set([...changed, id]));
  };

  // Before sending: what the form can tell by itself (the server checks everything again).
  const [tried, setTried] = useState(false);
  const local: Record<string, string> = {};
  if (!zipOk) local.postalCode = "Enter the 5-digit ZIP code of the party address.";
  if (tooBig) local.adults = tooBig;
  if (!date) local.date = "Choose the date of the party.";
  else if (chosenMinute === null) local.startMinute = "Choose one of the free start times.";
  const typedState = address.state.trim().toUpperCase();
  if (zipPlace && /^[A-Z]{2}$/.test(zipPlace.state) && /^[A-Z]{2}$/.test(typedState))
    if (typedState !== zipPlace.state)
      local.state = `ZIP ${postalCode.trim()} is in ${zipPlace.state}, not ${typedState}. Enter ${zipPlace.state}, or check the ZIP.`;
  if (portionsChosen !== portions)
    local.proteins = `Choose ${portions} portions in all (${portionsChosen} chosen so far).`;
  // The party's limits are said at once; the rest once staff try to book.
  const shown = (id: string) => err(id) ?? (tried || id === "adults" ? (local[id] ?? null) : null);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (Object.keys(local).length > 0 || create.isPending) {
      const first = Object.keys(local)[0];
      if (first) document.getElementById(first)?.focus();
      return;
    }
    const idempotencyKey = reused ? newKey() : key;
    if (reused) setKey(idempotencyKey);
    setEditedFields(new Set());
    create.mutate({
      idempotencyKey,
      date,
      startMinute: chosenMinute!,
      selection,
      address: { ...address, line2: address.line2 || null, postalCode: postalCode.trim() },
      contact,
      allergies: allergies || null,
      notes: notes || null,
    });
  }

  if (menuQ.error)
    return <ErrorBox onRetry={() => void menuQ.refetch()}>{errorMessage(menuQ.error)}</ErrorBox>;
  if (!menu || !pkg) return <p>Loading the menu…</p>;

  const today = todayQ.data?.date;
  const legend = "text-lg font-semibold";
  return (
    <div className="mx-auto max-w-3xl">
      <p>
        <Link className={LINK} href="/bookings">
          Bookings
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">New booking</h1>
      <p className="mt-1 text-sm text-muted">
        For a party booked by phone. It is confirmed as soon as you book it, and the customer is
        emailed their booking with its link.
      </p>
      <form className="mt-4 flex flex-col gap-4" onSubmit={submit} onChange={noteEdit} noValidate>
        <Card>
          <fieldset className="flex flex-col gap-3">
            <legend className={legend}>Party</legend>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <Field
                id="postalCode"
                label="ZIP code of the party"
                inputMode="numeric"
                autoComplete="postal-code"
                value={postalCode}
                error={shown("postalCode")}
                onChange={(e) => setPostalCode(e.target.value)}
              />
              <CountField
                id="adults"
                label="Adults"
                value={adults}
                min={1}
                max={menu.business.maxGuests}
                error={shown("adults")}
                onChange={setAdults}
              />
              <CountField
                id="children"
                label="Children"
                value={children}
                max={menu.business.maxGuests}
                error={shown("children")}
                onChange={setChildren}
              />
            </div>
          </fieldset>
        </Card>

        <Card>
          <fieldset className="flex flex-col gap-3">
            <legend className={legend}>When</legend>
            <Field
              id="date"
              label="Date"
              type="date"
              min={today}
              value={date}
              error={shown("date")}
              onChange={(e) => setDate(e.target.value)}
              hint={!zipOk ? "Enter the ZIP code first: free times depend on the area." : undefined}
            />
            <div
              id="startMinute"
              tabIndex={-1}
              role="radiogroup"
              aria-labelledby="startMinute-label"
              aria-describedby={shown("startMinute") ? "startMinute-error" : undefined}
            >
              <p id="startMinute-label" className="text-sm font-medium">
                Start time
              </p>
              {!date || !zipOk || !partyOk ? (
                <p className="text-sm text-muted">{timesWaitFor({ zipOk, partyOk, date })}</p>
              ) : availQ.isPending ? (
                <p className="text-sm text-muted">Looking for free times…</p>
              ) : availQ.error ? (
                <Said id="availability">{errorMessage(availQ.error)}</Said>
              ) : slots.length === 0 ? (
                <p className="text-sm">
                  {noTimesMessage(availQ.data?.unavailable, {
                    date,
                    guests,
                    today: today ?? date,
                    minNoticeHours: menu.business.minNoticeHours,
                    firstFreeDate: availQ.data?.firstFreeDate,
                  })}
                  {availQ.data?.firstFreeDate && availQ.data.firstFreeDate !== date && (
                    <>
                      {" "}
                      <button
                        type="button"
                        className={LINK}
                        onClick={() => setDate(availQ.data!.firstFreeDate!)}
                      >
                        {availQ.data.unavailable?.kind === "past"
                          ? "Choose that day"
                          : `First free day: ${formatLocalDate(availQ.data.firstFreeDate, "weekdayDate")}`}
                      </button>
                    </>
                  )}
                </p>
              ) : (
                <div className="mt-1 flex flex-wrap gap-2">
                  {slots.map((s) => (
                    <label
                      key={s.startMinute}
                      className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-stone-300 px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
                    >
                      <input
                        type="radio"
                        name="startMinute"
                        value={s.startMinute}
                        checked={chosenMinute === s.startMinute}
                        onChange={() => setStartMinute(s.startMinute)}
                      />
                      {s.label}
                    </label>
                  ))}
                </div>
              )}
              <Said id="startMinute">{shown("startMinute")}</Said>
            </div>
          </fieldset>
        </Card>

        <Card>
          <fieldset className="flex flex-col gap-3">
            <legend className={legend}>Menu</legend>
            <div className="flex flex-col gap-1">
              <label htmlFor="packageSlug" className="text-sm font-medium">
                Package
              </label>
              <select
                id="packageSlug"
                className={`${BOX} border-stone-300 bg-white`}
                value={pkg.slug}
                onChange={(e) => setPackageSlug(e.target.value)}
                aria-describedby={shown("packageSlug") ? "packageSlug-error" : undefined}
              >
                {menu.packages.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.name}: {formatCents(p.adultPriceCents)} per adult,{" "}
                    {formatCents(p.childPriceCents)} per child
                  </option>
                ))}
              </select>
              <Said id="packageSlug">{shown("packageSlug")}</Said>
            </div>
            <fieldset
              id="proteins"
              tabIndex={-1}
              aria-describedby={shown("proteins") ? "proteins-error" : "proteins-hint"}
            >
              <legend className="text-sm font-medium">Proteins (portions)</legend>
              <p id="proteins-hint" className="text-xs text-muted">
                {portions} portions: {pkg.proteinsPerGuest} per guest. Filled in with the usual
                split; change it as the customer asks. Each upgrade replaces one portion of the
                included protein with the most.
              </p>
              <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3">
                {proteinItems.map((i) => (
                  <CountField
                    key={i.slug}
                    id={`protein-${i.slug}`}
                    label={i.priceCents > 0 ? `${i.name} (+${formatCents(i.priceCents)})` : i.name}
                    value={proteins[i.slug] ?? 0}
                    max={portions}
                    onChange={(n) => setProtein(i.slug, n)}
                  />
                ))}
              </div>
              <Said id="proteins">{shown("proteins")}</Said>
            </fieldset>
            {extraItems.length > 0 && (
              <details id="extras" tabIndex={-1}>
                <summary className="min-h-11 cursor-pointer py-2 text-sm font-medium">
                  Extras (optional)
                </summary>
                <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3">
                  {extraItems.map((i) => (
                    <CountField
                      key={i.slug}
                      id={`extra-${i.slug}`}
                      label={`${i.name} (${formatCents(i.priceCents)}${i.pricing === "PER_PERSON" ? " each" : ""})`}
                      value={extras[i.slug] ?? 0}
                      onChange={(n) => setExtras((x) => ({ ...x, [i.slug]: n }))}
                    />
                  ))}
                </div>
                <Said id="extras">{shown("extras")}</Said>
              </details>
            )}
            <TextAreaField
              id="allergies"
              label="Allergies and dietary needs"
              maxLength={ALLERGIES_MAX}
              value={allergies}
              onChange={(e) => setAllergies(e.target.value)}
            />
            <Said id="allergies">{shown("allergies")}</Said>
          </fieldset>
        </Card>

        <Card>
          <fieldset className="flex flex-col gap-3">
            <legend className={legend}>Party address</legend>
            <Field
              id="line1"
              label="Street address"
              autoComplete="address-line1"
              value={address.line1}
              error={shown("line1")}
              onChange={(e) => setAddress((a) => ({ ...a, line1: e.target.value }))}
            />
            <Field
              id="line2"
              label="Apartment, gate code (optional)"
              autoComplete="address-line2"
              value={address.line2}
              error={shown("line2")}
              onChange={(e) => setAddress((a) => ({ ...a, line2: e.target.value }))}
            />
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field
                id="city"
                label="City"
                autoComplete="address-level2"
                value={address.city}
                error={shown("city")}
                hint={cityHint}
                onChange={(e) => setAddress((a) => ({ ...a, city: e.target.value }))}
              />
              <Field
                id="state"
                label="State"
                autoComplete="address-level1"
                maxLength={2}
                value={address.state}
                error={shown("state")}
                onChange={(e) => setAddress((a) => ({ ...a, state: e.target.value }))}
              />
            </div>
          </fieldset>
        </Card>

        <Card>
          <fieldset className="flex flex-col gap-3">
            <legend className={legend}>Customer</legend>
            <Field
              id="name"
              label="Name"
              autoComplete="off"
              value={contact.name}
              error={shown("name")}
              onChange={(e) => setContact((c) => ({ ...c, name: e.target.value }))}
            />
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <Field
                id="email"
                label="Email"
                type="email"
                autoComplete="off"
                value={contact.email}
                error={shown("email")}
                hint={
                  member ??
                  "Their booking and its link are emailed here; a customer account's loyalty tier prices the quote."
                }
                onChange={(e) => setContact((c) => ({ ...c, email: e.target.value }))}
              />
              <Field
                id="phone"
                label="Phone"
                type="tel"
                autoComplete="off"
                value={contact.phone}
                error={shown("phone")}
                onChange={(e) => setContact((c) => ({ ...c, phone: e.target.value }))}
              />
            </div>
            <TextAreaField
              id="notes"
              label="Notes for the chef (optional)"
              maxLength={NOTES_MAX}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
            <Said id="notes">{shown("notes")}</Said>
          </fieldset>
        </Card>

        <Card>
          <h2 className={legend}>Quote</h2>
          <div aria-live="polite">
            {!quoteQ.data ? (
              <p className="text-sm text-muted">
                {quoteWaits.length
                  ? `The price shows once the party is complete: ${quoteWaits.join(" ")}`
                  : quoteQ.error
                    ? errorMessage(quoteQ.error)
                    : "Pricing…"}
              </p>
            ) : (
              <>
                {member && <p className="text-sm">{member}</p>}
                <table className="mt-2 w-full text-sm">
                  <tbody>
                    {quoteQ.data.lines.map((l, i) => (
                      <tr key={i} className="border-b border-stone-100">
                        <td className="py-1 pr-2">{l.label}</td>
                        <td className="py-1 text-right tabular-nums">
                          {formatCents(l.totalCents)}
                        </td>
                      </tr>
                    ))}
                    <tr className="font-semibold">
                      <td className="py-1 pr-2">Total</td>
                      <td className="py-1 text-right tabular-nums">
                        {formatCents(quoteQ.data.totalCents)}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </>
            )}
          </div>
        </Card>

        <ErrorBox>{refusal.text}</ErrorBox>
        <div>
          <Button type="submit" disabled={create.isPending} className="w-full sm:w-auto">
            {create.isPending ? "Booking…" : "Book this party"}
          </Button>
        </div>
      </form>
    </div>
  );
}
