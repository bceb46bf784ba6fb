import { handleAuth } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
const handler = (req: Request) => handleAuth(req, deps());
export { handler as GET, handler as POST };
