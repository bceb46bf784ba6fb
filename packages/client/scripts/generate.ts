// Regenerates the typed client from the REST APIs' OpenAPI documents, without a server: the
// documents are built from the operation registry (packages/api/src/rest), written to openapi/,
// and @hey-api/openapi-ts writes the SDK (with its fetch client bundled in) to src/generated/.
//   pnpm --filter @myhibachi/client generate            # into this package (commit the result)
//   tsx scripts/generate.ts <dir>                         # into <dir> (the drift check)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@hey-api/openapi-ts";
import { openApiDocument, type RestApp } from "@myhibachi/api";

const PACKAGE_DIR = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** The documents name the apps' default local addresses; clients pass their own base URL. */
const DEFAULT_BASE: Record<RestApp, string> = {
  customer: "http://localhost:3000",
  admin: "http://localhost:3001",
};

export async function generate(dir: string = PACKAGE_DIR): Promise<void> {
  for (const app of ["customer", "admin"] as const) {
    const docFile = join(dir, "openapi", `${app}.json`);
    mkdirSync(join(dir, "openapi"), { recursive: true });
    writeFileSync(docFile, `${JSON.stringify(openApiDocument(app, DEFAULT_BASE[app]), null, 2)}\n`);
    const out = join(dir, "src", "generated", app);
    rmSync(out, { recursive: true, force: true });
    await createClient({
      input: docFile,
      output: { path: out, postProcess: [] },
      plugins: ["@hey-api/typescript", "@hey-api/sdk", "@hey-api/client-fetch"],
      logs: { level: "silent" },
    });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ? resolve(process.argv[2]) : PACKAGE_DIR;
  await generate(target);
  console.log(`client: wrote openapi/*.json and src/generated/{customer,admin} under ${target}`);
}
