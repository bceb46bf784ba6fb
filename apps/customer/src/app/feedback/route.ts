// The post-event rating page reached from the "how was it?" email (signed link, no sign-in):
// 1-5 and a comment, stored once. packages/api/src/campaign-pages.ts.
import { handleFeedback } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
export const GET = (req: Request) => handleFeedback(req, deps());
export const POST = (req: Request) => handleFeedback(req, deps());
