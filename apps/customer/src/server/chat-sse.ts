import "server-only";
// What the chat's server-sent-event routes share (/api/chat/stream: the reply to one message;
// /api/chat/updates: what staff write): the chat API called as the request's own caller, and
// the event stream itself.
import { createCallerFactory, createContext, customerRouter, sessionUser } from "@myhibachi/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { deps } from "./deps";

const factory = createCallerFactory(customerRouter);
export type ChatCaller = ReturnType<typeof factory>;

/**
 * The customer API as the request's caller, and the answer of its first call; or the refusal as
 * a JSON response. Authorizes like the API: only the owner of the conversation hears of it. A
 * session that can't be read is a 503 ("try again"), not a visitor's refusal.
 */
export async function chatCall<T>(
  req: Request,
  label: string,
  call: (api: ChatCaller) => Promise<T>,
): Promise<{ api: ChatCaller; first: T } | Response> {
  const d = deps();
  try {
    const api = factory(await createContext(d, req.headers, await sessionUser(d, req.headers)));
    return { api, first: await call(api) };
  } catch (err) {
    // A refusal's message is written for people; anything else is internal text.
    const known = err instanceof TRPCError && err.code !== "INTERNAL_SERVER_ERROR";
    if (!known) console.error(`[${label}] unexpected error`, err);
    return Response.json(
      { message: known ? err.message : "Something went wrong on our side. Please try again." },
      { status: known ? getHTTPStatusCodeFromError(err) : 500 },
    );
  }
}

/** The conversation a message belongs to (for its Redis channel), or null. */
export async function conversationOf(messageId: string): Promise<string | null> {
  const msg = await deps().db.chatMessage.findUnique({
    where: { id: messageId },
    select: { conversationId: true },
  });
  return msg?.conversationId ?? null;
}

export interface EventSink {
  send(event: string, data: unknown): void;
  /** Ends the stream (runs the clean-up `start` returned). */
  close(): void;
  closed(): boolean;
}

/**
 * A text/event-stream response. `start` sets the stream up and returns its clean-up, which runs
 * once when the stream is closed: by `start`'s own code or when the browser goes away.
 */
export function eventStream(req: Request, start: (sink: EventSink) => () => void): Response {
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      let cleanup: (() => void) | null = null;
      const sink: EventSink = {
        send(event, data) {
          if (!done)
            controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        },
        close() {
          if (done) return;
          done = true;
          cleanup?.();
          controller.close();
        },
        closed: () => done,
      };
      req.signal.addEventListener("abort", sink.close);
      cleanup = start(sink);
      if (done) cleanup(); // closed while starting (the answer was already there)
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
