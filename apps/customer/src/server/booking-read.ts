import "server-only";
import { notFound } from "next/navigation";

/**
 * A booking page's own read (the procedure its client part shows), made on the server first with
 * the request's session and link, by the procedure's own access rule: someone else's booking, one
 * that doesn't exist, a wrong, expired or mangled link all answer HTTP 404 (Next's notFound(): the
 * same page whatever the reason, so whether the booking exists isn't told). The answer is handed
 * to the client part, which doesn't ask again; undefined when the read failed otherwise (the
 * client part asks again and says why), or for this booking's receipt link on a page it doesn't
 * open (the page tells its holder what the link is for).
 */
export async function readOr404<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    const e = err as { code?: string; cause?: { details?: { link?: string } | null } };
    if (e.code === "NOT_FOUND" && e.cause?.details?.link === "receipts") return undefined;
    if (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST") notFound();
    return undefined;
  }
}
