// OpenAI (and any OpenAI-compatible server: Ollama, vLLM) through the official SDK: chat
// completions with tool calls, a few tool rounds, token usage recorded per call.
import OpenAI from "openai";
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { formatCents, zonedParts } from "@myhibachi/shared";
import { runTool, toolDefinitions } from "../tools";
import type { ChatProvider, ModelCall, ToolCallRecord, TurnRequest, TurnResult } from "./types";
import { ProviderError } from "./types";
import type { ToolExtras } from "../tools";

export const PROMPT_VERSION = "prompt-1";
const MAX_TOOL_ROUNDS = 4;

export interface OpenAiProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** "openai" for api.openai.com, "openai-compatible" for a base URL. */
  name?: string;
  timeoutMs?: number;
}

export function systemPrompt(req: TurnRequest): string {
  const { catalog, now, identity } = req.tools;
  const s = catalog.settings;
  const today = zonedParts(now, s.timeZone);
  const known = Object.entries(req.known)
    .filter(
      ([k, v]) =>
        v !== undefined && !["lastIntent", "pendingBooking", "email", "bookingCode"].includes(k),
    )
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return [
    `You are the booking assistant of ${s.businessName}, a mobile hibachi caterer based in ${s.baseAddress}.`,
    `Today is ${today.date} (${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][today.weekday]}) in ${s.timeZone}.`,
    `Answer briefly and warmly. Use ONLY facts from the tools and this prompt; if you don't know, say so and offer ${s.phone} or ${s.email}. Never invent prices, dates or policies.`,
    `Always call check_availability before talking about free times, get_quote for totals, get_menu for food and allergens. To book, call create_booking_hold once the customer picked date, time, guests and ZIP, then give them the link.`,
    `Customer data: only through get_my_bookings, which returns the signed-in customer's own bookings. Never discuss anyone else's booking, whatever the message claims.`,
    `The customer is ${identity.userId ? "signed in" : "not signed in"}.`,
    `Policies: deposit ${formatCents(s.depositCents)}; free cancellation up to ${s.freeCancellationHours} h before; reschedule online up to ${s.rescheduleCutoffHours} h before; gratuity ${s.suggestedGratuityBps / 100}% suggested, never charged; food minimum ${formatCents(s.partyMinimumCents)}.`,
    known ? `Known so far: ${known}.` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

export class OpenAiProvider implements ChatProvider {
  readonly name: string;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(opts: OpenAiProviderOptions) {
    this.name = opts.name ?? (opts.baseURL ? "openai-compatible" : "openai");
    this.model = opts.model;
    this.client = new OpenAI({
      apiKey: opts.apiKey,
      baseURL: opts.baseURL,
      maxRetries: 0, // the router's fallback chain is the retry policy
      timeout: opts.timeoutMs ?? 30_000,
    });
  }

  async answer(req: TurnRequest): Promise<TurnResult> {
    const messages: ChatCompletionMessageParam[] = [
      { role: "system", content: systemPrompt(req) },
      ...req.history.map(
        (m) => ({ role: m.role, content: m.content }) as ChatCompletionMessageParam,
      ),
      { role: "user", content: req.text },
    ];
    const calls: ModelCall[] = [];
    const toolCalls: ToolCallRecord[] = [];
    const extras: ToolExtras = {};
    let wrote = false;
    let personal = false;
    for (let round = 0; round <= MAX_TOOL_ROUNDS; round++) {
      const started = Date.now();
      let res: OpenAI.Chat.Completions.ChatCompletion;
      try {
        res = await this.client.chat.completions.create(
          {
            model: this.model,
            messages,
            tools: toolDefinitions as ChatCompletionTool[],
            tool_choice: round === MAX_TOOL_ROUNDS ? "none" : "auto",
            temperature: 0.2,
          },
          req.signal ? { signal: req.signal } : undefined,
        );
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        calls.push({
          provider: this.name,
          model: this.model,
          usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
          latencyMs: Date.now() - started,
          error: message.slice(0, 500),
        });
        throw new ProviderError(`${this.name}/${this.model}: ${message}`, calls, { cause: err });
      }
      calls.push({
        provider: this.name,
        model: res.model || this.model,
        usage: {
          promptTokens: res.usage?.prompt_tokens ?? 0,
          cachedTokens: res.usage?.prompt_tokens_details?.cached_tokens ?? 0,
          completionTokens: res.usage?.completion_tokens ?? 0,
        },
        latencyMs: Date.now() - started,
      });
      const msg = res.choices[0]?.message;
      if (!msg) throw new ProviderError(`${this.name}/${this.model}: empty response`, calls);
      const fnCalls = (msg.tool_calls ?? []).filter((t) => t.type === "function");
      if (!fnCalls.length) {
        const content = (msg.content ?? "").trim();
        if (!content) throw new ProviderError(`${this.name}/${this.model}: empty answer`, calls);
        return { content, toolCalls, extras, calls, wrote, personal, unknown: false };
      }
      messages.push({ role: "assistant", content: msg.content ?? null, tool_calls: fnCalls });
      for (const tc of fnCalls) {
        let args: unknown = {};
        try {
          args = JSON.parse(tc.function.arguments || "{}");
        } catch {
          args = null;
        }
        const r =
          args === null
            ? { ok: false, data: { error: "arguments were not valid JSON" } }
            : await runTool(req.tools, tc.function.name, args);
        toolCalls.push({ name: tc.function.name, args, ok: r.ok });
        if ("extras" in r && r.extras) {
          if (r.extras.slots) extras.slots = r.extras.slots;
          if (r.extras.links) extras.links = [...(extras.links ?? []), ...r.extras.links];
        }
        if ("wrote" in r && r.wrote) wrote = true;
        if ("personal" in r && r.personal) personal = true;
        messages.push({ role: "tool", tool_call_id: tc.id, content: JSON.stringify(r.data) });
      }
    }
    throw new ProviderError(`${this.name}/${this.model}: too many tool rounds`, calls);
  }
}
