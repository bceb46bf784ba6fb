// Which file defines each operation (`name: "cancelBooking"` in packages/core/src/operations),
// for the links in docs/OPERATIONS.md. Node-only: used by the doc script and its test.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const operationsDocPath = (root: string) => join(root, "docs", "OPERATIONS.md");

export function operationFiles(root: string): Record<string, string> {
  const dir = join(root, "packages", "core", "src", "operations");
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
        for (const m of readFileSync(p, "utf8").matchAll(/defineOperation\(\{\s*name: "(\w+)"/g))
          out[m[1]!] = relative(root, p);
    }
  };
  walk(dir);
  return out;
}
