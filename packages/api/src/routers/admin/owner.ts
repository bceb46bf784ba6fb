import { router } from "../../trpc";

/** Filled in by the owner work; see packages/api/src/routers/admin/index.ts. */
export const ownerAdminRouter = router({});
