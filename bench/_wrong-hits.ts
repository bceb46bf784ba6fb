// Wrong cache hits by an independent truth (issue 11, point 7a): every answer served from the
// response cache is asked again, with the cache off, on a copy of the conversation as it was just
// before the message (same memory, frustration, visitor/user, earlier messages), and the facts
// of the two replies (money, dates, times, counts, ZIPs, catalog names: bench/_facts.ts) are
// compared. A hit is wrong whenever they differ. Nothing here reads the assistant's intents,
// slots, cache keys or labels.
import {
  Assistant,
  normalizeText,
  ResponseCache,
  type ChatProvider,
  type ReplyView,
  type Tier,
} from "@myhibachi/ai";
import { QueryCache } from "@myhibachi/core";
import type { Db, Prisma } from "@myhibachi/db";
import { factDiff, factsOf, loadVocabulary, type Vocabulary } from "./_facts";
import { heldBookingIds, type Turn } from "./_replay";

/** What the customer reads: the text and the times and links shown under it. */
export function shownText(reply: ReplyView): string {
  const slots = (reply.extras.slots ?? []).map((s) => `${s.dayLabel} ${s.label}`);
  const links = (reply.extras.links ?? []).map((l) => l.label);
  return [reply.content, ...slots, ...links].join("\n");
}

export interface WrongHit {
  question: string;
  cachedFrom: string;
  onlyCached: string[];
  onlyFresh: string[];
}

export class WrongHitCheck {
  checked = 0;
  readonly wrong: WrongHit[] = [];
  /** Copies made for the re-answers: their ledger rows are not the replay's. */
  readonly copies: string[] = [];
  /** Hits served an answer computed for another wording of the question (for the record). */
  otherWording = 0;
  /** Re-answers that held a booking (they should never: a cached question writes nothing). */
  wrote = 0;
  private readonly perDb = new WeakMap<Db, Promise<{ vocab: Vocabulary; fresh: Assistant }>>();

  constructor(
    private readonly deps: {
      providers: Partial<Record<Tier, ChatProvider>>;
      now: () => Date;
      routeOverride?: Tier;
    },
  ) {}

  private setup(db: Db) {
    let s = this.perDb.get(db);
    if (!s) {
      s = loadVocabulary(db).then((vocab) => ({
        vocab,
        // No response cache, and no query cache either: every fact is read from Postgres.
        fresh: new Assistant({
          db,
          cache: new QueryCache(null),
          responses: new ResponseCache(null),
          providers: this.deps.providers,
          siteUrl: "",
          now: this.deps.now,
          ...(this.deps.routeOverride ? { routeOverride: this.deps.routeOverride } : {}),
        }),
      }));
      this.perDb.set(db, s);
    }
    return s;
  }

  /** Re-answers `turn` with the cache off when it was a cache hit; records it when facts differ. */
  async check(db: Db, turn: Turn): Promise<void> {
    if (turn.reply.cacheStatus !== "hit") return;
    const { vocab, fresh } = await this.setup(db);
    const b = turn.before;
    const copy = await db.conversation.create({
      data: {
        userId: b.userId,
        visitorId: b.visitorId,
        status: b.status,
        frustration: b.frustration,
        flaggedAt: b.flaggedAt,
        flagReason: b.flagReason,
        lastMessageAt: b.lastMessageAt,
        ...(b.memory === null ? {} : { memory: b.memory as Prisma.InputJsonValue }),
      },
    });
    this.copies.push(copy.id);
    // The messages before this one (the conversation is replayed one message at a time, so that
    // is all of them but this message and its reply), in order, replies linked to their copies.
    const earlier = await db.chatMessage.findMany({
      where: { conversationId: b.id, id: { notIn: [turn.message.id, turn.reply.id] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const ids = new Map<string, string>();
    for (const m of earlier) {
      const created = await db.chatMessage.create({
        data: {
          conversationId: copy.id,
          role: m.role,
          content: m.content,
          status: m.status,
          clientAddress: m.clientAddress,
          clientMessageId: m.clientMessageId,
          replyToId: m.replyToId ? (ids.get(m.replyToId) ?? null) : null,
          intent: m.intent,
          frustration: m.frustration,
          tier: m.tier,
          cacheStatus: m.cacheStatus,
          error: m.error,
          createdAt: m.createdAt,
          ...(m.toolCalls === null ? {} : { toolCalls: m.toolCalls as Prisma.InputJsonValue }),
          ...(m.extras === null ? {} : { extras: m.extras as Prisma.InputJsonValue }),
        },
      });
      ids.set(m.id, created.id);
    }
    const asked = await db.chatMessage.create({
      data: {
        conversationId: copy.id,
        role: "USER",
        content: turn.message.content,
        clientMessageId: `${turn.message.clientMessageId ?? "m"}-fresh`,
        clientAddress: turn.message.clientAddress,
      },
    });
    const answer = await fresh.respond(asked.id);
    if (heldBookingIds(answer).length) this.wrote++;
    this.checked++;
    if (turn.reply.cachedFrom !== normalizeText(turn.message.content)) this.otherWording++;
    const d = factDiff(factsOf(shownText(turn.reply), vocab), factsOf(shownText(answer), vocab));
    if (d.onlyA.length || d.onlyB.length)
      this.wrong.push({
        question: turn.message.content,
        cachedFrom: turn.reply.cachedFrom ?? "?",
        onlyCached: d.onlyA,
        onlyFresh: d.onlyB,
      });
  }

  /** "wrong hits: 12 of 150 checked (8.0%)" and up to `examples` of them. */
  report(label: string, examples = 8): string[] {
    const share = this.checked ? ((this.wrong.length / this.checked) * 100).toFixed(1) : "-";
    const out = [
      `${label}wrong hits (a): ${this.wrong.length} of ${this.checked} hits re-answered with the cache off (${share}%); ${this.otherWording} of the hits served an answer computed for another wording${this.wrote ? `; ${this.wrote} re-answers held a booking` : ""}`,
    ];
    for (const w of this.wrong.slice(0, examples)) {
      const clip = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}...` : s);
      out.push(
        `    "${clip(w.question)}" got the answer to "${clip(w.cachedFrom)}": cached only [${w.onlyCached.join(", ")}], fresh only [${w.onlyFresh.join(", ")}]`,
      );
    }
    return out;
  }
}
