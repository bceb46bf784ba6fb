import { operations as op } from "@myhibachi/core";
import { queryOf } from "../../procedure";
import { router } from "../../trpc";

export const accountRouter = router({ me: queryOf(op.getAccount) });
