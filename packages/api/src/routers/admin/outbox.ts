// The owner's Outbox: every stored email and alert webhook call, with secrets redacted, and a
// retry for the ones that failed for good. Mounted under `owner.`.
import { operations as op } from "@myhibachi/core";
import { mutationOf, queryOf } from "../../procedure";
import { router } from "../../trpc";

export const outboxAdminRouter = router({
  list: queryOf(op.listOutbox),
  retry: mutationOf(op.retryOutboxMessage),
});
