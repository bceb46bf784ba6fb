// The owner's side of recommendations (issue 16): the rules (switch one off, edit its reason,
// priority and conditions), the hold-out share, and the with/without report.
import { z } from "zod";
import type { DbTx, Prisma } from "@myhibachi/db";
import { reasonPlaceholderProblem } from "@myhibachi/shared";
import { adminWrite, badInput, notFound } from "../../admin/audit";
import { recommendationReport } from "../../recommendations/report";
import {
  parseRule,
  ruleConditionsSchema,
  ruleTargetSchema,
  type RuleConditions,
  type RuleTarget,
} from "../../recommendations/rules";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { adminDeps } from "../admin/deps";
import { cents } from "../output-schemas";
import { ruleSlugSchema } from "./schemas";

const ruleOutput = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  active: z.boolean(),
  priority: z.number().int(),
  conditions: ruleConditionsSchema,
  target: ruleTargetSchema,
  reason: z.string(),
  /** False when the stored JSON no longer parses (the engine skips the rule). */
  valid: z.boolean(),
});

async function listRules(db: Parameters<typeof recommendationReport>[0]) {
  const rows = await db.recommendationRule.findMany({
    orderBy: [{ priority: "asc" }, { slug: "asc" }],
  });
  return rows.map((r) => {
    const parsed = parseRule(r);
    return {
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      active: r.active,
      priority: r.priority,
      conditions: parsed?.conditions ?? {},
      target: parsed?.target ?? { type: "add-extra" as const, item: "unknown" },
      reason: r.reason,
      valid: parsed !== null,
    };
  });
}

export const listRecommendationRulesOp = defineOperation({
  name: "listRecommendationRules",
  kind: "query",
  summary: "The recommendation rules (conditions, target, reason, on or off), first shown first.",
  output: z.array(ruleOutput),
  access: owner,
  run: (ctx) => listRules(ctx.db),
});

export const setRecommendationRuleActiveOp = defineOperation({
  name: "setRecommendationRuleActive",
  kind: "mutation",
  summary: "Switch a recommendation rule on or off (off: never shown, on any surface).",
  input: z.object({
    slug: ruleSlugSchema,
    active: z.boolean({ error: "Say on (true) or off (false)." }),
  }),
  output: z.object({ slug: z.string(), active: z.boolean() }),
  access: owner,
  async run(ctx, input, user) {
    return adminWrite(
      ctx.db,
      adminDeps(ctx),
      { actor: adminAuthor(user), scopes: [] },
      async (tx, audit) => {
        const before = await tx.recommendationRule.findUnique({ where: { slug: input.slug } });
        if (!before) throw notFound("recommendation rule");
        if (before.active !== input.active) {
          await tx.recommendationRule.update({
            where: { id: before.id },
            data: { active: input.active },
          });
          audit({
            action: "recommendation-rule.update",
            entity: "RecommendationRule",
            entityId: before.id,
            before: { name: before.name, active: before.active },
            after: { name: before.name, active: input.active },
          });
        }
        return { slug: before.slug, active: input.active };
      },
    );
  },
});

export const updateRecommendationRuleOp = defineOperation({
  name: "updateRecommendationRule",
  kind: "mutation",
  summary:
    "Change a recommendation rule's reason, priority, conditions or what it suggests (only the fields given).",
  input: z.object({
    slug: ruleSlugSchema,
    reason: z
      .string()
      .trim()
      .min(8, "Write the reason the customer reads (a short sentence).")
      .max(160, "Keep the reason to one line: 160 characters at most.")
      .refine((s) => !/[\r\n]/.test(s), "Keep the reason to one line.")
      .optional(),
    priority: z
      .number()
      .int()
      .min(0, "Priority is 0 or more.")
      .max(1000, "Priority is at most 1000.")
      .optional(),
    conditions: ruleConditionsSchema.optional(),
    /** What it suggests: the same kind of suggestion, other dishes or package. */
    target: ruleTargetSchema.optional(),
  }),
  output: ruleOutput,
  access: owner,
  async run(ctx, input, user) {
    const slug = await adminWrite(
      ctx.db,
      adminDeps(ctx),
      { actor: adminAuthor(user), scopes: [] },
      async (tx, audit) => {
        const before = await tx.recommendationRule.findUnique({ where: { slug: input.slug } });
        if (!before) throw notFound("recommendation rule");
        const c = input.conditions;
        if (c?.minGuests !== undefined && c.maxGuests !== undefined && c.minGuests > c.maxGuests)
          throw badInput(
            "The smallest party can't be larger than the largest.",
            "conditions.minGuests",
          );
        if (c || input.target) await checkMenuRefs(tx, before, c, input.target);
        // The reason's placeholders, against what the rule suggests (after this edit): only
        // those the engine fills for it, never shown to customers as typed (finding L2).
        if (input.reason !== undefined || input.target) {
          const target = input.target ?? parseRule(before)?.target;
          const problem = target && reasonPlaceholderProblem(input.reason ?? before.reason, target);
          if (problem) throw badInput(problem, "reason");
        }
        const data: Prisma.RecommendationRuleUpdateInput = {};
        if (input.reason !== undefined && input.reason !== before.reason)
          data.reason = input.reason;
        if (input.priority !== undefined && input.priority !== before.priority)
          data.priority = input.priority;
        if (c !== undefined && JSON.stringify(c) !== JSON.stringify(before.conditions))
          data.conditions = c as Prisma.InputJsonValue;
        if (input.target && JSON.stringify(input.target) !== JSON.stringify(before.target))
          data.target = input.target as Prisma.InputJsonValue;
        if (Object.keys(data).length) {
          await tx.recommendationRule.update({ where: { id: before.id }, data });
          const pick = (o: Record<string, unknown>) =>
            Object.fromEntries(Object.keys(data).map((k) => [k, o[k]]));
          audit({
            action: "recommendation-rule.update",
            entity: "RecommendationRule",
            entityId: before.id,
            before: { name: before.name, ...pick(before) },
            after: { name: before.name, ...pick({ ...before, ...data }) },
          });
        }
        return before.slug;
      },
    );
    return (await listRules(ctx.db)).find((r) => r.slug === slug)!;
  },
});

const EXTRA_KINDS = ["APPETIZER", "ADDON", "SIDE"];

/**
 * The dishes and packages a rule names are on the menu, of the kind its suggestion needs (an
 * upgrade suggests an upgrade, in place of an included protein; an add-on is an appetizer, side
 * or add-on), and the suggestion stays the kind it was (another kind is another rule). Refused
 * in words, naming the field, before anything is written.
 */
async function checkMenuRefs(
  tx: DbTx,
  before: { target: unknown },
  c: RuleConditions | undefined,
  t: RuleTarget | undefined,
): Promise<void> {
  const [items, packages] = await Promise.all([
    tx.menuItem.findMany({ select: { slug: true, name: true, kind: true, active: true } }),
    tx.package.findMany({ select: { slug: true, active: true } }),
  ]);
  const pkg = (slug: string, field: string) => {
    if (!packages.some((p) => p.slug === slug))
      throw badInput(`There is no "${slug}" package on the menu.`, field);
  };
  const item = (slug: string, kinds: string[], field: string, what: string) => {
    const i = items.find((x) => x.slug === slug);
    if (!i) throw badInput(`There is no "${slug}" on the menu.`, field);
    if (!kinds.includes(i.kind)) throw badInput(`${i.name} is not ${what}.`, field);
  };
  for (const slug of c?.packageSlugs ?? []) pkg(slug, "conditions.packageSlugs");
  // "Mostly chicken": the share is of the party's protein portions (included proteins and
  // upgrades), so anything else could never match (finding L3).
  if (c?.proteinShare)
    item(
      c.proteinShare.slug,
      ["PROTEIN", "UPGRADE"],
      "conditions.proteinShare.slug",
      "a protein a party chooses",
    );
  if (!t) return;
  const was = (before.target as { type?: string } | null)?.type;
  if (was && was !== t.type)
    throw badInput(
      "A rule keeps its kind of suggestion: to suggest something of another kind, switch this rule off and ask for a new one.",
      "target.type",
    );
  switch (t.type) {
    case "upgrade":
      item(t.item, ["UPGRADE"], "target.item", "an upgrade");
      if (t.from) item(t.from, ["PROTEIN"], "target.from", "an included protein");
      return;
    case "add-extra":
      item(t.item, EXTRA_KINDS, "target.item", "an appetizer, side or add-on");
      return;
    case "best-of-kind":
      return;
    case "swap-proteins":
      for (const p of t.proteins) item(p, ["PROTEIN"], "target.proteins", "an included protein");
      for (const x of t.addExtras)
        item(x, EXTRA_KINDS, "target.addExtras", "an appetizer, side or add-on");
      return;
    case "switch-package":
      pkg(t.packageSlug, "target.packageSlug");
      for (const x of t.replaceExtras)
        item(x, EXTRA_KINDS, "target.replaceExtras", "an appetizer, side or add-on");
      return;
  }
}

export const setRecommendationHoldoutOp = defineOperation({
  name: "setRecommendationHoldout",
  kind: "mutation",
  summary:
    "Set the share of sessions (0-50 %) that see no suggestions, for the with/without comparison. Sessions keep the arm they drew.",
  input: z.object({
    percent: z
      .number({ error: "Enter the hold-out share as a whole percentage." })
      .int("Enter the hold-out share as a whole percentage.")
      .min(0, "The hold-out share is 0 % or more.")
      .max(
        50,
        "The hold-out share is at most 50 %: more would hide suggestions from most customers.",
      ),
  }),
  output: z.object({ percent: z.number().int() }),
  access: owner,
  async run(ctx, input, user) {
    await adminWrite(
      ctx.db,
      adminDeps(ctx),
      { actor: adminAuthor(user), scopes: ["catalog"], bumpVersion: true },
      async (tx, audit) => {
        const s = await tx.businessSettings.findUnique({ where: { id: 1 } });
        if (!s) throw notFound("business settings");
        if (s.recommendationHoldoutPercent === input.percent) return;
        await tx.businessSettings.update({
          where: { id: 1 },
          data: { recommendationHoldoutPercent: input.percent },
        });
        audit({
          action: "settings.update",
          entity: "BusinessSettings",
          entityId: "1",
          before: { recommendationHoldoutPercent: s.recommendationHoldoutPercent },
          after: { recommendationHoldoutPercent: input.percent },
        });
      },
    );
    return { percent: input.percent };
  },
});

const interval = z.object({ estimate: z.number(), low: z.number(), high: z.number() }).nullable();
const armFigures = z.object({
  sessions: z.number().int(),
  bookings: z.number().int(),
  conversion: z.number().nullable(),
  averageOrderCents: cents.nullable(),
});
const comparison = z.object({
  treatment: armFigures,
  control: armFigures,
  /** Treatment minus control, as a fraction (0.05 = 5 percentage points). */
  conversionDiff: interval,
  /** Treatment minus control, cents. */
  averageOrderDiff: interval,
});

export const getRecommendationReportOp = defineOperation({
  name: "getRecommendationReport",
  kind: "query",
  summary:
    "Suggestions measured: per rule and overall, sessions per arm, conversion and average order value with and without suggestions (95 % intervals of the difference), accept rate and revenue change.",
  output: z.object({
    holdoutPercent: z.number().int(),
    overall: comparison,
    rules: z.array(
      ruleOutput.extend({
        figures: comparison.extend({
          shown: z.number().int(),
          accepted: z.number().int(),
          declined: z.number().int(),
          acceptRate: z.number().nullable(),
          revenueDeltaCents: z.number().int(),
        }),
      }),
    ),
  }),
  access: owner,
  async run(ctx) {
    const [rules, report, settings] = await Promise.all([
      listRules(ctx.db),
      recommendationReport(ctx.db),
      ctx.db.businessSettings.findUnique({
        where: { id: 1 },
        select: { recommendationHoldoutPercent: true },
      }),
    ]);
    return {
      holdoutPercent: settings?.recommendationHoldoutPercent ?? 10,
      overall: report.overall,
      rules: rules.map((r) => {
        const { rule: _r, ...figures } = report.rules.find((f) => f.rule === r.slug)!;
        return { ...r, figures };
      }),
    };
  },
});
