import "server-only";
import { createRedis } from "@myhibachi/jobs";
import { createOutageLog } from "@myhibachi/shared";
import { env } from "~/env";

type Listener = (messageId: string) => void;
/** A model's reply to `messageId` so far (the worker streams it while it is written). */
type PartialListener = (messageId: string, text: string) => void;

const subscribeOutage = createOutageLog(
  "[chat-events] subscribing to reply announcements",
  "open chat streams poll the database every second",
);

interface Channel<L> {
  listeners: Map<string, Set<L>>;
  ready: Promise<void> | null;
}

const g = globalThis as unknown as {
  __chatEvents?: Channel<Listener>;
  __chatPartials?: Channel<PartialListener>;
};

/**
 * One Redis subscriber per process and kind of announcement (`<cache prefix>:<kind>:<id>`,
 * id = conversation), fanned out to the open SSE streams of that conversation.
 */
function listen<L>(
  channel: Channel<L>,
  kind: string,
  conversationId: string,
  listener: L,
  deliver: (listener: L, payload: unknown) => void,
): () => void {
  if (!channel.ready) {
    const prefix = env.CACHE_PREFIX ?? "myhibachi:qc";
    const sub = createRedis(env.REDIS_URL, "cache", {
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    sub.on("pmessage", (_pattern: string, name: string, payload: string) => {
      const id = name.slice(`${prefix}:${kind}:`.length);
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch (err) {
        // Only our worker publishes here: a payload we can't read is a bug worth a line.
        console.error(`[chat-events] unreadable announcement on ${name}:`, err);
        return;
      }
      for (const l of channel.listeners.get(id) ?? []) deliver(l, parsed);
    });
    channel.ready = sub.psubscribe(`${prefix}:${kind}:*`).then(
      () => subscribeOutage.recovered(),
      (err: unknown) => {
        subscribeOutage.failed(err);
        sub.disconnect(); // a fresh subscriber is made for the next stream
        channel.ready = null; // the stream's DB polling covers us; retry on the next stream
      },
    );
  }
  const set = channel.listeners.get(conversationId) ?? new Set<L>();
  set.add(listener);
  channel.listeners.set(conversationId, set);
  return () => {
    set.delete(listener);
    if (!set.size) channel.listeners.delete(conversationId);
  };
}

/** The worker's "reply stored" announcements for one conversation. */
export function onChatReply(conversationId: string, listener: Listener): () => void {
  g.__chatEvents ??= { listeners: new Map(), ready: null };
  return listen(g.__chatEvents, "chat", conversationId, listener, (l, p) =>
    l((p as { messageId: string }).messageId),
  );
}

/** A model's reply as it is written, for one conversation (best effort: the stored reply wins). */
export function onChatPartial(conversationId: string, listener: PartialListener): () => void {
  g.__chatPartials ??= { listeners: new Map(), ready: null };
  return listen(g.__chatPartials, "chat-partial", conversationId, listener, (l, p) => {
    const { messageId, text } = p as { messageId: string; text: string };
    l(messageId, text);
  });
}
