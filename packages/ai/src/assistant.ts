// One assistant turn, end to end: recognise, score frustration, route, look up the response
// cache, answer through the tier chain (falling back on failure down to the local tier), persist
// the reply once per user message, write the ledger, flag handoffs.
import { isPersonal } from "./personal";
import {
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  type Conversation,
  type Db,
  type Prisma,
} from "@myhibachi/db";
import type { QueryCache } from "@myhibachi/core";
import { CircuitBreaker } from "./circuit";
import { conversationFrustration, FRUSTRATION_THRESHOLD, messageFrustration } from "./frustration";
import { FAQ_INTENTS, recognize, type Intent, type Recognition } from "./intents";
import { extractItems, namedItems } from "./extract";
import { handoffAnswer, planHandoff, withHandoff, type HandoffTurn } from "./handoff";
import { knowledgeBaseStamp } from "./kb";
import { aiSpendCeiling, BUDGET_PAUSE_REASON, getCatalog } from "@myhibachi/core";
import { addDays, createOutageLog, weekdayOf } from "@myhibachi/shared";
import { writeLedger, type LedgerRow } from "./ledger";
import { costMicros } from "./prices";
import { LocalProvider } from "./providers/local";
import { OpenAiProvider, PROMPT_VERSION } from "./providers/openai";
import {
  ProviderError,
  type ChatProvider,
  type HistoryMessage,
  type Memory,
  type ModelCall,
  type TurnResult,
} from "./providers/types";
import { ResponseCache, type CachedAnswer, type CacheStatus } from "./response-cache";
import { fallbackChain, routeTurn, type Route, type Tier } from "./router";
import { TOOLS_VERSION, type ToolContext, type ToolExtras } from "./tools";
import { fingerprintOf, hashOf, redactPreview } from "./text";

export interface AiEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  AI_MODEL_SMALL?: string;
  AI_MODEL_MEDIUM?: string;
  AI_MODEL_STRONG?: string;
}

export const DEFAULT_MODELS: Record<Exclude<Tier, "local">, string> = {
  small: "gpt-4.1-nano",
  medium: "gpt-4o-mini",
  strong: "gpt-4o",
};

/** Model providers per tier from settings: none without a key or base URL (local tier only). */
export function providersFromEnv(env: AiEnv): Partial<Record<Tier, ChatProvider>> {
  if (!env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) return {};
  const out: Partial<Record<Tier, ChatProvider>> = {};
  const models = {
    small: env.AI_MODEL_SMALL ?? DEFAULT_MODELS.small,
    medium: env.AI_MODEL_MEDIUM ?? DEFAULT_MODELS.medium,
    strong: env.AI_MODEL_STRONG ?? DEFAULT_MODELS.strong,
  };
  for (const tier of ["small", "medium", "strong"] as const)
    out[tier] = new OpenAiProvider({
      apiKey: env.OPENAI_API_KEY ?? "not-needed",
      ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
      model: models[tier],
    });
  return out;
}

export interface AssistantDeps {
  db: Db;
  cache: QueryCache;
  responses: ResponseCache;
  /** Tiers with a model; `local` is always the built-in local tier unless overridden (bench). */
  providers: Partial<Record<Tier, ChatProvider>>;
  siteUrl: string;
  now?: () => Date;
  breaker?: CircuitBreaker;
  frustrationThreshold?: number;
  /** Answer every turn with this tier (benchmark baseline: "always the strongest model"). */
  routeOverride?: Tier;
  /** Tells browsers waiting on this conversation that a reply is stored (Redis pub/sub). */
  publish?: (conversationId: string, messageId: string) => Promise<void>;
}

/** Seconds an answer of each class stays in the cache. */
export const CACHE_TTL = { faq: 24 * 3600, quote: 3600, availability: 60, general: 3600 } as const;
export type CacheClass = keyof typeof CACHE_TTL | "none";

export interface TurnPlan {
  conversationId: string;
  userMessageId: string;
  text: string;
  recognition: Recognition;
  known: Memory;
  /** Messages before this one in the conversation. */
  depth: number;
  /** Recent messages (oldest first), read only when a model must answer. */
  loadHistory: () => Promise<HistoryMessage[]>;
  frustration: { message: number; conversation: number; reasons: string[] };
  handoff: string | null;
  /** What the hand-off adds: the ask for a contact, the contact given, or a whole answer. */
  handoffTurn: HandoffTurn;
  route: Route;
  cacheClass: CacheClass;
  cacheKey: string | null;
  fingerprint: string;
  preview: string;
  /** Builds the tools' context (loads the full catalog): only when something must be computed. */
  loadTools: () => Promise<ToolContext>;
}

export interface ReplyView {
  id: string;
  content: string;
  status: "DONE" | "ERROR";
  cacheStatus: string | null;
  tier: string | null;
  extras: ToolExtras;
  /** For an answer served from the cache: the normalised question it was computed for. */
  cachedFrom?: string;
  /** For a cache hit on the web fast path: time to recognise, route and look up, in ms. */
  lookupMs?: number;
}

/** Slots that shape each intent's answer (and so belong in its cache key). */
function relevantSlots(intent: Intent, k: Memory, r: Recognition): Record<string, unknown> {
  switch (intent) {
    case "pricing":
      return {
        guests: k.guests,
        adults: k.adults,
        children: k.children,
        zip: k.postalCode,
        items: k.items ?? {},
      };
    case "availability":
      return {
        date: k.date,
        from: k.from,
        to: k.to,
        guests: k.guests,
        zip: k.postalCode,
        city: k.postalCode ? undefined : (r.slots.city ?? k.city),
      };
    case "dietary":
      return r.slots.named?.length
        ? { diet: r.slots.diet ?? k.diet ?? [], dishes: r.slots.named }
        : { diet: r.slots.diet ?? [] };
    case "service_area":
      return { zip: r.slots.postalCode, city: r.slots.city };
    default:
      return {};
  }
}

function cacheClassFor(plan: Omit<TurnPlan, "cacheClass" | "cacheKey">): CacheClass {
  const r = plan.recognition;
  if (plan.handoff) return "none";
  // About the customer's own booking, money or event: the answer is theirs alone.
  if (isPersonal(plan.text)) return "none";
  if (r.slots.email || r.slots.bookingCode) return "none";
  const intents = [r.intent, ...r.also];
  if (
    intents.some(
      (i) =>
        i === "booking_status" || i === "booking_request" || i === "human" || i === "complaint",
    )
  )
    return "none";
  if (plan.known.pendingBooking) return "none";
  if (r.confident || r.also.length) {
    if (intents.includes("availability")) return "availability";
    if (intents.every((i) => FAQ_INTENTS.has(i)))
      return intents.includes("pricing") && plan.known.guests ? "quote" : "faq";
  }
  // Unrecognised text: only a conversation's first message is free of context.
  return plan.depth === 0 && r.intent !== "availability" ? "general" : "none";
}

/** The date with `weekday` within three days either side of `anchor`. */
export function sameWeekAs(anchor: string, weekday: number): string {
  for (let i = -3; i <= 3; i++) {
    const d = addDays(anchor, i);
    if (weekdayOf(d) === weekday) return d;
  }
  return anchor;
}

function mergeMemory(memory: Memory, r: Recognition, now: Date): Memory {
  const s = r.slots;
  const k: Memory = { ...memory };
  const anchor = memory.date ?? memory.from;
  if (s.date && s.weekdayOnly !== undefined && anchor) {
    // "ok, saturday at 5" after talking about the weekend of Dec 12 means Dec 12, not the next
    // Saturday: read a bare weekday within the week of the date under discussion.
    k.date = sameWeekAs(anchor, s.weekdayOnly);
    delete k.from;
    delete k.to;
  } else if (s.date) {
    k.date = s.date;
    delete k.from;
    delete k.to;
  } else if (s.from) {
    k.from = s.from;
    k.to = s.to;
    delete k.date;
  }
  if (s.startMinute !== undefined) k.startMinute = s.startMinute;
  if (s.guests !== undefined) {
    k.guests = s.guests;
    k.adults = s.adults;
    k.children = s.children;
  }
  if (s.postalCode) k.postalCode = s.postalCode;
  if (s.city) k.city = s.city;
  if (s.items) k.items = { ...k.items, ...s.items };
  if (s.diet) k.diet = [...new Set([...(k.diet ?? []), ...s.diet])].sort();
  // Forget stale dates.
  const today = now.toISOString().slice(0, 10);
  if (k.date && k.date < today) delete k.date;
  return k;
}

/** Publishing "reply stored" to Redis pub/sub (one log per outage: it fails with Redis). */
const publishOutage = createOutageLog(
  "[assistant] announcing a stored reply",
  "open chat streams find it by polling the database",
);

export class Assistant {
  readonly breaker: CircuitBreaker;
  private readonly local: ChatProvider;

  constructor(readonly deps: AssistantDeps) {
    this.breaker = deps.breaker ?? new CircuitBreaker();
    this.local = deps.providers.local ?? new LocalProvider();
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Everything decided before answering: shared by the web fast path and the worker. */
  async plan(
    userMessageId: string,
    preloaded?: {
      message: {
        id: string;
        content: string;
        createdAt: Date;
        conversationId: string;
        clientAddress: string | null;
      };
      conversation: Conversation;
    },
  ): Promise<TurnPlan> {
    const { db } = this.deps;
    // The web fast path passes the rows it just wrote; the knowledge base comes from Redis and
    // history is read only when a model answers, so a cache hit costs no database read.
    const [row, kb] = await Promise.all([
      preloaded
        ? { ...preloaded.message, conversation: preloaded.conversation }
        : db.chatMessage.findUniqueOrThrow({
            where: { id: userMessageId },
            include: { conversation: true },
          }),
      knowledgeBaseStamp(db, this.deps.cache),
    ]);
    const msg = row;
    const conv = row.conversation;
    const now = this.now();
    const recognition = recognize(msg.content, now, kb.timeZone);
    const city = (kb.cities ?? []).find((c) => recognition.normalized.includes(c.toLowerCase()));
    if (city) recognition.slots.city = city;
    // "is the fried rice safe for him?" after "my son is allergic to shellfish": a question about
    // one dish against the allergy already mentioned.
    const dishes = namedItems(msg.content, kb.dishWords ?? []);
    const earlier = (conv.memory ?? {}) as Memory;
    const askedAboutDish =
      dishes.length > 0 &&
      (/\b(safe|ok|okay|contain|contains|have|has|free|allerg\w*|ingredients?|in it|made with)\b/i.test(
        msg.content,
      ) ||
        !!recognition.slots.diet?.length ||
        (earlier.lastIntent === "dietary" && /^\W*((what|how) about|and)\b/i.test(msg.content)));
    const diet = recognition.slots.diet ?? earlier.diet;
    if (
      askedAboutDish &&
      diet?.length &&
      ["unknown", "dietary", "menu"].includes(recognition.intent)
    ) {
      recognition.slots.named = dishes;
      recognition.intent = "dietary";
      recognition.confident = true;
    }
    const items = extractItems(msg.content, kb.itemWords ?? []);
    if (Object.keys(items).length) {
      recognition.slots.items = items;
      // "we want 4 lobster upgrades too": a price question about the party's selection.
      if (["unknown", "menu"].includes(recognition.intent)) {
        recognition.intent = "pricing";
        recognition.confident = true;
      }
    }
    const memory = (conv.memory ?? {}) as Memory;
    // A reply that only fills in what a pending booking missed continues the booking.
    const s = recognition.slots;
    if (
      memory.pendingBooking &&
      ["unknown", "service_area", "availability", "thanks"].includes(recognition.intent) &&
      (s.postalCode || s.startMinute !== undefined || s.guests !== undefined || s.date)
    ) {
      recognition.intent = "booking_request";
      recognition.confident = false;
    }
    const known = mergeMemory(memory, recognition, now);
    const depth = memory.turns ?? 0;
    const recentFailures = (memory.recent ?? []).slice(-4).filter((x) => x === 1).length;
    const mf = messageFrustration({ text: msg.content, recentFailures });
    const convFrustration = conversationFrustration(conv.frustration, mf.score);
    const threshold = this.deps.frustrationThreshold ?? FRUSTRATION_THRESHOLD;
    const handoff =
      recognition.intent === "human" || recognition.also.includes("human")
        ? "asked for a person"
        : recognition.intent === "complaint"
          ? "complaint"
          : convFrustration >= threshold
            ? `frustration ${convFrustration.toFixed(2)} (${mf.reasons.join(", ") || "rolling"})`
            : null;
    const route = routeTurn({
      intent: recognition.intent,
      confident: recognition.confident,
      also: recognition.also,
      text: msg.content,
      questionCount: recognition.questionCount,
      depth,
      frustration: convFrustration,
      frustrationThreshold: threshold,
      recentFailures,
    });
    if (this.deps.routeOverride) {
      route.tier = this.deps.routeOverride;
      route.reasons.push(`override:${route.tier}`);
    } else if (handoff && route.tier !== "strong") {
      route.tier = "strong";
      route.reasons.push(`handoff:strong`);
    }
    const loadHistory = async (): Promise<HistoryMessage[]> => {
      const earlier = await db.chatMessage.findMany({
        where: { conversationId: conv.id, createdAt: { lte: msg.createdAt }, id: { not: msg.id } },
        orderBy: { createdAt: "desc" },
        take: 12,
      });
      return earlier
        .reverse()
        .filter((m) => m.status !== "ERROR")
        .map((m) => ({ role: m.role === "USER" ? "user" : "assistant", content: m.content }));
    };
    const loadTools = async (): Promise<ToolContext> => ({
      db,
      cache: this.deps.cache,
      catalog: await getCatalog(db, this.deps.cache),
      now,
      identity: { userId: conv.userId, visitorId: conv.visitorId, address: msg.clientAddress },
      turnKey: msg.id,
      siteUrl: this.deps.siteUrl,
    });
    const base = {
      conversationId: conv.id,
      userMessageId: msg.id,
      text: msg.content,
      recognition,
      known,
      depth,
      loadHistory,
      frustration: { message: mf.score, conversation: convFrustration, reasons: mf.reasons },
      handoff,
      handoffTurn: await planHandoff(db, conv, msg, handoff, now),
      route,
      fingerprint: fingerprintOf(msg.content),
      preview: redactPreview(msg.content),
      loadTools,
    };
    let cacheClass = base.handoffTurn.reply ? "none" : cacheClassFor(base);
    let cacheKey: string | null = null;
    // An answer is only as fresh as the data it was computed from: its key carries the
    // generations of the caches behind that data, so a booking made a moment ago (calendar) or a
    // price changed (catalog) makes every answer that used them miss. When the generations can't
    // be read, nothing is served from or stored in the cache.
    const stamp =
      cacheClass === "none"
        ? null
        : await this.deps.cache.generations(
            cacheClass === "availability" ? ["catalog", "chefs", "calendar"] : ["catalog"],
          );
    if (stamp === null) cacheClass = "none";
    if (cacheClass !== "none") {
      const intents = [recognition.intent, ...recognition.also].sort();
      const recognised = cacheClass !== "general";
      const slots = recognised
        ? Object.assign({}, ...intents.map((i) => relevantSlots(i, known, recognition)))
        : {};
      cacheKey = this.deps.responses.keyFor({
        tier: route.tier,
        promptVersion: PROMPT_VERSION,
        toolsVersion: TOOLS_VERSION,
        kbVersion: kb.version,
        question: recognised ? intents.join("+") : `text:${recognition.normalized}`,
        context: hashOf({ ...slots, data: stamp }, 16),
      });
    }
    return { ...base, cacheClass, cacheKey };
  }

  /** Runs the tier chain: the routed tier, then cheaper ones, ending at local. */
  private async compute(plan: TurnPlan): Promise<{
    result: TurnResult;
    tier: Tier;
    provider: ChatProvider;
    ledger: LedgerRow[];
    fellBack: boolean;
  }> {
    const ledger: LedgerRow[] = [];
    const row = (
      call: ModelCall,
      tier: Tier,
      outcome: LedgerRow["outcome"],
      status: CacheStatus,
    ): LedgerRow => ({
      conversationId: plan.conversationId,
      provider: call.provider,
      model: call.model,
      tier,
      usage: call.usage,
      latencyMs: call.latencyMs,
      cacheStatus: status,
      outcome,
      error: call.error ?? null,
      intent: plan.recognition.intent,
      fingerprint: plan.fingerprint,
      preview: plan.preview,
      routeReasons: {
        score: plan.route.score,
        routed: plan.route.tier,
        reasons: plan.route.reasons,
      },
    });
    let failed = false;
    const skipped: string[] = [];
    let history: HistoryMessage[] | null = null;
    let tools: ToolContext | null = null;
    const chain = fallbackChain(plan.route.tier);
    // The hard spend ceiling: with this month's budget spent, no paid model is called at all.
    // The local answer is recorded as a fallback (never cached, so paid answers resume as soon
    // as the owner raises the budget) with the reason in the ledger row.
    const paidPaused =
      chain.some((t) => t !== "local" && this.deps.providers[t]) &&
      (await aiSpendCeiling(this.deps.db, { now: this.now() })).reached;
    if (paidPaused) {
      plan.route.reasons.push(BUDGET_PAUSE_REASON);
      failed = true;
    }
    for (const tier of chain) {
      const provider = tier === "local" ? this.local : this.deps.providers[tier];
      if (!provider) continue; // tier not configured: the next cheaper one answers
      if (tier !== "local" && paidPaused) continue;
      const id = `${provider.name}:${provider.model}`;
      if (tier !== "local" && this.breaker.isOpen(id)) {
        skipped.push(`${tier}:circuit-open`);
        failed = true;
        continue;
      }
      try {
        const result = await provider.answer({
          tier,
          text: plan.text,
          history: (history ??= await plan.loadHistory()),
          recognition: plan.recognition,
          known: plan.known,
          tools: (tools ??= await plan.loadTools()),
        });
        this.breaker.success(id);
        result.calls.forEach((c, i) =>
          ledger.push(
            row(c, tier, failed && i === result.calls.length - 1 ? "fallback" : "ok", "miss"),
          ),
        );
        if (skipped.length) plan.route.reasons.push(...skipped);
        return { result, tier, provider, ledger, fellBack: failed };
      } catch (err) {
        if (tier === "local") throw err;
        this.breaker.failure(id);
        failed = true;
        const calls = err instanceof ProviderError ? err.calls : [];
        for (const c of calls) ledger.push(row(c, tier, c.error ? "error" : "ok", "miss"));
        if (!calls.length)
          ledger.push(
            row(
              {
                provider: provider.name,
                model: provider.model,
                usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
                latencyMs: 0,
                error: err instanceof Error ? err.message : String(err),
              },
              tier,
              "error",
              "miss",
            ),
          );
      }
    }
    throw new Error("no tier could answer");
  }

  /** Web fast path: the stored reply when the answer is cached, else null (enqueue the job). */
  async replyFromCache(
    userMessageId: string,
    preloaded?: Parameters<Assistant["plan"]>[1],
  ): Promise<ReplyView | null> {
    // A message just written by the caller has no reply yet; otherwise check (a retried send).
    if (!preloaded) {
      const existing = await this.existingReply(userMessageId);
      if (existing) return existing;
    }
    const started = performance.now();
    const plan = await this.plan(userMessageId, preloaded);
    if (!plan.cacheKey) return null;
    const hit = await this.deps.responses.get(plan.cacheKey);
    if (!hit) return null;
    const lookupMs = performance.now() - started;
    const view = await this.persist(plan, {
      content: hit.content,
      extras: hit.extras,
      intent: plan.recognition.intent,
      tier: plan.route.tier,
      cacheStatus: "hit",
      toolCalls: [],
      memory: plan.known,
      unknown: false,
      ledger: [this.hitRow(plan, hit, lookupMs)],
    });
    return { ...view, cachedFrom: hit.source, lookupMs };
  }

  private hitRow(plan: TurnPlan, hit: CachedAnswer, latencyMs: number): LedgerRow {
    return {
      conversationId: plan.conversationId,
      provider: "cache",
      model: hit.model,
      tier: plan.route.tier,
      usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
      latencyMs,
      cacheStatus: "hit",
      outcome: "ok",
      intent: plan.recognition.intent,
      fingerprint: plan.fingerprint,
      preview: plan.preview,
      savedMicros: hit.costMicros,
      routeReasons: {
        score: plan.route.score,
        routed: plan.route.tier,
        reasons: plan.route.reasons,
      },
    };
  }

  /** The worker's turn: idempotent per user message (one reply, whatever the retries). */
  async respond(userMessageId: string): Promise<ReplyView & { replayed?: boolean }> {
    const existing = await this.existingReply(userMessageId);
    if (existing) return { ...existing, replayed: true };
    const started = performance.now();
    const plan = await this.plan(userMessageId);
    if (plan.handoffTurn.reply)
      return this.persist(plan, handoffAnswer(plan.handoffTurn, plan.known));
    let computed: Awaited<ReturnType<Assistant["compute"]>> | null = null;
    const produce = async () => {
      computed = await this.compute(plan);
      const { result, tier, provider, fellBack } = computed;
      const cost = result.calls.reduce((n, c) => n + costMicros(c.model, c.usage).costMicros, 0);
      return {
        cacheable: !result.wrote && !result.personal && !result.unknown && !fellBack,
        value: {
          content: result.content,
          extras: result.extras,
          intent: plan.recognition.intent,
          tier,
          provider: provider.name,
          model: result.calls[result.calls.length - 1]?.model ?? provider.model,
          costMicros: cost,
          question: plan.recognition.intent,
          source: plan.recognition.normalized,
          createdAt: this.now().toISOString(),
        } satisfies CachedAnswer,
      };
    };
    let status: CacheStatus;
    let value: CachedAnswer;
    if (plan.cacheKey && plan.cacheClass !== "none") {
      const out = await this.deps.responses.getOrCompute(
        plan.cacheKey,
        CACHE_TTL[plan.cacheClass],
        produce,
      );
      status = out.status;
      value = out.value;
    } else {
      status = "bypass";
      value = (await produce()).value;
    }
    const c = computed as Awaited<ReturnType<Assistant["compute"]>> | null;
    const ledger = c
      ? c.ledger.map((r) => ({ ...r, cacheStatus: status === "hit" ? ("miss" as const) : status }))
      : [this.hitRow(plan, value, performance.now() - started)];
    const view = await this.persist(plan, {
      content: value.content,
      extras: value.extras,
      intent: c?.result.unknown ? "unknown" : plan.recognition.intent,
      tier: c ? c.tier : plan.route.tier,
      cacheStatus: c ? status : "hit",
      toolCalls: c?.result.toolCalls ?? [],
      memory: c?.result.memory ?? plan.known,
      unknown: c?.result.unknown ?? false,
      ledger,
    });
    return c ? view : { ...view, cachedFrom: value.source };
  }

  /** Stores the final failure of a turn (all retries used) as an error reply the UI can show. */
  async fail(userMessageId: string, error: string): Promise<ReplyView> {
    const existing = await this.existingReply(userMessageId);
    if (existing) return existing;
    const msg = await this.deps.db.chatMessage.findUniqueOrThrow({ where: { id: userMessageId } });
    const settings = await this.deps.db.businessSettings.findUnique({ where: { id: 1 } });
    const reply = await this.createReply({
      conversationId: msg.conversationId,
      role: "ASSISTANT",
      replyToId: msg.id,
      status: "ERROR",
      content: `Sorry, I couldn't answer just now. Please try again${settings ? `, or call us at ${settings.phone}` : ""}.`,
      error: error.slice(0, 1000),
    });
    const conv = await this.deps.db.conversation.findUnique({ where: { id: msg.conversationId } });
    const memory = (conv?.memory ?? {}) as Memory;
    await this.deps.db.conversation.update({
      where: { id: msg.conversationId },
      data: {
        memory: {
          ...memory,
          turns: (memory.turns ?? 0) + 2,
          recent: [...(memory.recent ?? []), 1].slice(-4),
        } as Prisma.InputJsonValue,
      },
    });
    await this.announce(msg.conversationId, reply.id);
    return this.view(reply);
  }

  /** Tells open chat streams the reply is stored. Best effort: streams also poll the database. */
  private async announce(conversationId: string, replyId: string): Promise<void> {
    if (!this.deps.publish) return;
    try {
      await this.deps.publish(conversationId, replyId);
      publishOutage.recovered();
    } catch (err) {
      publishOutage.failed(err);
    }
  }

  private async existingReply(userMessageId: string): Promise<ReplyView | null> {
    const r = await this.deps.db.chatMessage.findUnique({ where: { replyToId: userMessageId } });
    return r ? this.view(r) : null;
  }

  private view(r: {
    id: string;
    content: string;
    status: string;
    cacheStatus: string | null;
    tier: string | null;
    extras: unknown;
  }): ReplyView {
    return {
      id: r.id,
      content: r.content,
      status: r.status === "ERROR" ? "ERROR" : "DONE",
      cacheStatus: r.cacheStatus,
      tier: r.tier,
      extras: (r.extras ?? {}) as ToolExtras,
    };
  }

  private async createReply(data: Prisma.ChatMessageUncheckedCreateInput) {
    try {
      return await this.deps.db.chatMessage.create({ data });
    } catch (err) {
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      return this.deps.db.chatMessage.findUniqueOrThrow({ where: { replyToId: data.replyToId! } });
    }
  }

  private async persist(
    plan: TurnPlan,
    out: {
      content: string;
      extras: ToolExtras;
      intent: string;
      tier: string;
      cacheStatus: CacheStatus;
      toolCalls: unknown[];
      memory: Memory;
      unknown: boolean;
      ledger: LedgerRow[];
    },
  ): Promise<ReplyView> {
    const { db } = this.deps;
    const now = this.now();
    const memory: Memory = {
      ...out.memory,
      lastIntent: plan.recognition.intent,
      turns: plan.depth + 2,
      recent: [...(plan.known.recent ?? []), out.unknown ? 1 : 0].slice(-4),
    };
    // One transaction: the reply, its ledger rows, the message's intent and the conversation's
    // memory and hand-off flag become visible together. A retried or concurrent run of the same
    // turn fails on the unique replyToId, rolls back whole, and returns the first reply, so
    // nothing (ledger rows included) is written twice.
    let reply;
    try {
      reply = await db.$transaction(async (tx) => {
        const created = await tx.chatMessage.create({
          data: {
            conversationId: plan.conversationId,
            role: "ASSISTANT",
            replyToId: plan.userMessageId,
            status: "DONE",
            content: withHandoff(out.content, plan.handoffTurn),
            intent: out.intent,
            tier: out.tier,
            cacheStatus: out.cacheStatus,
            toolCalls: out.toolCalls as Prisma.InputJsonValue,
            extras: { ...out.extras, ...plan.handoffTurn.extras } as Prisma.InputJsonValue,
          },
        });
        await writeLedger(
          tx,
          out.ledger.map((r) => ({ ...r, messageId: created.id })),
        );
        await tx.chatMessage.update({
          where: { id: plan.userMessageId },
          data: { intent: plan.recognition.intent, frustration: plan.frustration.message },
        });
        const conv = await tx.conversation.findUniqueOrThrow({
          where: { id: plan.conversationId },
        });
        await tx.conversation.update({
          where: { id: plan.conversationId },
          data: {
            memory: memory as Prisma.InputJsonValue,
            frustration: plan.frustration.conversation,
            lastMessageAt: now,
            // Handed off again after staff marked it handled: a new hand-off (and transcript).
            ...(plan.handoff && conv.status !== "HANDOFF"
              ? { status: "HANDOFF", flaggedAt: now, flagReason: plan.handoff }
              : {}),
            ...plan.handoffTurn.conversation,
          },
        });
        return created;
      });
    } catch (err) {
      if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
      reply = await db.chatMessage.findUniqueOrThrow({ where: { replyToId: plan.userMessageId } });
      // The model calls this losing run made were real spend: the ledger keeps one row per call.
      await writeLedger(
        db,
        out.ledger.map((r) => ({ ...r, messageId: reply!.id })),
      );
    }
    await this.announce(plan.conversationId, reply.id);
    return this.view(reply);
  }
}
