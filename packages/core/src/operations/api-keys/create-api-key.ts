import { z } from "zod";
import { adminWrite } from "../../admin/audit";
import { newApiKey } from "../../api-keys";
import { adminAuthor, owner } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

/** A new read-only API key for the admin REST API; the key is in this answer only. */
export const createApiKeyOp = defineOperation({
  name: "createApiKey",
  kind: "mutation",
  summary: "Create a read-only API key for the admin API (the key is shown once).",
  input: z.object({
    name: z
      .string({ error: "Name the key (what will use it)." })
      .trim()
      .min(1, "Name the key (what will use it).")
      .max(80, "Keep the name under 80 characters."),
  }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    /** The key itself: shown this once, never stored. */
    key: z.string(),
    createdAt: instant,
  }),
  access: owner,
  async run(ctx, input, user) {
    const { key, keyHash, prefix } = newApiKey();
    const row = await adminWrite(
      ctx.db,
      { cache: ctx.cache, now: ctx.now },
      { actor: adminAuthor(user), scopes: [] },
      async (tx, audit) => {
        const created = await tx.apiKey.create({
          data: { name: input.name, keyHash, prefix, createdById: user.id, createdAt: ctx.now() },
        });
        audit({
          action: "apiKey.create",
          entity: "apiKey",
          entityId: created.id,
          after: { name: created.name, prefix },
        });
        return created;
      },
    );
    return { id: row.id, name: row.name, prefix: row.prefix, key, createdAt: row.createdAt };
  },
});
