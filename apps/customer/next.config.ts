import type { NextConfig } from "next";

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
  // src/proxy.ts refuses bodies over its limits; Next buffers at most this much for it.
  experimental: { proxyClientMaxBodySize: "1mb" },
};

export default config;
