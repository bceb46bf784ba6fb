// The admin app's GraphQL schema (/api/graphql on apps/admin).
import { operations } from "@myhibachi/core";
import { createBuilder, run } from "./builder";

export function buildAdminSchema() {
  const builder = createBuilder();
  builder.queryType({
    fields: (t) => ({
      me: t.string({
        nullable: true,
        resolve: async (_r, _a, ctx) => (await run(operations.getAccount, ctx))?.email,
      }),
    }),
  });
  return builder.toSchema({ sortSchema: false });
}
