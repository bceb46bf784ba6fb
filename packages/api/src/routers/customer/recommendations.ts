import { operations as op } from "@myhibachi/core";
import { mutationOf } from "../../procedure";
import { router } from "../../trpc";

/** Menu suggestions (issue 16): both write (what was shown, what was answered). */
export const recommendationsRouter = router({
  suggestForSelection: mutationOf(op.suggestForSelection),
  recordSuggestionOutcome: mutationOf(op.recordSuggestionOutcome),
});
