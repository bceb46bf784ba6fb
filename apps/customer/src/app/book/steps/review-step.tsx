"use client";
import { Button, Card, ErrorBox } from "@myhibachi/ui";
import { KitchenOrderSection } from "@myhibachi/ui/kitchen-order";
import {
  formatCents,
  formatLocalDate,
  formatPhoneForDisplay,
  kitchenWarnings,
} from "@myhibachi/shared";
import { DraftSuggestions } from "../draft-suggestions";
import { selectionOf, type StepKey } from "../draft";
import { QuoteTable } from "../quote-table";
import {
  draftKitchenOrder,
  type Alternative,
  type Quote,
  type Savings,
  type StepProps,
} from "../types";
import { OfferCodeField, PointsChoice } from "./savings";
import { StepHeading } from "./step-heading";

function Change({ to, what, onEdit }: { to: StepKey; what: string; onEdit: (s: StepKey) => void }) {
  return (
    <Button variant="ghost" className="min-h-9 px-2 py-0 text-sm" onClick={() => onEdit(to)}>
      Change<span className="sr-only"> {what}</span>
    </Button>
  );
}

/** Step 5: everything chosen, the kitchen order and the exact price, before booking. */
export function ReviewStep({
  draft,
  dispatch,
  catalog,
  menu,
  quote,
  slotLabel,
  depositTerms,
  serverError,
  alternatives,
  onPickAlternative,
  onEdit,
  savings,
  onSavings,
}: Omit<StepProps, "errors"> & {
  quote: Quote | undefined;
  slotLabel: string;
  depositTerms: string | null;
  serverError: string | null;
  alternatives: Alternative[];
  onPickAlternative: (a: Alternative) => void;
  onEdit: (step: StepKey) => void;
  /** The offer code and points chosen here (steps/savings.tsx); absent: not offered. */
  savings?: Savings;
  onSavings?: (s: Savings) => void;
}) {
  const stripe = catalog.business.payments === "stripe";
  const a = draft.address;
  return (
    <Card>
      <StepHeading>Review your booking</StepHeading>
      <dl className="mt-3 grid grid-cols-[5rem_minmax(0,1fr)_auto] items-baseline gap-x-3 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)_auto]">
        <dt className="font-medium">When</dt>
        <dd data-testid="review-when">
          {draft.date ? formatLocalDate(draft.date, "fullDate") : ""} at {slotLabel}
        </dd>
        <dd>
          <Change to="when" what="date and time" onEdit={onEdit} />
        </dd>
        <dt className="font-medium">Guests</dt>
        <dd>
          {draft.adults} {draft.adults === 1 ? "adult" : "adults"}, {draft.children}{" "}
          {draft.children === 1 ? "child" : "children"}
        </dd>
        <dd>
          <Change to="when" what="guests" onEdit={onEdit} />
        </dd>
        <dt className="font-medium">Where</dt>
        <dd className="[overflow-wrap:anywhere]">
          {a.line1}
          {a.line2 ? `, ${a.line2}` : ""}, {a.city}, {a.state} {draft.postalCode}
        </dd>
        <dd>
          <Change to="details" what="address" onEdit={onEdit} />
        </dd>
        <dt className="font-medium">Contact</dt>
        <dd className="[overflow-wrap:anywhere]">
          {draft.contact.name} · {draft.contact.email} ·{" "}
          {formatPhoneForDisplay(draft.contact.phone)}
        </dd>
        <dd>
          <Change to="details" what="contact details" onEdit={onEdit} />
        </dd>
      </dl>
      <div className="mt-5 flex flex-col gap-1 rounded-xl border border-stone-200 p-4">
        <KitchenOrderSection
          order={{
            ...draftKitchenOrder({ draft, catalog, menu }),
            // What the party ordered that its own allergies or diets rule out for some guests
            // (R1-10; this chunk has the diet rule already, for the suggestions).
            warnings: kitchenWarnings(
              {
                selection: selectionOf(draft),
                profile: draft.dietaryProfile,
                package: catalog.packages.find((p) => p.slug === draft.packageSlug),
              },
              catalog.items,
            ),
          }}
          heading="Your order for the chef"
          headingLevel={3}
        />
        <div className="self-end">
          <Change to="menu" what="menu and allergies" onEdit={onEdit} />
        </div>
      </div>
      <div className="mt-4">
        <DraftSuggestions draft={draft} dispatch={dispatch} menu={menu} surface="wizard-review" />
      </div>
      {savings && onSavings && (
        <div className="mt-4 flex flex-col gap-2" data-testid="savings">
          <PointsChoice points={quote?.points} savings={savings} onSavings={onSavings} />
          <OfferCodeField savings={savings} onSavings={onSavings} />
        </div>
      )}
      {quote ? (
        <QuoteTable quote={quote} payments={catalog.business.payments} />
      ) : (
        <p role="status" className="mt-4 text-sm text-muted">
          Working out the exact price…
        </p>
      )}
      <p className="mt-3 text-sm text-muted" data-testid="payment-terms">
        {stripe
          ? `Next you pay the ${quote ? formatCents(quote.depositCents) : ""} deposit on Stripe's secure page to confirm; we hold the time for you meanwhile. The balance is due at the event.`
          : `No payment is taken online: you pay the full total at the event. Please cancel at least ${catalog.business.freeCancellationHours} hours before if you can.`}
      </p>
      {stripe && (
        // The server's terms for this time: says plainly when the deposit is already past its
        // free-cancellation deadline (the event is too close).
        <p className="mt-1 text-sm font-medium" data-testid="deposit-terms">
          {depositTerms ??
            `Cancel at least ${catalog.business.freeCancellationHours} hours before for a full deposit refund.`}
        </p>
      )}
      {serverError && (
        <div className="mt-3">
          <ErrorBox>{serverError}</ErrorBox>
        </div>
      )}
      {alternatives.length > 0 && (
        <div className="mt-3">
          <p className="font-medium">Pick another time:</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {alternatives.map((alt) => (
              <Button
                key={`${alt.date}-${alt.startMinute}`}
                variant="secondary"
                onClick={() => onPickAlternative(alt)}
              >
                {alt.label}
              </Button>
            ))}
          </div>
        </div>
      )}
    </Card>
  );
}
