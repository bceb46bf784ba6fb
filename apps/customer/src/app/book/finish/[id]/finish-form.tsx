"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Button, Card, ErrorBox, SelectField, Stepper } from "@myhibachi/ui";
import { defaultProteinSplit, formatCents, formatInstant, formatWhen } from "@myhibachi/shared";
import { errorMessage, linkErrorMessage, useTRPC } from "~/lib/trpc";
import { QuoteTable } from "../../wizard";
import { AddressContactFields } from "../../address-contact-fields";
import { ProteinPicker } from "../../protein-picker";

interface ServerError {
  message: string;
  data?: { fields?: Record<string, string> };
}

/** Finishing a time held from the chat: menu, address and contact, prefilled from the hold. */
export function FinishHold({ id, token }: { id: string; token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const holdQ = useQuery({
    ...trpc.hold.get.queryOptions({ id, token }),
    enabled: token.length >= 16,
    retry: false,
  });
  const catalogQ = useQuery(trpc.catalog.get.queryOptions());
  const hold = holdQ.data;
  const catalog = catalogQ.data;

  const [packageSlug, setPackageSlug] = useState("classic");
  const [adults, setAdults] = useState(1);
  const [proteins, setProteins] = useState<Record<string, number>>({});
  const [extras, setExtras] = useState<Record<string, number>>({});
  const [prefilled, setPrefilled] = useState(false);
  const [address, setAddress] = useState({ line1: "", line2: "", city: "", state: "CA" });
  const [contact, setContact] = useState({ name: "", email: "", phone: "" });
  const [notes, setNotes] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const guests = hold?.guests ?? 0;
  const children = Math.max(0, guests - adults);
  const pkg = catalog?.packages.find((p) => p.slug === packageSlug);
  const proteinItems = useMemo(
    () => catalog?.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE") ?? [],
    [catalog],
  );
  const portionsNeeded = guests * (pkg?.proteinsPerGuest ?? 0);
  const portions = Object.values(proteins).reduce((a, b) => a + b, 0);

  // Prefill from the hold once it and the menu are loaded: the party, package, proteins and
  // extras the customer asked for in the chat.
  useEffect(() => {
    if (!hold || !catalog) return;
    setAdults(hold.adults);
    const held = hold.selection;
    if (held && catalog.packages.some((p) => p.slug === held.packageSlug)) {
      setPackageSlug(held.packageSlug);
      setProteins(held.proteins);
      setExtras(held.extras);
    }
    setAddress((a) => ({ ...a, city: a.city || hold.city || "", state: hold.state || a.state }));
    setPrefilled(true);
  }, [hold, catalog]);
  useEffect(() => {
    if (!prefilled || !pkg || !guests) return;
    // A package with another number of proteins per guest starts from the standard split.
    const needed = guests * pkg.proteinsPerGuest;
    const split = defaultProteinSplit(proteinItems, needed);
    setProteins((prev) =>
      Object.values(prev).reduce((a, b) => a + b, 0) === needed || !split ? prev : split,
    );
  }, [prefilled, pkg, guests, proteinItems]);

  const selection = { packageSlug, adults, children, proteins, extras };
  const quoteQ = useQuery({
    ...trpc.booking.quote.queryOptions({ selection, postalCode: hold?.postalCode ?? "00000" }),
    enabled: !!hold && portions === portionsNeeded && portionsNeeded > 0,
  });

  const finish = useMutation(
    trpc.hold.finish.mutationOptions({
      // Stripe mode: straight to the deposit's Checkout page, as from the booking wizard.
      onSuccess: (b) =>
        b.checkoutUrl
          ? window.location.assign(b.checkoutUrl)
          : router.push(`/bookings/${b.id}?token=${encodeURIComponent(b.token)}&new=1`),
      onError: (e) => setFieldErrors((e as unknown as ServerError).data?.fields ?? {}),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    setFieldErrors({});
    if (!hold) return;
    finish.mutate({
      id,
      token,
      selection,
      address: { ...address, line2: address.line2 || null, postalCode: hold.postalCode },
      contact,
      notes: notes || null,
    });
  }

  if (token.length < 16)
    return <ErrorBox>This link is incomplete. Please open the full link from the chat.</ErrorBox>;
  if (holdQ.error)
    return (
      <ErrorBox>
        {linkErrorMessage(
          holdQ.error,
          ["id", "token"],
          "This link isn't valid. Please open the full link from the chat, or pick a time again.",
        )}
      </ErrorBox>
    );
  if (!hold || !catalog) return <p role="status">Loading your held time…</p>;
  if (hold.status !== "HELD" || hold.finished)
    return hold.finished || hold.status === "PENDING" || hold.status === "CONFIRMED" ? (
      <Card>
        <p>
          This booking is already finished ({hold.code}).{" "}
          <a className="underline" href={`/bookings/${hold.id}?token=${encodeURIComponent(token)}`}>
            View it
          </a>
          .
        </p>
      </Card>
    ) : (
      <ErrorBox>
        This hold has expired. Ask the assistant again or use Book a chef to pick a new time.
      </ErrorBox>
    );

  return (
    <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[1fr_20rem]" noValidate>
      <div className="flex flex-col gap-4">
        <h1 className="text-3xl font-extrabold">Finish your booking</h1>
        <Card>
          <p className="font-semibold" data-testid="hold-summary">
            {formatWhen(hold.date, hold.startMinute)} · {hold.guests} guests · ZIP {hold.postalCode}
          </p>
          <p className="text-sm text-muted">
            Held for you as {hold.code}
            {hold.holdExpiresAt
              ? ` until ${formatInstant(hold.holdExpiresAt, hold.timeZone, "timeWithZone")}`
              : ""}
            . To change the date, party size or ZIP, start a new booking.
          </p>
          {hold.expired && (
            <ErrorBox>This hold has expired. Please ask the assistant for a new time.</ErrorBox>
          )}
        </Card>

        <Card>
          <h2 className="text-xl font-bold">Menu</h2>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <SelectField
              id="package"
              label="Package"
              value={packageSlug}
              onChange={(e) => setPackageSlug(e.target.value)}
            >
              {catalog.packages.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name} — {formatCents(p.adultPriceCents)} / adult
                </option>
              ))}
            </SelectField>
            <div className="flex flex-col gap-1">
              <Stepper
                id="adults"
                label="Adults"
                value={adults}
                max={guests}
                onChange={(n) => setAdults(Math.max(1, Math.min(guests, n)))}
              />
              <p className="text-sm text-muted">Children (12 and under): {children}</p>
            </div>
          </div>
          <h3 className="mt-4 font-semibold">Proteins</h3>
          {fieldErrors.proteins && <ErrorBox>{fieldErrors.proteins}</ErrorBox>}
          <ProteinPicker
            items={proteinItems}
            value={proteins}
            onChange={setProteins}
            portionsNeeded={portionsNeeded}
            perGuest={pkg?.proteinsPerGuest ?? 0}
          />
        </Card>

        <Card>
          <h2 className="text-xl font-bold">Party address and your contact details</h2>
          <AddressContactFields
            address={address}
            onAddress={setAddress}
            contact={contact}
            onContact={setContact}
            notes={notes}
            onNotes={setNotes}
            postalCode={hold.postalCode}
            zipHint="Fixed by your hold."
            fieldErrors={fieldErrors}
          />
        </Card>
        {finish.error && <ErrorBox>{errorMessage(finish.error)}</ErrorBox>}
        <Button type="submit" disabled={finish.isPending || hold.expired}>
          {finish.isPending
            ? "Booking…"
            : catalog?.business.payments === "stripe" && quoteQ.data
              ? `Confirm and pay the ${formatCents(quoteQ.data.depositCents)} deposit`
              : "Confirm booking"}
        </Button>
      </div>
      <aside>
        <Card>
          <h2 className="font-bold">Your price</h2>
          {quoteQ.data ? (
            <QuoteTable quote={quoteQ.data} payments={catalog?.business.payments} />
          ) : quoteQ.error ? (
            <ErrorBox>{errorMessage(quoteQ.error)}</ErrorBox>
          ) : (
            <p className="text-sm text-muted">Choose all protein portions to see the total.</p>
          )}
        </Card>
      </aside>
    </form>
  );
}
