// The party's dietary profile in the booking draft (issue 16): the reducer the later steps use
// (the draft reducer, plus the profile, this visit's suggestion key and an accepted suggestion),
// what is unsafe on the menu for the profile, and what the profile still needs before Continue.
// In the later steps' chunk and the finish page's lazily loaded parts, never in a page's first
// load (the rule below brings the ingredient table with it). Pure: no React, no browser APIs but
// `crypto` (unit-tested in diet-draft.test.ts).
import {
  defaultProteinSplit,
  DIETS,
  EMPTY_PROFILE,
  MAJOR_ALLERGENS,
  MAX_PARTY_SIZE,
  PROFILE_LIKES,
  packageDietFacts,
  safeForProfile,
  unsafeReason,
  type DietaryProfile,
  type MenuDietFacts,
} from "@myhibachi/shared";
import {
  draftReducer,
  portionsNeeded,
  type BookingDraft,
  type DraftAction,
  type DraftMenu,
  type Issue,
  type MenuItemLike,
} from "./draft";

export const profileOf = (d: Pick<BookingDraft, "dietaryProfile">): DietaryProfile =>
  d.dietaryProfile ?? EMPTY_PROFILE;

export const isEmptyProfile = (p: DietaryProfile | undefined) =>
  !p || (p.avoid.length === 0 && p.diets.length === 0 && p.likes.length === 0);

/** An item's facts as the shared rule reads them (a menu item without any: nothing listed). */
const facts = (i: MenuItemLike | MenuDietFacts): MenuDietFacts => ({
  allergens: i.allergens ?? [],
  dietaryTags: i.dietaryTags ?? [],
  contains: i.contains ?? [],
});

/**
 * Why each item on the menu is unsafe for the profile, by slug, in the words the menu shows
 * ("Contains shellfish", "Not vegetarian"); items that are safe are absent. Empty for an empty
 * profile. The rule is the shared one every suggestion passes (`safeForProfile`).
 */
export function unsafeMarks(
  items: readonly (MenuItemLike | (MenuDietFacts & { slug: string }))[],
  profile: DietaryProfile | undefined,
): Record<string, string> {
  if (isEmptyProfile(profile)) return {};
  const out: Record<string, string> = {};
  for (const i of items) {
    const why = unsafeReason(facts(i), profile!);
    if (why) out[i.slug] = why.charAt(0).toUpperCase() + why.slice(1);
  }
  return out;
}

/**
 * The same marks for the packages, keyed "package:<slug>": what a package's own dishes contain
 * (its fried rice and sauces, R1-2) against the profile ("Contains egg"). The package stays
 * choosable: the chef can leave the fried rice out for those guests.
 */
export function unsafePackageMarks(
  packages: readonly {
    slug: string;
    allergens?: readonly string[] | undefined;
    contains?: readonly string[] | undefined;
  }[],
  profile: DietaryProfile | undefined,
): Record<string, string> {
  if (isEmptyProfile(profile)) return {};
  const out: Record<string, string> = {};
  for (const p of packages) {
    const why = unsafeReason(packageDietFacts(p), profile!);
    if (why) out[`package:${p.slug}`] = why.charAt(0).toUpperCase() + why.slice(1);
  }
  return out;
}

/**
 * Proteins still at their default split (the customer chose none) re-split over the proteins safe
 * for the party: an allergen anyone avoids is never preselected (a shellfish allergy never leaves
 * shrimp as Premium's third protein), nor is a dish that breaks a diet the whole party keeps. A
 * diet only some guests keep is marked on the menu, not forced on everyone's default. A split the
 * customer chose stays theirs (the menu marks what is unsafe in it). When no included protein is
 * safe, the split stays as it is, for the customer to choose.
 */
export function safeDefaults(d: BookingDraft, menu: DraftMenu): BookingDraft {
  const profile = d.dietaryProfile;
  if (d.proteinsChosen || isEmptyProfile(profile)) return d;
  const guests = d.adults + d.children;
  const rule: DietaryProfile = {
    avoid: profile!.avoid,
    diets: profile!.diets.filter((n) => n.guests !== null && n.guests >= guests),
    likes: [],
  };
  const proteins = menu.items.filter((i) => i.kind === "PROTEIN" || i.kind === "UPGRADE");
  const unsafe = (slug: string) => {
    const item = proteins.find((i) => i.slug === slug);
    return !!item && !safeForProfile(facts(item), rule);
  };
  if (!Object.entries(d.proteins).some(([slug, n]) => n > 0 && unsafe(slug))) return d;
  const perGuest = menu.packages.find((p) => p.slug === d.packageSlug)?.proteinsPerGuest ?? 2;
  const split = defaultProteinSplit(
    proteins.filter((i) => !unsafe(i.slug)),
    portionsNeeded(d, menu),
    perGuest,
  );
  return split ? { ...d, proteins: split, swaps: [] } : d;
}

/**
 * The booking draft's reducer in the later steps (the wizard swaps it in when they load): the
 * draft reducer, then proteins left at the default split kept safe for the profile; and the
 * actions only it knows (see `DietAction` in draft.ts).
 */
export function dietReducer(d: BookingDraft, a: DraftAction): BookingDraft {
  switch (a.type) {
    case "diet":
      return safeDefaults({ ...d, dietaryProfile: a.profile }, a.menu);
    case "suggestionKey":
      return d.suggestionKey ? d : { ...d, suggestionKey: a.key };
    case "selection": {
      // A suggestion's whole selection (package, proteins, extras) in place of the draft's, as
      // the quote engine priced it; the party is the draft's own.
      const known = (r: Record<string, number> | undefined) =>
        Object.fromEntries(
          Object.entries(r ?? {}).filter(
            ([slug, n]) => n > 0 && a.menu.items.some((i) => i.slug === slug),
          ),
        );
      if (!a.menu.packages.some((p) => p.slug === a.selection.packageSlug)) return d;
      return {
        ...d,
        packageSlug: a.selection.packageSlug,
        proteins: known(a.selection.proteins),
        proteinsChosen: true,
        swaps: [],
        extras: known(a.selection.extras),
      };
    }
    default: {
      const next = draftReducer(d, a);
      return next !== d && "menu" in a ? safeDefaults(next, a.menu) : next;
    }
  }
}

/** A new suggestion session key: 24 characters of [A-Za-z0-9_-] (the operation takes 16-64). */
export function newSessionKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The field id of a profile need's guest count (the checks point Continue there). */
export const needFieldId = (value: string) => `dietary-${value.replace(/\s+/g, "-")}`;

/**
 * Each guest count at most the party: "You said 3 guests for shellfish, but the party is 2
 * guests." (said beside that count). The shared schema's own rules are checked with it (checks.ts).
 */
export function profileGuestIssues(profile: DietaryProfile | undefined, guests: number): Issue[] {
  if (!profile) return [];
  const out: Issue[] = [];
  for (const n of [...profile.avoid, ...profile.diets])
    if (n.guests !== null && n.guests > guests)
      out.push({
        field: needFieldId(n.value),
        message: `You said ${n.guests} guests for ${n.value}, but the party is ${guests} ${guests === 1 ? "guest" : "guests"}. Lower the number, or leave it blank if you're not sure.`,
      });
  return out;
}

/**
 * The profile with each guest count at most the party: what the suggestions are asked with while
 * a count above the party is said beside its box (finding L1). The same needs, so the same
 * dishes are ruled out; the server refuses a count above the party, and the suggestions would
 * silently go. Continue still asks the customer to fix the count itself.
 */
export function cappedProfile(p: DietaryProfile, guests: number): DietaryProfile {
  if (profileGuestIssues(p, guests).length === 0) return p;
  const cap = <T>(n: { value: T; guests: number | null }) => ({
    ...n,
    guests: n.guests === null ? null : Math.min(n.guests, Math.max(1, guests)),
  });
  return { ...p, avoid: p.avoid.map(cap), diets: p.diets.map(cap) };
}

type ProfileLike = (typeof PROFILE_LIKES)[number];
/** The profile as the operations take it: soft likes only from their list (PROFILE_LIKES). */
export type SentProfile = Omit<DietaryProfile, "likes"> & { likes: ProfileLike[] };

/** A profile's likes narrowed to the operations' list (a like is never a safety rule). */
export function sentProfile(p: DietaryProfile): SentProfile {
  return {
    ...p,
    likes: p.likes.filter((l): l is ProfileLike =>
      (PROFILE_LIKES as readonly string[]).includes(l),
    ),
  };
}

/** The profile as it is sent (null when nothing was said: the booking then has none). */
export function profileToSend(d: Pick<BookingDraft, "dietaryProfile">): SentProfile | null {
  return isEmptyProfile(d.dietaryProfile) ? null : sentProfile(d.dietaryProfile!);
}

/**
 * A saved draft's profile read back (restore.ts), need by need: anything not from the lists is
 * dropped, a count that isn't a whole number of guests is "not sure". `{}` when none was saved.
 */
export function readProfile(v: unknown): { dietaryProfile?: DietaryProfile } {
  if (!v || typeof v !== "object") return {};
  const o = v as Record<string, unknown>;
  const needs = <T extends string>(list: unknown, values: readonly T[]) => {
    const out: { value: T; guests: number | null }[] = [];
    for (const n of Array.isArray(list) ? list : []) {
      if (!n || typeof n !== "object") continue;
      const { value, guests: g } = n as { value?: unknown; guests?: unknown };
      if (typeof value !== "string" || !values.includes(value as T)) continue;
      if (out.some((x) => x.value === value)) continue;
      const guests =
        typeof g === "number" && Number.isInteger(g) && g >= 1 && g <= MAX_PARTY_SIZE ? g : null;
      out.push({ value: value as T, guests });
    }
    return out;
  };
  const likes = (Array.isArray(o.likes) ? o.likes : []).filter(
    (l): l is string => typeof l === "string" && (PROFILE_LIKES as readonly string[]).includes(l),
  );
  return {
    dietaryProfile: {
      avoid: needs(o.avoid, MAJOR_ALLERGENS),
      diets: needs(o.diets, DIETS),
      likes: [...new Set(likes)],
    },
  };
}

/** A saved suggestion session key read back (the operation's shape), or `{}`. */
export function readSessionKey(v: unknown): { suggestionKey?: string } {
  return typeof v === "string" && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? { suggestionKey: v } : {};
}
