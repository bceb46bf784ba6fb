// Server-sent events: what a person of our team writes in the caller's chat, pushed as soon as
// the admin app stores it (Redis pub/sub on the conversation's channel), with a database poll
// every 3 s as the fallback. `?after=<messageId>`: only what came after that message. Ends after
// 55 s with a "timeout" event (the browser opens a new one, or polls `chat.updates`).
import { createCallerFactory, createContext, customerRouter, sessionUser } from "@myhibachi/api";
import { createOutageLog } from "@myhibachi/shared";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { deps } from "~/server/deps";
import { onChatReply } from "~/server/chat-events";

export const dynamic = "force-dynamic";

const factory = createCallerFactory(customerRouter);
const pollOutage = createOutageLog(
  "[chat-updates] reading staff replies",
  "open streams retry every 3 seconds",
);
const POLL_MS = 3000;
const OPEN_MS = 55_000;

export async function GET(req: Request) {
  const after = new URL(req.url).searchParams.get("after") ?? "";
  const d = deps();
  // Authorizes like the API: only the owner of the conversation hears of it. A session that
  // can't be read is a 503 ("try again"), not a visitor's refusal.
  let api: ReturnType<typeof factory>;
  let first;
  try {
    api = factory(await createContext(d, req.headers, await sessionUser(d, req.headers)));
    first = await api.chat.updates({ after });
  } catch (err) {
    const known = err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR";
    if (!known) console.error("[chat-updates] unexpected error", err);
    return Response.json(
      { message: known ? err.message : "Something went wrong on our side. Please try again." },
      { status: known ? getHTTPStatusCodeFromError(err) : 500 },
    );
  }
  const msg = await d.db.chatMessage.findUnique({
    where: { id: after },
    select: { conversationId: true },
  });
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      let cursor = after;
      let handledBy = first.handledBy;
      const send = (event: string, data: unknown) => {
        if (!done)
          controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const deliver = (u: typeof first) => {
        if (!u.messages.length && u.handledBy === handledBy) return;
        handledBy = u.handledBy;
        cursor = u.messages.at(-1)?.id ?? cursor;
        send("update", u);
      };
      const check = async () => {
        if (done) return;
        try {
          deliver(await api.chat.updates({ after: cursor }));
          pollOutage.recovered();
        } catch (err) {
          pollOutage.failed(err); // keep listening: the poll retries
        }
      };
      const finish = () => {
        if (done) return;
        done = true;
        clearInterval(poll);
        clearTimeout(timeout);
        unsubscribe();
        controller.close();
      };
      const unsubscribe = msg ? onChatReply(msg.conversationId, () => void check()) : () => {};
      const poll = setInterval(() => void check(), POLL_MS);
      const timeout = setTimeout(() => {
        send("timeout", {});
        finish();
      }, OPEN_MS);
      req.signal.addEventListener("abort", finish);
      send("update", first);
      cursor = first.messages.at(-1)?.id ?? cursor;
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
    },
  });
}
