// Import boundaries between the workspace's packages, checked by `pnpm lint` (so by `npm test` and
// CI). Data flows one way: apps -> api -> core -> db, with the worker as a second entry point
// (worker -> core -> db). Each directory below lists the workspace packages it may import, those
// it may import only types from, and the outside modules it must not import at all.
//
// Why a local rule and not `no-restricted-imports`: one rule sees every way a module is reached
// (import, export ... from, dynamic import()), can tell an `import type` from a value import, and
// catches relative paths that climb out of a package into another one's sources.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Web frameworks and the tRPC stack: only the apps, the api package and the UI use them. */
const WEB = ["next", "react", "react-dom", "server-only", "@trpc/*", "@tanstack/*", "superjson"];
const QUEUE = ["bullmq"];
/** Node's own modules ("node:fs", "fs"): not available in a browser. */
const NODE = "node:builtins";

/**
 * Per directory: `uses` workspace packages it may import (by folder name under packages/),
 * `typesFrom` packages or modules it may import only with `import type`, `forbid` outside modules.
 */
export const BOUNDARIES = {
  "packages/shared": {
    uses: [],
    forbid: [...WEB, ...QUEUE, "ioredis", "pg", "@prisma/*", NODE],
    why: "it runs in browsers too: pure helpers with no Node, database, queue or web-framework code",
  },
  "packages/db": {
    uses: [],
    forbid: [...WEB, ...QUEUE, "ioredis"],
    why: "it is the bottom layer and imports no other workspace package",
  },
  "packages/jobs": {
    uses: ["shared"],
    forbid: WEB,
    why: "producers import only this package: queue names, payloads and enqueue, no api, core or web code",
  },
  "packages/core": {
    uses: ["db", "shared"],
    typesFrom: ["ioredis"],
    forbid: [...WEB, ...QUEUE],
    why: "core -> db: domain logic imports no web, tRPC or queue code; Redis only as a type (the app passes a client in)",
  },
  "packages/auth": {
    uses: ["db", "shared"],
    forbid: [...WEB, ...QUEUE],
    why: "sessions and accounts sit beside core: db only, no web-framework or queue code",
  },
  "packages/ai": {
    uses: ["core", "db", "shared"],
    forbid: [...WEB, ...QUEUE],
    why: "the assistant is built on core: no api, web-framework or queue code",
  },
  "packages/seed": {
    uses: ["core", "db", "shared"],
    forbid: [...WEB, ...QUEUE],
    why: "demo data is written through core and db only",
  },
  "packages/api": {
    uses: ["ai", "auth", "core", "db", "jobs", "shared"],
    forbid: ["next", "react", "react-dom", "server-only", "@tanstack/*"],
    why: "api -> core: routers and the HTTP edge, with no Next or React (the apps mount it)",
  },
  "packages/client": {
    uses: ["api"],
    forbid: [...WEB, ...QUEUE],
    why: "the REST client is generated from the api package's OpenAPI documents (scripts/ only)",
  },
  // After "packages/client": its src/ is what users import, and imports nothing at all.
  "packages/client/src": {
    uses: [],
    forbid: [...WEB, ...QUEUE, "ioredis", "pg", "@prisma/*", "@hey-api/*"],
    why: "the generated client has no runtime dependency (its fetch client is bundled in)",
  },
  "packages/ui": {
    uses: ["shared"],
    typesFrom: ["api"],
    forbid: [...QUEUE, "ioredis", "pg", "@prisma/*", NODE],
    why: "browser components: no server packages (router types only)",
  },
  "apps/worker": {
    uses: ["ai", "core", "db", "jobs", "shared"],
    forbid: WEB,
    why: "worker -> core -> db: queue processors, no api or web code",
  },
  "apps/customer": {
    uses: ["api", "auth", "jobs", "shared", "ui"],
    typesFrom: ["ai", "core", "db"],
    forbid: [],
    why: "apps -> api: pages reach core, ai and the database through @myhibachi/api (types only otherwise)",
  },
  "apps/admin": {
    uses: ["api", "auth", "jobs", "shared", "ui"],
    typesFrom: ["ai", "core", "db"],
    forbid: [],
    why: "apps -> api: pages reach core, ai and the database through @myhibachi/api (types only otherwise)",
  },
};

/** Workspace packages by name: folder and public entry points ("." and the subpaths of "exports"). */
let cached;
function workspacePackages() {
  if (cached) return cached;
  const out = new Map();
  for (const group of ["packages", "apps"]) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    for (const folder of readdirSync(base)) {
      const manifest = join(base, folder, "package.json");
      if (!existsSync(manifest)) continue;
      const { name, exports } = JSON.parse(readFileSync(manifest, "utf8"));
      if (!name) continue;
      const entries = !exports ? [] : typeof exports === "string" ? ["."] : Object.keys(exports);
      out.set(name, { folder: `${group}/${folder}`, short: folder, entries: new Set(entries) });
    }
  }
  cached = out;
  return out;
}

function matches(pattern, spec) {
  if (pattern === NODE) return isBuiltin(spec);
  if (pattern.endsWith("/*")) return spec.startsWith(pattern.slice(0, -1));
  return spec === pattern || spec.startsWith(`${pattern}/`);
}

/** A package name and subpath: "@myhibachi/api/http" -> ["@myhibachi/api", "./http"]. */
function splitSpecifier(spec) {
  const parts = spec.split("/");
  const n = spec.startsWith("@") ? 2 : 1;
  const rest = parts.slice(n).join("/");
  return [parts.slice(0, n).join("/"), rest ? `./${rest}` : "."];
}

const isTypeOnly = (kind, specifiers, key) =>
  kind === "type" || (specifiers.length > 0 && specifiers.every((s) => s[key] === "type"));

const importsRule = {
  meta: {
    type: "problem",
    docs: { description: "Keeps imports inside the package layering (eslint/boundaries.mjs)." },
    schema: [
      {
        type: "object",
        properties: {
          unit: { type: "string" },
          uses: { type: "array", items: { type: "string" } },
          typesFrom: { type: "array", items: { type: "string" } },
          forbid: { type: "array", items: { type: "string" } },
          why: { type: "string" },
        },
        required: ["unit"],
        additionalProperties: false,
      },
    ],
    messages: {
      layer: "{{unit}} may not import {{spec}}{{typeHint}}: {{why}}.",
      forbidden: "{{unit}} may not import {{spec}}: {{why}}.",
      notExported:
        '{{spec}} is not a public entry point of {{pkg}} (its package.json "exports" lists {{entries}}).',
      climbsOut:
        "{{spec}} reaches outside {{unit}} by path: import the other package by name, through its exports.",
    },
  },
  create(context) {
    const { unit, uses = [], typesFrom = [], forbid = [], why = "" } = context.options[0];
    const packages = workspacePackages();
    const self = [...packages.values()].find((p) => p.folder === unit);
    const unitDir = join(ROOT, unit);

    function check(sourceNode, typeOnly) {
      const spec = sourceNode.value;
      if (typeof spec !== "string") return;
      const report = (messageId, data) =>
        context.report({ node: sourceNode, messageId, data: { unit, spec, why, ...data } });

      if (spec.startsWith(".")) {
        const target = resolve(dirname(context.filename), spec);
        if (target !== unitDir && !target.startsWith(unitDir + sep)) report("climbsOut");
        return;
      }
      const [name, subpath] = splitSpecifier(spec);
      const pkg = packages.get(name);
      if (pkg) {
        if (!pkg.entries.has(subpath))
          return report("notExported", {
            pkg: name,
            entries: pkg.entries.size ? [...pkg.entries].join(", ") : "nothing",
          });
        if (pkg === self || uses.includes(pkg.short)) return;
        if (typeOnly && typesFrom.includes(pkg.short)) return;
        return report("layer", {
          typeHint: typesFrom.includes(pkg.short) ? " except with `import type`" : "",
        });
      }
      if (typesFrom.some((p) => matches(p, spec))) {
        if (!typeOnly) report("layer", { typeHint: " except with `import type`" });
        return;
      }
      if (forbid.some((p) => matches(p, spec))) report("forbidden");
    }

    return {
      ImportDeclaration: (node) =>
        check(node.source, isTypeOnly(node.importKind, node.specifiers, "importKind")),
      ExportNamedDeclaration: (node) =>
        node.source &&
        check(node.source, isTypeOnly(node.exportKind, node.specifiers, "exportKind")),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === "type"),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === "TSExternalModuleReference" &&
        check(node.moduleReference.expression, node.importKind === "type"),
    };
  },
};

export const plugin = { rules: { boundaries: importsRule } };

/** Flat-config entries: one per directory in BOUNDARIES (sources and tests alike). */
export function boundaryConfigs() {
  const known = new Set([...workspacePackages().values()].map((p) => p.folder));
  for (const folder of known)
    if (!BOUNDARIES[folder])
      throw new Error(`eslint/boundaries.mjs: add ${folder} to BOUNDARIES (who may it import?)`);
  return Object.entries(BOUNDARIES).map(([unit, rule]) => ({
    files: [`${unit}/**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}`],
    plugins: { myhibachi: plugin },
    rules: { "myhibachi/boundaries": ["error", { unit, ...rule }] },
  }));
}
