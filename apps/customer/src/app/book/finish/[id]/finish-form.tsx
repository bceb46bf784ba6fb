"use client";
import { useMutation, useQuery } from "~/lib/query";
import { useRouter } from "next/navigation";
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useState,
  type ComponentProps,
  type FormEvent,
  type ReactNode,
} from "react";
import { Button, Card, ErrorBox } from "@myhibachi/ui";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import { formatCents, formatCountdown, formatWhen, type DietaryProfile } from "@myhibachi/shared";
import { errorMessage, linkErrorMessage, useTRPC } from "~/lib/trpc";
import { AddressContactFields } from "../../address-contact-fields";
import {
  draftReducer,
  emptyDraft,
  fitProteins,
  prefillDraft,
  portionsNeeded,
  selectionOf,
  serializeDraft,
  type BookingDraft,
  type DraftAction,
  type DraftPrefill,
  loadChecks,
  portionsChosen,
  packageOf,
  CHECKING,
  type Checks,
} from "../../draft";
import { extraItems, ExtrasPicker } from "../../extras-picker";
import { HoldCountdown, useTimeLeft } from "../../hold-countdown";
import { PartySteppers } from "../../party-steppers";
import { QuoteTable } from "../../quote-table";
import { BarTotal, StickyBar } from "../../sticky-bar";
import { MenuFields } from "../../menu-fields";
import { emailHintFor, SignedInAs } from "../../signed-in-as";
import type { Refusal } from "../../messages";
import {
  draftKitchenOrder,
  draftMenu,
  savingsFieldOf,
  type Catalog,
  type Savings,
  type StepProps,
} from "../../types";
import { PointsChoice } from "../../steps/savings";
import { useLoaded } from "../../use-loaded";
import type * as FinishDietModule from "../../finish-diet";

type FinishDiet = typeof FinishDietModule;

/** The dietary profile and suggestions (finish-diet.ts): loaded once the page is up. */
const loadFinishDiet = () => import("../../finish-diet");

interface ServerError {
  message: string;
  data?: { fields?: Record<string, string>; details?: { field?: string } | null };
}

/** A refused finish as messages.ts places it (the words as errorMessage says them). */
function refusalOf(err: unknown): Refusal | null {
  if (!err) return null;
  const data = (err as ServerError).data;
  return {
    text: errorMessage(err) ?? "",
    fields: data?.fields,
    field: data?.details?.field ?? null,
  };
}

/** A finish refused because the hold was already finished (another tab, someone else). */
export interface FinishedElsewhere {
  /** What was saved, and that nothing typed here was. */
  message: string;
  /** The booking's page (with this link's own token). */
  link: string;
}

/**
 * The refusal of a finish whose hold another tab (or person) finished with other details
 * (CONFLICT, `details.reason` "finished"), or null for any other answer. The page then says what
 * was saved and links to the booking; it never goes there as if this finish had worked.
 */
export function finishedElsewhereOf(err: unknown): FinishedElsewhere | null {
  if (!err) return null;
  const data = (err as { data?: { code?: string; details?: unknown } | null }).data;
  const details = (data?.details ?? null) as { reason?: unknown; link?: unknown } | null;
  if (data?.code !== "CONFLICT" || details?.reason !== "finished") return null;
  if (typeof details.link !== "string" || !details.link.startsWith("/bookings/")) return null;
  return { message: errorMessage(err) ?? "", link: details.link };
}

/**
 * A signed-in customer's details (getBookingPrefill, as the wizard's contact step) into the
 * fields still empty. The hold's ZIP is fixed: the account's last party address is used only
 * when its ZIP is the hold's and no street is typed (the city the ZIP filled in counts as not
 * typed); otherwise the city and state stay the ZIP's.
 */
export function prefillFinishDraft(
  d: BookingDraft,
  p: DraftPrefill | null | undefined,
  zipCity: string,
): BookingDraft {
  if (!p) return d;
  const a = d.address;
  const untouched = a.line1.trim() === "" && a.line2.trim() === "" && a.city === zipCity;
  const next = prefillDraft(untouched ? { ...d, address: { ...a, city: "" } } : d, p);
  return untouched && next.address.city === ""
    ? { ...next, address: { ...next.address, city: a.city } }
    : next;
}

/** Take the customer to a field with a problem (its input, or the group's focusable box). */
function focusField(id: string) {
  const el = document.getElementById(id);
  // A field in the folded extras: unfold them first.
  const folded = el?.closest("details");
  if (folded && !folded.open) folded.open = true;
  el?.focus({ preventScroll: true });
  el?.scrollIntoView({ block: "center" });
}

const storageKey = (id: string) => `mh-finish-${id}`;

/**
 * Finishing a time held from the chat: the same pieces as the wizard (party, package and
 * proteins, allergies, extras, address and contact), prefilled from the hold (the package and
 * dishes the chat discussed), with a visible countdown until the hold expires. The typed details
 * are kept in this tab's sessionStorage, so a reload keeps them.
 */
export function FinishHold({
  id,
  token,
  catalog,
  prefill = null,
}: {
  id: string;
  token: string;
  catalog: Catalog;
  /** The signed-in customer's details (read on the server from the session), null: a visitor. */
  prefill?: DraftPrefill | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const holdQ = useQuery({
    ...trpc.hold.get.queryOptions({ id, token }),
    enabled: token.length >= 16,
    retry: false,
  });
  const hold = holdQ.data;
  const menu = useMemo(() => draftMenu(catalog), [catalog]);

  const [diet, ensureDiet] = useLoaded(loadFinishDiet);
  useEffect(() => void ensureDiet(), [ensureDiet]);
  // With the dietary profile's module, its reducer: the profile, and the default proteins safe.
  const [draft, rawDispatch] = useReducer(diet?.dietReducer ?? draftReducer, undefined, () =>
    emptyDraft(menu),
  );
  const [prefilled, setPrefilled] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  // Finished meanwhile in another tab with other details: said until the page is left (an edit
  // here can't change that), and Confirm stays off.
  const [finishedElsewhere, setFinishedElsewhere] = useState<FinishedElsewhere | null>(null);
  // "Use N points" (a signed-in member): a refusal (spent meanwhile) is said beside the choice,
  // which is dropped so the booking goes on without it.
  const [savings, setSavings] = useState<Savings>({});
  const dropRefusedPoints = (err: unknown) => {
    if (savingsFieldOf(err) === "redeemPoints")
      setSavings({ error: { field: "redeemPoints", message: (err as Error).message } });
  };
  const finish = useMutation(
    trpc.hold.finish.mutationOptions({
      onSuccess: (b) => {
        try {
          window.sessionStorage.removeItem(storageKey(id));
        } catch {
          /* storage off: nothing kept */
        }
        // Stripe mode: straight to the deposit's Checkout page, as from the booking wizard.
        if (b.checkoutUrl) window.location.assign(b.checkoutUrl);
        else router.push(`/bookings/${b.id}?token=${encodeURIComponent(b.token)}&new=1`);
      },
      // A refusal about a field is said beside it: go there (the rest is said by the button).
      onError: (err) => {
        dropRefusedPoints(err);
        const elsewhere = finishedElsewhereOf(err);
        if (elsewhere) return setFinishedElsewhere(elsewhere);
        void loadChecks().then((c) => {
          const first = c.placeRefusal("finish", refusalOf(err)).first;
          if (first) focusField(first);
        });
      },
    }),
  );
  const { reset: resetFinish } = finish;
  const dispatch = useCallback(
    (a: DraftAction) => {
      rawDispatch(a);
      setShowErrors(false);
      resetFinish();
    },
    [resetFinish],
  );

  // Prefill once the hold is loaded: what this tab already typed, else the hold's own party,
  // package, proteins and extras (what the customer asked for in the chat). The date, time, ZIP
  // and party size are the hold's and can't change here.
  useEffect(() => {
    if (!hold || prefilled) return;
    const held = hold.selection;
    const pkg = held && menu.packages.some((p) => p.slug === held.packageSlug) ? held : null;
    let d: BookingDraft = draftReducer(emptyDraft(menu, pkg?.packageSlug), {
      type: "party",
      adults: hold.adults,
      children: hold.children,
      menu,
    });
    if (pkg) {
      const known = (r: Record<string, number>) =>
        Object.fromEntries(
          Object.entries(r).filter(([slug]) => menu.items.some((i) => i.slug === slug)),
        );
      d = { ...d, proteins: known(pkg.proteins), extras: known(pkg.extras), proteinsChosen: true };
    }
    d = {
      ...d,
      address: { ...d.address, city: hold.city ?? "", state: hold.state || d.address.state },
    };
    let raw: string | null = null;
    try {
      raw = window.sessionStorage.getItem(storageKey(id));
    } catch {
      raw = null; // storage off: the form still works
    }
    const fromHold = d;
    const apply = (saved: BookingDraft | null) => {
      let f = saved && menu.packages.some((p) => p.slug === saved.packageSlug) ? saved : fromHold;
      f = {
        ...f,
        postalCode: hold.postalCode,
        date: hold.date,
        startMinute: hold.startMinute,
        adults: Math.min(f.adults, hold.guests),
        children: hold.guests - Math.min(f.adults, hold.guests),
      };
      // Signed in: the account's details into the fields still empty (as the wizard does).
      f = prefillFinishDraft(f, prefill, hold.city ?? "");
      // The name given on the phone, when none is typed yet.
      if (hold.contactName && !f.contact.name.trim())
        f = { ...f, contact: { ...f.contact, name: hold.contactName } };
      f = { ...f, proteins: fitProteins(f.proteins, portionsNeeded(f, menu), menu) };
      rawDispatch({ type: "restore", draft: f });
      setPrefilled(true);
    };
    // What this tab typed before is read back by restore.ts, loaded only when there is some.
    if (raw === null) apply(null);
    else void import("../../restore").then((r) => apply(r.parseStoredDraft(raw, fromHold)));
  }, [hold, prefilled, menu, id, prefill]);

  useEffect(() => {
    if (!prefilled) return;
    try {
      window.sessionStorage.setItem(storageKey(id), serializeDraft(draft));
    } catch {
      /* storage off: the form still works */
    }
  }, [draft, prefilled, id]);

  const left = useTimeLeft(hold?.status === "HELD" ? (hold.holdExpiresAt ?? null) : null);
  const expired = !!hold?.expired || (left !== null && left <= 0);

  // The form's checks (checks.ts) load on the first input; the price needs only the package and
  // the protein count.
  const [checks, ensureChecks] = useLoaded(loadChecks);
  const quoteReady =
    prefilled && !!packageOf(draft, menu) && portionsChosen(draft) === portionsNeeded(draft, menu);
  const quoteQ = useQuery({
    // Priced as finishing prices it: with the offer code the hold took in the chat.
    ...trpc.hold.quote.queryOptions({
      id,
      token,
      selection: selectionOf(draft),
      ...(savings.redeemPoints ? { redeemPoints: savings.redeemPoints } : {}),
    }),
    enabled: !!hold && quoteReady,
  });
  useEffect(() => {
    if (quoteQ.error) dropRefusedPoints(quoteQ.error);
  }, [quoteQ.error, savings.redeemPoints]);
  const issuesWith = (c: Checks) =>
    prefilled
      ? [...c.stepIssues("menu", draft, menu), ...c.detailsIssues(draft, quoteQ.data?.zone.state)]
      : [];
  const issues = checks ? issuesWith(checks) : [CHECKING];

  // Each problem once (messages.ts): beside its field, else near the Confirm button.
  // (The placement is loaded with the checks; a refusal comes after Confirm, which loads them.)
  const refused = checks
    ? checks.placeRefusal("finish", refusalOf(finish.error))
    : { fields: {}, text: null, first: null };
  const placed = checks
    ? checks.placeIssues("finish", showErrors ? issues : [], refused.fields)
    : { errors: refused.fields, bar: null };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!hold || expired || finishedElsewhere) return;
    const found = issuesWith(checks ?? (await ensureChecks()));
    if (found.length > 0) {
      setShowErrors(true);
      focusField(found[0]!.field);
      return;
    }
    finish.mutate((diet ?? (await ensureDiet())).finishInput(draft, { id, token, savings }));
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
  if (!hold || !prefilled) return <p role="status">Loading your held time…</p>;
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
        This hold has expired. Ask the assistant again or use{" "}
        <a className="underline" href="/book">
          Book a chef
        </a>{" "}
        to pick a new time.
      </ErrorBox>
    );

  const stripe = catalog.business.payments === "stripe";
  const quote = quoteReady ? quoteQ.data : undefined;
  const priceHint = quoteQ.error
    ? (errorMessage(quoteQ.error) ?? "We couldn't work out the price.")
    : quoteReady
      ? "Working out the price…"
      : "Choose all protein portions to see the total.";
  const timeLeft = hold.holdExpiresAt ? <TimeLeft left={left} /> : null;
  return (
    <FinishLayout
      formProps={{
        onSubmit: submit,
        // The first input loads the schemas that check the form.
        onPointerDownCapture: () => void (checks ?? ensureChecks()),
        onKeyDownCapture: () => void (checks ?? ensureChecks()),
        onFocusCapture: () => void (checks ?? ensureChecks()),
      }}
      held={
        <Card>
          <h2 className="text-xl font-bold">Your held time</h2>
          <p className="mt-1 font-semibold" data-testid="hold-summary">
            {formatWhen(hold.date, hold.startMinute)} · {hold.guests} guests · ZIP {hold.postalCode}
          </p>
          <p className="text-sm text-muted">
            Booking {hold.code}. To change the date, party size or ZIP,{" "}
            <a className="underline" href="/book">
              start a new booking
            </a>
            .
          </p>
          <div className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
            {hold.holdExpiresAt ? (
              <HoldCountdown until={hold.holdExpiresAt} timeZone={hold.timeZone} left={left} />
            ) : (
              <p className="text-sm">This time is held for you for a short while.</p>
            )}
          </div>
        </Card>
      }
      fields={
        <FinishFields
          draft={draft}
          dispatch={dispatch}
          catalog={catalog}
          menu={menu}
          errors={placed.errors}
          guests={hold.guests}
          postalCode={hold.postalCode}
          prefill={prefill}
          saveDraft={(d) => window.sessionStorage.setItem(storageKey(id), serializeDraft(d))}
          diet={diet}
          heard={hold.dietaryProfile}
        />
      }
      price={
        <Card>
          <KitchenOrderSection
            order={draftKitchenOrder({ draft, catalog, menu })}
            heading="Your order for the chef"
          />
          <h2 className="mt-4 font-bold">Your price</h2>
          <div className="mt-2">
            <PointsChoice points={quote?.points} savings={savings} onSavings={setSavings} />
          </div>
          {quote ? (
            <QuoteTable quote={quote} payments={catalog.business.payments} />
          ) : quoteQ.error ? (
            <ErrorBox>{priceHint}</ErrorBox>
          ) : (
            <p className="text-sm text-muted">{priceHint}</p>
          )}
          {timeLeft && <div className="mt-3 hidden lg:block">{timeLeft}</div>}
        </Card>
      }
      confirm={
        <FinishConfirm
          unplaced={placed.bar}
          refusal={finishedElsewhere ? null : refused.text}
          finishedElsewhere={finishedElsewhere}
          expired={expired}
          total={<BarTotal quote={quote} stripe={stripe} hint={priceHint} extra={timeLeft} />}
          confirm={{
            label: finish.isPending
              ? "Booking…"
              : stripe && quote
                ? `Confirm and pay the ${formatCents(quote.depositCents)} deposit`
                : "Confirm booking",
            disabled: finish.isPending || expired || !!finishedElsewhere,
          }}
        />
      }
    />
  );
}

/** "14:38 left on your hold" (the countdown at the top, where the customer confirms). */
export function TimeLeft({ left }: { left: number | null }) {
  if (left === null) return null;
  return (
    <p className="text-xs font-semibold text-amber-900" data-testid="bar-time-left">
      {left <= 0 ? (
        "Your hold has expired"
      ) : (
        <>
          <span className="tabular-nums">{formatCountdown(left)}</span> left on your hold
        </>
      )}
    </p>
  );
}

/**
 * The page in reading order: the held time, the fields, the order and its price, then what is
 * said by Confirm and the Confirm bar (sticky at the bottom of a phone's screen, with the total
 * and the time left, as in the booking wizard). From the `lg` width up the price is a sticky
 * sidebar beside the fields and Confirm sits under them.
 */
export function FinishLayout({
  formProps,
  held,
  fields,
  price,
  confirm,
}: {
  formProps?: Omit<ComponentProps<"form">, "className" | "children">;
  held: ReactNode;
  fields: ReactNode;
  price: ReactNode;
  confirm: ReactNode;
}) {
  return (
    <form {...formProps} noValidate className="grid gap-6 pb-40 lg:grid-cols-[1fr_22rem] lg:pb-0">
      <div className="flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-start-1">
        {held}
        {fields}
      </div>
      <aside
        aria-label="Your order and price"
        className="lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start"
      >
        {price}
      </aside>
      <div className="flex min-w-0 flex-col gap-4 lg:col-start-1 lg:row-start-2">{confirm}</div>
    </form>
  );
}

/**
 * Confirm, in the sticky bar with the total (or why there is none yet) and the time left on
 * the hold, and said above it only what no field says: a problem of no field (`unplaced`), the
 * server's refusal (`refusal`: the hold expired, the ZIP...), or the hold running out while the
 * page was open (`expired`, which says the same as a refusal for it). A hold finished meanwhile
 * in another tab with other details (`finishedElsewhere`) is said with what was saved and a link
 * to the booking.
 */
export function FinishConfirm({
  unplaced,
  refusal,
  finishedElsewhere = null,
  expired,
  total,
  confirm,
}: {
  unplaced: string | null;
  refusal: string | null;
  finishedElsewhere?: FinishedElsewhere | null;
  expired: boolean;
  total: ReactNode;
  confirm: { label: string; disabled: boolean };
}) {
  const said =
    unplaced || expired || refusal || finishedElsewhere ? (
      <div className="mb-2 flex flex-col gap-2">
        {unplaced && <ErrorBox>{unplaced}</ErrorBox>}
        {finishedElsewhere ? (
          <ErrorBox>
            <span data-testid="finished-elsewhere">
              {finishedElsewhere.message}{" "}
              <a className="font-semibold underline" href={finishedElsewhere.link}>
                Open the booking
              </a>
            </span>
          </ErrorBox>
        ) : expired ? (
          <ErrorBox>
            This hold has expired and the time was released. Ask the assistant again or use{" "}
            <a className="underline" href="/book">
              Book a chef
            </a>{" "}
            to pick a time.
          </ErrorBox>
        ) : (
          refusal && <ErrorBox>{refusal}</ErrorBox>
        )}
      </div>
    ) : null;
  return (
    <StickyBar total={total} above={said}>
      <Button type="submit" disabled={confirm.disabled} className="px-4">
        {confirm.label}
      </Button>
    </StickyBar>
  );
}

/** More extras than this are folded away (in a <details>) until opened, unless some are chosen. */
export const EXTRAS_SHOWN_OPEN = 4;

/**
 * The finish page's fields, each problem said once beside its input (`errors`, placed by
 * messages.ts); what no field says is said by Confirm (FinishConfirm).
 */
export function FinishFields({
  draft,
  dispatch,
  catalog,
  menu,
  errors,
  guests,
  postalCode,
  prefill = null,
  saveDraft = () => {},
  diet = null,
  heard = null,
}: StepProps & {
  /** The hold's party size and ZIP (fixed here). */
  guests: number;
  postalCode: string;
  /** Keeps the draft (this tab's storage) when the signed-in customer signs out ("Not you?"). */
  saveDraft?: (d: BookingDraft) => void;
  /** The dietary profile's fields, marks and suggestions (finish-diet.ts; null until loaded). */
  diet?: FinishDiet | null;
  /** The allergies and diets the chat heard (kept on the hold). */
  heard?: DietaryProfile | null;
}) {
  const extras = extraItems(catalog);
  const chosen = Object.values(draft.extras).filter((n) => n > 0).length;
  // A long list starts folded (the wizard has it on a step of its own), open when the hold
  // brought some from the chat. Fixed at mount: the customer's own toggling is kept.
  const [startOpen] = useState(() => chosen > 0 || extras.length <= EXTRAS_SHOWN_OPEN);
  const parts = diet?.dietParts({
    draft,
    dispatch,
    menu,
    errors,
    surface: "finish",
    prefill,
    heard,
  });
  return (
    <>
      <Card>
        <h2 className="text-xl font-bold">Guests</h2>
        <div className="mt-3">
          <PartySteppers
            adults={draft.adults}
            children={draft.children}
            total={guests}
            max={guests}
            onChange={(adults, children) => dispatch({ type: "party", adults, children, menu })}
            error={errors.adults ?? errors.children ?? null}
          />
        </div>
      </Card>

      <Card>
        <h2 className="text-xl font-bold">Package and proteins</h2>
        <div className="mt-3">
          <MenuFields
            draft={draft}
            dispatch={dispatch}
            catalog={catalog}
            menu={menu}
            errors={errors}
            sayProteinCount
            top={parts?.top}
            mark={parts?.mark}
            afterProteins={parts?.after}
          />
        </div>
      </Card>

      <Card>
        <details open={startOpen} data-testid="finish-extras" className="group">
          <summary className="flex min-h-11 cursor-pointer list-none flex-wrap items-center gap-x-3 [&::-webkit-details-marker]:hidden">
            <h2 className="text-xl font-bold">Appetizers, sides and add-ons</h2>
            <span className="text-sm text-muted">
              Optional{chosen > 0 ? ` · ${chosen} chosen` : ""}
            </span>
            <span aria-hidden className="ml-auto text-sm font-medium text-brand-700 underline">
              <span className="group-open:hidden">Show</span>
              <span className="hidden group-open:inline">Hide</span>
            </span>
          </summary>
          <p className="mt-2 text-sm text-muted">
            Per-person items: choose how many servings (“Everyone” is one each).
          </p>
          <div className="mt-3">
            <ExtrasPicker
              items={extras}
              value={draft.extras}
              onChange={(slug, count) => dispatch({ type: "extra", slug, count, menu })}
              guests={guests}
              pkg={catalog.packages.find((p) => p.slug === draft.packageSlug)}
              mark={parts?.mark}
            />
          </div>
        </details>
      </Card>

      <Card>
        <h2 className="text-xl font-bold">Party address and your contact details</h2>
        {prefill && (
          <SignedInAs draft={draft} dispatch={dispatch} prefill={prefill} save={saveDraft} />
        )}
        <div className="mt-4">
          <AddressContactFields
            address={draft.address}
            onAddress={(patch) => dispatch({ type: "address", patch })}
            contact={draft.contact}
            onContact={(patch) => dispatch({ type: "contact", patch })}
            notes={draft.notes}
            onNotes={(value) => dispatch({ type: "notes", value })}
            postalCode={postalCode}
            zipHint="Fixed by your hold."
            emailHint={prefill ? emailHintFor(draft.contact.email, prefill) : undefined}
            fieldErrors={errors}
          />
        </div>
      </Card>
    </>
  );
}
