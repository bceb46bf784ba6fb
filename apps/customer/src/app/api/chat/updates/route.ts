// Server-sent events: what a person of our team writes in the caller's chat, pushed as soon as
// the admin app stores it (Redis pub/sub on the conversation's channel), with a database poll
// every 3 s as the fallback. `?after=<messageId>`: only what came after that message. Ends after
// 55 s with a "timeout" event (the browser opens a new one, or polls `chat.updates`).
import { createOutageLog } from "@myhibachi/shared";
import { onChatReply } from "~/server/chat-events";
import { chatCall, conversationOf, eventStream } from "~/server/chat-sse";

export const dynamic = "force-dynamic";

const pollOutage = createOutageLog(
  "[chat-updates] reading staff replies",
  "open streams retry every 3 seconds",
);
const POLL_MS = 3000;
const OPEN_MS = 55_000;

export async function GET(req: Request) {
  const after = new URL(req.url).searchParams.get("after") ?? "";
  const opened = await chatCall(req, "chat-updates", (api) => api.chat.updates({ after }));
  if (opened instanceof Response) return opened;
  const { api, first } = opened;
  const conversationId = await conversationOf(after);
  return eventStream(req, ({ send, close, closed }) => {
    let cursor = first.messages.at(-1)?.id ?? after;
    let handledBy = first.handledBy;
    const check = async () => {
      if (closed()) return;
      try {
        const u = await api.chat.updates({ after: cursor });
        pollOutage.recovered();
        if (!u.messages.length && u.handledBy === handledBy) return;
        handledBy = u.handledBy;
        cursor = u.messages.at(-1)?.id ?? cursor;
        send("update", u);
      } catch (err) {
        pollOutage.failed(err); // keep listening: the poll retries
      }
    };
    const unsubscribe = conversationId ? onChatReply(conversationId, () => void check()) : () => {};
    const poll = setInterval(() => void check(), POLL_MS);
    const timeout = setTimeout(() => {
      send("timeout", {});
      close();
    }, OPEN_MS);
    send("update", first);
    return () => {
      clearInterval(poll);
      clearTimeout(timeout);
      unsubscribe();
    };
  });
}
