// Writes docs/OPERATIONS.md (see src/operations-map.ts). Run `pnpm operations:doc` after adding or
// moving an operation or a route; the unit test src/operations-map.test.ts fails until it matches.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { operationFiles, operationsDocPath } from "../src/operations-files";
import { operationsMarkdown } from "../src/operations-map";

const root = fileURLToPath(new URL("../../../", import.meta.url));
writeFileSync(operationsDocPath(root), operationsMarkdown(operationFiles(root)));
console.log(`wrote ${operationsDocPath(root)}`);
