// The selection for a party described in words ("10 adults and 4 kids, premium, 2 lobster tails"):
// the package asked for (else the first on sale), the standard protein split for every portion
// not upgraded, upgrades in place of included portions and add-ons on top. The chat's quotes and
// holds use it, so what the assistant quotes is what it holds.
import { defaultProteinSplit } from "@myhibachi/shared";
import type { Catalog } from "../catalog/catalog";
import { AppError } from "../errors";
import type { QuoteSelection } from "../pricing/quote";

export interface PartyRequest {
  adults: number;
  children?: number;
  /** A package by slug; the first package on sale when absent. */
  packageSlug?: string;
  /** Upgrades (portions) and appetizers/sides/add-ons by menu slug, with counts. */
  items?: Record<string, number>;
}

export function partySelection(
  catalog: Catalog,
  party: PartyRequest,
): { pkg: Catalog["packages"][number]; selection: QuoteSelection } {
  const s = catalog.settings;
  const children = party.children ?? 0;
  const pkg = party.packageSlug
    ? catalog.packages.find((p) => p.active && p.slug === party.packageSlug)
    : catalog.packages.find((p) => p.active);
  if (!pkg)
    throw party.packageSlug
      ? new AppError(
          "BAD_REQUEST",
          `We don't have a "${party.packageSlug}" package. Choose one of: ${catalog.packages
            .filter((p) => p.active)
            .map((p) => p.name)
            .join(", ")}.`,
          { field: "packageSlug" },
        )
      : new AppError(
          "PRECONDITION_FAILED",
          `Online booking is paused. Please call us at ${s.phone}.`,
        );
  const guests = party.adults + children;
  const portions = guests * pkg.proteinsPerGuest;
  // Upgrades replace included portions; appetizers, sides and add-ons come on top.
  const upgrades: Record<string, number> = {};
  const extras: Record<string, number> = {};
  for (const [slug, n] of Object.entries(party.items ?? {})) {
    const item = catalog.items.find((i) => i.active && i.slug === slug);
    if (!item)
      throw new AppError("BAD_REQUEST", `"${slug}" is not on our menu.`, { field: "items" });
    if (n <= 0) continue;
    if (item.kind === "UPGRADE" || item.kind === "PROTEIN") upgrades[slug] = n;
    else extras[slug] = n;
  }
  const upgraded = Object.values(upgrades).reduce((x, y) => x + y, 0);
  if (upgraded > portions)
    throw new AppError(
      "BAD_REQUEST",
      `With ${guests} guests there are ${portions} protein portions (${pkg.proteinsPerGuest} each), so at most ${portions} can be upgrades.`,
      { field: "items" },
    );
  const standard = defaultProteinSplit(catalog.items, portions - upgraded);
  if (!standard)
    throw new AppError(
      "PRECONDITION_FAILED",
      `Online booking is paused. Please call us at ${s.phone}.`,
    );
  const proteins: Record<string, number> = { ...upgrades };
  for (const [slug, n] of Object.entries(standard)) proteins[slug] = (proteins[slug] ?? 0) + n;
  return {
    pkg,
    selection: { packageSlug: pkg.slug, adults: party.adults, children, proteins, extras },
  };
}
