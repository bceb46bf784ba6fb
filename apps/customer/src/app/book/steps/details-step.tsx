"use client";
import { Card } from "@myhibachi/ui";
import { AddressContactFields } from "../address-contact-fields";
import { DRAFT_STORAGE_KEY, draftStore, serializeDraft } from "../draft";
import { emailHintFor, SignedInAs } from "../signed-in-as";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

export { emailHintFor };

/** Step 4: the party's address (the ZIP from step 1) and how to reach the customer. */
export function DetailsStep({ draft, dispatch, errors, prefill }: StepProps) {
  return (
    <Card>
      <StepHeading>Party address and your contact details</StepHeading>
      {prefill && (
        <SignedInAs
          draft={draft}
          dispatch={dispatch}
          prefill={prefill}
          save={(d) => draftStore()?.setItem(DRAFT_STORAGE_KEY, serializeDraft(d))}
        />
      )}
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
