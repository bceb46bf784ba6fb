import { deps } from "~/server/deps";

export const dynamic = "force-dynamic";
const handler = (req: Request) => deps().auth.handler(req);
export { handler as GET, handler as POST };
