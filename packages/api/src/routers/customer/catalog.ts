import { operations as op } from "@myhibachi/core";
import { queryOf } from "../../procedure";
import { router } from "../../trpc";

export const catalogRouter = router({
  get: queryOf(op.getMenu),
  loyalty: queryOf(op.getLoyaltyProgram),
  reviews: queryOf(op.listPublicReviews),
});
