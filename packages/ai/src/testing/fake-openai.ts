// A small OpenAI-compatible HTTP server on 127.0.0.1 for tests and the benchmark: it speaks
// POST /v1/chat/completions (tool calls + usage) so the real `openai` SDK is exercised end to end.
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface FakeRequest {
  model: string;
  messages: {
    role: string;
    content?: string | null;
    tool_calls?: unknown[];
    tool_call_id?: string;
  }[];
  tools?: { function: { name: string } }[];
}

export interface FakeReply {
  content?: string;
  toolCalls?: { name: string; arguments: unknown }[];
  usage?: { prompt: number; completion: number; cached?: number };
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  delayMs?: number;
}

export interface FakeOpenAi {
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

/** Rough token count for usage when a handler gives none (4 characters a token). */
export const roughTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeOpenAi(
  handler: (req: FakeRequest, n: number) => FakeReply | Promise<FakeReply>,
): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const parsed = JSON.parse(await body(req)) as FakeRequest;
    requests.push(parsed);
    const reply = await handler(parsed, n++);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          error: { message: `fake failure ${reply.status}`, type: "server_error" },
        }),
      );
      return;
    }
    const promptText = parsed.messages.map((m) => m.content ?? "").join("\n");
    const usage = reply.usage ?? {
      prompt: roughTokens(promptText),
      completion: roughTokens(reply.content ?? JSON.stringify(reply.toolCalls ?? "")),
    };
    const toolCalls = reply.toolCalls?.map((t, i) => ({
      id: `call_${n}_${i}`,
      type: "function",
      function: { name: t.name, arguments: JSON.stringify(t.arguments) },
    }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${n}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: parsed.model,
        choices: [
          {
            index: 0,
            finish_reason: toolCalls ? "tool_calls" : "stop",
            message: {
              role: "assistant",
              content: toolCalls ? null : (reply.content ?? ""),
              ...(toolCalls ? { tool_calls: toolCalls } : {}),
            },
          },
        ],
        usage: {
          prompt_tokens: usage.prompt,
          completion_tokens: usage.completion,
          total_tokens: usage.prompt + usage.completion,
          prompt_tokens_details: { cached_tokens: usage.cached ?? 0 },
        },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
