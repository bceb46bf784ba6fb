// Root Vitest config with two projects:
//   unit        - packages/**/src/**/*.test.ts, apps/**/src/**/*.test.ts(x) and eslint/**/*.test.ts
//                 (and packages/client/scripts: the generated client is up to date; bench/: the
//                 benchmark's own helpers)
//                 (no services needed)
//   integration - **/*.int.test.ts; real Postgres/Redis (see tests/setup/integration-global.ts)
//   security    - tests/security/**/*.sec.test.ts; attacks the BUILT apps over HTTP (build first;
//                 tests/security/global-setup.ts starts them on their own database)
//   deploy      - tests/deploy/**/*.deploy.test.ts; the Dockerfiles and docker-compose.yml linted,
//                 and each image's files (standalone apps, worker bundle, migration) run from an
//                 empty folder (build first, like security)
// Run one with `pnpm vitest run --project unit` / `--project integration`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Workspace packages export TypeScript sources directly ("./src/index.ts"), so no build step is
 * needed. Inside packages and apps `@myhibachi/*` resolves through the node_modules symlinks
 * pnpm creates; these aliases (derived from each package's "exports") make the same imports
 * work from files under tests/, whose root package does not depend on the workspace packages.
 */
function workspaceAliases(): { find: string | RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  const packagesDir = join(root, "packages");
  for (const dir of readdirSync(packagesDir)) {
    const manifestPath = join(packagesDir, dir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      name?: string;
      exports?: Record<string, string> | string;
    };
    if (!manifest.name || !manifest.exports) continue;
    const exportsMap =
      typeof manifest.exports === "string" ? { ".": manifest.exports } : manifest.exports;
    for (const [subpath, target] of Object.entries(exportsMap)) {
      if (typeof target !== "string") continue;
      const specifier =
        subpath === "." ? manifest.name : `${manifest.name}/${subpath.replace(/^\.\//, "")}`;
      const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      aliases.push({
        find: new RegExp(`^${escaped}$`),
        replacement: resolve(packagesDir, dir, target),
      });
    }
  }
  return aliases;
}

const ignored = [
  "**/node_modules/**",
  "**/.next/**",
  "**/dist/**",
  ".data/**",
  "packages/db/src/generated/**",
];

/**
 * Each app imports its own sources as "~/..." (its tsconfig's paths): resolved against the app
 * the importing file belongs to.
 */
const appTilde: Plugin = {
  name: "app-tilde",
  enforce: "pre",
  resolveId(source, importer) {
    if (!source.startsWith("~/") || !importer) return null;
    const app = /[\\/]apps[\\/]([^\\/]+)[\\/]/.exec(importer)?.[1];
    if (!app) return null;
    return this.resolve(join(root, "apps", app, "src", source.slice(2)), importer, {
      skipSelf: true,
    });
  },
};

export default defineConfig({
  plugins: [appTilde],
  resolve: { alias: workspaceAliases() },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "packages/**/src/**/*.test.ts",
            "apps/**/src/**/*.test.ts",
            // Components rendered to HTML with react-dom/server (no DOM needed).
            "apps/**/src/**/*.test.tsx",
            "eslint/**/*.test.ts",
            // The generated REST client must match the operations (regenerated and compared).
            "packages/client/scripts/**/*.test.ts",
            // Benchmark helpers (the wrong-hit fact extractor).
            "bench/**/*.test.ts",
            // The Kubernetes manifests rendered and checked (deploy/k8s/test).
            "deploy/**/*.test.ts",
          ],
          exclude: [...ignored, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["packages/**/*.int.test.ts", "apps/**/*.int.test.ts", "tests/**/*.int.test.ts"],
          exclude: [...ignored, "tests/security/**"],
          environment: "node",
          globalSetup: ["tests/setup/integration-global.ts"],
          // Every test file gets its own database cloned from the template, so files can run in
          // parallel; two workers keep the load on Postgres reasonable.
          fileParallelism: true,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "security",
          include: ["tests/security/**/*.sec.test.ts"],
          exclude: ignored,
          environment: "node",
          globalSetup: ["tests/security/global-setup.ts"],
          // One set of apps for the whole suite; files run one at a time so a test that
          // stresses the apps (races, outages) never skews another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "deploy",
          include: ["tests/deploy/**/*.deploy.test.ts"],
          exclude: ignored,
          environment: "node",
          // The servers it starts each take a core: one file at a time.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
