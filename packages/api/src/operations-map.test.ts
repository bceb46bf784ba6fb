import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allOperations } from "@myhibachi/core";
import { operationFiles, operationsDocPath } from "./operations-files";
import { operationsMap, operationsMarkdown } from "./operations-map";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("docs/OPERATIONS.md", () => {
  it("names the file of every operation", () => {
    const files = operationFiles(root);
    expect(allOperations.map((op) => op.name).filter((n) => !files[n])).toEqual([]);
  });

  it("every operation is served somewhere", () => {
    const idle = operationsMap().filter(
      (s) => !s.trpc.length && !s.rest.length && !s.graphql.length && !s.tools.length,
    );
    expect(idle.map((s) => s.op.name)).toEqual([]);
  });

  it("is up to date (run `pnpm operations:doc` and commit it)", () => {
    expect(readFileSync(operationsDocPath(root), "utf8")).toBe(
      operationsMarkdown(operationFiles(root)),
    );
  });
});
