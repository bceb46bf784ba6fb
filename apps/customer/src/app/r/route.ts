// A campaign email's tracked link: records the first click of its send, then 303 to the target
// (our own page, or the owner's review page). packages/api/src/campaign-pages.ts.
import { handleCampaignClick } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleCampaignClick(req, deps());
export const HEAD = (req: Request) => handleCampaignClick(req, deps());
