// Runs the Prisma CLI offline. Prisma 7's CLI wants to download a native schema engine; when
// PRISMA_SCHEMA_ENGINE_BINARY is not set we point it at our bridge to the WebAssembly engine
// (scripts/schema-engine-bridge.mjs). Set PRISMA_SCHEMA_ENGINE_BINARY to use a native engine.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const envFile = resolve(root, ".env");
if (existsSync(envFile)) {
  for (const line of readFileSync(envFile, "utf8").split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m && process.env[m[1]] === undefined) process.env[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
}
const bridge = resolve(here, "schema-engine-bridge.mjs");
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  // The CLI spawns the engine directly: the bridge is an executable with a `node` shebang, so
  // make sure it is executable and that `node` on PATH is this same node.
  if ((statSync(bridge).mode & 0o111) === 0) chmodSync(bridge, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = bridge;
  env.PATH = [dirname(process.execPath), env.PATH].filter(Boolean).join(delimiter);
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
  cwd: resolve(here, ".."),
});
process.exit(r.status ?? 1);
