import { handleGraphQL } from "@myhibachi/api";
import { deps } from "~/server/deps";
import { env } from "~/env";

export const dynamic = "force-dynamic";
// GraphQL over the customer operations; any document in `next dev`, our persisted ones otherwise.
const handler = (req: Request) =>
  handleGraphQL(req, "customer", deps(), { dev: env.NODE_ENV === "development" });
export { handler as GET, handler as POST };
