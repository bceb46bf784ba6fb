"use client";
import { Card } from "@myhibachi/ui";
import { AddressContactFields } from "../address-contact-fields";
import type { StepProps } from "../types";
import { StepHeading } from "./step-heading";

/** Step 4: the party's address (the ZIP from step 1) and how to reach the customer. */
export function DetailsStep({ draft, dispatch, errors }: StepProps) {
  return (
    <Card>
      <StepHeading>Party address and your contact details</StepHeading>
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
          fieldErrors={errors}
        />
      </div>
    </Card>
  );
}
