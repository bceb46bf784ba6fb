/**
 * Who is chatting, established on the server (session or visitor cookie), never from the text.
 * Tools authorize with this and nothing else.
 */
export interface ChatIdentity {
  userId: string | null;
  visitorId: string | null;
  /** The address the message came from (for per-address booking limits), if known. */
  address?: string | null;
}
