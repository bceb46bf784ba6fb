// Server-sent events: the reply to one chat message, pushed as soon as the worker stores it
// (Redis pub/sub), with a database poll every second as the fallback. Ends after the reply or
// after 60 s (the browser then polls). While a model writes the reply, its text so far comes as
// `partial` events; the stored reply (checked, maybe corrected) replaces it.
import { createOutageLog } from "@myhibachi/shared";
import { onChatPartial, onChatReply } from "~/server/chat-events";
import { chatCall, conversationOf, eventStream } from "~/server/chat-sse";

export const dynamic = "force-dynamic";

/** A failing poll is retried every second by every open stream: logged once per outage. */
const pollOutage = createOutageLog(
  "[chat-stream] reading the reply",
  "open streams retry every second",
);

export async function GET(req: Request) {
  const messageId = new URL(req.url).searchParams.get("messageId") ?? "";
  const opened = await chatCall(req, "chat-stream", (api) => api.chat.reply({ messageId }));
  if (opened instanceof Response) return opened;
  const { api, first } = opened;
  const conversationId = await conversationOf(messageId);
  return eventStream(req, ({ send, close, closed }) => {
    const check = async () => {
      if (closed()) return;
      try {
        const reply = await api.chat.reply({ messageId });
        pollOutage.recovered();
        if (reply) {
          send("reply", reply);
          close();
        }
      } catch (err) {
        pollOutage.failed(err); // keep waiting: the poll retries
      }
    };
    const unsubscribe = conversationId ? onChatReply(conversationId, () => void check()) : () => {};
    const unsubscribePartial = conversationId
      ? onChatPartial(conversationId, (id, text) => {
          if (id === messageId) send("partial", { text });
        })
      : () => {};
    const poll = setInterval(() => void check(), 1000);
    const timeout = setTimeout(() => {
      send("timeout", {});
      close();
    }, 60_000);
    send("waiting", {});
    if (first) {
      send("reply", first);
      close();
    }
    return () => {
      clearInterval(poll);
      clearTimeout(timeout);
      unsubscribe();
      unsubscribePartial();
    };
  });
}
