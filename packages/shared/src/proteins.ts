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

// The portions kept to the party's total as proteins are changed: the customer wizard, the
// change-of-party page and the staff booking form all rebalance with these (one copy).

/** An upgrade portion and the included protein it replaced (given back when it is removed). */
export interface ProteinSwap {
  upgrade: string;
  from: string;
}

/** The part of the menu the rebalancing reads: its items (only proteins and upgrades count). */
export interface ProteinMenu {
  items: readonly ProteinChoice[];
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const proteinItems = (menu: ProteinMenu) =>
  menu.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
const includedSlugs = (menu: ProteinMenu) =>
  proteinItems(menu)
    .filter(isIncludedProtein)
    .map((i) => i.slug);
const upgradeSlugs = (menu: ProteinMenu) =>
  proteinItems(menu)
    .filter((i) => !isIncludedProtein(i))
    .map((i) => i.slug);
const isUpgrade = (slug: string, menu: ProteinMenu) => upgradeSlugs(menu).includes(slug);

/** The slug among `slugs` with the most (or fewest) portions, ties to the first in menu order. */
function pick(
  counts: Record<string, number>,
  slugs: string[],
  most: boolean,
  filter: (n: number) => boolean,
): string | null {
  let best: string | null = null;
  for (const s of slugs) {
    const n = counts[s] ?? 0;
    if (!filter(n)) continue;
    const b = best === null ? 0 : (counts[best] ?? 0);
    if (best === null || (most ? n > b : n < b)) best = s;
  }
  return best;
}

/**
 * Fits the portions to a new total (party size or package changed): missing portions go to the
 * included protein with the fewest (of those chosen), extra ones come off the included protein
 * with the most, then off the upgrades.
 */
export function fitProteins(
  proteins: Record<string, number>,
  needed: number,
  menu: ProteinMenu,
): Record<string, number> {
  const next = { ...proteins };
  const included = includedSlugs(menu);
  const upgrades = upgradeSlugs(menu);
  let total = sum(next);
  while (total < needed) {
    const to =
      pick(next, included, false, (n) => n > 0) ??
      included[0] ??
      pick(next, upgrades, false, (n) => n > 0);
    if (!to) break;
    next[to] = (next[to] ?? 0) + 1;
    total++;
  }
  while (total > needed) {
    const from =
      pick(next, included, true, (n) => n > 0) ?? pick(next, upgrades, true, (n) => n > 0);
    if (!from) break;
    next[from] = next[from]! - 1;
    total--;
  }
  return next;
}

/**
 * Sets one protein's portions and keeps the total right: portions over the party's total come
 * off the included protein with the most portions (then the other upgrades); an upgrade removed
 * gives its portion back to the protein it replaced. Fewer portions of an included protein leave
 * the count short until someone adds another one.
 */
export function setProtein(
  draft: { proteins: Record<string, number>; swaps: readonly ProteinSwap[] },
  slug: string,
  count: number,
  needed: number,
  menu: ProteinMenu,
): { proteins: Record<string, number>; swaps: ProteinSwap[] } {
  const proteins = { ...draft.proteins };
  let swaps = [...draft.swaps];
  const before = proteins[slug] ?? 0;
  const value = Math.min(needed, Math.max(0, Math.floor(Number.isFinite(count) ? count : 0)));
  proteins[slug] = value;
  const upgrade = isUpgrade(slug, menu);
  let excess = sum(proteins) - needed;
  const included = includedSlugs(menu).filter((s) => s !== slug);
  const upgrades = upgradeSlugs(menu).filter((s) => s !== slug);
  while (excess > 0) {
    const from =
      pick(proteins, included, true, (n) => n > 0) ?? pick(proteins, upgrades, true, (n) => n > 0);
    if (!from) {
      proteins[slug] = proteins[slug]! - excess;
      break;
    }
    proteins[from] = proteins[from]! - 1;
    if (upgrade && !isUpgrade(from, menu)) swaps.push({ upgrade: slug, from });
    excess--;
  }
  if (upgrade && value < before) {
    // Give the portions back, newest swap first, as long as the total stays within the party's.
    let give = before - value;
    for (let i = swaps.length - 1; i >= 0 && give > 0; i--) {
      const s = swaps[i]!;
      if (s.upgrade !== slug) continue;
      swaps = [...swaps.slice(0, i), ...swaps.slice(i + 1)];
      give--;
      if (sum(proteins) < needed) proteins[s.from] = (proteins[s.from] ?? 0) + 1;
    }
  }
  return { proteins, swaps };
}
