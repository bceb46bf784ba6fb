"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge, Button, Card, ErrorBox, Field, Stepper, cx } from "@myhibachi/ui";
import {
  defaultProteinSplit,
  formatCents,
  formatLocalDate,
  monthStart,
  todayIn,
} from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { AddressContactFields } from "./address-contact-fields";
import { AvailabilityCalendar, useMonthAvailability } from "./availability-calendar";
import { ProteinPicker } from "./protein-picker";

const STEPS = ["Date & time", "Menu", "Extras", "Address & contact", "Review"] as const;

const longDate = (date: string) => formatLocalDate(date, "fullDate");
function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

interface ServerError {
  message: string;
  data?: {
    fields?: Record<string, string>;
    details?: {
      alternatives?: { date: string; startMinute: number; label: string }[];
      field?: string;
    } | null;
    code?: string;
  };
}

export function BookingWizard() {
  const trpc = useTRPC();
  const router = useRouter();
  const catalogQ = useQuery(trpc.catalog.get.queryOptions());
  const catalog = catalogQ.data;

  const [step, setStep] = useState(0);
  const [postalCode, setPostalCode] = useState("");
  const [adults, setAdults] = useState(10);
  const [children, setChildren] = useState(0);
  const [month, setMonth] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [startMinute, setStartMinute] = useState<number | null>(null);
  const [packageSlug, setPackageSlug] = useState("classic");
  const [proteins, setProteins] = useState<Record<string, number>>({});
  const [extras, setExtras] = useState<Record<string, number>>({});
  const [address, setAddress] = useState({ line1: "", line2: "", city: "", state: "CA" });
  const [contact, setContact] = useState({ name: "", email: "", phone: "" });
  const [notes, setNotes] = useState("");
  const [stepError, setStepError] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => {
    if (typeof window === "undefined") return newKey();
    const k = window.sessionStorage.getItem("mh-booking-key") ?? newKey();
    window.sessionStorage.setItem("mh-booking-key", k);
    return k;
  });

  const tz = catalog?.business.timeZone ?? "America/Los_Angeles";
  const guests = adults + children;
  const zipOk = /^\d{5}$/.test(postalCode);
  const pkg = catalog?.packages.find((p) => p.slug === packageSlug) ?? catalog?.packages[0];
  const portionsNeeded = guests * (pkg?.proteinsPerGuest ?? 2);
  const portions = Object.values(proteins).reduce((s, n) => s + n, 0);

  useEffect(() => {
    if (catalog && !month) setMonth(monthStart(todayIn(tz)));
  }, [catalog, month, tz]);

  // Keep protein portions consistent with the party size: prefill the default split.
  useEffect(() => {
    if (!pkg || !catalog) return;
    if (portions !== portionsNeeded) {
      const split = defaultProteinSplit(catalog.items, portionsNeeded);
      if (split) setProteins(split);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [portionsNeeded, pkg?.slug]);

  const { query: availQ, slotsByDate } = useMonthAvailability({
    month: month ?? "2000-01-01",
    guests,
    postalCode,
  });

  const selection = { packageSlug, adults, children, proteins, extras };
  const quoteReady = zipOk && portions === portionsNeeded && guests >= 1;
  const quoteQ = useQuery({
    ...trpc.booking.quote.queryOptions({ selection, postalCode }),
    enabled: quoteReady,
    placeholderData: (prev) => prev,
  });

  const create = useMutation(
    trpc.booking.create.mutationOptions({
      onSuccess: (res) => {
        window.sessionStorage.removeItem("mh-booking-key");
        // Stripe mode: straight to the secure payment page; the booking is held until it's paid.
        if (res.checkoutUrl) window.location.assign(res.checkoutUrl);
        else router.push(`/bookings/${res.id}?token=${encodeURIComponent(res.token)}&new=1`);
      },
    }),
  );
  const createErr = create.error as unknown as ServerError | null;
  const fieldErrors = createErr?.data?.fields ?? {};
  const alternatives = createErr?.data?.details?.alternatives ?? [];

  function next() {
    setStepError(null);
    if (step === 0) {
      if (!zipOk) return setStepError("Enter the 5-digit ZIP code of the party address.");
      if (!date || startMinute === null) return setStepError("Pick a date and a start time.");
    }
    if (step === 1 && portions !== portionsNeeded)
      return setStepError(
        `Choose ${portionsNeeded} protein portions in total; you have ${portions}.`,
      );
    if (step === 3) {
      if (address.line1.trim().length < 3 || address.city.trim().length < 2)
        return setStepError("Enter the street address and city.");
      if (
        contact.name.trim().length < 2 ||
        !/.+@.+\..+/.test(contact.email) ||
        contact.phone.replace(/\D/g, "").length < 10
      )
        return setStepError("Enter your name, a valid email and a phone number with area code.");
    }
    setStep((s) => Math.min(STEPS.length - 1, s + 1));
    window.scrollTo({ top: 0 });
  }

  if (catalogQ.isLoading) return <p role="status">Loading the menu…</p>;
  if (!catalog)
    return <ErrorBox>{errorMessage(catalogQ.error) ?? "Could not load the menu."}</ErrorBox>;

  const items = catalog.items;
  const proteinItems = items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  const extraItems = items.filter(
    (i) => i.kind === "APPETIZER" || i.kind === "SIDE" || i.kind === "ADDON",
  );
  const quote = quoteQ.data;
  const firstMonth = monthStart(todayIn(tz));

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-5">
        <h1 className="text-3xl font-extrabold">Book your hibachi party</h1>
        <ol className="flex flex-wrap gap-2 text-sm" aria-label="Booking steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={i === step ? "step" : undefined}
              className={cx(
                "rounded-full px-3 py-1",
                i === step
                  ? "bg-brand-600 text-white"
                  : i < step
                    ? "bg-brand-100 text-brand-900"
                    : "bg-stone-100 text-muted",
              )}
            >
              {i + 1}. {s}
            </li>
          ))}
        </ol>

        {step === 0 && (
          <Card>
            <h2 className="text-xl font-bold">Where and when?</h2>
            <div className="mt-4 grid gap-4 sm:grid-cols-3">
              <Field
                id="postalCode"
                label="Party ZIP code"
                inputMode="numeric"
                autoComplete="postal-code"
                maxLength={5}
                value={postalCode}
                onChange={(e) => setPostalCode(e.target.value.replace(/\D/g, "").slice(0, 5))}
                error={availQ.error ? errorMessage(availQ.error) : null}
              />
              <div className="flex flex-col gap-1">
                <span className="text-sm font-medium">Adults</span>
                <Stepper
                  id="adults"
                  label="adults"
                  value={adults}
                  min={1}
                  max={catalog.business.maxGuests}
                  onChange={(n) => {
                    setAdults(Math.max(1, n));
                    setDate(null);
                    setStartMinute(null);
                  }}
                />
              </div>
              <div className="flex flex-col gap-1">
                <span className="text-sm font-medium">Children (12 and under)</span>
                <Stepper
                  id="children"
                  label="children"
                  value={children}
                  min={0}
                  max={catalog.business.maxGuests}
                  onChange={(n) => {
                    setChildren(n);
                    setDate(null);
                    setStartMinute(null);
                  }}
                />
              </div>
            </div>
            {guests > catalog.business.maxGuests && (
              <ErrorBox>
                We can cook for up to {catalog.business.maxGuests} guests in one booking. Call{" "}
                {catalog.business.phone} for bigger parties.
              </ErrorBox>
            )}
            {zipOk && month && (
              <div className="mt-6">
                {availQ.data && (
                  <p className="mb-2 text-sm text-muted">
                    Travel: {availQ.data.zone.name} ({availQ.data.zone.distanceMiles} mi)
                    {availQ.data.zone.feeCents
                      ? `, ${formatCents(availQ.data.zone.feeCents)} fee`
                      : ", no fee"}
                    .
                  </p>
                )}
                <AvailabilityCalendar
                  month={month}
                  onMonthChange={setMonth}
                  selected={date}
                  onSelect={(d) => {
                    setDate(d);
                    setStartMinute(null);
                  }}
                  guests={guests}
                  postalCode={postalCode}
                  minMonth={firstMonth}
                  today={todayIn(tz)}
                />
                {date && (
                  <fieldset className="mt-4">
                    <legend className="font-semibold">Start times on {longDate(date)}</legend>
                    <div className="mt-2 flex flex-wrap gap-2">
                      {(slotsByDate.get(date) ?? []).map((s) => (
                        <button
                          key={s.startMinute}
                          type="button"
                          aria-pressed={startMinute === s.startMinute}
                          onClick={() => setStartMinute(s.startMinute)}
                          className={cx(
                            "min-h-11 rounded-lg border px-4 font-medium",
                            startMinute === s.startMinute
                              ? "border-brand-600 bg-brand-600 text-white"
                              : "border-stone-300 bg-white hover:border-brand-500",
                          )}
                        >
                          {s.label}
                        </button>
                      ))}
                    </div>
                  </fieldset>
                )}
              </div>
            )}
          </Card>
        )}

        {step === 1 && pkg && (
          <Card>
            <h2 className="text-xl font-bold">Package and proteins</h2>
            <fieldset className="mt-3 grid gap-3 sm:grid-cols-2">
              <legend className="sr-only">Package</legend>
              {catalog.packages.map((p) => (
                <label
                  key={p.slug}
                  className={cx(
                    "flex cursor-pointer flex-col rounded-xl border p-3",
                    packageSlug === p.slug ? "border-brand-600 bg-brand-50" : "border-stone-300",
                  )}
                >
                  <span className="flex items-center gap-2 font-semibold">
                    <input
                      type="radio"
                      name="package"
                      value={p.slug}
                      checked={packageSlug === p.slug}
                      onChange={() => setPackageSlug(p.slug)}
                    />
                    {p.name}
                  </span>
                  <span className="text-sm">
                    {formatCents(p.adultPriceCents)} / adult · {formatCents(p.childPriceCents)} /
                    child · {p.proteinsPerGuest} proteins each
                  </span>
                </label>
              ))}
            </fieldset>
            <h3 className="mt-5 font-semibold">Proteins for {guests} guests</h3>
            <ProteinPicker
              items={proteinItems}
              value={proteins}
              onChange={setProteins}
              portionsNeeded={portionsNeeded}
              perGuest={pkg.proteinsPerGuest}
            />
          </Card>
        )}

        {step === 2 && (
          <Card>
            <h2 className="text-xl font-bold">Appetizers, sides and add-ons</h2>
            <p className="text-sm text-muted">
              Optional. Per-person items: choose how many servings (tap “Everyone” for one each).
            </p>
            <ul className="mt-3 flex flex-col gap-2">
              {extraItems.map((i) => (
                <li
                  key={i.slug}
                  className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-100 pb-2"
                >
                  <div>
                    <span className="font-medium">{i.name}</span>{" "}
                    <Badge tone="amber">
                      {formatCents(i.priceCents)}
                      {i.pricing === "PER_PERSON" ? " / serving" : ""}
                    </Badge>
                    <p className="text-xs text-muted">{i.description}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    {i.pricing === "PER_PERSON" && (
                      <Button
                        variant="ghost"
                        onClick={() => setExtras({ ...extras, [i.slug]: guests })}
                      >
                        Everyone
                      </Button>
                    )}
                    <Stepper
                      id={`extra-${i.slug}`}
                      label={`${i.name} quantity`}
                      value={extras[i.slug] ?? 0}
                      max={500}
                      onChange={(n) => setExtras({ ...extras, [i.slug]: n })}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        )}

        {step === 3 && (
          <Card>
            <h2 className="text-xl font-bold">Party address and your contact details</h2>
            <AddressContactFields
              address={address}
              onAddress={setAddress}
              contact={contact}
              onContact={setContact}
              notes={notes}
              onNotes={setNotes}
              postalCode={postalCode}
              zipHint="Change it in step 1"
              fieldErrors={fieldErrors}
            />
          </Card>
        )}

        {step === 4 && date && startMinute !== null && (
          <Card>
            <h2 className="text-xl font-bold">Review your booking</h2>
            <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-medium">When</dt>
              <dd>
                {longDate(date)} at{" "}
                {availQ.data?.slots.find((s) => s.date === date && s.startMinute === startMinute)
                  ?.label ?? ""}
              </dd>
              <dt className="font-medium">Guests</dt>
              <dd>
                {adults} adults, {children} children
              </dd>
              <dt className="font-medium">Where</dt>
              <dd>
                {address.line1}
                {address.line2 ? `, ${address.line2}` : ""}, {address.city}, {address.state}{" "}
                {postalCode}
              </dd>
              <dt className="font-medium">Contact</dt>
              <dd>
                {contact.name} · {contact.email} · {contact.phone}
              </dd>
            </dl>
            {quote && <QuoteTable quote={quote} payments={catalog.business.payments} />}
            <p className="mt-3 text-sm text-muted" data-testid="payment-terms">
              {catalog.business.payments === "stripe"
                ? `Next you pay the ${quote ? formatCents(quote.depositCents) : ""} deposit on Stripe's secure page to confirm; we hold the time for you meanwhile. The balance is due at the event.`
                : `No payment is taken online: you pay the full total at the event. Please cancel at least ${catalog.business.freeCancellationHours} hours before if you can.`}
            </p>
            {catalog.business.payments === "stripe" && (
              // The server's terms for this time: says plainly when the deposit is already
              // past its free-cancellation deadline (the event is too close).
              <p className="mt-1 text-sm font-medium" data-testid="deposit-terms">
                {availQ.data?.slots.find((s) => s.date === date && s.startMinute === startMinute)
                  ?.depositTerms ??
                  `Cancel at least ${catalog.business.freeCancellationHours} hours before for a full deposit refund.`}
              </p>
            )}
            <ErrorBox>{createErr?.message}</ErrorBox>
            {alternatives.length > 0 && (
              <div className="mt-3">
                <p className="font-medium">Pick another time:</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {alternatives.map((a) => (
                    <Button
                      key={`${a.date}-${a.startMinute}`}
                      variant="secondary"
                      onClick={() => {
                        setDate(a.date);
                        setStartMinute(a.startMinute);
                        setMonth(monthStart(a.date));
                        create.reset();
                      }}
                    >
                      {a.label}
                    </Button>
                  ))}
                </div>
              </div>
            )}
            <Button
              className="mt-4 w-full sm:w-auto"
              disabled={create.isPending || !quote}
              onClick={() =>
                create.mutate({
                  idempotencyKey: `${idempotencyKey}:${date}:${startMinute}`,
                  date,
                  startMinute,
                  selection,
                  address: { ...address, postalCode },
                  contact,
                  notes: notes || null,
                })
              }
            >
              {create.isPending
                ? "Booking…"
                : catalog.business.payments === "stripe"
                  ? `Confirm and pay the ${quote ? formatCents(quote.depositCents) : ""} deposit`
                  : `Confirm booking${quote ? ` · ${formatCents(quote.totalCents)} at the event` : ""}`}
            </Button>
          </Card>
        )}

        <ErrorBox>{stepError}</ErrorBox>
        <div className="flex justify-between">
          <Button
            variant="secondary"
            onClick={() => {
              setStepError(null);
              setStep((s) => Math.max(0, s - 1));
            }}
            disabled={step === 0}
          >
            Back
          </Button>
          {step < STEPS.length - 1 && <Button onClick={next}>Continue</Button>}
        </div>
      </div>

      <aside aria-label="Your quote" className="lg:sticky lg:top-4 lg:self-start">
        <Card>
          <h2 className="font-bold">Your quote</h2>
          {!quoteReady && (
            <p className="mt-2 text-sm text-muted">Enter your ZIP code to see an exact price.</p>
          )}
          {quoteQ.error && <ErrorBox>{errorMessage(quoteQ.error)}</ErrorBox>}
          {quote && quoteReady && (
            <>
              <ul className="mt-2 flex flex-col gap-1 text-sm">
                {quote.lines.map((l, i) => (
                  <li key={i} className="flex justify-between gap-2">
                    <span>{l.label}</span>
                    <span>{formatCents(l.totalCents)}</span>
                  </li>
                ))}
              </ul>
              <p
                className="mt-2 flex justify-between border-t pt-2 font-bold"
                data-testid="sidebar-total"
              >
                <span>Total</span>
                <span>{formatCents(quote.totalCents)}</span>
              </p>
              <p className="text-xs text-muted">
                {catalog.business.payments === "stripe"
                  ? `Deposit online ${formatCents(quote.depositCents)} · at the event ${formatCents(quote.balanceCents)}`
                  : "Paid at the event: no payment is taken online"}
              </p>
            </>
          )}
        </Card>
      </aside>
    </div>
  );
}

interface QuoteView {
  lines: { code: string; label: string; detail: string | null; totalCents: number }[];
  totalCents: number;
  depositCents: number;
  balanceCents: number;
  suggestedGratuityCents?: number;
}

export function QuoteTable({
  quote,
  payments = "pay_at_event",
}: {
  quote: QuoteView;
  /**
   * "stripe": a deposit is paid online; "pay_at_event": everything is paid at the event; "none":
   * no payment rows (a booking's page prints what was really paid and is due from its money).
   */
  payments?: "stripe" | "pay_at_event" | "none";
}) {
  return (
    <table className="mt-4 w-full text-sm" data-testid="quote-table">
      <caption className="sr-only">Itemised price</caption>
      <thead>
        <tr className="border-b text-left">
          <th scope="col" className="py-1">
            Item
          </th>
          <th scope="col" className="py-1">
            Detail
          </th>
          <th scope="col" className="py-1 text-right">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {quote.lines.map((l, i) => (
          <tr key={i} className="border-b border-stone-100">
            <td className="py-1">{l.label}</td>
            <td className="py-1 text-muted">{l.detail}</td>
            <td className="py-1 text-right" data-testid="line-amount">
              {formatCents(l.totalCents)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-bold">
          <th scope="row" colSpan={2} className="py-2 text-left">
            Total
          </th>
          <td className="py-2 text-right" data-testid="quote-total">
            {formatCents(quote.totalCents)}
          </td>
        </tr>
        {payments === "stripe" ? (
          <>
            <tr>
              <td colSpan={2}>Deposit, paid online to confirm</td>
              <td className="text-right">{formatCents(quote.depositCents)}</td>
            </tr>
            <tr>
              <td colSpan={2}>Balance due at the event</td>
              <td className="text-right">{formatCents(quote.balanceCents)}</td>
            </tr>
          </>
        ) : payments === "none" ? null : (
          <tr>
            <td colSpan={2}>Paid at the event (no payment is taken online)</td>
            <td className="text-right">{formatCents(quote.totalCents)}</td>
          </tr>
        )}
        {quote.suggestedGratuityCents !== undefined && (
          <tr className="text-muted">
            <td colSpan={2}>Suggested gratuity (not included)</td>
            <td className="text-right">{formatCents(quote.suggestedGratuityCents)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
