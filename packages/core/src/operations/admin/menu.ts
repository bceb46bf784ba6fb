// The owner's menu: items and packages with their prices, active or not. Each change is audited
// and shows on the customer site and in new quotes at once.
import { z } from "zod";
import { MAX_PARTY_SIZE } from "@myhibachi/shared";
import {
  createMenuItem,
  createPackage,
  listMenu,
  updateMenuItem,
  updatePackage,
} from "../../admin/menu";
import { centsSchema, idSchema, textSchema } from "../../schemas";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "./deps";

const slug = z
  .string({ error: "Enter a short name." })
  .trim()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "Use lowercase letters, digits and dashes for the short name (e.g. filet-mignon).",
  )
  .max(60, "The short name is too long (60 characters at most).");

const tagList = z
  .array(z.string().trim().min(1).max(40, "Keep each tag under 40 characters."))
  .max(20, "At most 20 tags.");

const sortOrder = z.number().int().min(0).max(10_000);

const menuItemSchema = z.object({
  slug,
  name: textSchema("a name", 2, 100),
  description: textSchema("a description", 0, 500),
  kind: z.enum(["PROTEIN", "UPGRADE", "APPETIZER", "ADDON", "SIDE"], {
    error: "Choose what kind of item this is.",
  }),
  pricing: z.enum(["PER_PERSON", "FLAT"], { error: "Choose per person or flat pricing." }),
  priceCents: centsSchema("the price"),
  /** FLAT items: how many guests one order is for; null or left out: the whole party. */
  servesGuests: z
    .number({ error: "Enter how many guests one order is for, or leave it empty." })
    .int("How many guests one order is for must be a whole number.")
    .min(1, "One order is for at least 1 guest.")
    .max(MAX_PARTY_SIZE, `One order is for at most ${MAX_PARTY_SIZE} guests.`)
    .nullable()
    .optional(),
  allergens: tagList,
  /** Ingredient slugs ("soy-sauce", "butter": INGREDIENTS); each implies allergens. Default none. */
  contains: tagList.optional(),
  dietaryTags: tagList,
  seasonalTags: tagList,
  active: z.boolean(),
  sortOrder,
});

const packageSchema = z.object({
  slug,
  name: textSchema("a name", 2, 100),
  description: textSchema("a description", 0, 1000),
  adultPriceCents: centsSchema("the adult price"),
  childPriceCents: centsSchema("the child price"),
  proteinsPerGuest: z
    .number({ error: "Enter proteins per guest." })
    .int("Proteins per guest must be a whole number.")
    .min(1, "At least 1 protein per guest.")
    .max(5, "At most 5 proteins per guest."),
  includes: z.array(z.string().trim().max(100)).max(20, "At most 20 included items."),
  /** Major allergens of the package's own dishes (its rice, sauces, noodles). Default none. */
  allergens: tagList.optional(),
  /** Ingredient slugs of its own dishes ("egg", "soy-sauce": INGREDIENTS). Default none. */
  contains: tagList.optional(),
  active: z.boolean(),
  sortOrder,
});

/** The row's `updatedAt` an edit was based on (optimistic concurrency). */
const basedOn = z.coerce.date({ error: "Reload the page and make your change again." });

export const listMenuForOwnerOp = defineOperation({
  name: "listMenuForOwner",
  kind: "query",
  summary: "Every menu item and package, inactive ones included, with prices.",
  access: owner,
  run(ctx) {
    return listMenu(ctx.db);
  },
});

export const createMenuItemOp = defineOperation({
  name: "createMenuItem",
  kind: "mutation",
  summary: "Add a menu item (protein, upgrade, appetizer, add-on or side) with its price.",
  input: menuItemSchema,
  access: owner,
  run(ctx, input, user) {
    return createMenuItem(ctx.db, { actor: adminAuthor(user), item: input }, adminDeps(ctx));
  },
});

export const updateMenuItemOp = defineOperation({
  name: "updateMenuItem",
  kind: "mutation",
  summary:
    "Change a menu item (only the fields given); refused when someone changed it since `updatedAt`.",
  input: z.object({ id: idSchema, item: menuItemSchema.partial(), updatedAt: basedOn }),
  access: owner,
  run(ctx, input, user) {
    return updateMenuItem(
      ctx.db,
      {
        actor: adminAuthor(user),
        itemId: input.id,
        item: input.item,
        expectedUpdatedAt: input.updatedAt,
      },
      adminDeps(ctx),
    );
  },
});

export const createPackageOp = defineOperation({
  name: "createPackage",
  kind: "mutation",
  summary: "Add a package with adult and child prices and proteins per guest.",
  input: packageSchema,
  access: owner,
  run(ctx, input, user) {
    return createPackage(ctx.db, { actor: adminAuthor(user), pkg: input }, adminDeps(ctx));
  },
});

export const updatePackageOp = defineOperation({
  name: "updatePackage",
  kind: "mutation",
  summary:
    "Change a package (only the fields given); refused when someone changed it since `updatedAt`.",
  input: z.object({ id: idSchema, pkg: packageSchema.partial(), updatedAt: basedOn }),
  access: owner,
  run(ctx, input, user) {
    return updatePackage(
      ctx.db,
      {
        actor: adminAuthor(user),
        packageId: input.id,
        pkg: input.pkg,
        expectedUpdatedAt: input.updatedAt,
      },
      adminDeps(ctx),
    );
  },
});
