// Types shared by the wizard's steps and the finish-a-hold page.
import type { CustomerRouter } from "@myhibachi/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { kitchenOrder } from "@myhibachi/shared";
import {
  packageOf,
  selectionOf,
  type BookingDraft,
  type DraftAction,
  type DraftMenu,
  type DraftPrefill,
} from "./draft";

type Outputs = inferRouterOutputs<CustomerRouter>;
export type Catalog = Outputs["catalog"]["get"];
export type Quote = Outputs["booking"]["quote"];
type Inputs = inferRouterInputs<CustomerRouter>;
/** What the wizard sends to book (with issue 16's dietaryProfile and suggestionSessionKey). */
export type BookingCreateInput = Inputs["booking"]["create"];
/** What finishing a chat's hold sends (the same two with it). */
export type FinishInput = Inputs["hold"]["finish"];

/** The wizard's menu facts for the draft reducer, read from the catalog. */
export function draftMenu(catalog: Catalog): DraftMenu {
  return {
    packages: catalog.packages,
    items: catalog.items,
    maxGuests: catalog.business.maxGuests,
    minGuests: catalog.business.minGuests,
  };
}

/** What every step component gets: the draft, a way to change it, the menu and the errors. */
export interface StepProps {
  draft: BookingDraft;
  dispatch: (a: DraftAction) => void;
  catalog: Catalog;
  menu: DraftMenu;
  /** Messages by field id, shown after Continue was pressed (cleared on the next change). */
  errors: Record<string, string>;
  /** The signed-in customer's details (null: a visitor). */
  prefill?: DraftPrefill | null;
}

/**
 * What the customer chose to save on the review step (steps/savings.tsx): an offer code and
 * points to use, sent with the quote and the booking; `error` is the server's refusal of one,
 * shown beside its field (the choice itself is dropped, so the booking works without it).
 */
export interface Savings {
  offerCode?: string | undefined;
  redeemPoints?: number | undefined;
  error?: { field: "offerCode" | "redeemPoints"; message: string } | null;
}

/** The savings field a server refusal names, if any (a refused code or points). */
export function savingsFieldOf(err: unknown): "offerCode" | "redeemPoints" | null {
  const data = (err as { data?: { details?: { field?: unknown } | null; fields?: object } } | null)
    ?.data;
  const f = data?.details?.field;
  if (f === "offerCode" || f === "redeemPoints") return f;
  for (const k of ["offerCode", "redeemPoints"] as const)
    if (data?.fields && k in data.fields) return k;
  return null;
}

export interface Alternative {
  date: string;
  startMinute: number;
  label: string;
}

/**
 * The kitchen order of a draft: what the chef cooks (proteins per type, extras, allergies, the
 * dietary profile's line "2 guests avoid shellfish").
 */
export function draftKitchenOrder({
  draft,
  catalog,
  menu,
}: Omit<StepProps, "errors" | "dispatch">) {
  return kitchenOrder(
    {
      packageName: packageOf(draft, menu)?.name ?? draft.packageSlug,
      selection: selectionOf(draft),
      allergies: draft.allergies,
      dietaryProfile: draft.dietaryProfile ?? null,
      notes: draft.notes,
    },
    catalog.items,
  );
}
