// Menu items and packages (owner). Every change bumps the settings version (the knowledge-base
// version the AI cache keys on) and invalidates the "catalog" scope, so the next quote and the
// next menu page use the new price at once.
import type { Db, MenuItemKind, PricingUnit } from "@myhibachi/db";
import {
  DIETARY_TAGS,
  INGREDIENTS,
  INGREDIENT_SLUGS,
  MAJOR_ALLERGENS,
  dietTagConflict,
  dietaryTagLabel,
  isDietaryTag,
  isIngredient,
  isMajorAllergen,
} from "@myhibachi/shared";
import { AppError } from "../errors";
import { adminWrite, badInput, diff, notFound, type AdminActor, type AdminDeps } from "./audit";

export interface MenuItemInput {
  slug: string;
  name: string;
  description: string;
  kind: MenuItemKind;
  pricing: PricingUnit;
  priceCents: number;
  /** FLAT items: how many guests one order is for; null: the whole party. */
  servesGuests?: number | null;
  allergens: string[];
  /**
   * Ingredient slugs (INGREDIENTS in @myhibachi/shared: "soy-sauce", "butter"...); each implies
   * allergens the menu, the filter and the assistant treat as contained. Left out: none (create).
   */
  contains?: string[];
  dietaryTags: string[];
  seasonalTags: string[];
  active: boolean;
  sortOrder: number;
}

export interface PackageInput {
  slug: string;
  name: string;
  description: string;
  adultPriceCents: number;
  childPriceCents: number;
  proteinsPerGuest: number;
  includes: string[];
  /**
   * What the package's own dishes contain (fried rice, sauces, noodles: finding R1-2), from the
   * same fixed lists as a menu item's: major allergens and ingredient slugs. Left out: none.
   */
  allergens?: string[];
  contains?: string[];
  active: boolean;
  sortOrder: number;
}

const MAX_PRICE = 10_000_00;
const tags = (xs: string[] | undefined) =>
  xs === undefined
    ? undefined
    : [...new Set(xs.map((t) => t.trim().toLowerCase()).filter(Boolean))];

function money(v: number | undefined, label: string, field: string) {
  if (v === undefined) return;
  if (!Number.isSafeInteger(v) || v < 0)
    throw badInput(`${label} must be zero or more, in whole cents.`, field);
  if (v > MAX_PRICE) throw badInput(`${label} looks too high (at most $10,000).`, field);
}

function checkCommon(v: { slug?: string; name?: string }) {
  if (v.slug !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.slug))
    throw badInput(
      "Use lowercase letters, digits and dashes for the short name (e.g. filet-mignon).",
      "slug",
    );
  if (v.name !== undefined && v.name.trim().length < 2) throw badInput("Enter a name.", "name");
}

function cleanItem(v: Partial<MenuItemInput>): Partial<MenuItemInput> {
  checkCommon(v);
  money(v.priceCents, "The price", "priceCents");
  return {
    ...v,
    ...(v.name !== undefined ? { name: v.name.trim() } : {}),
    ...(v.description !== undefined ? { description: v.description.trim() } : {}),
    // Only a flat-priced item's order is "for N guests": a per-person one is one serving each.
    ...(v.pricing === "PER_PERSON" ? { servesGuests: null } : {}),
    allergens: tags(v.allergens),
    contains: tags(v.contains),
    dietaryTags: tags(v.dietaryTags),
    seasonalTags: tags(v.seasonalTags),
  };
}

function cleanPackage(v: Partial<PackageInput>): Partial<PackageInput> {
  checkCommon(v);
  money(v.adultPriceCents, "The adult price", "adultPriceCents");
  money(v.childPriceCents, "The child price", "childPriceCents");
  if (
    v.proteinsPerGuest !== undefined &&
    (!Number.isInteger(v.proteinsPerGuest) || v.proteinsPerGuest < 1 || v.proteinsPerGuest > 5)
  )
    throw badInput("Proteins per guest must be between 1 and 5.", "proteinsPerGuest");
  return {
    ...v,
    ...(v.name !== undefined ? { name: v.name.trim() } : {}),
    ...(v.description !== undefined ? { description: v.description.trim() } : {}),
    ...(v.includes !== undefined
      ? { includes: v.includes.map((s) => s.trim()).filter(Boolean) }
      : {}),
    allergens: tags(v.allergens),
    contains: tags(v.contains),
  };
}

/**
 * Allergens and dietary tags come from fixed lists (the nine major allergens, the diets the menu
 * filter and the assistant know), so a typo can't silently break the allergen filter. A value an
 * item had before the lists existed may stay on it (and be removed), never be added.
 */
function checkDietary(
  v: Pick<Partial<MenuItemInput>, "allergens" | "dietaryTags" | "contains">,
  before?: { allergens: string[]; dietaryTags: string[] },
) {
  for (const c of v.contains ?? [])
    if (!isIngredient(c))
      throw badInput(
        `"${c}" isn't an ingredient the menu knows. Tick the ones the dish contains: ${INGREDIENT_SLUGS.map((s) => `${s} (${INGREDIENTS[s].label})`).join(", ")}.`,
        "contains",
      );
  for (const a of v.allergens ?? [])
    if (!isMajorAllergen(a) && !before?.allergens.includes(a))
      throw badInput(
        `"${a}" isn't one of the nine major allergens. Tick the ones the dish contains: ${MAJOR_ALLERGENS.join(", ")}.`,
        "allergens",
      );
  for (const t of v.dietaryTags ?? []) {
    if (!isDietaryTag(t) && !before?.dietaryTags.includes(t))
      throw badInput(
        `"${t}" isn't a diet the menu knows. Tick the ones that fit: ${DIETARY_TAGS.filter((x) => !x.endsWith("-on-request")).join(", ")} (or "on request").`,
        "dietaryTags",
      );
    if (v.dietaryTags?.includes(`${t}-on-request`))
      throw badInput(
        `Tick either ${t} or ${dietaryTagLabel(`${t}-on-request`)}, not both.`,
        "dietaryTags",
      );
  }
}

/**
 * The item as it will be saved (the patch over the stored row) must not carry a diet tag that
 * what it contains contradicts (R1-3). Checked only when the edit touches allergens, ingredients
 * or diet tags: a price change on an older row is never blocked by it.
 */
function checkDietAgrees(
  v: Pick<Partial<MenuItemInput>, "allergens" | "dietaryTags" | "contains">,
  before?: { allergens: string[]; dietaryTags: string[]; contains: string[] },
) {
  if (v.allergens === undefined && v.dietaryTags === undefined && v.contains === undefined) return;
  const conflict = dietTagConflict({
    allergens: v.allergens ?? before?.allergens ?? [],
    dietaryTags: v.dietaryTags ?? before?.dietaryTags ?? [],
    contains: v.contains ?? before?.contains ?? [],
  });
  if (conflict) throw badInput(conflict, "dietaryTags");
}

const CATALOG = { scopes: ["catalog" as const], bumpVersion: true };

/**
 * Optimistic concurrency for owner edits: an edit based on a row that someone else has changed
 * since (its `updatedAt` moved on) is refused instead of silently undoing their change.
 */
function assertUnchanged(what: string, row: { updatedAt: Date }, basedOn: Date | undefined) {
  if (basedOn && row.updatedAt.getTime() !== basedOn.getTime())
    throw new AppError(
      "CONFLICT",
      `This ${what} was changed by someone else; reload to see their changes.`,
      { currentUpdatedAt: row.updatedAt.toISOString() },
    );
}

export async function listMenu(db: Db) {
  const [items, packages] = await Promise.all([
    db.menuItem.findMany({ orderBy: [{ kind: "asc" }, { sortOrder: "asc" }, { name: "asc" }] }),
    db.package.findMany({ orderBy: [{ sortOrder: "asc" }, { name: "asc" }] }),
  ]);
  return { items, packages };
}

export async function createMenuItem(
  db: Db,
  input: { actor: AdminActor; item: MenuItemInput },
  deps: AdminDeps,
) {
  const data = cleanItem(input.item) as MenuItemInput;
  data.contains ??= [];
  checkDietary(data);
  checkDietAgrees(data);
  return adminWrite(
    db,
    deps,
    {
      actor: input.actor,
      ...CATALOG,
      duplicate: `A menu item with the short name "${data.slug}" already exists.`,
    },
    async (tx, audit) => {
      const item = await tx.menuItem.create({ data });
      audit({ action: "menu.item.create", entity: "menuItem", entityId: item.id, after: data });
      return item;
    },
  );
}

export async function updateMenuItem(
  db: Db,
  input: {
    actor: AdminActor;
    itemId: string;
    item: Partial<MenuItemInput>;
    /** The item's `updatedAt` the edit was based on. */
    expectedUpdatedAt?: Date;
  },
  deps: AdminDeps,
) {
  const patch = cleanItem(input.item);
  return adminWrite(
    db,
    deps,
    {
      actor: input.actor,
      ...CATALOG,
      duplicate: `A menu item with the short name "${patch.slug}" already exists.`,
    },
    async (tx, audit) => {
      await tx.$queryRaw`SELECT "id" FROM "MenuItem" WHERE "id" = ${input.itemId} FOR UPDATE`;
      const before = await tx.menuItem.findUnique({ where: { id: input.itemId } });
      if (!before) throw notFound("menu item");
      assertUnchanged("menu item", before, input.expectedUpdatedAt);
      checkDietary(patch, before);
      checkDietAgrees(patch, before);
      const d = diff(before, patch);
      if (!Object.keys(d.after).length) return before;
      const item = await tx.menuItem.update({ where: { id: before.id }, data: d.after });
      audit({ action: "menu.item.update", entity: "menuItem", entityId: item.id, ...d });
      return item;
    },
  );
}

export async function createPackage(
  db: Db,
  input: { actor: AdminActor; pkg: PackageInput },
  deps: AdminDeps,
) {
  const data = cleanPackage(input.pkg) as PackageInput;
  data.allergens ??= [];
  data.contains ??= [];
  checkDietary(data);
  return adminWrite(
    db,
    deps,
    {
      actor: input.actor,
      ...CATALOG,
      duplicate: `A package with the short name "${data.slug}" already exists.`,
    },
    async (tx, audit) => {
      const pkg = await tx.package.create({ data });
      audit({ action: "menu.package.create", entity: "package", entityId: pkg.id, after: data });
      return pkg;
    },
  );
}

export async function updatePackage(
  db: Db,
  input: {
    actor: AdminActor;
    packageId: string;
    pkg: Partial<PackageInput>;
    /** The package's `updatedAt` the edit was based on. */
    expectedUpdatedAt?: Date;
  },
  deps: AdminDeps,
) {
  const patch = cleanPackage(input.pkg);
  return adminWrite(
    db,
    deps,
    {
      actor: input.actor,
      ...CATALOG,
      duplicate: `A package with the short name "${patch.slug}" already exists.`,
    },
    async (tx, audit) => {
      await tx.$queryRaw`SELECT "id" FROM "Package" WHERE "id" = ${input.packageId} FOR UPDATE`;
      const before = await tx.package.findUnique({ where: { id: input.packageId } });
      if (!before) throw notFound("package");
      assertUnchanged("package", before, input.expectedUpdatedAt);
      checkDietary(patch, { allergens: before.allergens, dietaryTags: [] });
      const d = diff(before, patch);
      if (!Object.keys(d.after).length) return before;
      if (d.after.active === false) {
        const others = await tx.package.count({ where: { active: true, id: { not: before.id } } });
        if (others === 0) throw badInput("Keep at least one package on sale.", "active");
      }
      const pkg = await tx.package.update({ where: { id: before.id }, data: d.after });
      audit({ action: "menu.package.update", entity: "package", entityId: pkg.id, ...d });
      return pkg;
    },
  );
}
