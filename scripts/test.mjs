#!/usr/bin/env node
// `npm test`: runs every check and test, stopping at the first failure:
//   prisma generate -> lint -> typecheck -> unit tests -> integration tests -> build ->
//   deploy tests (tests/deploy: Dockerfiles linted, each image's files run from an empty folder)
//   -> security tests (tests/security: the built apps attacked over HTTP) -> e2e
// with the same pnpm / dependency / Postgres+Redis set-up as `npm start` (scripts/lib/).
// Ends with "tests: N passed, N failed" (Vitest + Playwright counts) and the total time.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureChromium } from "./lib/chromium.mjs";
import { ensureSpeechTools } from "./lib/speech-tools.mjs";
import { color, fail, formatDuration, step, UserError } from "./lib/log.mjs";
import { prepare, ROOT, serviceEnv } from "./lib/prepare.mjs";
import { exitWith, installSignalHandlers, run } from "./lib/proc.mjs";
import { withRedisDb } from "./lib/services.mjs";

const RESULTS_DIR = join(ROOT, "test-results");
const UNIT_JSON = join(RESULTS_DIR, "vitest-unit.json");
const INTEGRATION_JSON = join(RESULTS_DIR, "vitest-integration.json");
const DEPLOY_JSON = join(RESULTS_DIR, "vitest-deploy.json");
const SECURITY_JSON = join(RESULTS_DIR, "vitest-security.json");
const PLAYWRIGHT_JSON = join(RESULTS_DIR, "playwright.json"); // set in playwright.config.ts

const totals = { passed: 0, failed: 0 };
const report = []; // [{ name, ok, ms, counts }]

/** Reads Vitest's JSON report: { passed, failed } or null if there is none. */
function vitestCounts(file) {
  if (!existsSync(file)) return null;
  const json = JSON.parse(readFileSync(file, "utf8"));
  return { passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 };
}

/** Reads Playwright's JSON report; flaky tests (passed on retry) count as passed. */
function playwrightCounts(file) {
  if (!existsSync(file)) return null;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  if (!stats) return null;
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0 };
}

/** The failed tests named in a Vitest or Playwright JSON report, with the first line of why. */
function failedTests(file) {
  if (!file || !existsSync(file)) return [];
  const json = JSON.parse(readFileSync(file, "utf8"));
  const out = [];
  const firstLine = (text) =>
    String(text ?? "")
      .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 300) ?? "";
  for (const file of json.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "failed")
        out.push(`${file.name}: ${t.fullName}\n      ${firstLine(t.failureMessages?.[0])}`);
    }
    if (file.status === "failed" && !(file.assertionResults ?? []).length) {
      out.push(`${file.name}\n      ${firstLine(file.message)}`);
    }
  }
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== "unexpected") continue;
        const last = t.results?.[t.results.length - 1];
        out.push(
          `${spec.file}: ${[...path, spec.title].join(" › ")} [${t.projectName}]\n      ${firstLine(last?.error?.message)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of json.suites ?? []) walk(suite, []);
  return out;
}

function vitestArgs(project, jsonFile) {
  return [
    "exec",
    "vitest",
    "run",
    "--project",
    project,
    "--passWithNoTests",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${jsonFile}`,
  ];
}

async function main() {
  const startedAt = Date.now();
  installSignalHandlers();
  const services = await prepare({ title: color.bold("MyHibachi: npm test") });
  const chromium = await ensureChromium();
  await ensureSpeechTools();

  const env = serviceEnv(services);
  // Integration tests: admin access to the test server (they create databases there) and a
  // Redis database of their own (4) so they never touch dev data in database 0.
  const integrationEnv = {
    ...env,
    TEST_ADMIN_DATABASE_URL: process.env.TEST_ADMIN_DATABASE_URL || services.adminUrl,
    REDIS_URL: withRedisDb(services.redisUrl, 4),
  };
  // e2e: playwright.config.ts derives myhibachi_e2e and Redis database 5 from these.
  const e2eEnv = {
    ...env,
    TEST_ADMIN_DATABASE_URL: integrationEnv.TEST_ADMIN_DATABASE_URL,
    REDIS_URL: services.redisUrl,
    CHROMIUM_PATH: chromium,
  };

  const steps = [
    { name: "prisma generate", args: ["db:generate"] },
    { name: "lint", args: ["lint"] },
    { name: "typecheck", args: ["typecheck"] },
    {
      name: "unit tests",
      args: vitestArgs("unit", UNIT_JSON),
      results: UNIT_JSON,
      counts: vitestCounts,
    },
    {
      name: "integration tests",
      args: vitestArgs("integration", INTEGRATION_JSON),
      env: integrationEnv,
      results: INTEGRATION_JSON,
      counts: vitestCounts,
    },
    {
      name: "build",
      args: ["turbo", "run", "build", "--filter=@myhibachi/customer", "--filter=@myhibachi/admin"],
    },
    {
      name: "deploy tests",
      args: vitestArgs("deploy", DEPLOY_JSON),
      env: { ...env, TEST_ADMIN_DATABASE_URL: integrationEnv.TEST_ADMIN_DATABASE_URL },
      results: DEPLOY_JSON,
      counts: vitestCounts,
    },
    {
      name: "security tests",
      args: vitestArgs("security", SECURITY_JSON),
      env: { ...env, TEST_ADMIN_DATABASE_URL: integrationEnv.TEST_ADMIN_DATABASE_URL },
      results: SECURITY_JSON,
      counts: vitestCounts,
    },
    {
      name: "e2e tests",
      args: ["exec", "playwright", "test"],
      env: e2eEnv,
      results: PLAYWRIGHT_JSON,
      counts: playwrightCounts,
    },
  ];

  mkdirSync(RESULTS_DIR, { recursive: true });
  let failedStep = null;
  for (const s of steps) {
    step(`${s.name}: pnpm ${s.args.join(" ")}`);
    if (s.results) rmSync(s.results, { force: true }); // never count an old report
    const t0 = Date.now();
    let ok = true;
    try {
      await run("pnpm", s.args, { env: s.env ?? env });
    } catch (err) {
      ok = false;
      fail(`${s.name} failed: ${err.message}`);
    }
    const counts = s.counts ? s.counts(s.results) : null;
    if (counts) {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
    }
    report.push({
      name: s.name,
      ok,
      ms: Date.now() - t0,
      counts,
      failures: failedTests(s.results),
    });
    if (!ok) {
      failedStep = s.name;
      break;
    }
  }

  // Summary
  console.log(`\n${color.bold("Summary")}`);
  for (const r of report) {
    const mark = r.ok ? color.green("ok  ") : color.red("FAIL");
    const counts = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : "";
    console.log(`  ${mark} ${r.name.padEnd(18)} ${formatDuration(r.ms).padStart(8)}${counts}`);
  }
  for (const s of steps.slice(report.length)) console.log(`  ${color.dim("skip")} ${s.name}`);
  for (const r of report) {
    if (!r.failures?.length) continue;
    console.log(color.red(`\n${r.name}, what failed:`));
    for (const f of r.failures.slice(0, 20)) console.log(`  - ${f}`);
  }
  if (failedStep) console.log(color.red(`\nstopped at the first failure: ${failedStep}`));
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
  console.log(`total time: ${formatDuration(Date.now() - startedAt)}`);
  await exitWith(failedStep || totals.failed > 0 ? 1 : 0);
}

main().catch(async (err) => {
  fail(err instanceof UserError ? err.message : (err?.stack ?? String(err)));
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
  await exitWith(1);
});
