// The protein portions a party gets until someone picks: spread over the first two standard
// (included, no surcharge) proteins in menu order, the odd portion to the first.

export interface ProteinChoice {
  slug: string;
  kind: string;
  priceCents: number;
  /** Items read from the public menu are all active and may leave this out. */
  active?: boolean;
}

/** { chicken: 7, steak: 6 } for 13 portions; null when the menu has no standard protein. */
export function defaultProteinSplit(
  items: readonly ProteinChoice[],
  portions: number,
): Record<string, number> | null {
  const standard = items.filter(
    (i) => i.active !== false && i.kind === "PROTEIN" && i.priceCents === 0,
  );
  const [a, b] = standard;
  if (!a) return null;
  if (!b) return { [a.slug]: portions };
  return { [a.slug]: Math.ceil(portions / 2), [b.slug]: Math.floor(portions / 2) };
}
