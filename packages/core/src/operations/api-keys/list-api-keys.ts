import { z } from "zod";
import { owner } from "../access";
import { defineOperation } from "../define";
import { instant } from "../output-schemas";

/** Every API key, newest first, revoked ones too (without the keys: only their first characters). */
export const listApiKeysOp = defineOperation({
  name: "listApiKeys",
  kind: "query",
  summary: "The admin API keys (name, first characters, who made it, last use, revocation).",
  output: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      createdAt: instant,
      lastUsedAt: instant.nullable(),
      revokedAt: instant.nullable(),
      createdBy: z.object({ name: z.string(), email: z.string() }),
    }),
  ),
  access: owner,
  async run(ctx) {
    const rows = await ctx.db.apiKey.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
      include: { createdBy: { select: { name: true, email: true } } },
    });
    return rows.map(({ keyHash: _h, createdById: _c, ...r }) => r);
  },
});
