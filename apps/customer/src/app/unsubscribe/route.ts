// One-click unsubscribe from campaign emails (RFC 8058): GET shows a page with a button, POST (the
// button, or a mail client's List-Unsubscribe-Post) unsubscribes. packages/api/src/campaign-pages.ts.
import { handleUnsubscribe } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleUnsubscribe(req, deps());
export const POST = (req: Request) => handleUnsubscribe(req, deps());
