import { handleGraphQL } from "@myhibachi/api";
import { deps } from "~/server/deps";
import { env } from "~/env";

export const dynamic = "force-dynamic";
// GraphQL over the staff and owner operations; any document for signed-in staff (or `next dev`).
const handler = (req: Request) =>
  handleGraphQL(req, "admin", deps(), { dev: env.NODE_ENV === "development" });
export { handler as GET, handler as POST };
