import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The monorepo's root: the standalone output's file tracing starts there, so the workspace
// packages, the Prisma client and the pg adapter they use land in .next/standalone too.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

const config: NextConfig = {
  // Internal packages export TypeScript source; Next compiles them.
  transpilePackages: [
    "@myhibachi/ai",
    "@myhibachi/api",
    "@myhibachi/auth",
    "@myhibachi/core",
    "@myhibachi/db",
    "@myhibachi/jobs",
    "@myhibachi/shared",
    "@myhibachi/ui",
  ],
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bullmq", "ioredis"],
  poweredByHeader: false,
  // `next build` also writes .next/standalone: a server (apps/<app>/server.js) with only the
  // files it needs, what the container images run (docs/operations/deploy.md).
  output: "standalone",
  outputFileTracingRoot: repoRoot,
  // src/proxy.ts refuses bodies over its limits; Next buffers at most this much for it.
  experimental: { proxyClientMaxBodySize: "1mb" },
};

export default config;
