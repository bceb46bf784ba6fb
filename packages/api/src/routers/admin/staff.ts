import { router } from "../../trpc";

/** Filled in by the staff work; see packages/api/src/routers/admin/index.ts. */
export const staffAdminRouter = router({});
