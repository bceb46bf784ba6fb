import type { Recognition } from "../intents";
import type { TokenUsage } from "../prices";
import type { Tier } from "../router";
import type { ToolContext, ToolExtras } from "../tools";
import type { Slots } from "../extract";
import type { DietaryProfile } from "@myhibachi/shared";

export interface HistoryMessage {
  role: "user" | "assistant";
  content: string;
}

/** A hold made from the chat, with the facts it was made of (to move it on a change). */
export interface HeldFrame {
  id: string;
  code: string;
  date: string;
  startMinute: number;
  guests: number;
  children: number;
  postalCode: string;
  packageSlug?: string;
  items?: Record<string, number>;
  /** The offer code the hold took (SAVE-...). */
  offerCode?: string;
}

/** What the assistant remembers across turns (Conversation.memory): the dialogue frame. */
export interface Memory extends Slots {
  /** The hold made from this conversation, if any. */
  hold?: HeldFrame;
  /** A booking the customer asked for that still misses details. */
  pendingBooking?: boolean;
  /** A start time asked for that was taken: "another day, same time" asks for it again. */
  wantedMinute?: number;
  /**
   * The list a time was picked from by its place ("the third one"): "actually the second one"
   * re-picks from it (frame.ts). Gone once another day or time is said.
   */
  pickedFrom?: { date?: string; startMinute: number }[];
  lastIntent?: string;
  /** The last question asked about the party as a whole (its price or its free times). */
  partyIntent?: "pricing" | "availability" | "booking_request";
  /** Messages in the conversation so far (routing depth without reading the history). */
  turns?: number;
  /** Outcome of the last replies, newest last: 1 = failed or didn't know. */
  recent?: number[];
  /** The party's allergies and diets as the chat heard them (suggestion.ts `chatDiet`). */
  dietProfile?: DietaryProfile;
  /** The hold and profile last written onto the hold (suggestion.ts `keepDietOnHold`). */
  dietKept?: string;
  /** The one menu suggestion this conversation was offered (suggestion.ts), if any. */
  suggestion?: {
    rule: string;
    declined?: boolean;
    /** Taken with a yes: its change is in the frame (suggestion-answer.ts). */
    accepted?: boolean;
    linked?: string;
    /** What it is called in the reply ("the jumbo shrimp upgrade"). */
    title?: string;
    /** The frame's package and items with it taken (what a yes changes). */
    take?: SuggestionTake;
    /** The items it adds (or serves more of), and a package it switches to: what is judged. */
    adds?: string[];
    switchesTo?: string;
    /** Answered by something else than a yes or no: a later "yes" is about something else. */
    closed?: boolean;
    /** Taken back: a need said since makes it unsafe (a later "yes" adds nothing). */
    withdrawn?: boolean;
    /** The warning said about it once accepted (a need said since that it breaks). */
    warned?: string;
  };
  /**
   * Items served one per guest ("lobster for everyone", a per-guest suggestion taken): their
   * count follows the party when it changes (frame.ts).
   */
  perGuest?: string[];
}

/** What a yes to the suggestion changes in the frame. */
export interface SuggestionTake {
  packageSlug: string;
  items: Record<string, number>;
  /** Of the items, those served one per guest. */
  perGuest: string[];
}

export interface TurnRequest {
  tier: Tier;
  text: string;
  history: HistoryMessage[];
  recognition: Recognition;
  /** Slots of this message merged over memory: what the assistant knows now. */
  known: Memory;
  /**
   * The conversation's frame before this message. A model reads the message itself and records
   * what it says through tool calls, starting from here (default: `known`).
   */
  before?: Memory;
  tools: ToolContext;
  signal?: AbortSignal;
  /** The reply so far, as a model writes it (each round starts again from its first token). */
  onText?: (soFar: string) => void;
}

/** One request to a model (a tool round is its own call): one ledger row each. */
export interface ModelCall {
  provider: string;
  model: string;
  usage: TokenUsage;
  latencyMs: number;
  error?: string;
}

export interface ToolCallRecord {
  name: string;
  args: unknown;
  ok: boolean;
}

export interface TurnResult {
  content: string;
  toolCalls: ToolCallRecord[];
  extras: ToolExtras;
  calls: ModelCall[];
  /** A tool wrote something (a hold). */
  wrote: boolean;
  /** The answer is about the asker (their bookings). */
  personal: boolean;
  /** The assistant could not answer (counts as a failure for routing and frustration). */
  unknown: boolean;
  /** Memory to keep for the next turn. */
  memory?: Memory;
  /** The model asked for a person (why): the conversation is handed off like a regex hand-off. */
  handoff?: string;
  /**
   * The safety net's verdict on a model's reply (checked against the turn's tool results and the
   * catalog): what disagreed, whether one repair round was needed, and whether the final text
   * passed. A reply that did not pass is never sent: the local tier answers the turn instead.
   */
  factCheck?: { problems: string[]; repaired: boolean; passed: boolean };
}

export interface ChatProvider {
  /** "openai", "openai-compatible", "local" ... */
  readonly name: string;
  readonly model: string;
  answer(req: TurnRequest): Promise<TurnResult>;
}

/**
 * A failed model call; carries the calls made before it failed so the ledger stays complete, and
 * the frame as the model's tools left it when one of them wrote (a hold), so the tier that answers
 * next starts from that hold instead of making another.
 */
export class ProviderError extends Error {
  frame?: Memory;

  constructor(
    message: string,
    readonly calls: ModelCall[],
    options?: { cause?: unknown },
  ) {
    super(message);
    this.name = "ProviderError";
    if (options && "cause" in options) (this as { cause?: unknown }).cause = options.cause;
  }
}
