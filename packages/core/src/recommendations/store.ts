// The recommendation tables (issue 16): rules read and parsed, a session's arm drawn once and
// stored (concurrency-safe: INSERT ... ON CONFLICT DO NOTHING, then read what won), events
// logged idempotently (a unique key per session, rule, surface and outcome), a booking linked to
// the session it came from. The suggestion step itself is pure (engine.ts).
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db, type DbTx } from "@myhibachi/db";
import { EMPTY_PROFILE, todayIn, type DietaryProfile } from "@myhibachi/shared";
import { dietaryProfileSchema } from "@myhibachi/shared/booking-schemas";
import type { QueryCache } from "../cache";
import { getCatalog, loadCatalogFromDb, type Catalog } from "../catalog/catalog";
import type { QuoteSelection } from "../pricing/quote";
import { armForKey, type Arm } from "./arm";
import { suggest, type EngineItem, type Suggestion } from "./engine";
import { parseRule, type Rule } from "./rules";

export const SURFACES = ["wizard-menu", "wizard-review", "finish", "chat", "reminder"] as const;
export type RecommendationSurface = (typeof SURFACES)[number];

export const DEFAULT_HOLDOUT_PERCENT = 10;

/** The stored hold-out share (a catalog setting; the migration's default before a seed). */
export const holdoutOf = (c: Catalog) =>
  (c.settings as { recommendationHoldoutPercent?: number }).recommendationHoldoutPercent ??
  DEFAULT_HOLDOUT_PERCENT;

/** The rules as the engine reads them; a row that no longer parses is skipped. */
export async function loadRules(db: Db | DbTx): Promise<Rule[]> {
  const rows = await db.recommendationRule.findMany({ orderBy: [{ priority: "asc" }] });
  return rows.map(parseRule).filter((r): r is Rule => r !== null);
}

/**
 * The session for a key, created on first sight with the arm its key draws under the hold-out
 * share in force then. Two first requests at once both insert; one wins, both read its row.
 */
export async function ensureSession(
  db: Db | DbTx,
  key: string,
  holdoutPercent: number,
  customerId?: string | null,
  /** The server's secret the arm is keyed with (arm.ts); absent: the deterministic rule. */
  armSecret?: string | null,
): Promise<{ id: string; arm: Arm }> {
  await db.recommendationSession.createMany({
    data: [{ key, arm: armForKey(key, holdoutPercent, armSecret), customerId: customerId ?? null }],
    skipDuplicates: true,
  });
  const s = await db.recommendationSession.findUniqueOrThrow({
    where: { key },
    select: { id: true, arm: true },
  });
  return { id: s.id, arm: s.arm === "control" ? "control" : "treatment" };
}

/** Rules declined in the session (never suggested again in it, on any surface). */
export async function declinedRules(db: Db | DbTx, sessionId: string): Promise<Set<string>> {
  const rows = await db.recommendationEvent.findMany({
    where: { sessionId, outcome: "DECLINED" },
    select: { ruleSlug: true },
  });
  return new Set(rows.map((r) => r.ruleSlug));
}

export interface SuggestionRequest {
  sessionKey: string;
  surface: RecommendationSurface;
  selection: QuoteSelection;
  profile: DietaryProfile;
  /** "YYYY-MM-DD"; default: today in the business's time zone. */
  date?: string;
  customerId?: string | null;
  /** Fewer than the engine's two (the reminder and the chat offer one). */
  max?: number;
  /**
   * The protein split is a default, not the customer's (the chat, before proteins are named):
   * rules that read the split (a share of a protein, a swap of proteins) are left out.
   */
  proteinsUnknown?: boolean;
}

/** Does a rule read the selection's protein split? */
const readsProteins = (r: Rule) =>
  r.conditions.proteinShare !== undefined || r.target.type === "swap-proteins";

/**
 * The suggestion step with its bookkeeping: the session's arm, the engine's answer (also for the
 * control arm, logged ELIGIBLE: what it would have seen), SHOWN events for the treatment arm.
 */
export async function suggestForSession(
  deps: { db: Db; cache: QueryCache; now: () => Date; armSecret?: string | null },
  req: SuggestionRequest,
): Promise<{ arm: Arm; suggestions: Suggestion[]; sessionId: string; eligible: number }> {
  const catalog = await getCatalog(deps.db, deps.cache);
  const session = await ensureSession(
    deps.db,
    req.sessionKey,
    holdoutOf(catalog),
    req.customerId,
    deps.armSecret,
  );
  const [rules, declined] = await Promise.all([
    loadRules(deps.db),
    declinedRules(deps.db, session.id),
  ]);
  const suggestions = suggest({
    catalog: { ...catalog, items: catalog.items as EngineItem[] },
    rules: req.proteinsUnknown ? rules.filter((r) => !readsProteins(r)) : rules,
    selection: req.selection,
    profile: req.profile,
    date: req.date ?? todayIn(catalog.settings.timeZone, deps.now()),
    declined,
    max: req.max,
  });
  if (suggestions.length)
    await deps.db.recommendationEvent.createMany({
      data: suggestions.map((s) => ({
        sessionId: session.id,
        ruleSlug: s.rule,
        surface: req.surface,
        outcome: session.arm === "control" ? "ELIGIBLE" : "SHOWN",
        revenueDeltaCents: s.revenueDeltaCents,
      })),
      skipDuplicates: true,
    });
  return {
    arm: session.arm,
    suggestions: session.arm === "control" ? [] : suggestions,
    sessionId: session.id,
    /** How many the engine had (what a held-out session would have seen). */
    eligible: suggestions.length,
  };
}

/**
 * Links the booking a session became (conversion, order value): the session is created if the
 * visit never asked for a suggestion (its arm still drawn from its key). A session already
 * linked keeps its first booking; a booking already linked elsewhere keeps its session. Best
 * effort: the booking is made whatever happens here.
 */
export async function linkSessionToBooking(
  db: Db,
  key: string | undefined | null,
  bookingId: string,
  /** The server's secret the arm is keyed with (as when the session's suggestions were asked). */
  armSecret?: string | null,
): Promise<void> {
  if (!key) return;
  try {
    const [booking, settings] = await Promise.all([
      db.booking.findUnique({ where: { id: bookingId }, select: { customerId: true } }),
      db.businessSettings.findUnique({
        where: { id: 1 },
        select: { recommendationHoldoutPercent: true },
      }),
    ]);
    if (!booking) return;
    const s = await ensureSession(
      db,
      key,
      settings?.recommendationHoldoutPercent ?? DEFAULT_HOLDOUT_PERCENT,
      booking.customerId,
      armSecret,
    );
    await db.recommendationSession.updateMany({
      where: { id: s.id, bookingId: null },
      data: { bookingId, ...(booking.customerId ? { customerId: booking.customerId } : {}) },
    });
  } catch (err) {
    // The unique booking link: this booking (an idempotent replay) is already some session's.
    if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION)
      console.error("recommendations: could not link the booking to its session", err);
  }
}

/**
 * Records an answer to a suggestion the session was SHOWN on that same surface (a rule shown on
 * the menu step can't be "accepted in the reminder": per-surface accept rates stay true, attack
 * 16b R1-8); the revenue delta of an acceptance is the one shown. False when the session doesn't
 * exist or never saw the rule there (nothing written). Idempotent: the same answer twice is one
 * row.
 */
export async function recordOutcome(
  db: Db,
  input: {
    sessionKey: string;
    rule: string;
    surface: RecommendationSurface;
    outcome: "accepted" | "declined";
  },
): Promise<boolean> {
  const shown = await db.recommendationEvent.findFirst({
    where: {
      session: { key: input.sessionKey },
      ruleSlug: input.rule,
      surface: input.surface,
      outcome: "SHOWN",
    },
    orderBy: { createdAt: "desc" },
    select: { sessionId: true, revenueDeltaCents: true },
  });
  if (!shown) return false;
  // One answer per suggestion and session, the first (attack R16-3: a decline then an accept,
  // or both at once, counted twice): the session row is locked while its answers are read.
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "RecommendationSession" WHERE "id" = ${shown.sessionId} FOR UPDATE`;
    const answered = await tx.recommendationEvent.findFirst({
      where: {
        sessionId: shown.sessionId,
        ruleSlug: input.rule,
        outcome: { in: ["ACCEPTED", "DECLINED"] },
      },
      select: { id: true },
    });
    if (answered) return;
    await tx.recommendationEvent.createMany({
      data: [
        {
          sessionId: shown.sessionId,
          ruleSlug: input.rule,
          surface: input.surface,
          outcome: input.outcome === "accepted" ? "ACCEPTED" : "DECLINED",
          revenueDeltaCents: input.outcome === "accepted" ? shown.revenueDeltaCents : 0,
        },
      ],
      skipDuplicates: true,
    });
  });
  return true;
}

/**
 * The reminder's one suggestion for a booking that can still change its party (issue 16): only
 * for a booking that came through a recommendation session (its arm decides: control logs
 * ELIGIBLE and gets none), with the party's own dietary profile. A booking whose allergies were
 * written as free text without a profile gets none: we can't prove a suggestion safe for it.
 * Logged as surface "reminder". Works inside the reminder's transaction.
 */
export async function reminderSuggestion(
  db: Db | DbTx,
  booking: {
    id: string;
    startsAt: Date;
    timeZone: string;
    adults: number;
    children: number;
    selection: unknown;
    allergies?: string | null;
  },
  now: Date,
): Promise<Suggestion | null> {
  const session = await db.recommendationSession.findUnique({
    where: { bookingId: booking.id },
    select: { id: true, arm: true },
  });
  if (!session) return null;
  const catalog = await loadCatalogFromDb(db);
  if (
    now.getTime() >=
    booking.startsAt.getTime() - catalog.settings.partyChangeCutoffHours * 3_600_000
  )
    return null;
  // The structured profile (Booking.dietaryProfile, issue 16's other migration), read so that
  // this works with or without that column.
  const [row] = await db.$queryRaw<{ profile: unknown }[]>`
    SELECT to_jsonb(b) -> 'dietaryProfile' AS profile FROM "Booking" b WHERE b.id = ${booking.id}`;
  const parsed = dietaryProfileSchema.safeParse(row?.profile ?? undefined);
  const profile = row?.profile ? (parsed.success ? parsed.data : null) : EMPTY_PROFILE;
  if (!profile || (!row?.profile && booking.allergies?.trim())) return null;
  const sel = booking.selection as Partial<QuoteSelection> | null;
  if (!sel?.packageSlug || !sel.proteins) return null;
  const [rules, declined] = await Promise.all([loadRules(db), declinedRules(db, session.id)]);
  const [first] = suggest({
    catalog: { ...catalog, items: catalog.items as EngineItem[] },
    rules,
    selection: {
      packageSlug: sel.packageSlug,
      adults: booking.adults,
      children: booking.children,
      proteins: sel.proteins,
      extras: sel.extras ?? {},
    },
    profile,
    date: todayIn(booking.timeZone, booking.startsAt),
    declined,
    max: 1,
  });
  if (!first) return null;
  await db.recommendationEvent.createMany({
    data: [
      {
        sessionId: session.id,
        ruleSlug: first.rule,
        surface: "reminder",
        outcome: session.arm === "control" ? "ELIGIBLE" : "SHOWN",
        revenueDeltaCents: first.revenueDeltaCents,
      },
    ],
    skipDuplicates: true,
  });
  return session.arm === "control" ? null : first;
}
