// The kitchen order's warnings (finding R1-10): a dish the party ordered that its own dietary
// profile rules out for some guests ("12 guests avoid shellfish" and 12 jumbo shrimp). The booking
// stands (not every guest eats every dish: the customer's choice), but staff must see it. Decided
// by the one rule every suggestion passes (`safeForProfile` / `unsafeReason`).
//
// Apart from kitchen-order.ts on purpose: this brings the ingredient table (diet-profile.ts), and
// the kitchen order is in some customer pages' first load. The server computes the lines and
// passes them to `kitchenOrder` as data (`warnings`).
import type { MajorAllergen, Diet } from "./allergens";
import {
  packageDietFacts,
  safeForProfile,
  unsafeReason,
  type DietaryProfile,
  type MenuDietFacts,
  type ProfileNeed,
} from "./diet-profile";
import type { KitchenOrderMenuItem, KitchenOrderSelection } from "./kitchen-order";
import { pluralCount } from "./plural";

export type KitchenWarningItem = Pick<KitchenOrderMenuItem, "slug" | "name" | "pricing"> &
  MenuDietFacts;

const who = (g: number | null, one: string, many: string) =>
  g === null ? `some guests ${many}` : `${pluralCount(g, "guest")} ${g === 1 ? one : many}`;

const avoidWords = (n: ProfileNeed<MajorAllergen>) =>
  `${who(n.guests, "avoids", "avoid")} ${n.value}`;

const dietWords = (n: ProfileNeed<Diet>) =>
  n.value === "halal"
    ? `${who(n.guests, "eats", "eat")} halal`
    : `${who(n.guests, "is", "are")} ${n.value}`;

/**
 * Each need of the profile the dish breaks, in words: "contains shellfish: 12 guests avoid
 * shellfish", "is not vegetarian: 2 guests are vegetarian". Empty when it is safe.
 */
function conflicts(facts: MenuDietFacts, profile: DietaryProfile, plural = false): string[] {
  if (safeForProfile(facts, profile)) return [];
  const out: string[] = [];
  const one = (p: Partial<DietaryProfile>) => unsafeReason(facts, { ...EMPTY, ...p });
  for (const n of profile.avoid) {
    const why = one({ avoid: [n] });
    if (why) out.push(`${plural ? why.replace(/^contains/, "contain") : why}: ${avoidWords(n)}`);
  }
  for (const n of profile.diets) {
    const why = one({ diets: [n] });
    if (why) out.push(`${plural ? "are" : "is"} ${why}: ${dietWords(n)}`);
  }
  return out;
}
const EMPTY: DietaryProfile = { avoid: [], diets: [], likes: [] };

/**
 * One "⚠ ..." line per ordered dish the profile rules out for some guests, proteins first, then
 * extras, then the package's own dishes ("⚠ Classic Hibachi's included dishes contain egg: 2
 * guests avoid egg"). A dish not on the menu any more (no facts) is not guessed about.
 */
export function kitchenWarnings(
  input: {
    selection: KitchenOrderSelection;
    profile: DietaryProfile | null | undefined;
    package?: {
      name: string;
      allergens?: readonly string[] | null;
      contains?: readonly string[] | null;
    } | null;
  },
  menu: readonly KitchenWarningItem[],
): string[] {
  const profile = input.profile;
  if (!profile || (!profile.avoid.length && !profile.diets.length)) return [];
  const items = new Map(menu.map((i) => [i.slug, i]));
  const lines: string[] = [];
  const add = (label: string, why: string[]) => {
    if (why.length) lines.push(`⚠ ${label} ${why.join("; ")}`);
  };
  for (const [slug, count] of Object.entries(input.selection.proteins ?? {})) {
    const item = items.get(slug);
    if (item && count > 0) add(`${item.name} (${count})`, conflicts(item, profile));
  }
  for (const [slug, count] of Object.entries(input.selection.extras ?? {})) {
    const item = items.get(slug);
    if (!item || count <= 0) continue;
    const unit = pluralCount(count, item.pricing === "FLAT" ? "order" : "serving");
    add(`${item.name} (${unit})`, conflicts(item, profile));
  }
  const pkg = input.package;
  if (pkg && (pkg.allergens?.length || pkg.contains?.length))
    add(`${pkg.name}'s included dishes`, conflicts(packageDietFacts(pkg), profile, true));
  return lines;
}
