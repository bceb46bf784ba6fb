// Writes src/graphql/persisted-{customer,admin}.json from src/graphql/documents.ts: per app, the
// sha256 of each document -> its text (one file per app, so a browser bundle that needs the
// customer site's hashes never carries the admin documents). Run `pnpm graphql:persist` after
// editing a document (the unit test src/graphql/persisted.test.ts fails until the files match).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { persistedMap } from "../src/graphql/persisted";

for (const [app, map] of Object.entries(persistedMap())) {
  const target = fileURLToPath(new URL(`../src/graphql/persisted-${app}.json`, import.meta.url));
  writeFileSync(target, `${JSON.stringify(map, null, 2)}\n`);
  console.log(`wrote ${target}`);
}
