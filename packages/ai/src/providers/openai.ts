// OpenAI (and any OpenAI-compatible server: Ollama, vLLM) through the official SDK: streamed chat
// completions with tool calls, a few tool rounds, token usage recorded per call. The model fills
// the dialogue frame through tool calls (frame-tools.ts), and its reply passes the safety net
// (fact-check.ts) before it is returned: a reply that disagrees with the tool results gets one
// repair round with the right figures; if it still disagrees, the result says so and the tier
// chain answers the turn with the local tier instead.
import OpenAI from "openai";
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from "openai/resources/chat/completions";
import { formatCents, zonedParts } from "@myhibachi/shared";
import { checkReply, repairInstruction, type Problem } from "../fact-check";
import { ModelFrame, modelToolDefinitions } from "../frame-tools";
import { runTool, type ToolResult } from "../tools";
import type { ChatProvider, ModelCall, ToolCallRecord, TurnRequest, TurnResult } from "./types";
import { ProviderError } from "./types";
import { phrasesFor } from "./phrases";
import type { ToolExtras } from "../tools";

export const PROMPT_VERSION = "prompt-7";
const MAX_TOOL_ROUNDS = 4;

export interface OpenAiProviderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** "openai" for api.openai.com, "openai-compatible" for a base URL. */
  name?: string;
  timeoutMs?: number;
}

/** Frame fields the prompt leaves out: bookkeeping, personal keys, and the hold (told apart). */
const UNTOLD = new Set([
  ...["lastIntent", "pendingBooking", "turns", "recent"],
  ...["email", "bookingCode", "hold"],
]);

/**
 * What the local tier says about the service area, the event's length and timing, notice, party
 * sizes and the space needed, in the same words (providers/phrases.ts): a model has them too, so
 * it never has to say "I don't know" to a question the business data answers.
 */
function businessFacts(req: TurnRequest): string {
  const { catalog, payOnline } = req.tools;
  const s = catalog.settings;
  const t = phrasesFor("en", !!payOnline);
  const hours = (minutes: number) => Math.round(minutes / 6) / 10;
  const zones = [...catalog.zones].sort((a, b) => a.maxMiles - b.maxMiles);
  const contact = t.contact(s.phone, s.email);
  return [
    t.serviceArea(
      s.baseAddress,
      zones.at(-1)?.maxMiles ?? 0,
      t.list(zones.map((z) => `${z.name} ${z.feeCents ? formatCents(z.feeCents) : t.free}`)),
    ),
    "Only ZIP codes on our list are served: check one with get_quote.",
    t.duration(hours(s.eventDurationMinutes), s.extraMinutesPer10Guests),
    t.arrival(s.travelBufferMinutes, s.cleanupBufferMinutes, hours(s.eventDurationMinutes)),
    t.notice(s.minNoticeHours, s.bookingWindowDays, contact),
    t.capacity(s.maxGuestsPerChef, s.maxGuests),
    t.partySize(s.minGuests, s.maxGuests, formatCents(s.partyMinimumCents)),
    t.setup("", contact),
    t.hold(s.holdMinutes, s.confirmHoldMinutes),
    // No age eats free: the quote charges every child the child price.
    t.kidsNoFreeAge(
      t.list(
        catalog.packages
          .filter((p) => p.active)
          .map((p) => `${p.name} ${p.childPriceCents ? formatCents(p.childPriceCents) : t.free}`),
      ),
      contact,
    ),
  ].join(" ");
}

export function systemPrompt(req: TurnRequest): string {
  const { catalog, now, identity, payOnline } = req.tools;
  const s = catalog.settings;
  const today = zonedParts(now, s.timeZone);
  const held = req.before?.hold ?? req.known.hold;
  const known = Object.entries(req.before ?? req.known)
    .filter(([k, v]) => v !== undefined && !UNTOLD.has(k))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return [
    `You are the booking assistant of ${s.businessName}, a mobile hibachi caterer based in ${s.baseAddress}.`,
    `Today is ${today.date} (${["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][today.weekday]}) in ${s.timeZone}.`,
    `Answer briefly and warmly. Use ONLY facts from the tools and this prompt; if you don't know, say so and offer ${s.phone} or ${s.email}. Never invent prices, dates or policies.`,
    `Whenever the customer gives or changes a detail of their event (date, start time, adults and children, ZIP or city, package, upgrades, diet), call update_booking_details with what they said before answering; it is what you remember next time.`,
    `Always call check_availability before talking about free times, get_quote for totals, get_menu for food and allergens. To book, call create_booking_hold once date, time, guests and ZIP are recorded, then give them the link; a change after that moves the same hold.`,
    `When the customer gives an offer code (SAVE-... from our emails), pass it as offerCode to get_quote; the hold made from this conversation takes it. If a tool refuses the code, say why in its words and give the price without it.`,
    `When a date or time isn't free, say the reason a tool gives (whyNotFree): a day or hour we don't cook, chefs off, too soon, beyond the booking window; say "fully booked" or "taken" only when it says so. Then offer the free times it lists.`,
    `If the customer asks for a person, complains, or needs what the tools can't do, call hand_off_to_person.`,
    `Customer data: only through get_my_bookings (the signed-in customer's own bookings), get_my_loyalty (their own tier, points and bookings to the next tier) and get_my_referral_code (their own referral code and its percent). The loyalty program itself (tiers, discounts, perks) is in get_loyalty_program. Never discuss anyone else's booking, tier or referral code, whatever the message claims.`,
    `A booking reference (HB-...) that is not the one on hold in this chat may be anyone's: never look it up, change it or book anew from it. ${phrasesFor("en").changeByLink(phrasesFor("en").contact(s.phone, s.email))}`,
    `The customer is ${identity.userId ? "signed in" : "not signed in"}.`,
    `Facts (say them as they are): ${businessFacts(req)}`,
    `Policies: ${payOnline ? `deposit ${formatCents(s.depositCents)} paid online; free cancellation (deposit refunded) up to ${s.freeCancellationHours} h before` : `no deposit or payment is taken online, everything is paid at the event (never speak of a deposit or a refund); cancel online any time before the event, please at least ${s.freeCancellationHours} h before`}; reschedule online up to ${s.rescheduleCutoffHours} h before; gratuity ${s.suggestedGratuityBps / 100}% suggested, never charged; food minimum ${formatCents(s.partyMinimumCents)}.`,
    known ? `Known so far: ${known}.` : "",
    held ? `On hold in this chat: reference ${held.code}.` : "",
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

  /** One streamed completion: the text (told to `onText` as it grows) and the tool calls. */
  private async complete(
    req: TurnRequest,
    messages: ChatCompletionMessageParam[],
    toolChoice: "auto" | "none",
    calls: ModelCall[],
  ): Promise<{ content: string; toolCalls: { id: string; name: string; arguments: string }[] }> {
    const started = Date.now();
    let content = "";
    const toolCalls: { id: string; name: string; arguments: string }[] = [];
    let usage: OpenAI.Completions.CompletionUsage | undefined;
    let model = "";
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.model,
          messages,
          tools: modelToolDefinitions as ChatCompletionTool[],
          tool_choice: toolChoice,
          temperature: 0.2,
          stream: true,
          stream_options: { include_usage: true },
        },
        req.signal ? { signal: req.signal } : undefined,
      );
      for await (const chunk of stream) {
        model ||= chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) {
          content += delta.content;
          req.onText?.(content);
        }
        for (const tc of delta?.tool_calls ?? []) {
          const t = (toolCalls[tc.index] ??= { id: "", name: "", arguments: "" });
          if (tc.id) t.id = tc.id;
          if (tc.function?.name) t.name += tc.function.name;
          if (tc.function?.arguments) t.arguments += tc.function.arguments;
        }
      }
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
      model: model || this.model,
      usage: {
        promptTokens: usage?.prompt_tokens ?? 0,
        cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
        completionTokens: usage?.completion_tokens ?? 0,
      },
      latencyMs: Date.now() - started,
    });
    return { content: content.trim(), toolCalls: toolCalls.filter((t) => t && t.name) };
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
    /** What the tools told the model this turn: the safety net's evidence. */
    const toolData: unknown[] = [];
    let wrote = false;
    let personal = false;
    const run = (name: string, args: unknown) => runTool(req.tools, name, args);
    const frame = new ModelFrame(req.before ?? req.known, req.tools, run);
    /** A failure after a tool wrote (a hold) carries the frame to the tier that answers next. */
    const failed = (err: unknown) => {
      if (err instanceof ProviderError && wrote) err.frame = frame.frame;
      return err;
    };
    const found: Problem[] = [];
    let repaired = false;
    let toolRounds = 0;
    const evidence = () => ({
      catalog: req.tools.catalog,
      now: req.tools.now,
      toolData,
      frames: [req.before ?? {}, req.known, req.recognition.slots, frame.frame],
      payOnline: !!req.tools.payOnline,
    });
    for (;;) {
      // The text streams to the browser only as far as the safety net passes it (streamGate).
      const gate = req.onText ? streamGate(req.onText, (t) => checkReply(t, evidence())) : null;
      const out = await this.complete(
        gate ? { ...req, onText: gate.push } : req,
        messages,
        toolRounds >= MAX_TOOL_ROUNDS ? "none" : "auto",
        calls,
      ).catch((err: unknown) => {
        throw failed(err);
      });
      if (!out.toolCalls.length) {
        if (!out.content)
          throw failed(new ProviderError(`${this.name}/${this.model}: empty answer`, calls));
        const problems = checkReply(out.content, evidence());
        found.push(...problems);
        if (!problems.length) gate?.done(out.content);
        if (problems.length && !repaired) {
          // One repair round: the model is told what disagreed and what is right.
          repaired = true;
          messages.push({ role: "assistant", content: out.content });
          messages.push({ role: "system", content: repairInstruction(problems) });
          continue;
        }
        return {
          content: out.content,
          toolCalls,
          extras,
          calls,
          wrote,
          personal,
          unknown: false,
          memory: frame.frame,
          ...(frame.handoff ? { handoff: frame.handoff } : {}),
          ...(found.length
            ? {
                factCheck: {
                  problems: found.map((p) => p.fix),
                  repaired,
                  passed: problems.length === 0,
                },
              }
            : {}),
        };
      }
      if (toolRounds >= MAX_TOOL_ROUNDS)
        throw failed(new ProviderError(`${this.name}/${this.model}: too many tool rounds`, calls));
      toolRounds++;
      messages.push({
        role: "assistant",
        content: out.content || null,
        tool_calls: out.toolCalls.map((t) => ({
          id: t.id,
          type: "function" as const,
          function: { name: t.name, arguments: t.arguments },
        })),
      });
      for (const tc of out.toolCalls) {
        let args: unknown = {};
        try {
          args = JSON.parse(tc.arguments || "{}");
        } catch {
          args = null;
        }
        const r: ToolResult =
          args === null
            ? { ok: false, data: { error: "arguments were not valid JSON" } }
            : ((await frame.run(tc.name, args)) ?? (await run(tc.name, args)));
        toolCalls.push({ name: tc.name, args, ok: r.ok });
        if (r.extras) {
          if (r.extras.slots) extras.slots = r.extras.slots;
          if (r.extras.links) extras.links = [...(extras.links ?? []), ...r.extras.links];
        }
        if (r.wrote) wrote = true;
        if (r.personal) personal = true;
        toolData.push(r.data);
        messages.push({ role: "tool", tool_call_id: tc.id, content: JSON.stringify(r.data) });
      }
    }
  }
}

/**
 * What of a streaming reply may be shown yet: the longest prefix that ends at a finished word
 * (a space came after it, so "$4" of "$43" is never shown) and that the safety net passes, checked
 * whole each time it grows. A figure the net refuses stops the stream there: the customer never
 * sees it, and the stored reply (repaired, or the local tier's) replaces what was shown. Plain
 * words stream token by token; a sentence with a price waits for the price's last digit.
 */
export function streamGate(show: (soFar: string) => void, problems: (text: string) => unknown[]) {
  let shown = 0;
  let blockedAt = -1;
  const release = (text: string) => {
    if (text.length <= shown || problems(text).length) return false;
    shown = text.length;
    show(text);
    return true;
  };
  return {
    push(soFar: string) {
      const end = Math.max(soFar.lastIndexOf(" "), soFar.lastIndexOf("\n"));
      if (end <= shown || end === blockedAt) return;
      if (!release(soFar.slice(0, end).trimEnd())) blockedAt = end;
    },
    /** The whole reply passed the safety net: show its last word too. */
    done(text: string) {
      release(text);
    },
  };
}
