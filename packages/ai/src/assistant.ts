// One assistant turn, orchestrated: understand the message in its conversation (understanding.ts,
// frame.ts), score frustration and hand-off, route, decide what of the answer may be shared
// (cache-policy.ts), look up the response cache, answer through the tier chain (tiers.ts), and
// store the reply once per user message (persistence.ts).
import type { Conversation, Db } from "@myhibachi/db";
import {
  bookingWindowFor,
  catalogWithWindow,
  getCatalog,
  type CacheScope,
  type QueryCache,
} from "@myhibachi/core";
import { CACHE_TTL, cacheClassFor, dataScopes, questionKey, type CacheClass } from "./cache-policy";
import { CircuitBreaker } from "./circuit";
import { conversationFrustration, FRUSTRATION_THRESHOLD, messageFrustration } from "./frustration";
import type { Recognition } from "./intents";
import { handoffAnswer, planHandoff, type HandoffTurn } from "./handoff";
import { saysYes } from "./suggestion-answer";
import { keptKnowledgeBaseStamp, knowledgeBaseStamp, type KnowledgeBaseStamp } from "./kb";
import { costMicros } from "./prices";
import { LocalProvider } from "./providers/local";
import { OpenAiProvider, PROMPT_VERSION } from "./providers/openai";
import type { ChatProvider, HistoryMessage, Memory } from "./providers/types";
import { ResponseCache, type CachedAnswer, type CacheStatus } from "./response-cache";
import { routeTurn, type Route, type Tier } from "./router";
import { TierChain, type Computed } from "./tiers";
import { TOOLS_VERSION, type ToolContext, type ToolExtras } from "./tools";
import { assistantCaller } from "./identity";
import type { AiSettings } from "./env-schema";
import { PartialReply, TurnStore, type StoredTurn } from "./persistence";
import { chatSuggestion } from "./suggestion";
import { understand, type UnderstandStage } from "./understanding";
import { customerText, fingerprintOf, hashOf, redactPreview } from "./text";

export { CACHE_TTL, type CacheClass } from "./cache-policy";
export { sameWeekAs } from "./frame";

type ModelTier = Exclude<Tier, "local">;

/** Every scope an answer's key may carry (`dataScopes`), read together on each turn. */
const DATA_SCOPES: CacheScope[] = ["catalog", "chefs", "calendar"];

type Generations = Record<CacheScope, string>;

/** What `QueryCache.generations(scopes)` says, from the generations read at once. */
function stampOf(gens: Record<CacheScope, string | null> | null, scopes: CacheScope[]) {
  if (!gens) return null;
  const each = scopes.map((s) => gens[s]);
  return each.every((g): g is string => g !== null) ? each.join(".") : null;
}

/** The assistant's settings (validated by each app's env.ts with `aiEnvShape`). */
export type AiEnv = AiSettings;

export const DEFAULT_MODELS: Record<ModelTier, string> = {
  small: "gpt-4.1-nano",
  medium: "gpt-4o-mini",
  strong: "gpt-4o",
};

/**
 * Model providers per tier from settings. A tier has its own server when AI_<TIER>_BASE_URL or
 * AI_<TIER>_API_KEY is set (e.g. a local Ollama for small, OpenAI for strong), else the shared
 * OPENAI_API_KEY / OPENAI_BASE_URL; no model at all without any of them (local tier only). A
 * tier's own base URL never receives the shared OpenAI key.
 */
export function providersFromEnv(env: AiEnv): Partial<Record<Tier, ChatProvider>> {
  const out: Partial<Record<Tier, ChatProvider>> = {};
  const shared = !!(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  for (const tier of ["small", "medium", "strong"] as const) {
    const T = tier.toUpperCase() as Uppercase<ModelTier>;
    const baseURL = env[`AI_${T}_BASE_URL`];
    const apiKey = env[`AI_${T}_API_KEY`];
    const own = !!(baseURL || apiKey);
    if (!own && !shared) continue;
    const url = own ? (baseURL ?? env.OPENAI_BASE_URL) : env.OPENAI_BASE_URL;
    out[tier] = new OpenAiProvider({
      apiKey: (own ? apiKey : env.OPENAI_API_KEY) ?? "not-needed",
      ...(url ? { baseURL: url } : {}),
      model: env[`AI_${T}_MODEL`] ?? env[`AI_MODEL_${T}`] ?? DEFAULT_MODELS[tier],
    });
  }
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
  /**
   * The deposit is paid online (Stripe configured). Without it everything is paid at the event
   * and no answer speaks of a deposit or a refund.
   */
  payOnline?: boolean;
  /**
   * The reply may end with the conversation's one menu suggestion (suggestion.ts). On in the
   * apps (createAssistant); off where an Assistant is built by hand unless asked for, so an
   * answer compared with its cached twin is the answer alone.
   */
  menuSuggestions?: boolean;
  /** The server's secret the suggestions' arms are drawn with (AUTH_SECRET), as the site's. */
  armSecret?: string | null;
  /** Tells browsers waiting on this conversation that a reply is stored (Redis pub/sub). */
  publish?: (conversationId: string, messageId: string) => Promise<void>;
  /** Streams a model's reply so far to browsers waiting for the reply to `messageId`. */
  publishPartial?: (conversationId: string, messageId: string, text: string) => Promise<void>;
  /**
   * Called as each stage of planning a turn ends (`pnpm bench ai-hits` times the cache-hit path
   * stage by stage); nothing in the app sets it.
   */
  lap?: (stage: Stage) => void;
}

/** The stages of the cache-hit path, in order, as `AssistantDeps.lap` names them. */
export type Stage =
  "kb" | UnderstandStage | "route" | "handoff" | "generations" | "key" | "get" | "persist";

export interface TurnPlan {
  conversationId: string;
  userMessageId: string;
  text: string;
  recognition: Recognition;
  known: Memory;
  /** The conversation's frame before this message (a model records the message over it). */
  before: Memory;
  /** Words of the message nothing understood (shared only with the same text when any). */
  residue: string[];
  /** Messages before this one in the conversation. */
  depth: number;
  /** Recent messages (oldest first), read only when a model must answer. */
  loadHistory: () => Promise<HistoryMessage[]>;
  frustration: { message: number; conversation: number; reasons: string[] };
  handoff: string | null;
  /** What the hand-off adds: the ask for a contact, the contact given, or a whole answer. */
  handoffTurn: HandoffTurn;
  route: Route;
  /** The tier that answers when nothing fails (the cache key's tier). */
  answering: Tier;
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

type Preloaded = {
  message: {
    id: string;
    content: string;
    createdAt: Date;
    conversationId: string;
    clientAddress: string | null;
  };
  conversation: Conversation;
};

export class Assistant {
  readonly breaker: CircuitBreaker;
  private readonly tiers: TierChain;
  private readonly store: TurnStore;
  /** The data generations the last turn read (the fast path assumes them, then checks). */
  private lastGenerations: Generations | null = null;

  constructor(readonly deps: AssistantDeps) {
    this.breaker = deps.breaker ?? new CircuitBreaker();
    const now = () => this.now();
    this.tiers = new TierChain({
      db: deps.db,
      providers: deps.providers,
      local: deps.providers.local ?? new LocalProvider(),
      breaker: this.breaker,
      now,
    });
    this.store = new TurnStore({
      db: deps.db,
      now,
      ...(deps.publish ? { publish: deps.publish } : {}),
    });
  }

  private now(): Date {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /** Everything decided before answering: shared by the web fast path and the worker. */
  async plan(
    userMessageId: string,
    preloaded?: Preloaded,
    /** Generations and stamp assumed current (the fast path checks them after planning). */
    assumed?: { gens: Generations; kb: KnowledgeBaseStamp },
  ): Promise<TurnPlan> {
    const { db, lap } = this.deps;
    // The web fast path passes the rows it just wrote; the knowledge base comes from Redis and
    // history is read only when a model answers, so a cache hit costs no database read.
    // One Redis round trip reads every data generation the turn may need: the catalog's keys
    // the knowledge-base stamp (kept in process per generation), all of them the answer's key.
    const [row, { kb, gens }] = await Promise.all([
      preloaded
        ? { ...preloaded.message, conversation: preloaded.conversation }
        : db.chatMessage.findUniqueOrThrow({
            where: { id: userMessageId },
            include: { conversation: true },
          }),
      assumed ??
        this.deps.cache.generationsEach(DATA_SCOPES).then(async (gens) => {
          if (gens && DATA_SCOPES.every((s) => gens[s] !== null))
            this.lastGenerations = gens as Generations;
          return {
            gens,
            kb: await knowledgeBaseStamp(db, this.deps.cache, gens ? gens.catalog : undefined),
          };
        }),
    ]);
    lap?.("kb");
    // Every surface's customer text (the site's chat, texts, the phone's speech) is read as one
    // form from here on: fullwidth "１０ people, zip ９５１２５" is 10 people in 95125. The message
    // is stored as it was written; only what reads it sees the folded text.
    const msg = { ...row, content: customerText(row.content) };
    const conv = row.conversation;
    const now = this.now();
    const memory = (conv.memory ?? {}) as Memory;
    const { recognition, known, residue } = understand(msg.content, memory, kb, now, lap);
    // "Yes please" right after a reply that didn't know (it offers to pass the chat to a
    // person): a person it is, on every channel.
    if (memory.recent?.at(-1) === 1 && saysYes(msg.content)) {
      recognition.intent = "human";
      recognition.confident = true;
    }
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
    } else if (this.tiers.primary(route.tier) !== route.tier) {
      // A model, when configured, answers every turn; the score still picks the model.
      route.tier = this.tiers.primary(route.tier);
      route.reasons.push(`model:${route.tier}`);
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
        .map((m) =>
          m.role === "USER"
            ? { role: "user" as const, content: customerText(m.content) }
            : { role: "assistant" as const, content: m.content },
        );
    };
    // How far ahead this chat's customer may book: a signed-in member's tier may add days to the
    // business's window (priority booking). Everything the assistant tells and checks reads the
    // window from the catalog's settings, so they get the catalog with their own window; and it
    // joins the cache key below (a member's wider window is never served to anyone else).
    const identity = { userId: conv.userId, visitorId: conv.visitorId, address: msg.clientAddress };
    let windowed: Promise<Awaited<ReturnType<typeof getCatalog>>> | null = null;
    const catalogFor = () =>
      (windowed ??= (async () => {
        const catalog = await getCatalog(db, this.deps.cache);
        const caller = conv.userId ? await assistantCaller(db, identity) : null;
        const window = await bookingWindowFor(db, caller?.user, catalog.settings.bookingWindowDays);
        return catalogWithWindow(catalog, window);
      })());
    const loadTools = async (): Promise<ToolContext> => ({
      db,
      cache: this.deps.cache,
      catalog: await catalogFor(),
      now,
      identity,
      turnKey: msg.id,
      siteUrl: this.deps.siteUrl,
      payOnline: !!this.deps.payOnline,
    });
    const answering = this.tiers.answering(route.tier);
    lap?.("route");
    const policy = { text: msg.content, recognition, known, residue, depth, handoff };
    const language = recognition.slots.language ?? known.language;
    const handoffTurn = await planHandoff(db, conv, msg, handoff, now, language);
    lap?.("handoff");
    let cacheClass = handoffTurn.reply ? "none" : cacheClassFor(policy);
    // An answer is only as fresh as the data it was computed from: its key carries the
    // generations of the caches behind that data, so a booking made a moment ago (calendar) or a
    // price changed (catalog) makes every answer that used them miss. When the generations can't
    // be read, nothing is served from or stored in the cache.
    const stamp = cacheClass === "none" ? null : stampOf(gens, dataScopes(cacheClass));
    if (stamp === null) cacheClass = "none";
    lap?.("generations");
    let cacheKey: string | null = null;
    if (cacheClass !== "none") {
      const { question, facts } = questionKey(policy, answering, cacheClass);
      cacheKey = this.deps.responses.keyFor({
        tier: answering,
        promptVersion: PROMPT_VERSION,
        toolsVersion: TOOLS_VERSION,
        kbVersion: kb.version,
        question,
        // Answers about money differ with and without online payments; answers about dates with
        // the asker's booking window (a member's tier books further ahead than a visitor).
        context: hashOf(
          {
            ...facts,
            data: stamp,
            payOnline: !!this.deps.payOnline,
            window: (await catalogFor()).settings.bookingWindowDays,
          },
          16,
        ),
      });
    }
    const fingerprint = fingerprintOf(msg.content);
    const preview = redactPreview(msg.content);
    lap?.("key");
    return {
      conversationId: conv.id,
      userMessageId: msg.id,
      text: msg.content,
      recognition,
      known,
      before: memory,
      residue,
      depth,
      loadHistory,
      frustration: { message: mf.score, conversation: convFrustration, reasons: mf.reasons },
      handoff,
      handoffTurn,
      route,
      answering,
      cacheClass,
      cacheKey,
      fingerprint,
      preview,
      loadTools,
    };
  }

  /** Web fast path: the stored reply when the answer is cached, else null (enqueue the job). */
  async replyFromCache(userMessageId: string, preloaded?: Preloaded): Promise<ReplyView | null> {
    // A message just written by the caller has no reply yet; otherwise check (a retried send).
    if (!preloaded) {
      const existing = await this.store.existingReply(userMessageId);
      if (existing) return existing;
    }
    const started = performance.now();
    let plan: TurnPlan | null = null;
    let hit: CachedAnswer | null = null;
    // One round trip when the data generations are those of the last turn (they change only
    // with a write: a booking, a price): planned with them and the stamp this process keeps for
    // them, then the generations and the answer are read together, and the plan is used only if
    // the generations read are the ones assumed (else it is planned again as below).
    const guess = this.lastGenerations;
    const kb =
      guess && this.deps.responses.uses(this.deps.cache.client)
        ? keptKnowledgeBaseStamp(this.deps.cache, guess.catalog)
        : undefined;
    if (guess && kb) {
      const planned = await this.plan(userMessageId, preloaded, { gens: guess, kb });
      const read = await this.deps.cache.generationsEachAndGet(DATA_SCOPES, planned.cacheKey);
      if (read) this.lastGenerations = read.gens;
      if (read && DATA_SCOPES.every((s) => read.gens[s] === guess[s])) {
        if (!planned.cacheKey || read.value === null) return null;
        plan = planned;
        hit = this.deps.responses.decode(read.value);
      }
    }
    if (!plan) {
      plan = await this.plan(userMessageId, preloaded);
      if (!plan.cacheKey) return null;
      hit = await this.deps.responses.get(plan.cacheKey);
    }
    if (!hit) return null;
    const lookupMs = performance.now() - started;
    this.deps.lap?.("get");
    const view = await this.persistWithSuggestion(plan, {
      content: hit.content,
      extras: hit.extras,
      intent: plan.recognition.intent,
      tier: hit.tier,
      cacheStatus: "hit",
      toolCalls: [],
      memory: withOffered(plan.known, hit.extras),
      unknown: false,
      handoff: plan.handoff,
      ledger: [this.tiers.hitRow(plan, hit, lookupMs)],
    });
    this.deps.lap?.("persist");
    return { ...view, cachedFrom: hit.source, lookupMs };
  }

  /** The worker's turn: idempotent per user message (one reply, whatever the retries). */
  async respond(userMessageId: string): Promise<ReplyView & { replayed?: boolean }> {
    const existing = await this.store.existingReply(userMessageId);
    if (existing) return { ...existing, replayed: true };
    const started = performance.now();
    const plan = await this.plan(userMessageId);
    if (plan.handoffTurn.reply)
      return this.store.persist(plan, {
        ...handoffAnswer(plan.handoffTurn, plan.known),
        handoff: plan.handoff,
      });
    let computed: Computed | null = null;
    const partials = this.deps.publishPartial
      ? new PartialReply(this.deps.publishPartial, plan.conversationId, plan.userMessageId)
      : null;
    const produce = async () => {
      computed = await this.tiers.run(plan, partials ? { onText: partials.push } : {});
      await partials?.flush();
      const { result, tier, provider, fellBack } = computed;
      const cost = result.calls.reduce((n, c) => n + costMicros(c.model, c.usage).costMicros, 0);
      return {
        // Stored only under the tier that answered (a fallback answer is never stored).
        cacheable:
          !result.wrote &&
          !result.personal &&
          !result.unknown &&
          !result.handoff &&
          !fellBack &&
          tier === plan.answering,
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
    const c = computed as Computed | null;
    const ledger = c
      ? c.ledger.map((r) => ({ ...r, cacheStatus: status === "hit" ? ("miss" as const) : status }))
      : [this.tiers.hitRow(plan, value, performance.now() - started)];
    const view = await this.persistWithSuggestion(plan, {
      content: value.content,
      extras: value.extras,
      intent: c?.result.unknown ? "unknown" : plan.recognition.intent,
      tier: c ? c.tier : value.tier,
      cacheStatus: c ? status : "hit",
      toolCalls: c?.result.toolCalls ?? [],
      memory: c?.result.memory ?? withOffered(plan.known, value.extras),
      unknown: c?.result.unknown ?? false,
      handoff: plan.handoff ?? c?.result.handoff ?? null,
      ledger,
    });
    return c ? view : { ...view, cachedFrom: value.source };
  }

  /**
   * Stores the turn, with this conversation's one menu suggestion at the end of the reply when
   * it has one to offer (suggestion.ts). The cached answer itself is never changed. A failure
   * here never costs the reply.
   */
  private async persistWithSuggestion(plan: TurnPlan, out: StoredTurn): Promise<ReplyView> {
    if (this.deps.menuSuggestions) {
      try {
        const s = await chatSuggestion(
          {
            db: this.deps.db,
            cache: this.deps.cache,
            now: () => this.now(),
            armSecret: this.deps.armSecret ?? null,
          },
          plan.conversationId,
          plan.text,
          out.memory,
          !out.handoff && !out.unknown && !plan.handoffTurn.reply,
        );
        out = {
          ...out,
          memory: s.memory,
          content: s.reply ?? [s.prefix, out.content, s.line].filter((part) => !!part).join("\n\n"),
          ...(s.reply ? { unknown: false } : {}),
        };
      } catch (err) {
        console.error("assistant: the menu suggestion failed; the reply goes without it", err);
      }
    }
    return this.store.persist(plan, out);
  }

  /** Stores the final failure of a turn (all retries used) as an error reply the UI can show. */
  fail(userMessageId: string, error: string): Promise<ReplyView> {
    return this.store.fail(userMessageId, error);
  }
}

/**
 * The frame after a cached answer: what the answer offered ("noon, 3 PM, 5 PM...") is what this
 * conversation was offered, so "the second one" picks from it (attack 5 H4: a cached list left
 * the next asker with nothing to pick from).
 */
function withOffered(known: Memory, extras: ToolExtras | undefined): Memory {
  return extras?.offered && extras.offered.length >= 2
    ? { ...known, options: extras.offered }
    : known;
}
