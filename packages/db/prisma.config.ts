import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads .env itself; scripts/prisma.mjs loads the repo's .env first.
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/myhibachi";

export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  datasource: {
    url,
    ...(process.env.SHADOW_DATABASE_URL
      ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL }
      : {}),
  },
});
