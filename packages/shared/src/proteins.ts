// The protein portions a party gets until someone picks: spread evenly over the first standard
// (included, no surcharge) proteins in menu order, one kind per portion a guest gets (chicken and
// steak for two per guest), the odd portions to the first.

export interface ProteinChoice {
  slug: string;
  kind: string;
  priceCents: number;
  /** Items read from the public menu are all active and may leave this out. */
  active?: boolean;
}

/** A protein the package price includes (no surcharge): what an upgrade takes its portion from. */
export function isIncludedProtein(item: ProteinChoice): boolean {
  return item.active !== false && item.kind === "PROTEIN" && item.priceCents === 0;
}

/**
 * { chicken: 7, steak: 6 } for 13 portions; over `kinds` proteins (default 2: the package's
 * proteins per guest, so each guest gets one of each); null when the menu has no standard protein.
 */
export function defaultProteinSplit(
  items: readonly ProteinChoice[],
  portions: number,
  kinds = 2,
): Record<string, number> | null {
  const standard = items.filter(isIncludedProtein).slice(0, Math.max(1, Math.floor(kinds)));
  if (standard.length === 0) return null;
  const each = Math.floor(portions / standard.length);
  const odd = portions - each * standard.length;
  return Object.fromEntries(standard.map((p, i) => [p.slug, each + (i < odd ? 1 : 0)]));
}
