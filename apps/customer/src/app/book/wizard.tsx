"use client";
// The booking wizard: a draft (draft.ts: one reducer, checked with the server's schemas), one
// component per step (steps/), the step in the URL (/book#step=menu, a history entry per step,
// so the browser's Back and Forward move between steps), and the draft kept on the device
// (localStorage) so a reload at any step, a new tab or a later visit restores it.
//
// Why the fragment (#step=), not the query (?step=): Next's router keys a page by its query. A
// query per step made each Back after a reload a Next navigation to an entry of the old
// document that Next may load from the server, or answer with a full page load that swallows
// the customer's next click (attack F9). Steps that differ only in the fragment are one page
// to Next: Back and Forward stay in this page, and the wizard alone follows them.
//
// Why localStorage, with an expiry (attack R5-8): a customer who opens /book in a new tab, or
// closes the tab and comes back, finds the party they started. The draft holds a name, an email,
// a phone number and a home address, so it is forgotten 3 days after its last change
// (`DRAFT_TTL_MS`) and removed once the booking is made. Two tabs share it: the last change wins,
// and each tab reads it when it opens (restore.ts checks it: a stale or foreign draft is ignored).
// The idempotency key stays per tab (sessionStorage): two tabs are two bookings. Nothing of the
// draft is sent to the server before the customer books, but the party for its price and, with
// an offer code, the contact email (so the quote checks the code as the booking will).
import { useMutation, useQuery } from "~/lib/query";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Card, ErrorBox, cx } from "@myhibachi/ui";
import { addDays, formatCents, formatMinutes, monthStart, todayIn } from "@myhibachi/shared";
import { errorMessage, useTRPC } from "~/lib/trpc";
import { openingMonth, useMonthAvailability } from "./availability-calendar";
import {
  DRAFT_STORAGE_KEY,
  STEPS,
  draftStore,
  draftReducer,
  emptyDraft,
  isStepKey,
  packageOf,
  prefillAddressFits,
  prefillDraft,
  portionsChosen,
  portionsNeeded,
  selectionOf,
  serializeDraft,
  stepIndex,
  CHECKING,
  loadChecks,
  type DraftAction,
  type IssueContext,
  type BookingDraft,
  type DraftPrefill,
  type StepKey,
} from "./draft";
import { StepHeading, STEP_HEADING_ID } from "./steps/step-heading";
import { WhenStep } from "./steps/when-step";
import type { WhenMessageInput } from "./messages";
import { draftMenu, savingsFieldOf, type Alternative, type Catalog, type Savings } from "./types";
import { useLoaded } from "./use-loaded";
import { BarTotal } from "./sticky-bar";
import { WizardNav } from "./wizard-nav";

const loadLaterSteps = () => import("./steps/later-steps");

const KEY_STORAGE_KEY = "mh-booking-key";

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The step's address: /book#step=menu (see the top of this file for why the fragment). */
function stepUrl(step: StepKey): string {
  return `/book#step=${step}`;
}

/** The step named in the address bar's fragment (#step=menu), or null. */
function stepInFragment(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get("step");
}

/** This tab's storage, for the idempotency key (the draft is in `draftStore`). */
function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the wizard still works, it just can't survive a reload
  }
}

interface ServerError {
  message: string;
  data?: {
    fields?: Record<string, string>;
    details?: { alternatives?: Alternative[]; field?: string; reason?: string } | null;
    code?: string;
  };
}

export function BookingWizard({
  catalog,
  prefill = null,
}: {
  catalog: Catalog;
  /**
   * The signed-in customer's details, read on the server from their session (null: a visitor,
   * nothing is filled in). They go only into fields still empty: never over what was typed.
   */
  prefill?: DraftPrefill | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const searchParams = useSearchParams();
  const menu = useMemo(() => draftMenu(catalog), [catalog]);
  const tz = catalog.business.timeZone;
  const today = todayIn(tz);

  const [later, ensureLater] = useLoaded(loadLaterSteps);
  // With the later steps, their reducer (diet-draft.ts): the dietary profile and suggestions.
  const [draft, rawDispatch] = useReducer(later?.dietReducer ?? draftReducer, undefined, () =>
    emptyDraft(menu),
  );
  const [restored, setRestored] = useState(false);
  const [notices, setNotices] = useState<string[]>([]);
  /** A restored draft's date that had passed (said above the calendar until a date is picked). */
  const [pastDate, setPastDate] = useState<string | null>(null);
  /** The chosen time, forgotten because it stopped being free (said in the start times). */
  const [lostTime, setLostTime] = useState<WhenMessageInput["lostTime"]>(null);
  /** The step whose Continue was refused: its messages show until the next change. */
  const [attempt, setAttempt] = useState<StepKey | null>(null);
  const booked = useRef(false);
  /** Each step's checks: loaded on the first input, with the later steps (null until). */
  const [checks, ensureChecks] = useLoaded(loadChecks);

  // The review step's offer code and points (steps/savings.tsx); a refused one is dropped and its
  // reason kept for its field, so the quote and the booking go on without it.
  const [savings, setSavings] = useState<Savings>({});
  const dropRefusedSaving = (err: unknown) => {
    const field = savingsFieldOf(err);
    if (field)
      setSavings((s) => ({
        ...s,
        [field]: undefined,
        error: { field, message: (err as Error).message },
      }));
  };
  const create = useMutation(
    trpc.booking.create.mutationOptions({
      onSuccess: (res) => {
        booked.current = true;
        draftStore()?.removeItem(DRAFT_STORAGE_KEY);
        storage()?.removeItem(KEY_STORAGE_KEY);
        // Stripe mode: straight to the secure payment page; the booking is held until it's paid.
        if (res.checkoutUrl) window.location.assign(res.checkoutUrl);
        else router.push(`/bookings/${res.id}?token=${encodeURIComponent(res.token)}&new=1`);
      },
      // This page's key already made a booking with other details (its answer was lost, then
      // the customer changed something): the message says so, and a new key lets them book.
      onError: (err) => {
        dropRefusedSaving(err);
        if ((err as ServerError).data?.details?.reason !== "idempotency-key-reused") return;
        const k = newKey();
        storage()?.setItem(KEY_STORAGE_KEY, k);
        setIdempotencyKey(k);
      },
    }),
  );
  const { reset: resetCreate } = create;

  /**
   * Every change clears the messages of a refused Continue and of a refused booking; picking a
   * date, a time, the party or the ZIP clears what we said about a date or time we forgot.
   */
  const dispatch = useCallback(
    (a: DraftAction) => {
      rawDispatch(a);
      setAttempt(null);
      resetCreate();
      if (a.type === "date" || a.type === "slot") setPastDate(null);
      if (["date", "time", "slot", "zip", "party"].includes(a.type)) setLostTime(null);
    },
    [resetCreate],
  );

  /** The last party's address was offered (filled in when its ZIP is the draft's): once a visit. */
  const addressOffered = useRef(false);

  // Restore once in the browser: the saved draft, then ?package=<slug> (the landing page's
  // "Book this package"), checked against today's menu and calendar, then a signed-in
  // customer's details into the fields still empty (`prefillDraft`).
  // A draft or a step coming back needs the checks (`loadChecks`) to know how far it may go, so
  // they load at once then; a fresh visit loads them on the first input (`onFirstInput`).
  useEffect(() => {
    const base = emptyDraft(menu);
    const stored = draftStore()?.getItem(DRAFT_STORAGE_KEY) ?? null;
    const wanted = searchParams.get("package");
    const withPackage = (d: BookingDraft): [BookingDraft, string[]] => {
      if (!wanted) return [d, []];
      if (menu.packages.some((p) => p.slug === wanted))
        return [draftReducer(d, { type: "package", slug: wanted, menu }), []];
      return [
        d,
        [
          `We don't offer that package (any more). Choose one of ours in the menu step: ${menu.packages.map((p) => p.name).join(", ")}.`,
        ],
      ];
    };
    // A fresh visit: nothing to read back or check yet.
    if (stored === null && !stepInFragment() && !searchParams.get("step")) {
      const [d, found] = withPackage(base);
      rawDispatch({ type: "restore", draft: prefillDraft(d, prefill) });
      setNotices(found);
      setRestored(true);
      return;
    }
    void ensureLater();
    void Promise.all([import("./restore"), ensureChecks()]).then(([r]) => {
      const read = r.parseStoredDraft(stored, base, Date.now());
      // A stale or unreadable draft is forgotten (never an error: the wizard starts afresh).
      if (read === null && stored !== null) draftStore()?.removeItem(DRAFT_STORAGE_KEY);
      const [d, found] = withPackage(read ?? base);
      const checked = r.reconcileDraft(d, menu, todayIn(tz));
      if (prefill?.address?.postalCode === checked.draft.postalCode) addressOffered.current = true;
      rawDispatch({ type: "restore", draft: prefillDraft(checked.draft, prefill) });
      setNotices([...checked.notices, ...found]);
      setPastDate(checked.pastDate);
      setRestored(true);
    });
    // Once, on mount: later URL changes are steps, handled below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!restored || booked.current) return;
    try {
      draftStore()?.setItem(DRAFT_STORAGE_KEY, serializeDraft(draft));
    } catch {
      // storage full or refused: the draft just isn't kept
    }
  }, [draft, restored]);

  const [idempotencyKey, setIdempotencyKey] = useState(() => {
    const s = typeof window === "undefined" ? null : storage();
    const k = s?.getItem(KEY_STORAGE_KEY) ?? newKey();
    s?.setItem(KEY_STORAGE_KEY, k);
    return k;
  });

  // ----- Availability of the chosen day (shared with the calendar's request for that month)
  const guests = draft.adults + draft.children;
  const zipOk = /^\d{5}$/.test(draft.postalCode);
  // Until the customer picks a month or a day, the calendar opens on the first month with a free
  // day for the party: this month's answer says which (`firstFreeDate`, null: none in the window).
  const seek = !draft.month && !draft.date;
  const opening = useMonthAvailability({
    month: today,
    guests,
    postalCode: seek ? draft.postalCode : "",
  }).query.data;
  const calendarMonth =
    draft.month ?? (draft.date ? monthStart(draft.date) : openingMonth(today, opening));
  const dayAvail = useMonthAvailability({
    month: draft.date ?? calendarMonth,
    guests,
    postalCode: draft.postalCode,
  });
  const dateSlots = useMemo(
    () => (draft.date ? (dayAvail.slotsByDate.get(draft.date) ?? []) : []),
    [draft.date, dayAvail.slotsByDate],
  );
  const slot = dateSlots.find((s) => s.startMinute === draft.startMinute) ?? null;
  // The last bookable date as the availability answer gives it: the asker's own window (a signed-in
  // member's tier may book further ahead); the catalog's window (everyone's) until it comes.
  const lastBookable =
    dayAvail.query.data?.lastDate ??
    opening?.lastDate ??
    addDays(today, catalog.business.bookingWindowDays);
  // ----- Price
  const needed = portionsNeeded(draft, menu);
  const chosen = portionsChosen(draft);
  const tooMany = guests > catalog.business.maxGuests;
  const quoteReady =
    restored && zipOk && !!packageOf(draft, menu) && chosen === needed && guests >= 1 && !tooMany;
  const selection = selectionOf(draft);
  // With a code, the contact email (valid, from the details step before the review step): the
  // quote then refuses what the booking would refuse (checks.ts `quoteContactEmail`).
  const contactEmail = checks?.quoteContactEmail(draft, savings.offerCode);
  const quoteQ = useQuery({
    ...trpc.booking.quote.queryOptions({
      selection,
      postalCode: draft.postalCode,
      ...(savings.offerCode ? { offerCode: savings.offerCode } : {}),
      ...(contactEmail ? { contactEmail } : {}),
      ...(savings.redeemPoints ? { redeemPoints: savings.redeemPoints } : {}),
    }),
    enabled: quoteReady,
    placeholderData: (prev) => prev,
  });
  useEffect(() => {
    if (quoteQ.error) dropRefusedSaving(quoteQ.error);
  }, [quoteQ.error, savings.offerCode, savings.redeemPoints]);
  // The server refused the ZIP itself (outside our service area): said once, under the ZIP
  // field (not as a calendar or price failure: trying again wouldn't help).
  const zipRefused = zipOk && checks ? checks.zipRefusal(dayAvail.query.error, quoteQ.error) : null;
  const zipPlace = quoteQ.data?.zone;
  const ctx: IssueContext = {
    phone: catalog.business.phone,
    zipRefused,
    zipState: zipPlace?.state,
    slotFree:
      !draft.date || draft.startMinute === null
        ? undefined
        : dayAvail.query.data
          ? slot !== null
          : dayAvail.query.isFetching
            ? null
            : undefined,
  };

  // The ZIP's city and state, written in for the customer, and replaced when the ZIP changes while
  // they are still the previous ZIP's (a city the customer typed stays; a state that isn't the
  // ZIP's is caught by the details check). The rule (@myhibachi/shared zipPlacePatch, as on the
  // staff form) comes with the later steps' chunk: a price needs the menu step.
  // Not when the signed-in customer's last party address is for this ZIP: that address (with its
  // city and state) is filled in on the details step, and only into an empty address.
  const accountAddress = prefill?.address?.postalCode === draft.postalCode;
  const placeShown = useRef<{ city: string; state: string } | null>(null);
  useEffect(() => {
    if (!later || !restored || !zipPlace) return;
    const patch = accountAddress
      ? null
      : later.zipPlacePatch(draft.address, placeShown.current, zipPlace);
    placeShown.current = zipPlace;
    if (patch) rawDispatch({ type: "address", patch });
  }, [later, restored, zipPlace?.city, zipPlace?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  // A chosen time that is no longer free (taken meanwhile, or the party or ZIP changed): forget
  // it and say so in the start times (once, with any Continue message about them), rather than
  // failing at the end.
  const dayData = dayAvail.query.data;
  const dayFetching = dayAvail.query.isFetching;
  useEffect(() => {
    if (!restored || !dayData || dayFetching || !draft.date || draft.startMinute === null) return;
    if (dayData.slots.some((s) => s.date === draft.date && s.startMinute === draft.startMinute))
      return;
    rawDispatch({ type: "clearTime" });
    setLostTime({ date: draft.date, startMinute: draft.startMinute, guests });
  }, [restored, dayData, dayFetching, draft.date, draft.startMinute, guests]);

  // ----- The step: from the URL, never past the first step that still needs something. Read
  // from the address bar itself (our pushes, and the browser's Back/Forward), not from Next's
  // router: after a reload, going back to an entry from before it left Next's idea of the URL
  // behind, and the step stopped following the address bar.
  // (`?step=` of older links is read too, once.)
  const [requested, setRequested] = useState<string | null>(() =>
    typeof window === "undefined"
      ? null
      : (stepInFragment() ?? new URLSearchParams(window.location.search).get("step")),
  );
  useEffect(() => {
    const onPop = () => setRequested(stepInFragment());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const wanted: StepKey = isStepKey(requested) ? requested : "when";
  const reachable = checks ? checks.firstIncompleteStep(draft, menu) : "when";
  const step: StepKey = !restored
    ? "when"
    : stepIndex(wanted) <= stepIndex(reachable)
      ? wanted
      : reachable;
  const index = stepIndex(step);

  useEffect(() => {
    if (!restored) return;
    if (requested !== step || window.location.search !== "") {
      window.history.replaceState(null, "", stepUrl(step));
      setRequested(step);
    }
  }, [restored, requested, step]);

  // The last party's address, offered when the details step shows with that address's ZIP (a
  // fresh visit has no ZIP when the draft is restored): filled into empty address fields, once.
  useEffect(() => {
    if (!restored || step !== "details" || addressOffered.current || !prefill?.address) return;
    if (prefill.address.postalCode !== draft.postalCode) return;
    addressOffered.current = true;
    if (prefillAddressFits(draft, prefill))
      rawDispatch({ type: "prefill", prefill, address: true });
  }, [restored, step, prefill, draft]);

  const goTo = useCallback((to: StepKey) => {
    setAttempt(null);
    window.history.pushState(null, "", stepUrl(to));
    setRequested(to);
  }, []);

  // After a step change (Continue, Back, the browser's Back/Forward), focus the new step's
  // heading so a screen reader announces it and the keyboard starts at the top of the step.
  const shownStep = useRef<StepKey | null>(null);
  useEffect(() => {
    if (!restored) return;
    const label = STEPS[index]!.label;
    document.title = `${label} (step ${index + 1} of ${STEPS.length}) · Book a chef · MyHibachi`;
    const before = shownStep.current;
    shownStep.current = step;
    if (before === null || before === step) return;
    const h = document.getElementById(STEP_HEADING_ID);
    h?.focus({ preventScroll: true });
    h?.closest("[data-wizard]")?.scrollIntoView({ block: "start" });
  }, [restored, step, index]);
  // The real step replaced the placeholder that had focus: its heading takes it over.
  useEffect(() => {
    if (
      later &&
      restored &&
      shownStep.current !== "when" &&
      document.activeElement === document.body
    )
      document.getElementById(STEP_HEADING_ID)?.focus({ preventScroll: true });
  }, [later, restored]);

  // A party the last quote no longer fits (fewer guests than extras chosen): no price, the
  // reason instead; never the old party's price.
  const quote = quoteReady && !zipRefused && !quoteQ.error ? quoteQ.data : undefined;
  const priceHint = !zipOk
    ? "Enter your ZIP code to see the price."
    : zipRefused
      ? (checks?.ZIP_REFUSED_PRICE_HINT ?? "")
      : tooMany
        ? `Online booking is for up to ${catalog.business.maxGuests} guests.`
        : chosen !== needed
          ? `Choose all ${needed} protein portions to see the price.`
          : quoteQ.error
            ? (errorMessage(quoteQ.error) ?? "We couldn't work out the price. Please try again.")
            : "Working out the price…";
  const stripe = catalog.business.payments === "stripe";

  // ----- Continue, Back, Confirm
  const issues = checks ? checks.stepIssues(step, draft, menu, ctx) : [CHECKING];
  const createErr = create.error as unknown as ServerError | null;
  // Each problem once: beside its field, or in the bar when no field shows it (messages.ts).
  // A refused booking's field messages by the step's field ids ("address.state" -> "state"):
  // seen beside the field when the customer goes back to it (the Review step says it too).
  const serverFieldErrors =
    createErr && checks
      ? checks.placeRefusal(step, {
          text: createErr.message,
          fields: createErr.data?.fields,
          field: createErr.data?.details?.field,
        }).fields
      : (createErr?.data?.fields ?? {});
  const placed = checks
    ? checks.placeIssues(step, attempt === step ? issues : [], serverFieldErrors)
    : { errors: serverFieldErrors, bar: null };
  const errors = placed.errors;

  function onFirstInput() {
    if (checks) return;
    void ensureChecks();
    void ensureLater();
  }

  async function next() {
    const found = (checks ?? (await ensureChecks())).stepIssues(step, draft, menu, ctx);
    if (found.length > 0) {
      setAttempt(step);
      // Take the customer to the first thing to fix.
      const el = document.getElementById(found[0]!.field);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: "center" });
      return;
    }
    goTo(STEPS[Math.min(STEPS.length - 1, index + 1)]!.key);
  }

  async function book() {
    if (!draft.date || draft.startMinute === null) return goTo("when");
    create.mutate(
      (later ?? (await ensureLater())).bookingInput(
        { ...draft, date: draft.date, startMinute: draft.startMinute },
        { idempotencyKey, seenAt: dayAvail.query.data?.asOf, savings },
      ),
    );
  }

  const stepProps = { draft, dispatch, catalog, menu, errors, prefill };
  const total = <BarTotal quote={quote} stripe={stripe} hint={priceHint} />;

  return (
    <div
      className="grid gap-6 pb-40 lg:grid-cols-[1fr_20rem] lg:pb-0"
      data-wizard
      // The first input of a fresh visit loads the checks of each step.
      onPointerDownCapture={onFirstInput}
      onKeyDownCapture={onFirstInput}
      onFocusCapture={onFirstInput}
    >
      <div className="flex min-w-0 flex-col gap-5">
        <nav aria-label="Booking steps">
          <ol className="flex flex-wrap gap-2 text-sm">
            {STEPS.map((s, i) => {
              const current = i === index;
              const canGo = restored && !current && i <= stepIndex(reachable);
              const cls = cx(
                "inline-flex min-h-8 items-center rounded-full px-3 py-1",
                current
                  ? "bg-brand-700 font-semibold text-white"
                  : i < index
                    ? "bg-brand-100 text-brand-900"
                    : "bg-stone-100 text-stone-700",
              );
              return (
                <li key={s.key} aria-current={current ? "step" : undefined}>
                  {canGo ? (
                    <button
                      type="button"
                      className={cx(cls, "underline-offset-2 hover:underline")}
                      onClick={() => goTo(s.key)}
                    >
                      {i + 1}. {s.label}
                    </button>
                  ) : (
                    <span className={cls}>
                      {i + 1}. {s.label}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>

        {notices.length > 0 && (
          <div
            role="status"
            data-testid="draft-notice"
            className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
          >
            <ul className="flex flex-col gap-1">
              {notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        )}

        {step === "when" && (
          <WhenStep
            {...stepProps}
            messages={checks}
            month={calendarMonth}
            today={today}
            maxMonth={lastBookable}
            nothingFreeUntil={opening?.firstFreeDate === null ? opening.lastDate : null}
            dateSlots={dateSlots}
            day={{
              fetching: dayAvail.query.isFetching,
              failed: !!dayAvail.query.error && !zipRefused,
            }}
            lostTime={lostTime}
            pastDate={pastDate}
            zipRefused={zipRefused}
          />
        )}
        {step !== "when" && !later && (
          // Until the later steps have loaded: the step's own heading (focus and the screen
          // reader land on it), then the step itself.
          <Card>
            <StepHeading>{STEPS[index]!.title}</StepHeading>
            <p role="status" className="mt-2 text-sm text-muted">
              Loading…
            </p>
          </Card>
        )}
        {later && (
          <>
            {step === "menu" && <later.MenuStep {...stepProps} />}
            {step === "extras" && <later.ExtrasStep {...stepProps} />}
            {step === "details" && <later.DetailsStep {...stepProps} />}
            {step === "review" && (
              <later.ReviewStep
                draft={draft}
                dispatch={dispatch}
                catalog={catalog}
                menu={menu}
                quote={quote}
                slotLabel={
                  slot?.label ??
                  (draft.startMinute !== null ? formatMinutes(draft.startMinute) : "")
                }
                depositTerms={slot?.depositTerms ?? null}
                savings={savings}
                onSavings={setSavings}
                // A refused code or points are said beside their field (steps/savings.tsx).
                serverError={savingsFieldOf(createErr) ? null : (createErr?.message ?? null)}
                alternatives={createErr?.data?.details?.alternatives ?? []}
                onPickAlternative={(a) => {
                  dispatch({ type: "slot", date: a.date, startMinute: a.startMinute });
                }}
                onEdit={goTo}
              />
            )}
          </>
        )}

        <WizardNav
          step={step}
          total={total}
          message={placed.bar}
          onBack={() => goTo(STEPS[Math.max(0, index - 1)]!.key)}
          backDisabled={index === 0}
          primary={
            step === "review"
              ? {
                  label: create.isPending ? (
                    "Booking…"
                  ) : stripe ? (
                    `Confirm and pay the ${quote ? formatCents(quote.depositCents) : ""} deposit`
                  ) : (
                    <>
                      Confirm booking
                      {quote && (
                        <span className="hidden sm:inline">
                          {" "}
                          · {formatCents(quote.totalCents)} at the event
                        </span>
                      )}
                    </>
                  ),
                  onClick: book,
                  disabled: create.isPending || !quote,
                }
              : // Not before the saved draft is back (a click then would check an empty one).
                { label: "Continue", onClick: next, disabled: !restored }
          }
        />
      </div>

      {/* On review the itemised table is in the step itself: a phone doesn't repeat it. */}
      <aside
        aria-label="Your quote"
        className={cx("lg:sticky lg:top-4 lg:block lg:self-start", step === "review" && "hidden")}
      >
        <Card>
          <h2 className="font-bold">Your quote</h2>
          {quote && later ? (
            <later.QuoteLines quote={quote} stripe={stripe} />
          ) : quoteQ.error && quoteReady && !zipRefused ? (
            <ErrorBox>{priceHint}</ErrorBox>
          ) : (
            <p className="mt-2 text-sm text-muted">{priceHint}</p>
          )}
        </Card>
      </aside>
    </div>
  );
}
