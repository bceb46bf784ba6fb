// A signed-in customer's details in the booking wizard (attack finding: a signed-in customer
// typed their name, email and phone again). The details come from the session on the server
// (getBookingPrefill); here, how they go into the draft: only into fields left empty, never over
// what the customer typed or a saved draft restored; the last party's address only with its own
// ZIP and only into an empty address; and signing out takes out exactly what was filled in.
import { describe, expect, it } from "vitest";
import { withoutPrefill } from "./steps/later-helpers";
import {
  draftReducer,
  emptyDraft,
  prefillAddressFits,
  prefillDraft,
  type BookingDraft,
  type DraftMenu,
  type DraftPrefill,
} from "./draft";
import { parseStoredDraft } from "./restore";

const menu: DraftMenu = {
  packages: [{ slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 }],
  items: [
    { slug: "chicken", name: "Chicken", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
    { slug: "steak", name: "Steak", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
  ],
  maxGuests: 60,
};

const prefill: DraftPrefill = {
  accountEmail: "dana@example.com",
  emailVerified: true,
  contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
  address: {
    line1: "123 Maple Ave",
    line2: "Gate 4",
    city: "San Jose",
    state: "CA",
    postalCode: "95125",
  },
};

const fresh = () => emptyDraft(menu);
const withZip = (zip: string): BookingDraft => ({ ...fresh(), postalCode: zip });

describe("prefillDraft", () => {
  it("fills an empty draft's contact from the account; the address waits for its ZIP", () => {
    const d = prefillDraft(fresh(), prefill);
    expect(d.contact).toEqual(prefill.contact);
    // A fresh visit has no ZIP yet: a street without its ZIP would send the chef elsewhere.
    expect(d.address).toEqual(fresh().address);
    expect(d.postalCode).toBe("");
  });

  it("fills the last party's address when the draft's ZIP is that address's", () => {
    const d = prefillDraft(withZip("95125"), prefill);
    expect(d.address).toEqual({
      line1: "123 Maple Ave",
      line2: "Gate 4",
      city: "San Jose",
      state: "CA",
    });
    expect(prefillAddressFits(withZip("95125"), prefill)).toBe(true);
  });

  it("never the address of another ZIP", () => {
    expect(prefillDraft(withZip("94110"), prefill).address).toEqual(fresh().address);
    expect(prefillAddressFits(withZip("94110"), prefill)).toBe(false);
  });

  it("never over what the customer typed (each contact field on its own)", () => {
    const typed: BookingDraft = {
      ...withZip("95125"),
      contact: { name: "Sam Lee", email: "", phone: "  " },
    };
    const d = prefillDraft(typed, prefill);
    expect(d.contact).toEqual({
      name: "Sam Lee",
      email: "dana@example.com",
      phone: "(408) 555-0199",
    });
  });

  it("an address with any line typed is the customer's: nothing of the last one is mixed in", () => {
    for (const address of [
      { line1: "9 Oak St", line2: "", city: "", state: "CA" },
      { line1: "", line2: "Unit 2", city: "", state: "CA" },
      { line1: "", line2: "", city: "Campbell", state: "CA" },
    ]) {
      const d = prefillDraft({ ...withZip("95125"), address }, prefill);
      expect(d.address).toEqual(address);
    }
  });

  it("a saved draft restored after a reload keeps what it holds", () => {
    const saved: BookingDraft = {
      ...withZip("95125"),
      address: { line1: "1 Elm Ct", line2: "", city: "San Jose", state: "CA" },
      contact: { name: "Dana L.", email: "other@example.com", phone: "408-555-0100" },
    };
    const restored = parseStoredDraft(JSON.stringify({ v: 1, draft: saved }), fresh())!;
    expect(prefillDraft(restored, prefill)).toEqual(restored);
  });

  it("parts: only the contact, or only the address", () => {
    expect(prefillDraft(withZip("95125"), prefill, { contact: true }).address).toEqual(
      fresh().address,
    );
    const onlyAddress = prefillDraft(withZip("95125"), prefill, { address: true });
    expect(onlyAddress.contact).toEqual(fresh().contact);
    expect(onlyAddress.address.line1).toBe("123 Maple Ave");
  });

  it("a visitor (no prefill) gets nothing, and the same draft back", () => {
    const d = withZip("95125");
    expect(prefillDraft(d, null)).toBe(d);
    expect(prefillDraft(d, undefined)).toBe(d);
    expect(prefillAddressFits(d, null)).toBe(false);
  });

  it("an account without a phone or a past booking fills what it has", () => {
    const thin: DraftPrefill = {
      ...prefill,
      contact: { name: "Dana Lee", email: "dana@example.com", phone: "" },
      address: null,
    };
    const d = prefillDraft(withZip("95125"), thin);
    expect(d.contact).toEqual({ name: "Dana Lee", email: "dana@example.com", phone: "" });
    expect(d.address).toEqual(fresh().address);
  });

  it("is the reducer's 'prefill' action", () => {
    const d = draftReducer(withZip("95125"), { type: "prefill", prefill, address: true });
    expect(d.address.line1).toBe("123 Maple Ave");
    expect(d.contact).toEqual(fresh().contact);
  });
});

describe("withoutPrefill (Not you? Sign out)", () => {
  it("takes out what was filled in and still is as filled in; keeps the party and the rest", () => {
    const filled = prefillDraft({ ...withZip("95125"), adults: 14, notes: "Birthday" }, prefill);
    const changed: BookingDraft = {
      ...filled,
      contact: { ...filled.contact, phone: "408-555-0123" },
    };
    const out = withoutPrefill(changed, prefill);
    expect(out.contact).toEqual({ name: "", email: "", phone: "408-555-0123" });
    expect(out.address).toEqual({ line1: "", line2: "", city: "", state: "CA" });
    expect(out.adults).toBe(14);
    expect(out.notes).toBe("Birthday");
    expect(out.postalCode).toBe("95125");
  });

  it("an address the customer changed stays", () => {
    const filled = prefillDraft(withZip("95125"), prefill);
    const changed = { ...filled, address: { ...filled.address, line1: "125 Maple Ave" } };
    expect(withoutPrefill(changed, prefill).address.line1).toBe("125 Maple Ave");
  });
});
