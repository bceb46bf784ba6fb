// Storing a turn: the reply, its ledger rows, the message's intent and the conversation's frame
// and hand-off flag in one transaction, exactly once per user message whatever the retries; the
// final failure of a turn as an error reply; telling open chat streams a reply is stored.
import { PG_UNIQUE_VIOLATION, pgErrorCode, type Db, type Prisma } from "@myhibachi/db";
import { createOutageLog } from "@myhibachi/shared";
import { withHandoff } from "./handoff";
import { writeLedger, type LedgerRow } from "./ledger";
import type { Memory } from "./providers/types";
import type { CacheStatus } from "./response-cache";
import type { ToolExtras } from "./tools";
import type { ReplyView, TurnPlan } from "./assistant";

/** Streaming a reply's text to Redis pub/sub (one log per outage). */
const partialOutage = createOutageLog(
  "[assistant] streaming a reply",
  "browsers show the reply once it is stored",
);

/**
 * A model's reply so far, published to the browsers waiting for it as it grows. One publish at a
 * time, always the latest text (texts that grew meanwhile are skipped, never reordered); `flush`
 * waits for the last one, so no partial text is published after the reply is stored.
 */
export class PartialReply {
  private latest: string | null = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly publish: (
      conversationId: string,
      messageId: string,
      text: string,
    ) => Promise<void>,
    private readonly conversationId: string,
    private readonly messageId: string,
  ) {}

  readonly push = (text: string): void => {
    this.latest = text;
    this.sending ??= this.drain();
  };

  private async drain(): Promise<void> {
    while (this.latest !== null) {
      const text = this.latest;
      this.latest = null;
      try {
        await this.publish(this.conversationId, this.messageId, text);
        partialOutage.recovered();
      } catch (err) {
        partialOutage.failed(err);
      }
    }
    this.sending = null;
  }

  async flush(): Promise<void> {
    await this.sending;
  }
}

/** Publishing "reply stored" to Redis pub/sub (one log per outage: it fails with Redis). */
const publishOutage = createOutageLog(
  "[assistant] announcing a stored reply",
  "open chat streams find it by polling the database",
);

export interface StoredTurn {
  content: string;
  extras: ToolExtras;
  intent: string;
  tier: string;
  cacheStatus: CacheStatus;
  toolCalls: unknown[];
  memory: Memory;
  unknown: boolean;
  /** Why the conversation goes to a person (the message's signals or the model's call), if so. */
  handoff: string | null;
  ledger: LedgerRow[];
}

export interface TurnStoreDeps {
  db: Db;
  now: () => Date;
  /** Tells browsers waiting on this conversation that a reply is stored (Redis pub/sub). */
  publish?: (conversationId: string, messageId: string) => Promise<void>;
}

export class TurnStore {
  constructor(private readonly deps: TurnStoreDeps) {}

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
        } as unknown as Prisma.InputJsonValue,
      },
    });
    await this.announce(msg.conversationId, reply.id);
    return this.view(reply);
  }

  /** Tells open chat streams the reply is stored. Best effort: streams also poll the database. */
  async announce(conversationId: string, replyId: string): Promise<void> {
    if (!this.deps.publish) return;
    try {
      await this.deps.publish(conversationId, replyId);
      publishOutage.recovered();
    } catch (err) {
      publishOutage.failed(err);
    }
  }

  async existingReply(userMessageId: string): Promise<ReplyView | null> {
    const r = await this.deps.db.chatMessage.findUnique({ where: { replyToId: userMessageId } });
    return r ? this.view(r) : null;
  }

  view(r: {
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

  async persist(plan: TurnPlan, out: StoredTurn): Promise<ReplyView> {
    const { db } = this.deps;
    const now = this.deps.now();
    const memory: Memory = {
      ...out.memory,
      // A message not understood ("let me check with my wife") leaves the conversation where it
      // was: free times offered are still offered, and "ok, go ahead" after it takes them.
      lastIntent:
        plan.recognition.intent === "unknown"
          ? (out.memory.lastIntent ?? plan.known.lastIntent ?? "unknown")
          : plan.recognition.intent,
      // A booking asked for (held or not: a correction after a refused hold asks again), also
      // as the second question of a message ("do you come to 95131? is Sunday at 6 free?").
      partyIntent:
        [plan.recognition.intent, ...plan.recognition.also].find(
          (x): x is "pricing" | "availability" | "booking_request" =>
            x === "pricing" || x === "availability" || x === "booking_request",
        ) ?? plan.known.partyIntent,
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
            memory: memory as unknown as Prisma.InputJsonValue,
            frustration: plan.frustration.conversation,
            lastMessageAt: now,
            // Handed off again after staff marked it handled: a new hand-off (and transcript).
            ...(out.handoff && conv.status !== "HANDOFF"
              ? { status: "HANDOFF", flaggedAt: now, flagReason: out.handoff }
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
