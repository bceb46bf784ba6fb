"use client";
import { useState } from "react";
import { Card } from "@myhibachi/ui";
import { authPost } from "~/lib/auth-fetch";
import { AddressContactFields } from "../address-contact-fields";
import { DRAFT_STORAGE_KEY, draftStore, serializeDraft, type DraftPrefill } from "../draft";
import { withoutPrefill } from "./later-helpers";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What the email field says to a signed-in customer: whether the booking joins their account. */
export function emailHintFor(email: string, prefill: DraftPrefill): string {
  if (!sameEmail(email, prefill.accountEmail))
    return `Not your account's email (${prefill.accountEmail}): this booking won't show in My bookings, and our emails about it go to this address.`;
  return prefill.emailVerified
    ? "Your account's email: this booking will show in My bookings."
    : "Your account's email: this booking will show in My bookings once you confirm the email.";
}

/** Step 4: the party's address (the ZIP from step 1) and how to reach the customer. */
export function DetailsStep({ draft, dispatch, errors, prefill }: StepProps) {
  return (
    <Card>
      <StepHeading>Party address and your contact details</StepHeading>
      {prefill && <SignedInAs draft={draft} dispatch={dispatch} prefill={prefill} />}
      <div className="mt-4">
        <AddressContactFields
          address={draft.address}
          onAddress={(patch) => dispatch({ type: "address", patch })}
          contact={draft.contact}
          onContact={(patch) => dispatch({ type: "contact", patch })}
          notes={draft.notes}
          onNotes={(value) => dispatch({ type: "notes", value })}
          postalCode={draft.postalCode}
          zipHint="Change it in step 1"
          emailHint={prefill ? emailHintFor(draft.contact.email, prefill) : undefined}
          fieldErrors={errors}
        />
        <label className="mt-4 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1 h-4 w-4 accent-brand-700"
            checked={draft.contact.smsConsent === true}
            onChange={(e) =>
              dispatch({ type: "contact", patch: { smsConsent: e.currentTarget.checked } })
            }
          />
          <span>Text me about my booking and offers (reply STOP to opt out)</span>
        </label>
      </div>
    </Card>
  );
}

/**
 * "Signed in as ... Not you? Sign out": a shared computer left signed in. Signing out here
 * takes the account's details out of the draft (what the customer typed or changed stays, with
 * the party, date and menu) and reloads the step without them.
 */
function SignedInAs({
  draft,
  dispatch,
  prefill,
}: Pick<StepProps, "draft" | "dispatch"> & { prefill: DraftPrefill }) {
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  // Said only when it is there: the last party's address is filled in for its own ZIP only.
  const addressFilled =
    !!prefill.address &&
    draft.postalCode === prefill.address.postalCode &&
    draft.address.line1 === prefill.address.line1;
  async function signOut() {
    setState("busy");
    const without = withoutPrefill(draft, prefill);
    dispatch({ type: "restore", draft: without });
    try {
      draftStore()?.setItem(DRAFT_STORAGE_KEY, serializeDraft(without));
    } catch {
      // storage disabled: nothing of the account was kept there either
    }
    const res = await authPost("/sign-out", {}).catch(() => ({ error: { status: 0 } }));
    if (res.error) return setState("failed");
    window.location.reload();
  }
  return (
    <div className="mt-2 text-sm" data-testid="signed-in-as">
      <p className="break-words">
        Booking as <strong className="break-all">{prefill.accountEmail}</strong>. We filled in your
        details{addressFilled ? " and the address of your last party" : ""} from your account:
        change anything that&apos;s different this time.{" "}
        <span className="whitespace-nowrap">
          Not you?{" "}
          <button
            type="button"
            className="font-semibold text-brand-700 underline"
            disabled={state === "busy"}
            onClick={() => void signOut()}
          >
            {state === "busy" ? "Signing out…" : "Sign out"}
          </button>
        </span>
      </p>
      {state === "failed" && (
        <p role="alert" className="mt-1 text-red-700">
          We couldn&apos;t sign you out just now. Please try again.
        </p>
      )}
    </div>
  );
}
