#!/usr/bin/env node
// `pnpm --filter @myhibachi/worker build`: the worker as ONE file, dist/main.mjs, that runs with
// plain `node dist/main.mjs` from any folder, with no node_modules beside it (the container image
// and tests/deploy run it so). esbuild compiles our TypeScript (the workspace packages export
// their sources) and bundles every dependency into it: the Prisma 7 client we generate (its query
// compiler is WebAssembly inlined as base64), the pg adapter, BullMQ (its Lua scripts are strings
// in its JavaScript), ioredis, nodemailer, twilio and stripe. Nothing the worker runs reads a file
// of a package at run time, which is what a bundle could not carry; the deploy test proves the
// copy in an empty folder serves /healthz and runs jobs against a real Postgres and Redis.
//
// Not minified, no source map: stack traces name our functions and the bundle keeps each module's
// path as a comment. Usage: node scripts/bundle.mjs [--outfile <path>] (default dist/main.mjs).
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const app = resolve(here, "..");
const i = process.argv.indexOf("--outfile");
const outfile = i > 0 ? resolve(process.argv[i + 1]) : resolve(app, "dist", "main.mjs");

const result = await build({
  entryPoints: [resolve(app, "src", "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: resolve(app, "tsconfig.json"),
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  legalComments: "eof",
  logLevel: "warning",
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`worker bundle: ${outfile} (${(bytes / 1e6).toFixed(1)} MB)`);
