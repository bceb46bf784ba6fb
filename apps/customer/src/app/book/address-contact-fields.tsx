"use client";
import { Field } from "@myhibachi/ui";
import type { AddressDraft, ContactDraft } from "./draft";

export type { AddressDraft, ContactDraft } from "./draft";

/** A field's message: the wizard's own check (by field id) or the server's ("address.line1"). */
export const fieldError = (errors: Record<string, string>, id: string, group?: string) =>
  errors[id] ?? (group ? errors[`${group}.${id}`] : undefined) ?? null;

const textareaClass =
  "rounded-lg border p-2 bg-white text-ink aria-[invalid=true]:border-red-500 border-stone-300";

/** Party address (ZIP fixed earlier), contact and notes: shared by the wizard and finish-a-hold. */
export function AddressContactFields({
  address,
  onAddress,
  contact,
  onContact,
  notes,
  onNotes,
  postalCode,
  zipHint,
  emailHint,
  fieldErrors,
}: {
  address: AddressDraft;
  onAddress: (patch: Partial<AddressDraft>) => void;
  contact: ContactDraft;
  onContact: (patch: Partial<ContactDraft>) => void;
  notes: string;
  onNotes: (n: string) => void;
  postalCode: string;
  zipHint: string;
  /** Said under the email (the wizard, to a signed-in customer: whose bookings it joins). */
  emailHint?: string | undefined;
  fieldErrors: Record<string, string>;
}) {
  const err = (id: string, group: string) => fieldError(fieldErrors, id, group);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id="line1"
        label="Street address"
        autoComplete="address-line1"
        value={address.line1}
        onChange={(e) => onAddress({ line1: e.target.value })}
        error={err("line1", "address")}
        className="sm:col-span-2"
      />
      <Field
        id="line2"
        label="Apartment, gate code (optional)"
        autoComplete="address-line2"
        value={address.line2}
        onChange={(e) => onAddress({ line2: e.target.value })}
        error={err("line2", "address")}
        className="sm:col-span-2"
      />
      <Field
        id="city"
        label="City"
        autoComplete="address-level2"
        value={address.city}
        onChange={(e) => onAddress({ city: e.target.value })}
        error={err("city", "address")}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          id="state"
          label="State"
          autoComplete="address-level1"
          maxLength={2}
          value={address.state}
          onChange={(e) => onAddress({ state: e.target.value.toUpperCase() })}
          error={err("state", "address")}
        />
        <Field id="zip-readonly" label="ZIP" value={postalCode} readOnly hint={zipHint} />
      </div>
      <Field
        id="name"
        label="Your name"
        autoComplete="name"
        value={contact.name}
        onChange={(e) => onContact({ name: e.target.value })}
        error={err("name", "contact")}
      />
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={contact.email}
        onChange={(e) => onContact({ email: e.target.value })}
        error={err("email", "contact")}
        {...(emailHint ? { hint: emailHint } : {})}
      />
      <Field
        id="phone"
        label="Mobile phone"
        type="tel"
        autoComplete="tel"
        value={contact.phone}
        onChange={(e) => onContact({ phone: e.target.value })}
        error={err("phone", "contact")}
      />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="notes" className="text-sm font-medium">
          Occasion, parking, anything else we should know (optional)
        </label>
        <textarea
          id="notes"
          name="notes"
          maxLength={1000}
          rows={3}
          value={notes}
          onChange={(e) => onNotes(e.target.value)}
          aria-invalid={fieldErrors.notes ? true : undefined}
          aria-describedby={fieldErrors.notes ? "notes-error" : undefined}
          className={textareaClass}
        />
        {fieldErrors.notes && (
          <p id="notes-error" role="alert" className="text-sm text-red-700">
            {fieldErrors.notes}
          </p>
        )}
      </div>
    </div>
  );
}

export const ALLERGIES_MAX = 500;

/** "Allergies and dietary needs": free text for the chef (optional, at most 500 characters). */
export function AllergiesField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
}) {
  const describedBy = ["allergies-hint", error ? "allergies-error" : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="allergies" className="font-semibold">
        Allergies and dietary needs <span className="font-normal text-muted">(optional)</span>
      </label>
      <textarea
        id="allergies"
        name="allergies"
        rows={2}
        maxLength={ALLERGIES_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={textareaClass}
      />
      <p id="allergies-hint" className="text-xs text-muted">
        For example: one guest is allergic to shellfish, two are vegetarian. Your chef gets this
        with your order. {value.length}/{ALLERGIES_MAX} characters.
      </p>
      {error && (
        <p id="allergies-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
