// Loyalty: the signed-in customer's own tier and progress, and the tiers as the owner edits them.
import { z } from "zod";
import type { Prisma } from "@myhibachi/db";
import { adminWrite, badInput, diff, notFound } from "../../admin/audit";
import { loyaltyOfUser } from "../../loyalty/customer";
import {
  bookingWindowOf,
  loadTiers,
  lockTiers,
  loyaltyPerkSchema,
  MAX_EXTRA_WINDOW_DAYS,
  perkLabel,
  progressOf,
  quoteLoyaltyOf,
  tierLadderProblem,
  toldPerks,
} from "../../loyalty/tiers";
import { getCatalog } from "../../catalog/catalog";
import { loyaltyReport } from "../../loyalty/report";
import { idSchema } from "../../schemas";
import { adminAuthor, anyone, owner, signedIn } from "../access";
import { defineOperation } from "../define";
import { cents, instant } from "../output-schemas";
import { adminDeps } from "../admin/deps";

const perkOutput = z.object({ code: z.string(), label: z.string(), inQuote: z.boolean() });

const tierOutput = z.object({
  id: z.string(),
  name: z.string(),
  minCompletedBookings: z.number().int(),
  /** Off the food of the next booking, in basis points (1000 = 10 %). */
  discountBps: z.number().int(),
  perks: z.array(perkOutput),
  /** Days its members may book beyond the business's booking window (priority booking). */
  extraWindowDays: z.number().int(),
  sortOrder: z.number().int(),
});

/**
 * The signed-in customer's loyalty: their tier, completed bookings, lifetime value, points and
 * how far the next tier is ("2 bookings away from Silver"). Only ever the caller's own: the
 * records of their verified email. A staff or owner account, or an email not yet verified, has
 * no tier (`tier: null`, zeros).
 */
export const getMyLoyaltyOp = defineOperation({
  name: "getMyLoyalty",
  kind: "query",
  summary:
    "Your loyalty tier, completed bookings, points and progress to the next tier (signed in).",
  access: signedIn,
  output: z.object({
    tier: z
      .object({
        name: z.string(),
        discountBps: z.number().int(),
        perks: z.array(perkOutput),
        extraWindowDays: z.number().int().meta({
          description: "Days beyond the business's booking window the tier may book (0: none).",
        }),
      })
      .nullable(),
    bookingWindowDays: z.number().int().meta({
      description:
        "How many days ahead you may book: the business's window plus your tier's extra days.",
    }),
    completedBookings: z.number().int(),
    lifetimeValueCents: cents,
    points: z.number().int(),
    progress: z.object({
      nextTier: z.string().nullable(),
      bookingsToNext: z.number().int().nullable(),
      sentence: z.string(),
    }),
    computedAt: instant.nullable(),
    /** Why there is no tier, when there is none. */
    note: z.string().nullable(),
  }),
  async run(ctx, _input, user) {
    const base = (await getCatalog(ctx.db, ctx.cache)).settings.bookingWindowDays;
    const mine = await loyaltyOfUser(ctx.db, user);
    if (mine)
      return {
        ...mine,
        tier: mine.tier && {
          ...mine.tier,
          perks: toldPerks(mine.tier.perks, mine.tier.extraWindowDays, base),
        },
        bookingWindowDays: bookingWindowOf(base, mine.tier && quoteLoyaltyOf(mine.tier)).days,
        note: null,
      };
    const tiers = await loadTiers(ctx.db);
    return {
      tier: null,
      bookingWindowDays: base,
      completedBookings: 0,
      lifetimeValueCents: 0,
      points: 0,
      progress: progressOf(tiers, 0),
      computedAt: null,
      note:
        user.role !== "CUSTOMER"
          ? "Loyalty tiers are for customer accounts."
          : "Confirm your email address first: your bookings (and your tier) are shown after that.",
    };
  },
});

/**
 * The loyalty program as anyone may read it (the site, the assistant answering a visitor): each
 * tier's name, the completed bookings it starts at, its discount and its perks' labels. Nothing
 * about any customer.
 */
export const getLoyaltyProgramOp = defineOperation({
  name: "getLoyaltyProgram",
  kind: "query",
  summary: "The loyalty tiers, lowest first: where each starts, its discount and its perks.",
  access: anyone,
  output: z.object({
    /** The business's booking window (days ahead anyone may book). */
    bookingWindowDays: z.number().int(),
    tiers: z.array(
      z.object({
        name: z.string(),
        minCompletedBookings: z.number().int(),
        discountBps: z.number().int(),
        perks: z.array(z.string()),
        /** Days beyond `bookingWindowDays` its members may book (priority booking). */
        extraWindowDays: z.number().int(),
      }),
    ),
  }),
  async run(ctx) {
    const tiers = await loadTiers(ctx.db);
    const base = (await getCatalog(ctx.db, ctx.cache)).settings.bookingWindowDays;
    return {
      bookingWindowDays: base,
      tiers: tiers.map((t) => ({
        name: t.name,
        minCompletedBookings: t.minCompletedBookings,
        discountBps: t.discountBps,
        perks: t.perks.map((p) => perkLabel(p, t.extraWindowDays, base)),
        extraWindowDays: t.extraWindowDays,
      })),
    };
  },
});

/** The tiers, lowest first (owner). */
export const listLoyaltyTiersOp = defineOperation({
  name: "listLoyaltyTiers",
  kind: "query",
  summary:
    "The loyalty tiers: thresholds, discounts and perks, with how many customers are in each.",
  access: owner,
  output: z.array(tierOutput.extend({ customers: z.number().int() })),
  async run(ctx) {
    const tiers = await loadTiers(ctx.db);
    const counts = await ctx.db.customerLoyalty.groupBy({ by: ["tierId"], _count: { _all: true } });
    return tiers.map((t) => ({
      ...t,
      customers: counts.find((c) => c.tierId === t.id)?._count._all ?? 0,
    }));
  },
});

/**
 * The owner's loyalty report: customers and points per tier, the points owed, the tier discounts
 * given per month (last 12, by event month) and how often each tier's customers book again.
 */
export const getLoyaltyReportOp = defineOperation({
  name: "getLoyaltyReport",
  kind: "query",
  summary:
    "Loyalty at a glance (owner): customers and points per tier, points owed, discounts given per month and the repeat-booking rate by tier.",
  access: owner,
  reads: "replica",
  output: z.object({
    timeZone: z.string(),
    tiers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        minCompletedBookings: z.number().int(),
        discountBps: z.number().int(),
        customers: z.number().int(),
        points: z.number().int(),
        repeat: z.object({ customers: z.number().int(), bookedAgain: z.number().int() }),
      }),
    ),
    pointsOutstanding: z.number().int(),
    discountsByMonth: z.array(
      z.object({ month: z.string(), discountCents: cents, bookings: z.number().int() }),
    ),
  }),
  run: (ctx) => loyaltyReport(ctx.db, ctx.now()),
});

/** The fields of a tier edit that place it on the ladder (threshold, discount, name). */
const pickLadder = (a: Partial<Record<string, unknown>>) => ({
  ...(typeof a.name === "string" ? { name: a.name } : {}),
  ...(typeof a.minCompletedBookings === "number"
    ? { minCompletedBookings: a.minCompletedBookings }
    : {}),
  ...(typeof a.discountBps === "number" ? { discountBps: a.discountBps } : {}),
});

const tierPatchSchema = z
  .object({
    name: z.string().trim().min(2, "Give the tier a name.").max(40, "At most 40 characters."),
    minCompletedBookings: z
      .number({ error: "Enter the completed bookings the tier starts at." })
      .int("Completed bookings is a whole number.")
      .min(0, "Completed bookings can't be below 0.")
      .max(1000, "At most 1000 completed bookings."),
    discountBps: z
      .number({ error: "Enter the discount in basis points (1000 = 10 %)." })
      .int("The discount is a whole number of basis points (1000 = 10 %).")
      .min(0, "The discount can't be below 0 %.")
      .max(5000, "The discount can be at most 50 %."),
    perks: z.array(loyaltyPerkSchema).max(10, "At most 10 perks."),
    extraWindowDays: z
      .number({ error: "Enter how many extra days ahead the tier's members may book." })
      .int("Extra days ahead is a whole number of days.")
      .min(0, "Extra days ahead can't be below 0.")
      .max(MAX_EXTRA_WINDOW_DAYS, `Extra days ahead can be at most ${MAX_EXTRA_WINDOW_DAYS}.`),
    sortOrder: z.number().int().min(0).max(1000),
  })
  .partial()
  .strict();

/**
 * Changes a tier (owner): only the fields given, audited. Quotes use the new terms at once (a
 * customer's tier is read from their completed bookings against the tiers as they are now); the
 * stored tier of each customer follows at the next recompute (nightly, or their next event).
 * Bookings already made keep the terms they were priced with. Refused (a sentence, nothing
 * written) when the tiers after the edit make no sense: the lowest must start at 0 completed
 * bookings, no two at the same number, and a higher tier never gives a smaller discount
 * (`tierLadderProblem`, checked on the locked rows so two edits at once can't get round it).
 */
export const updateLoyaltyTierOp = defineOperation({
  name: "updateLoyaltyTier",
  kind: "mutation",
  summary:
    "Change a loyalty tier's name, threshold, discount, perks or extra booking-window days (only the fields given).",
  input: z.object({ id: idSchema, tier: tierPatchSchema }),
  access: owner,
  output: tierOutput,
  async run(ctx, input, user) {
    const row = await adminWrite(
      ctx.db,
      adminDeps(ctx),
      {
        actor: adminAuthor(user),
        scopes: [],
        duplicate: "Another tier already has that name or starts at that number of bookings.",
      },
      async (tx, audit) => {
        // All tiers locked first: the ladder is checked as a whole after the change, and a
        // second edit at the same time waits for this one and checks against its result.
        const all = await lockTiers(tx);
        const before = await tx.loyaltyTier.findUnique({ where: { id: input.id } });
        if (!before) throw notFound("loyalty tier");
        const d = diff(before, input.tier);
        if (!Object.keys(d.after).length) return before;
        const problem = tierLadderProblem(
          all.map((t) => (t.id === before.id ? { ...t, ...pickLadder(d.after) } : t)),
        );
        if (problem)
          throw badInput(
            problem,
            d.after.discountBps !== undefined && d.after.minCompletedBookings === undefined
              ? "discountBps"
              : "minCompletedBookings",
          );
        const t = await tx.loyaltyTier.update({
          where: { id: before.id },
          data: d.after as Prisma.LoyaltyTierUpdateInput,
        });
        audit({ action: "loyalty-tier.update", entity: "loyaltyTier", entityId: t.id, ...d });
        return t;
      },
    );
    return (await loadTiers(ctx.db)).find((t) => t.id === row.id)!;
  },
});
