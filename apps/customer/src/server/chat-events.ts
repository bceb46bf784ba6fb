import "server-only";
import { createRedis } from "@myhibachi/jobs";
import { createOutageLog } from "@myhibachi/shared";
import { env } from "~/env";

type Listener = (messageId: string) => void;

const subscribeOutage = createOutageLog(
  "[chat-events] subscribing to reply announcements",
  "open chat streams poll the database every second",
);

const g = globalThis as unknown as {
  __chatEvents?: { listeners: Map<string, Set<Listener>>; ready: Promise<void> | null };
};

/**
 * One Redis subscriber per process for the worker's "reply stored" announcements
 * (`<cache prefix>:chat:<conversationId>`), fanned out to the open SSE streams.
 */
export function onChatReply(conversationId: string, listener: Listener): () => void {
  g.__chatEvents ??= { listeners: new Map(), ready: null };
  const ev = g.__chatEvents;
  if (!ev.ready) {
    const prefix = env.CACHE_PREFIX ?? "myhibachi:qc";
    const sub = createRedis(env.REDIS_URL, "cache", {
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    sub.on("pmessage", (_pattern: string, channel: string, payload: string) => {
      const id = channel.slice(`${prefix}:chat:`.length);
      let messageId = "";
      try {
        messageId = (JSON.parse(payload) as { messageId: string }).messageId;
      } catch (err) {
        // Only our worker publishes here: a payload we can't read is a bug worth a line.
        console.error(`[chat-events] unreadable announcement on ${channel}:`, err);
        return;
      }
      for (const l of ev.listeners.get(id) ?? []) l(messageId);
    });
    ev.ready = sub.psubscribe(`${prefix}:chat:*`).then(
      () => subscribeOutage.recovered(),
      (err: unknown) => {
        subscribeOutage.failed(err);
        sub.disconnect(); // a fresh subscriber is made for the next stream
        ev.ready = null; // the stream's DB polling covers us; retry on the next stream
      },
    );
  }
  const set = ev.listeners.get(conversationId) ?? new Set<Listener>();
  set.add(listener);
  ev.listeners.set(conversationId, set);
  return () => {
    set.delete(listener);
    if (!set.size) ev.listeners.delete(conversationId);
  };
}
