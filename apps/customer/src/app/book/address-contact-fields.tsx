"use client";
import { Field } from "@myhibachi/ui";

export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  state: string;
}

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
}

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
  fieldErrors,
}: {
  address: AddressDraft;
  onAddress: (a: AddressDraft) => void;
  contact: ContactDraft;
  onContact: (c: ContactDraft) => void;
  notes: string;
  onNotes: (n: string) => void;
  postalCode: string;
  zipHint: string;
  fieldErrors: Record<string, string>;
}) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2">
      <Field
        id="line1"
        label="Street address"
        autoComplete="address-line1"
        value={address.line1}
        onChange={(e) => onAddress({ ...address, line1: e.target.value })}
        error={fieldErrors["address.line1"]}
        className="sm:col-span-2"
      />
      <Field
        id="line2"
        label="Apartment, gate code (optional)"
        autoComplete="address-line2"
        value={address.line2}
        onChange={(e) => onAddress({ ...address, line2: e.target.value })}
        error={fieldErrors["address.line2"]}
        className="sm:col-span-2"
      />
      <Field
        id="city"
        label="City"
        autoComplete="address-level2"
        value={address.city}
        onChange={(e) => onAddress({ ...address, city: e.target.value })}
        error={fieldErrors["address.city"]}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field
          id="state"
          label="State"
          autoComplete="address-level1"
          maxLength={2}
          value={address.state}
          onChange={(e) => onAddress({ ...address, state: e.target.value.toUpperCase() })}
          error={fieldErrors["address.state"]}
        />
        <Field id="zip-readonly" label="ZIP" value={postalCode} readOnly hint={zipHint} />
      </div>
      <Field
        id="name"
        label="Your name"
        autoComplete="name"
        value={contact.name}
        onChange={(e) => onContact({ ...contact, name: e.target.value })}
        error={fieldErrors["contact.name"]}
      />
      <Field
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        value={contact.email}
        onChange={(e) => onContact({ ...contact, email: e.target.value })}
        error={fieldErrors["contact.email"]}
      />
      <Field
        id="phone"
        label="Mobile phone"
        type="tel"
        autoComplete="tel"
        value={contact.phone}
        onChange={(e) => onContact({ ...contact, phone: e.target.value })}
        error={fieldErrors["contact.phone"]}
      />
      <div className="flex flex-col gap-1 sm:col-span-2">
        <label htmlFor="notes" className="text-sm font-medium">
          Occasion, allergies, anything we should know (optional)
        </label>
        <textarea
          id="notes"
          maxLength={1000}
          rows={3}
          value={notes}
          onChange={(e) => onNotes(e.target.value)}
          className="rounded-lg border border-stone-300 p-2"
        />
      </div>
    </div>
  );
}
