"use client";
// "Booking as ... Not you? Sign out": the line a signed-in customer sees above the contact fields
// the account filled in, on the wizard's contact step and on the finish-a-hold page (one
// component, so both say the same). Its only imports are what the contact step already loads.
import { useState } from "react";
import { authPost } from "~/lib/auth-fetch";
import type { BookingDraft, DraftAction, DraftPrefill } from "./draft";
import { withoutPrefill } from "./steps/later-helpers";

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What the email field says to a signed-in customer: whether the booking joins their account. */
export function emailHintFor(email: string, prefill: DraftPrefill): string {
  if (!sameEmail(email, prefill.accountEmail))
    return `Not your account's email (${prefill.accountEmail}): this booking won't show in My bookings, and our emails about it go to this address.`;
  return prefill.emailVerified
    ? "Your account's email: this booking will show in My bookings."
    : "Your account's email: this booking will show in My bookings once you confirm the email.";
}

/**
 * "Signed in as ... Not you? Sign out": a shared computer left signed in. Signing out here
 * takes the account's details out of the draft (what the customer typed or changed stays, with
 * the party, date and menu), keeps that draft where the page keeps it (`save`) and reloads the
 * page without them.
 */
export function SignedInAs({
  draft,
  dispatch,
  prefill,
  save,
}: {
  draft: BookingDraft;
  dispatch: (a: DraftAction) => void;
  prefill: DraftPrefill;
  /** Keeps the draft without the account's details for the reload (the page's own storage). */
  save: (d: BookingDraft) => void;
}) {
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
      save(without);
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
