// The checked-in client must be what the generator makes from the operations as they are now:
// regenerate into a temp dir and compare every file (CI runs this with the unit tests).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { generate } from "./generate";

const PACKAGE_DIR = resolve(fileURLToPath(new URL("..", import.meta.url)));
const GENERATED = ["openapi", join("src", "generated")];

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p, "utf8"));
    }
  };
  for (const d of GENERATED) walk(join(root, d));
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), "myhibachi-client-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("packages/client is up to date with the operations (OpenAPI documents and generated SDK)", async () => {
  await generate(tmp);
  const fresh = files(tmp);
  const committed = files(PACKAGE_DIR);
  const differ = [...new Set([...fresh.keys(), ...committed.keys()])]
    .filter((f) => fresh.get(f) !== committed.get(f))
    .sort();
  expect(
    differ,
    `packages/client is out of date with the REST routes or the operations' schemas (${differ.join(", ")}). Run \`pnpm --filter @myhibachi/client generate\` and commit the result.`,
  ).toEqual([]);
}, 60_000);
