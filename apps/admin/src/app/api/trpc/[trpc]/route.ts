import { adminRouter, handleTrpc } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
const handler = (req: Request) => handleTrpc(req, adminRouter, deps());
export { handler as GET, handler as POST };
