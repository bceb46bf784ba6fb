// The customer pages' API client: `useTRPC()` gives the typed client of rpc.ts (a hook only in
// name, so the call sites read like tRPC's React client: `useQuery(trpc.x.queryOptions(input))`
// with the hooks of query.ts), and the messages for failed calls shared with the admin app.
import { rpc } from "./rpc";

export { canRetry, errorMessage } from "@myhibachi/ui/errors";
export { linkErrorMessage } from "@myhibachi/ui/link-error";

export const useTRPC = () => rpc;
