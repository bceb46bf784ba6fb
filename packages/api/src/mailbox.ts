// The local demo mailbox (customer app, LOCAL_MAILBOX=1 without SMTP): who may read it, and what.
import { listLocalMailbox, type MailboxItem } from "@myhibachi/core";
import type { ApiDeps } from "./context";
import { isLoopbackRequest } from "./peer";

/**
 * The customer emails the mailbox page shows, or null (the page answers 404) unless the mailbox
 * is enabled and the request certainly comes from this machine (see peer.ts).
 */
export async function localMailbox(
  deps: Pick<ApiDeps, "db">,
  req: { enabled: boolean; headers: Headers; siteUrl: string; to?: string | undefined },
): Promise<MailboxItem[] | null> {
  if (!req.enabled || !isLoopbackRequest(req.headers)) return null;
  return listLocalMailbox(deps.db, { siteUrl: req.siteUrl, to: req.to });
}
