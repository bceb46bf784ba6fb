// The booking draft: everything the customer has chosen in the wizard (or on the finish-a-hold
// page), one reducer over it, and what each step still needs, checked with the server's own
// schemas (@myhibachi/shared/booking-schemas) so the messages are the ones the API would give.
// Pure: no React, no browser APIs (unit-tested in draft.test.ts).
import {
  defaultProteinSplit,
  fitProteins,
  MAX_PARTY_SIZE,
  setProtein,
  type ProteinSwap,
  fitExtras,
  maxExtraUnits,
  monthStart,
  type DietaryProfile,
} from "@myhibachi/shared";

export const STEPS = [
  { key: "when", label: "Date & time", title: "Where and when?" },
  { key: "menu", label: "Menu", title: "Package and proteins" },
  { key: "extras", label: "Extras", title: "Appetizers, sides and add-ons" },
  { key: "details", label: "Address & contact", title: "Party address and your contact details" },
  { key: "review", label: "Review", title: "Review your booking" },
] as const;
export type StepKey = (typeof STEPS)[number]["key"];

export const stepIndex = (key: StepKey) => STEPS.findIndex((s) => s.key === key);
export const isStepKey = (v: unknown): v is StepKey => STEPS.some((s) => s.key === v);

export interface MenuItemLike {
  slug: string;
  name: string;
  kind: "PROTEIN" | "UPGRADE" | "APPETIZER" | "ADDON" | "SIDE";
  pricing: "PER_PERSON" | "FLAT";
  priceCents: number;
  /** A flat item: how many guests one order is for; null: the whole party. */
  servesGuests?: number | null;
  /** What the item contains (the catalog's): the dietary profile's rule reads them (diet-draft.ts). */
  allergens?: readonly string[];
  dietaryTags?: readonly string[];
  contains?: readonly string[];
}

/** The part of the catalog the draft depends on. */
export interface DraftMenu {
  packages: {
    slug: string;
    name: string;
    proteinsPerGuest: number;
    /** What the package's own dishes contain (fried rice, sauces: R1-2; diet-draft.ts reads them). */
    allergens?: readonly string[];
    contains?: readonly string[];
  }[];
  items: MenuItemLike[];
  maxGuests: number;
  minGuests?: number;
}

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
  /**
   * "Text me about my booking and offers" ticked (sent as the booking's `smsConsent`). Never
   * prefilled nor restored from a saved draft: consent is ticked each time.
   */
  smsConsent?: boolean;
}

// The portion rebalancing (an upgrade takes from the largest included protein) is shared with
// the staff booking form: one copy, in @myhibachi/shared.
export { fitProteins, setProtein, type ProteinSwap } from "@myhibachi/shared";

export interface BookingDraft {
  postalCode: string;
  adults: number;
  children: number;
  /** The month the calendar shows (its first day), null: the current month. */
  month: string | null;
  date: string | null;
  startMinute: number | null;
  packageSlug: string;
  proteins: Record<string, number>;
  /** False while the proteins are the default split (they then follow the party size). */
  proteinsChosen: boolean;
  swaps: ProteinSwap[];
  extras: Record<string, number>;
  address: AddressDraft;
  contact: ContactDraft;
  notes: string;
  allergies: string;
  /**
   * Who avoids what ("2 guests avoid shellfish") and keeps which diet (issue 16), asked at the
   * top of the menu step (dietary-fields.tsx). Absent: not answered yet (menu suggestions wait
   * for an answer); empty: "no allergies or special diets". Set only through the later steps'
   * reducer (diet-draft.ts), never in this file: the rule that decides what is safe for it
   * stays out of the page's first load.
   */
  dietaryProfile?: DietaryProfile;
  /**
   * This visit's key for menu suggestions (random, made once when the first suggestion is asked
   * for, kept with the draft, sent with the booking as `suggestionSessionKey`).
   */
  suggestionKey?: string;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
export const clampInt = (n: number, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));

export function packageOf(draft: Pick<BookingDraft, "packageSlug">, menu: DraftMenu) {
  return menu.packages.find((p) => p.slug === draft.packageSlug) ?? null;
}

/** Protein portions the party needs: every guest gets the package's proteins per guest. */
export function portionsNeeded(draft: BookingDraft, menu: DraftMenu): number {
  return (draft.adults + draft.children) * (packageOf(draft, menu)?.proteinsPerGuest ?? 0);
}

export function portionsChosen(draft: Pick<BookingDraft, "proteins">): number {
  return sum(draft.proteins);
}

const proteinItems = (menu: DraftMenu) =>
  menu.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
/** The default split for the package (one of each of its first proteins per guest). */
export function defaultProteins(menu: DraftMenu, packageSlug: string, guests: number) {
  const pkg = menu.packages.find((p) => p.slug === packageSlug);
  const perGuest = pkg?.proteinsPerGuest ?? 2;
  return defaultProteinSplit(proteinItems(menu), guests * perGuest, perGuest) ?? {};
}

export function emptyDraft(menu: DraftMenu, packageSlug?: string): BookingDraft {
  const pkg =
    menu.packages.find((p) => p.slug === packageSlug) ??
    menu.packages.find((p) => p.slug === "classic") ??
    menu.packages[0];
  const adults = 10;
  return {
    postalCode: "",
    adults,
    children: 0,
    month: null,
    date: null,
    startMinute: null,
    packageSlug: pkg?.slug ?? "",
    proteins: pkg ? defaultProteins(menu, pkg.slug, adults) : {},
    proteinsChosen: false,
    swaps: [],
    extras: {},
    address: { line1: "", line2: "", city: "", state: "CA" },
    contact: { name: "", email: "", phone: "" },
    notes: "",
    allergies: "",
  };
}

export type DraftAction =
  | { type: "zip"; value: string }
  | { type: "party"; adults: number; children: number; menu: DraftMenu }
  | { type: "month"; month: string }
  | { type: "date"; date: string }
  | { type: "time"; startMinute: number }
  /** A start time from elsewhere (another time offered after a conflict). */
  | { type: "slot"; date: string; startMinute: number }
  /** The chosen time is no longer free: forget it (the step then asks again). */
  | { type: "clearTime"; date?: boolean }
  | { type: "package"; slug: string; menu: DraftMenu }
  | { type: "protein"; slug: string; count: number; menu: DraftMenu }
  | { type: "extra"; slug: string; count: number; menu: DraftMenu }
  | { type: "address"; patch: Partial<AddressDraft> }
  | { type: "contact"; patch: Partial<ContactDraft> }
  | { type: "notes"; value: string }
  | { type: "allergies"; value: string }
  | { type: "restore"; draft: BookingDraft }
  /** The signed-in customer's details, into the fields still empty (`prefillDraft`). */
  | { type: "prefill"; prefill: DraftPrefill; contact?: boolean; address?: boolean }
  | DietAction;

/**
 * What only the later steps' reducer (diet-draft.ts `dietReducer`) does: the dietary profile
 * (and proteins left at their default split re-split over what is safe for it), this visit's
 * suggestion key, and a suggestion's whole selection accepted. `draftReducer` leaves the draft
 * as it is for them.
 */
export type DietAction =
  /** The profile answered (undefined: the answer taken back). */
  | { type: "diet"; profile: DietaryProfile | undefined; menu: DraftMenu }
  | { type: "suggestionKey"; key: string }
  | {
      type: "selection";
      selection: {
        packageSlug: string;
        proteins: Record<string, number>;
        extras?: Record<string, number> | undefined;
      };
      menu: DraftMenu;
    };

/** After the party size or package changed: the default split follows, a chosen one is fitted. */
export function refit(d: BookingDraft, menu: DraftMenu): BookingDraft {
  const needed = portionsNeeded(d, menu);
  if (!d.proteinsChosen)
    return {
      ...d,
      proteins: defaultProteins(menu, d.packageSlug, d.adults + d.children),
      swaps: [],
    };
  return { ...d, proteins: fitProteins(d.proteins, needed, menu), swaps: [] };
}

export function draftReducer(d: BookingDraft, a: DraftAction): BookingDraft {
  switch (a.type) {
    case "zip":
      return { ...d, postalCode: a.value.replace(/\D/g, "").slice(0, 5) };
    case "party": {
      const adults = clampInt(a.adults, 1, MAX_PARTY_SIZE);
      const children = clampInt(a.children, 0, MAX_PARTY_SIZE);
      if (adults === d.adults && children === d.children) return d;
      const extras = fitExtras(d.extras, a.menu.items, adults + children);
      return refit({ ...d, adults, children, extras }, a.menu);
    }
    case "month":
      return { ...d, month: monthStart(a.month) };
    case "date":
      return { ...d, date: a.date, startMinute: null };
    case "time":
      return { ...d, startMinute: a.startMinute };
    case "slot":
      return { ...d, date: a.date, startMinute: a.startMinute, month: monthStart(a.date) };
    case "clearTime":
      return { ...d, startMinute: null, date: a.date ? null : d.date };
    case "package":
      if (a.slug === d.packageSlug || !a.menu.packages.some((p) => p.slug === a.slug)) return d;
      return refit({ ...d, packageSlug: a.slug }, a.menu);
    case "protein": {
      const next = setProtein(d, a.slug, a.count, portionsNeeded(d, a.menu), a.menu);
      return { ...d, ...next, proteinsChosen: true };
    }
    case "extra": {
      const item = a.menu.items.find((i) => i.slug === a.slug);
      if (!item) return d;
      return {
        ...d,
        extras: {
          ...d.extras,
          [a.slug]: clampInt(a.count, 0, maxExtraUnits(item, d.adults + d.children)),
        },
      };
    }
    case "address":
      return { ...d, address: { ...d.address, ...a.patch } };
    case "contact":
      return { ...d, contact: { ...d.contact, ...a.patch } };
    case "notes":
      return { ...d, notes: a.value };
    case "allergies":
      return { ...d, allergies: a.value };
    case "restore":
      return a.draft;
    case "prefill":
      return prefillDraft(d, a.prefill, { contact: a.contact, address: a.address });
    default:
      return d;
  }
}

// ---------------------------------------------------------------------------------------------
// A signed-in customer's details (read on the server from their session: the operation
// getBookingPrefill), filled in as suggestions: only into fields the customer left empty, so
// nothing typed (or restored from the saved draft) is ever overwritten.

export interface DraftPrefill {
  accountEmail: string;
  emailVerified: boolean;
  contact: ContactDraft;
  /** The party address of their most recent booking, with its ZIP (null: none). */
  address: (AddressDraft & { postalCode: string }) | null;
  /**
   * The dietary profile saved from their own bookings (null: none): the menu step's allergies
   * question starts from it when it isn't answered yet (dietary-fields.tsx `dietParts`).
   */
  dietaryProfile?: DietaryProfile | null;
}

const blank = (v: string) => v.trim() === "";

/**
 * Whether the last party's address may be filled in: the draft's ZIP (step 1) is that address's
 * (a street from another ZIP would send the chef elsewhere), and no line of the address is typed.
 */
export function prefillAddressFits(
  d: Pick<BookingDraft, "address" | "postalCode">,
  p: DraftPrefill | null | undefined,
): boolean {
  return (
    !!p?.address &&
    p.address.postalCode === d.postalCode &&
    blank(d.address.line1) &&
    blank(d.address.line2) &&
    blank(d.address.city)
  );
}

/** The draft with the account's details in the contact fields left empty (and the address: above). */
export function prefillDraft(
  d: BookingDraft,
  p: DraftPrefill | null | undefined,
  parts: { contact?: boolean; address?: boolean } = { contact: true, address: true },
): BookingDraft {
  if (!p) return d;
  let next = d;
  if (parts.contact) {
    const contact = { ...d.contact };
    for (const k of ["name", "email", "phone"] as const)
      if (blank(contact[k]) && p.contact[k]) contact[k] = p.contact[k];
    if (
      contact.name !== d.contact.name ||
      contact.email !== d.contact.email ||
      contact.phone !== d.contact.phone
    )
      next = { ...next, contact };
  }
  if (parts.address && prefillAddressFits(d, p)) {
    const { line1, line2, city, state } = p.address!;
    next = { ...next, address: { line1, line2, city, state: state || d.address.state } };
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// What a step still needs: checks.ts, loaded on the customer's first input (`loadChecks`)

/** A problem with the draft: the id of the field to fix and a sentence saying what to do. */
export interface Issue {
  field: string;
  message: string;
}

export interface IssueContext {
  /** Whether the chosen start time is free (null: still checking; undefined: not known). */
  slotFree?: boolean | null;
  /** The business phone, for "call us" messages. */
  phone?: string;
  /** The server's refusal of the party's ZIP (outside our service area: messages.ts `zipRefusal`). */
  zipRefused?: string | null;
  /** The state of the party's ZIP (from the quote): a different one typed is caught before sending. */
  zipState?: string | undefined;
}

/**
 * Loads each step's checks (checks.ts, with the server's zod schemas). The pages load them on
 * the customer's first input, or at once when a saved draft comes back, not with the page: they
 * and zod are ~20 KB gzipped, and a booking page's first-load JavaScript budget is 150 KB.
 */
export const loadChecks = () => import("./checks");
export type Checks = Awaited<ReturnType<typeof loadChecks>>;

/** The issue while the checks are still loading: nothing can go on until they are there. */
export const CHECKING: Issue = { field: "checking", message: "One moment: checking your answers." };

/** The selection as the quote and the booking take it (no zero counts). */
export function selectionOf(d: BookingDraft) {
  const nonZero = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).filter(([, n]) => n > 0));
  return {
    packageSlug: d.packageSlug,
    adults: d.adults,
    children: d.children,
    proteins: nonZero(d.proteins),
    extras: nonZero(d.extras),
  };
}

export function addressOf(d: Pick<BookingDraft, "address" | "postalCode">) {
  return {
    line1: d.address.line1,
    line2: d.address.line2.trim() ? d.address.line2 : null,
    city: d.address.city,
    state: d.address.state,
    postalCode: d.postalCode,
  };
}

// ---------------------------------------------------------------------------------------------
// Kept on the device (localStorage), read back on reload, in a new tab or on a later visit

export const DRAFT_STORAGE_KEY = "mh-booking-draft";
export const DRAFT_VERSION = 1;
/**
 * How long a draft is kept on the device (attack R5-8: a new tab or a closed tab lost it). It
 * holds a name, an email, a phone number and a home address, so it doesn't linger for ever on a
 * shared computer: after 3 days untouched it is forgotten, and it is removed once the booking is
 * made.
 */
export const DRAFT_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** The draft with when it was saved (`at`, ms since 1970: `parseStoredDraft` drops it when stale). */
export function serializeDraft(d: BookingDraft, now: number = Date.now()): string {
  return JSON.stringify({ v: DRAFT_VERSION, at: now, draft: d });
}

/**
 * Where the wizard keeps its draft: the device's localStorage, shared by the site's tabs (the last
 * tab to change its draft wins; each tab reads it when /book opens). Null when storage is off:
 * the wizard still works, it just can't keep the draft.
 */
export function draftStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
