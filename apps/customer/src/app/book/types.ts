// Types shared by the wizard's steps and the finish-a-hold page.
import type { CustomerRouter } from "@myhibachi/api";
import type { inferRouterOutputs } from "@trpc/server";
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

export interface Alternative {
  date: string;
  startMinute: number;
  label: string;
}

/** The kitchen order of a draft: what the chef cooks (proteins per type, extras, allergies). */
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
      notes: draft.notes,
    },
    catalog.items,
  );
}
