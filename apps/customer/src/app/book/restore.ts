// A draft saved on the device, read back and checked against today's menu and calendar.
// Loaded only when there is a saved draft to read (the wizard's first load stays small). Pure:
// no React, no browser APIs (unit-tested in draft.test.ts).
import { MAX_PARTY_SIZE, monthStart } from "@myhibachi/shared";
import {
  clampInt,
  DRAFT_TTL_MS,
  DRAFT_VERSION,
  emptyDraft,
  packageOf,
  portionsChosen,
  portionsNeeded,
  refit,
  type BookingDraft,
  type DraftMenu,
  type MenuItemLike,
  type ProteinSwap,
} from "./draft";
import { readProfile, readSessionKey, safeDefaults } from "./diet-draft";

const isCounts = (v: unknown): v is Record<string, number> =>
  !!v &&
  typeof v === "object" &&
  Object.values(v as object).every((n) => Number.isInteger(n) && (n as number) >= 0);
const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
const dateOrNull = (v: unknown) =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;

/**
 * A stored draft read back, field by field (anything unreadable falls back to the default). With
 * `now`, a draft saved more than `DRAFT_TTL_MS` before it (or saved without a time) is stale: null.
 */
export function parseStoredDraft(
  raw: string | null,
  base: BookingDraft,
  now?: number,
): BookingDraft | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const p = parsed as { v?: unknown; at?: unknown; draft?: Record<string, unknown> };
  if (!p || p.v !== DRAFT_VERSION || !p.draft || typeof p.draft !== "object") return null;
  if (
    now !== undefined &&
    (typeof p.at !== "number" || !Number.isFinite(p.at) || now - p.at > DRAFT_TTL_MS)
  )
    return null;
  const s = p.draft;
  const a = (s.address ?? {}) as Record<string, unknown>;
  const c = (s.contact ?? {}) as Record<string, unknown>;
  const int = (v: unknown, fallback: number) => (Number.isInteger(v) ? (v as number) : fallback);
  const startMinute = s.startMinute;
  return {
    postalCode: str(s.postalCode).replace(/\D/g, "").slice(0, 5),
    adults: clampInt(int(s.adults, base.adults), 1, MAX_PARTY_SIZE),
    children: clampInt(int(s.children, base.children), 0, MAX_PARTY_SIZE),
    month: dateOrNull(s.month),
    date: dateOrNull(s.date),
    startMinute:
      Number.isInteger(startMinute) &&
      (startMinute as number) >= 0 &&
      (startMinute as number) < 1440
        ? (startMinute as number)
        : null,
    packageSlug: str(s.packageSlug, base.packageSlug),
    proteins: isCounts(s.proteins) ? s.proteins : base.proteins,
    proteinsChosen: s.proteinsChosen === true,
    swaps: Array.isArray(s.swaps)
      ? (s.swaps as unknown[]).filter(
          (w): w is ProteinSwap =>
            !!w &&
            typeof (w as ProteinSwap).upgrade === "string" &&
            typeof (w as ProteinSwap).from === "string",
        )
      : [],
    extras: isCounts(s.extras) ? s.extras : {},
    address: {
      line1: str(a.line1),
      line2: str(a.line2),
      city: str(a.city),
      state: str(a.state, base.address.state),
    },
    contact: { name: str(c.name), email: str(c.email), phone: str(c.phone) },
    notes: str(s.notes),
    allergies: str(s.allergies),
    ...readProfile(s.dietaryProfile),
    ...readSessionKey(s.suggestionKey),
  };
}

/**
 * A restored draft checked against today's menu and calendar: a package no longer sold is
 * replaced and dishes no longer on the menu are removed, each with a sentence saying so; a date
 * that has passed is forgotten and returned as `pastDate` (the date step says so above the
 * calendar, where the new date is picked).
 */
export function reconcileDraft(
  d: BookingDraft,
  menu: DraftMenu,
  today: string,
): { draft: BookingDraft; notices: string[]; pastDate: string | null } {
  const notices: string[] = [];
  let next = { ...d };
  let pastDate: string | null = null;
  if (next.date && next.date < today) {
    pastDate = next.date;
    next = { ...next, date: null, startMinute: null, month: null };
  } else if (next.month && next.month < monthStart(today)) next = { ...next, month: null };
  if (!packageOf(next, menu)) {
    const fallback = emptyDraft(menu).packageSlug;
    const name = menu.packages.find((p) => p.slug === fallback)?.name ?? "another package";
    notices.push(
      `The package you picked before is no longer offered, so we switched you to ${name}. Please check the menu step.`,
    );
    next = { ...next, packageSlug: fallback, proteinsChosen: false };
  }
  const names = new Map(menu.items.map((i) => [i.slug, i]));
  const gone: string[] = [];
  const keep = (r: Record<string, number>, kinds: MenuItemLike["kind"][]) =>
    Object.fromEntries(
      Object.entries(r).filter(([slug, n]) => {
        const ok = kinds.includes(names.get(slug)?.kind as MenuItemLike["kind"]);
        if (!ok && n > 0) gone.push(slug.replace(/[-_]+/g, " "));
        return ok;
      }),
    );
  const proteins = keep(next.proteins, ["PROTEIN", "UPGRADE"]);
  const extras = keep(next.extras, ["APPETIZER", "SIDE", "ADDON"]);
  if (gone.length)
    notices.push(
      `${gone.join(", ")} ${gone.length === 1 ? "is" : "are"} no longer on the menu and ${gone.length === 1 ? "was" : "were"} removed from your order.`,
    );
  next = {
    ...next,
    proteins,
    extras,
    swaps: next.swaps.filter((s) => names.has(s.upgrade) && names.has(s.from)),
  };
  if (portionsChosen(next) !== portionsNeeded(next, menu)) next = refit(next, menu);
  // Proteins left at the default split: none the party's profile rules out.
  next = safeDefaults(next, menu);
  return { draft: next, notices, pastDate };
}
