// Writes src/graphql/persisted-operations.json from src/graphql/documents.ts: for each app, the
// sha256 of each document → its text. Run `pnpm graphql:persist` after editing a document (the
// unit test src/graphql/persisted.test.ts fails until the map matches).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { persistedMap } from "../src/graphql/persisted";

const target = fileURLToPath(new URL("../src/graphql/persisted-operations.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(persistedMap(), null, 2)}\n`);
console.log(`wrote ${target}`);
