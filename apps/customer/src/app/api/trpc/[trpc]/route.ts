import { customerRouter, handleTrpc } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
const handler = (req: Request) => handleTrpc(req, customerRouter, deps());
// PUT, PATCH and DELETE too: each gets a 404 or 405 in words (handleTrpc), not an empty 405.
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
