import { z } from "zod";
import { adminWrite, notFound } from "../../admin/audit";
import { idSchema } from "../../schemas";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

/** Revokes an API key: from now on it is refused (401). Revoking twice changes nothing. */
export const revokeApiKeyOp = defineOperation({
  name: "revokeApiKey",
  kind: "mutation",
  summary: "Revoke an admin API key: requests with it are refused from now on.",
  input: z.object({ id: idSchema }),
  output: z.object({ id: z.string(), revokedAt: instant }),
  access: owner,
  async run(ctx, input, user) {
    return adminWrite(
      ctx.db,
      { cache: ctx.cache, now: ctx.now },
      { actor: adminAuthor(user), scopes: [] },
      async (tx, audit) => {
        const key = await tx.apiKey.findUnique({ where: { id: input.id } });
        if (!key) throw notFound("API key");
        if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
        const revoked = await tx.apiKey.update({
          where: { id: key.id },
          data: { revokedAt: ctx.now() },
        });
        audit({
          action: "apiKey.revoke",
          entity: "apiKey",
          entityId: key.id,
          before: { name: key.name, prefix: key.prefix },
        });
        return { id: revoked.id, revokedAt: revoked.revokedAt! };
      },
    );
  },
});
