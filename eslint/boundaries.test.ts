// The import boundaries (eslint/boundaries.mjs) through ESLint itself with the repository's
// config, as `pnpm lint` runs them: each forbidden import is an error, each allowed one is not.
import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The boundary errors ESLint reports for `code` saved as `file` (a path in the repo). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(root, file) });
  return result!.messages
    .filter((m) => m.ruleId === "myhibachi/boundaries" || m.fatal)
    .map((m) => m.message);
}

const CORE = "packages/core/src/boundary-fixture.ts";
const CUSTOMER = "apps/customer/src/app/boundary-fixture.tsx";

describe("import boundaries: apps -> api -> core -> db", () => {
  it("core imports no web, tRPC, queue or api code", async () => {
    for (const spec of ["next/server", "react", "@trpc/server", "bullmq", "superjson"])
      expect(await boundaryErrors(CORE, `import x from "${spec}"; void x;`)).toEqual([
        expect.stringMatching(new RegExp(`packages/core may not import ${spec}: core -> db`)),
      ]);
    for (const pkg of ["api", "jobs", "ai", "auth", "ui"])
      expect(await boundaryErrors(CORE, `export * from "@myhibachi/${pkg}";`)).toEqual([
        expect.stringContaining(`packages/core may not import @myhibachi/${pkg}`),
      ]);
    expect(
      await boundaryErrors(CORE, `const m = await import("@myhibachi/api"); void m;`),
    ).toHaveLength(1);
  });

  it("core takes Redis as a type only: it never opens a connection", async () => {
    expect(await boundaryErrors(CORE, `import { Redis } from "ioredis"; new Redis();`)).toEqual([
      expect.stringContaining("may not import ioredis except with `import type`"),
    ]);
    expect(
      await boundaryErrors(CORE, `import type { Redis } from "ioredis"; let r: Redis;`),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        CORE,
        `import { db } from "@myhibachi/db"; import { formatCents } from "@myhibachi/shared"; void db; void formatCents;`,
      ),
    ).toEqual([]);
  });

  it("db imports no other workspace package; jobs no api, core or web code", async () => {
    for (const pkg of ["core", "shared", "api"])
      expect(
        await boundaryErrors("packages/db/src/x.ts", `import "@myhibachi/${pkg}";`),
      ).toHaveLength(1);
    for (const spec of ["@myhibachi/core", "@myhibachi/api", "@myhibachi/ai", "next", "react"])
      expect(await boundaryErrors("packages/jobs/src/x.ts", `import "${spec}";`)).toHaveLength(1);
    expect(
      await boundaryErrors("packages/jobs/src/x.ts", `import { Queue } from "bullmq"; void Queue;`),
    ).toEqual([]);
  });

  it("the browser-side packages import no server code", async () => {
    for (const spec of [
      "node:crypto",
      "fs",
      "react",
      "ioredis",
      "@myhibachi/db",
      "@myhibachi/core",
    ])
      expect(await boundaryErrors("packages/shared/src/x.ts", `import "${spec}";`)).toHaveLength(1);
    for (const spec of ["@myhibachi/db", "@myhibachi/core", "bullmq", "node:fs"])
      expect(await boundaryErrors("packages/ui/src/x.tsx", `import "${spec}";`)).toHaveLength(1);
    expect(
      await boundaryErrors(
        "packages/ui/src/x.tsx",
        `import type { AdminRouter } from "@myhibachi/api"; let r: AdminRouter;`,
      ),
    ).toEqual([]);
  });

  it("apps reach core, ai and the database through the api package (types only otherwise)", async () => {
    for (const pkg of ["core", "ai", "db"]) {
      expect(
        await boundaryErrors(CUSTOMER, `import { x } from "@myhibachi/${pkg}"; void x;`),
      ).toEqual([
        expect.stringContaining(
          `apps/customer may not import @myhibachi/${pkg} except with \`import type\``,
        ),
      ]);
      expect(
        await boundaryErrors(CUSTOMER, `const m = await import("@myhibachi/${pkg}"); void m;`),
      ).toHaveLength(1);
      expect(
        await boundaryErrors(CUSTOMER, `import type { X } from "@myhibachi/${pkg}"; let x: X;`),
      ).toEqual([]);
    }
    expect(
      await boundaryErrors(
        "apps/admin/src/x.ts",
        `import { seedDemo } from "@myhibachi/seed"; void seedDemo;`,
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        CUSTOMER,
        `import { handleTrpc } from "@myhibachi/api"; import { formatCents } from "@myhibachi/shared"; void handleTrpc; void formatCents;`,
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "apps/worker/src/x.ts",
        `import { handleTrpc } from "@myhibachi/api"; void handleTrpc;`,
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        "apps/worker/src/x.ts",
        `import { expireHolds } from "@myhibachi/core"; void expireHolds;`,
      ),
    ).toEqual([]);
  });

  it("packages are imported by name through their public exports, never by path", async () => {
    expect(
      await boundaryErrors(CUSTOMER, `import { t } from "@myhibachi/api/src/trpc"; void t;`),
    ).toEqual([
      expect.stringContaining(
        '"@myhibachi/api/src/trpc is not a public entry point of @myhibachi/api'.slice(1),
      ),
    ]);
    expect(
      await boundaryErrors(
        CUSTOMER,
        `import { x } from "../../../../packages/api/src/trpc"; void x;`,
      ),
    ).toEqual([expect.stringContaining("reaches outside apps/customer by path")]);
    expect(await boundaryErrors(CORE, `export { x } from "../../db/src/index";`)).toEqual([
      expect.stringContaining("reaches outside packages/core by path"),
    ]);
    expect(await boundaryErrors(CUSTOMER, `import { x } from "../lib/trpc"; void x;`)).toEqual([]);
    expect(
      await boundaryErrors(CUSTOMER, `import { http } from "@myhibachi/api/http"; void http;`),
    ).toEqual([]);
  });
});
