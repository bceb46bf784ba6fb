// Server-sent events: the reply to one chat message, pushed as soon as the worker stores it
// (Redis pub/sub), with a database poll every second as the fallback. Ends after the reply or
// after 60 s (the browser then polls). While a model writes the reply, its text so far comes as
// `partial` events; the stored reply (checked, maybe corrected) replaces it.
import { createCallerFactory, createContext, customerRouter, sessionUser } from "@myhibachi/api";
import { createOutageLog } from "@myhibachi/shared";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { deps } from "~/server/deps";
import { onChatPartial, onChatReply } from "~/server/chat-events";

export const dynamic = "force-dynamic";

const factory = createCallerFactory(customerRouter);
/** A failing poll is retried every second by every open stream: logged once per outage. */
const pollOutage = createOutageLog(
  "[chat-stream] reading the reply",
  "open streams retry every second",
);

export async function GET(req: Request) {
  const messageId = new URL(req.url).searchParams.get("messageId") ?? "";
  const d = deps();
  // Authorizes like the API: only the owner of the conversation gets its reply. A session that
  // can't be read is a 503 ("try again"), not a visitor's refusal.
  let api: ReturnType<typeof factory>;
  let first;
  try {
    api = factory(await createContext(d, req.headers, await sessionUser(d, req.headers)));
    first = await api.chat.reply({ messageId });
  } catch (err) {
    // A refusal's message is written for people; anything else is internal text.
    const known = err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR";
    if (!known) console.error("[chat-stream] unexpected error", err);
    return Response.json(
      { message: known ? err.message : "Something went wrong on our side. Please try again." },
      { status: known ? getHTTPStatusCodeFromError(err) : 500 },
    );
  }
  const msg = await d.db.chatMessage.findUnique({
    where: { id: messageId },
    select: { conversationId: true },
  });
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const send = (event: string, data: unknown) => {
        if (!done)
          controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const finish = () => {
        if (done) return;
        done = true;
        clearInterval(poll);
        clearTimeout(timeout);
        unsubscribe();
        unsubscribePartial();
        controller.close();
      };
      const check = async () => {
        if (done) return;
        try {
          const reply = await api.chat.reply({ messageId });
          pollOutage.recovered();
          if (reply) {
            send("reply", reply);
            finish();
          }
        } catch (err) {
          pollOutage.failed(err); // keep waiting: the poll retries
        }
      };
      const unsubscribe = msg ? onChatReply(msg.conversationId, () => void check()) : () => {};
      const unsubscribePartial = msg
        ? onChatPartial(msg.conversationId, (id, text) => {
            if (id === messageId) send("partial", { text });
          })
        : () => {};
      const poll = setInterval(() => void check(), 1000);
      const timeout = setTimeout(() => {
        send("timeout", {});
        finish();
      }, 60_000);
      req.signal.addEventListener("abort", finish);
      send("waiting", {});
      if (first) {
        send("reply", first);
        finish();
      }
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
