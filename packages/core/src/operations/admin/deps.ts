import type { OperationContext } from "../define";

/** What an audited admin write (`adminWrite`) needs from an operation's context. */
export const adminDeps = (ctx: OperationContext) => ({ cache: ctx.cache, now: ctx.now });
