// `pnpm bench <name> [args]` runs bench/<name>.ts with tsx; `pnpm bench` lists them.
// Benchmarks print figures; they assert nothing about time.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../bench/", import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .map((f) => f.replace(/\.ts$/, ""));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: pnpm bench <${available.join("|")}> [args]`);
  process.exit(name ? 2 : 0);
}
const r = spawnSync(process.execPath, ["--import", "tsx", `${dir}${name}.ts`, ...args], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
