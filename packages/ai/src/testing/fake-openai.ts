// A small OpenAI-compatible HTTP server on 127.0.0.1 for tests and the benchmark: it speaks
// POST /v1/chat/completions (tool calls + usage), as one JSON body or, when the request asks for
// `stream: true`, as server-sent chunks (the text word by word, tool-call arguments in pieces,
// usage in a last chunk), so the real `openai` SDK is exercised end to end. With a `transcribe`
// handler it also speaks POST /v1/audio/transcriptions (the SDK's multipart upload: the audio
// file, model, prompt, language), recording each request in `transcriptions`.
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface FakeRequest {
  model: string;
  messages: {
    role: string;
    content?: string | null;
    tool_calls?: unknown[];
    tool_call_id?: string;
  }[];
  tools?: { function: { name: string; description?: string; parameters?: unknown } }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  /** The request's Authorization header (which key the client sent), not part of the body. */
  authorization?: string;
}

export interface FakeReply {
  content?: string;
  toolCalls?: { name: string; arguments: unknown }[];
  usage?: { prompt: number; completion: number; cached?: number };
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  delayMs?: number;
  /** Streamed replies: wait this long before each chunk after the first. */
  chunkDelayMs?: number;
}

/** A transcription request as the server received it (multipart form fields and the file). */
export interface FakeTranscriptionRequest {
  model: string;
  prompt: string | null;
  language: string | null;
  responseFormat: string | null;
  file: { name: string; type: string; bytes: Uint8Array };
  authorization?: string;
}

export interface FakeTranscriptionReply {
  text?: string;
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
}

export interface FakeOpenAiOptions {
  transcribe?: (
    req: FakeTranscriptionRequest,
    n: number,
  ) => FakeTranscriptionReply | Promise<FakeTranscriptionReply>;
}

export interface FakeOpenAi {
  url: string;
  requests: FakeRequest[];
  transcriptions: FakeTranscriptionRequest[];
  close(): Promise<void>;
}

/** Rough token count for usage when a handler gives none (4 characters a token). */
export const roughTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

async function bytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
const body = async (req: IncomingMessage) => (await bytes(req)).toString("utf8");

/** A multipart/form-data body read with the platform's own parser (undici's FormData). */
async function transcriptionOf(req: IncomingMessage): Promise<FakeTranscriptionRequest> {
  const form = await new Request("http://127.0.0.1/", {
    method: "POST",
    headers: { "content-type": req.headers["content-type"] ?? "" },
    body: new Uint8Array(await bytes(req)),
  }).formData();
  const file = form.get("file");
  const field = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : null;
  };
  return {
    model: field("model") ?? "",
    prompt: field("prompt"),
    language: field("language"),
    responseFormat: field("response_format"),
    file:
      file && typeof file !== "string"
        ? { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }
        : { name: "", type: "", bytes: new Uint8Array(0) },
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  };
}

export async function startFakeOpenAi(
  handler: (req: FakeRequest, n: number) => FakeReply | Promise<FakeReply>,
  opts: FakeOpenAiOptions = {},
): Promise<FakeOpenAi> {
  const requests: FakeRequest[] = [];
  const transcriptions: FakeTranscriptionRequest[] = [];
  let n = 0;
  let t = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method === "POST" && opts.transcribe && req.url?.endsWith("/audio/transcriptions")) {
      const parsed = await transcriptionOf(req);
      transcriptions.push(parsed);
      const reply = await opts.transcribe(parsed, t++);
      if (reply.status && reply.status >= 400) {
        res.writeHead(reply.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `fake failure ${reply.status}` } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          text: reply.text ?? "",
          usage: { type: "duration", seconds: Math.ceil(parsed.file.bytes.length / 32_000) },
        }),
      );
      return;
    }
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const parsed = JSON.parse(await body(req)) as FakeRequest;
    if (req.headers.authorization) parsed.authorization = req.headers.authorization;
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
    if (parsed.stream) {
      const id = `chatcmpl-${n}`;
      const created = Math.floor(Date.now() / 1000);
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const chunk = async (
        choices: unknown[],
        extra: Record<string, unknown> = {},
        wait = true,
      ) => {
        if (wait && reply.chunkDelayMs) await new Promise((r) => setTimeout(r, reply.chunkDelayMs));
        const body = { id, object: "chat.completion.chunk", created, model: parsed.model, choices };
        res.write(`data: ${JSON.stringify({ ...body, ...extra })}\n\n`);
      };
      await chunk([{ index: 0, delta: { role: "assistant", content: "" } }], {}, false);
      for (const word of toolCalls ? [] : ((reply.content ?? "").match(/\S+\s*/g) ?? []))
        await chunk([{ index: 0, delta: { content: word } }]);
      for (const [i, t] of (toolCalls ?? []).entries()) {
        const args = t.function.arguments;
        const half = Math.ceil(args.length / 2);
        await chunk([
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: i,
                  id: t.id,
                  type: "function",
                  function: { name: t.function.name, arguments: args.slice(0, half) },
                },
              ],
            },
          },
        ]);
        await chunk([
          {
            index: 0,
            delta: { tool_calls: [{ index: i, function: { arguments: args.slice(half) } }] },
          },
        ]);
      }
      await chunk(
        [{ index: 0, delta: {}, finish_reason: toolCalls ? "tool_calls" : "stop" }],
        {},
        false,
      );
      if (parsed.stream_options?.include_usage)
        await chunk(
          [],
          {
            usage: {
              prompt_tokens: usage.prompt,
              completion_tokens: usage.completion,
              total_tokens: usage.prompt + usage.completion,
              prompt_tokens_details: { cached_tokens: usage.cached ?? 0 },
            },
          },
          false,
        );
      res.end("data: [DONE]\n\n");
      return;
    }
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
    transcriptions,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
