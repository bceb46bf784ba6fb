import { router } from "../../trpc";

/** Filled in by the costs work; see packages/api/src/routers/admin/index.ts. */
export const costsAdminRouter = router({});
