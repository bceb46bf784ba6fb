// How the admin words what the assistant records about a chat (its stored reasons and tiers are
// internal keys): "asked for a person", "answered by the built-in assistant".

/** Why a chat was handed to staff, in words. */
export function flagReasonText(reason: string | null | undefined): string {
  if (!reason) return "not recorded";
  const frustration = /^frustration [\d.]+(?: \((.*)\))?$/.exec(reason);
  if (frustration) {
    const why = frustration[1] && frustration[1] !== "rolling" ? frustration[1] : null;
    return `the customer seemed frustrated${why ? ` (${why})` : ""}`;
  }
  if (reason.startsWith("model: ")) return reason.slice("model: ".length);
  return reason;
}

const TIERS: Record<string, string> = {
  local: "the built-in assistant",
  small: "the AI model (small)",
  medium: "the AI model (medium)",
  strong: "the AI model (strong)",
};

/** " · answered by the built-in assistant, reusing an earlier answer" (or nothing). */
export function answeredBy(tier: string | null | undefined, cache: string | null | undefined) {
  if (!tier) return "";
  return ` · answered by ${TIERS[tier] ?? "the assistant"}${cache === "hit" ? ", reusing an earlier answer" : ""}`;
}

/** Where a conversation happened, in words. */
export const CHANNEL_WORDS: Record<string, string> = {
  CHAT: "web chat",
  VOICE: "phone call",
  SMS: "text messages",
};

/** How a call ended, in words (null: still going, or never said). */
export function outcomeText(outcome: string | null | undefined): string | null {
  const words: Record<string, string> = {
    booked: "booked (hold made, link texted)",
    transferred: "put through to the team",
    missed: "put through, nobody answered",
    message: "left a message for staff",
    dropped: "dropped",
    completed: "ended",
  };
  return outcome ? (words[outcome] ?? outcome) : null;
}

/** A call's length: "2 min 5 s", "45 s". */
export function durationText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined) return null;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min${s ? ` ${s} s` : ""}` : `${s} s`;
}
