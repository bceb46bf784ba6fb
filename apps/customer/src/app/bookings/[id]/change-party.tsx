"use client";
// Changing the guest count and the menu of a booking, within the business's policy: the form
// starts from the party as booked, the quote engine's new total shows as it changes, and a dialog
// lists what changes (was / will be), the old and new totals and what that means for the money
// (balance, refund) before anything is saved. The server re-checks all of it when it saves.
import { useMutation, useQuery } from "~/lib/query";
import { useEffect, useState } from "react";
import { Badge, Button, ErrorBox, Stepper } from "@myhibachi/ui";
import { extraLimitWords, fitExtras, formatCents, maxExtraUnits } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { fitProteins, setProtein, type ProteinSwap } from "../../book/draft";
import { PackageChoice } from "../../book/menu-fields";
import { ProteinPicker } from "../../book/protein-picker";
import { draftMenu } from "../../book/types";
import { ConfirmDialog } from "@myhibachi/ui/confirm-dialog";
import { ReloadBookingButton } from "./reload-button";

interface Selection {
  packageSlug: string;
  adults: number;
  children: number;
  proteins: Record<string, number>;
  extras: Record<string, number>;
}

/** `value`, once it has stopped changing for `ms` (a stepper pressed five times asks once). */
function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((s, n) => s + n, 0);
const signed = (c: number) =>
  c > 0 ? `+${formatCents(c)}` : c < 0 ? `−${formatCents(-c)}` : "no change";

export function ChangePartyFlow({
  booking,
  current,
  policy,
  startsAt,
  onChanged,
  onClose,
  onInvalidate,
}: {
  booking: { id: string; token?: string | undefined };
  /** The start this page shows: a booking moved since (another tab) is refused. */
  startsAt: string;
  /** The party as booked now (the form starts from it). */
  current: {
    selection: Selection;
    allergies: string | null;
    totalCents: number;
    /** The party's version the form starts from (sent back: a party changed since is refused). */
    version: string;
  };
  /** The change policy with this booking's dates, in words. */
  policy: string;
  onChanged: (message: string) => void;
  onClose: () => void;
  onInvalidate: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const catalogQ = useQuery(trpc.catalog.get.queryOptions());
  const [sel, setSel] = useState<Selection>(current.selection);
  const [allergies, setAllergies] = useState(current.allergies ?? "");
  // The party this form started from (kept when the page's copy is read again behind it).
  const [startedFrom] = useState(current.version);
  // Which included protein each upgrade took its portion from (given back when it's removed).
  const [swaps, setSwaps] = useState<ProteinSwap[]>([]);
  const [reviewing, setReviewing] = useState(false);

  const catalog = catalogQ.data;
  const pkg = catalog?.packages.find((p) => p.slug === sel.packageSlug);
  const guests = sel.adults + sel.children;
  const portionsNeeded = guests * (pkg?.proteinsPerGuest ?? 0);
  const portions = sum(sel.proteins);

  // A new party size or package needs another number of portions: keep what was chosen (the
  // upgrades too) and add to, or take from, the included protein with the most portions, as the
  // wizard does; the customer adjusts it below.
  useEffect(() => {
    if (!catalog || !pkg || portions === portionsNeeded) return;
    setSel((s) => ({
      ...s,
      proteins: fitProteins(s.proteins, portionsNeeded, draftMenu(catalog)),
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [portionsNeeded, catalog]);

  const ready = !!pkg && portions === portionsNeeded && sel.adults >= 1;
  const input = { ...booking, selection: sel, allergies: allergies.trim() || null };
  const settled = useSettled(input);
  const previewQ = useQuery({
    ...trpc.booking.previewChange.queryOptions(settled),
    enabled: ready,
    placeholderData: (prev) => prev,
  });
  const plan = previewQ.data?.plan ?? null;
  const upToDate = !previewQ.isFetching && JSON.stringify(settled) === JSON.stringify(input);

  const save = useMutation(
    trpc.booking.change.mutationOptions({
      onSuccess: async (res) => {
        setReviewing(false);
        onChanged(
          res.changed
            ? `Your party is updated (${res.changes.map((c) => `${c.what}: ${c.to}`).join("; ")}). ${res.money} We've emailed you the details.`
            : "Nothing to change: your party already is as you asked.",
        );
        await onInvalidate();
      },
      onError: () => void previewQ.refetch(),
    }),
  );
  // Changed meanwhile (another tab): nothing to confirm until the form starts from the party now.
  const staleReason = (save.error as { data?: { details?: { reason?: string } } } | null)?.data
    ?.details?.reason;
  const changedMeanwhile = staleReason === "changed" || staleReason === "moved";

  if (catalogQ.isLoading) return <p role="status">Loading the menu…</p>;
  if (!catalog)
    return <ErrorBox>{errorMessage(catalogQ.error) ?? "We couldn't load the menu."}</ErrorBox>;

  const proteinItems = catalog.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  const extraItems = catalog.items.filter(
    (i) => i.kind === "APPETIZER" || i.kind === "SIDE" || i.kind === "ADDON",
  );
  // How many different extras are chosen (servings and orders don't add up).
  const extrasChosen = Object.values(sel.extras).filter((n) => n > 0).length;
  // A smaller party has its extras held to the new limits, as the proteins are refitted.
  const setGuests = (next: Partial<Pick<Selection, "adults" | "children">>) =>
    setSel((s) => {
      const t = { ...s, ...next };
      return { ...t, extras: fitExtras(t.extras, extraItems, t.adults + t.children) };
    });

  return (
    <section
      aria-labelledby="change-party-heading"
      className="mt-4 flex flex-col gap-4"
      data-testid="change-panel"
    >
      <h3 id="change-party-heading" className="text-lg font-bold">
        Change guests or menu
      </h3>
      <p className="text-sm text-muted">{policy}</p>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium">Adults</span>
          <Stepper
            id="change-adults"
            label="adults"
            value={sel.adults}
            min={1}
            max={catalog.business.maxGuests}
            atMost={(n) =>
              `Parties are up to ${catalog.business.maxGuests} guests online. For a party of ${n + sel.children}, call us at ${catalog.business.phone}.`
            }
            atLeast="At least 1 adult."
            onChange={(n) => setGuests({ adults: Math.max(1, n) })}
          />
        </div>
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium">Children (12 and under)</span>
          <Stepper
            id="change-children"
            label="children"
            value={sel.children}
            min={0}
            max={catalog.business.maxGuests}
            atMost={(n) =>
              `Parties are up to ${catalog.business.maxGuests} guests online. For a party of ${n + sel.adults}, call us at ${catalog.business.phone}.`
            }
            onChange={(n) => setGuests({ children: n })}
          />
        </div>
      </div>

      <PackageChoice
        name="change-package"
        showLegend
        packages={catalog.packages}
        value={sel.packageSlug}
        onChange={(slug) => setSel((s) => ({ ...s, packageSlug: slug }))}
      />

      <details
        className="rounded-xl border border-stone-200 p-3"
        open={portions !== portionsNeeded}
      >
        <summary className="min-h-11 cursor-pointer content-center font-semibold">
          Proteins: {portions} of {portionsNeeded} portions chosen
        </summary>
        {pkg && (
          <ProteinPicker
            items={proteinItems}
            value={sel.proteins}
            onChange={(slug, count) => {
              // The wizard's rule: an upgrade takes its portion from the largest included protein.
              const next = setProtein(
                { proteins: sel.proteins, swaps },
                slug,
                count,
                portionsNeeded,
                draftMenu(catalog),
              );
              setSwaps(next.swaps);
              setSel((s) => ({ ...s, proteins: next.proteins }));
            }}
            portionsNeeded={portionsNeeded}
            perGuest={pkg.proteinsPerGuest}
          />
        )}
      </details>

      <details className="rounded-xl border border-stone-200 p-3">
        <summary className="min-h-11 cursor-pointer content-center font-semibold">
          Appetizers, sides and add-ons
          {extrasChosen > 0 ? ` (${extrasChosen} chosen)` : ""}
        </summary>
        <ul className="mt-2 flex flex-col gap-2">
          {extraItems.map((i) => (
            <li
              key={i.slug}
              className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-100 pb-2"
            >
              <span>
                <span className="font-medium">{i.name}</span>{" "}
                <Badge tone="amber">
                  {formatCents(i.priceCents)}
                  {i.pricing === "PER_PERSON" ? " / serving" : ""}
                </Badge>
                {i.pricing === "FLAT" && (
                  <span className="block text-xs text-muted">
                    {extraLimitWords(i, sel.adults + sel.children)}
                  </span>
                )}
              </span>
              <Stepper
                id={`change-extra-${i.slug}`}
                label={`${i.name} quantity`}
                value={sel.extras[i.slug] ?? 0}
                max={maxExtraUnits(i, sel.adults + sel.children)}
                atMost={`At most ${maxExtraUnits(i, sel.adults + sel.children)} orders of ${i.name} for a party of ${sel.adults + sel.children}.`}
                onChange={(n) => setSel((s) => ({ ...s, extras: { ...s.extras, [i.slug]: n } }))}
              />
            </li>
          ))}
        </ul>
      </details>

      <div className="flex flex-col gap-1">
        <label htmlFor="change-allergies" className="text-sm font-medium">
          Allergies and dietary needs
        </label>
        <textarea
          id="change-allergies"
          value={allergies}
          maxLength={500}
          rows={2}
          onChange={(e) => setAllergies(e.target.value)}
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
      </div>

      <div
        className="rounded-xl border border-stone-200 bg-stone-50 p-3 text-sm"
        aria-live="polite"
        data-testid="change-total"
      >
        {!ready ? (
          <p>Choose {portionsNeeded} protein portions to see the new price.</p>
        ) : previewQ.error ? (
          <ErrorBox>{errorMessage(previewQ.error)}</ErrorBox>
        ) : plan ? (
          <>
            <p className="font-semibold">
              New total {formatCents(plan.money.newTotalCents)}{" "}
              <span className="font-normal">
                (now {formatCents(plan.money.oldTotalCents)}, {signed(plan.money.differenceCents)})
              </span>
            </p>
            {plan.problem && <p className="mt-1 text-red-800">{plan.problem.message}</p>}
          </>
        ) : (
          <p role="status">Working out the new price…</p>
        )}
      </div>

      <div className="flex flex-wrap gap-2">
        <Button
          disabled={!ready || !plan || !plan.changed}
          onClick={() => {
            save.reset();
            setReviewing(true);
          }}
        >
          Review the change
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Never mind
        </Button>
      </div>

      <ConfirmDialog
        open={reviewing}
        title="Change your party?"
        busy={save.isPending}
        onClose={() => setReviewing(false)}
        testId="change-dialog"
      >
        {!plan || !upToDate ? (
          <p role="status">Working out the new price…</p>
        ) : (
          <>
            <table className="w-full text-sm" data-testid="change-lines">
              <caption className="sr-only">What changes</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">
                    What
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Now
                  </th>
                  <th scope="col" className="py-1">
                    After the change
                  </th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((c) => (
                  <tr key={c.what} className="border-b border-stone-100 align-top">
                    <th scope="row" className="py-1 pr-2 text-left font-medium">
                      {c.what}
                    </th>
                    <td className="py-1 pr-2">{c.from}</td>
                    <td className="py-1">{c.to}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-bold">
                  <th scope="row" className="py-2 pr-2 text-left">
                    Total
                  </th>
                  <td className="py-2 pr-2" data-testid="change-old-total">
                    {formatCents(plan.money.oldTotalCents)}
                  </td>
                  <td className="py-2" data-testid="change-new-total">
                    {formatCents(plan.money.newTotalCents)}
                  </td>
                </tr>
              </tfoot>
            </table>
            <p className="text-sm" data-testid="change-money">
              {plan.money.sentence}
            </p>
            <ErrorBox>{plan.problem?.message}</ErrorBox>
            {save.isPending && (
              <p role="status" className="text-sm font-medium">
                Saving your change…
              </p>
            )}
            <ErrorBox>{errorMessage(save.error)}</ErrorBox>
            {changedMeanwhile ? (
              <ReloadBookingButton reload={onInvalidate} done={onClose} />
            ) : (
              <div className="flex flex-wrap gap-2">
                <Button
                  autoFocus
                  // The total confirmed is the one shown: not while a new price is on its way
                  // (after a 409 the preview is fetched again, with the new total).
                  disabled={save.isPending || previewQ.isFetching || !!plan.problem}
                  onClick={() =>
                    save.mutate({
                      ...input,
                      expectedTotalCents: plan.money.newTotalCents,
                      expectedVersion: startedFrom,
                      expectedStartsAt: startsAt,
                    })
                  }
                >
                  {save.isPending ? "Saving…" : "Yes, change it"}
                </Button>
                <Button
                  variant="secondary"
                  disabled={save.isPending}
                  onClick={() => setReviewing(false)}
                >
                  Keep it as it is
                </Button>
              </div>
            )}
          </>
        )}
      </ConfirmDialog>
    </section>
  );
}
