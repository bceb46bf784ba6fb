import { router } from "../../trpc";

/** Filled in by the conversations work; see packages/api/src/routers/admin/index.ts. */
export const conversationsAdminRouter = router({});
