// The REST API (/api/v1/...): see packages/api/src/rest. Documented at /api/docs.
import { handleRest } from "@myhibachi/api";
import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
const handler = (req: Request) => handleRest(req, "customer", deps());
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
