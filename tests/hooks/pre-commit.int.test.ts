// Exercises the real .husky/pre-commit hook in a throw-away git repository: husky is installed
// there exactly as `pnpm install` does it (the `prepare` script), the hook runs
// scripts/lib/check-staged.mjs and lint-staged, and we check what `git commit` does.
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
let dir: string;

// Secret-looking strings are assembled at run time so this file itself passes the hook.
const FAKE_AWS_KEY = "AKIA" + "Q".repeat(16);
const FAKE_OPENAI_KEY = "sk" + "-" + "a1B2".repeat(6);

function git(...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" });
}

/** `git commit` with the hooks enabled; returns exit status and combined output. */
function commit(message: string): { status: number | null; output: string } {
  const r = spawnSync("git", ["commit", "-m", message], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      HUSKY: "",
      PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH}`,
    },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function commitCount(): number {
  return Number(git("rev-list", "--count", "HEAD").trim());
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "myhibachi-hook-"));
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "Hook Test");
  git("config", "commit.gpgsign", "false");

  // The files the hook needs, copied from this repository.
  mkdirSync(join(dir, "scripts/lib"), { recursive: true });
  mkdirSync(join(dir, ".husky"), { recursive: true });
  cpSync(join(repoRoot, "scripts/lib/check-staged.mjs"), join(dir, "scripts/lib/check-staged.mjs"));
  cpSync(join(repoRoot, ".husky/pre-commit"), join(dir, ".husky/pre-commit"));
  const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "hook-test",
        private: true,
        type: "module",
        "lint-staged": rootManifest["lint-staged"],
      },
      null,
      2,
    ) + "\n",
  );
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");
  // lint-staged, eslint and prettier come from this repository's node_modules.
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");

  // Install the hooks the way the root `prepare` script does.
  execFileSync(join(repoRoot, "node_modules/.bin/husky"), [], { cwd: dir, encoding: "utf8" });
  expect(git("config", "core.hooksPath").trim()).toBe(".husky/_");

  git("add", ".");
  git("commit", "-q", "--no-verify", "-m", "initial");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(".husky/pre-commit", () => {
  it("refuses a staged .env file", () => {
    writeFileSync(join(dir, ".env"), "DATABASE_URL=postgresql://localhost/x\n");
    git("add", "-f", ".env");
    const r = commit("add env");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("commit refused");
    expect(r.output).toContain(".env: environment files must not be committed");
    expect(commitCount()).toBe(1);
    git("rm", "-q", "--cached", ".env");
  });

  it("refuses .env.local and .env.production but not .env.example", () => {
    writeFileSync(join(dir, ".env.local"), "A=1\n");
    writeFileSync(join(dir, ".env.example"), "# A: something\nA=\n");
    git("add", "-f", ".env.local", ".env.example");
    const r = commit("env files");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(".env.local: environment files must not be committed");
    expect(r.output).not.toContain(".env.example:");
    git("rm", "-q", "--cached", ".env.local");
  });

  it("refuses an obvious secret in staged content", () => {
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ aws: FAKE_AWS_KEY, ai: FAKE_OPENAI_KEY }) + "\n",
    );
    git("add", "config.json");
    const r = commit("add config");
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("config.json:1: possible AWS access key id");
    expect(r.output).toContain("possible OpenAI-style API key");
    expect(commitCount()).toBe(1);
    git("rm", "-q", "--cached", "config.json");
    rmSync(join(dir, "config.json"));
  });

  it("lets a normal change through and formats it with lint-staged", () => {
    // .env.example is still staged from above and is allowed.
    writeFileSync(join(dir, "settings.json"), '{"a":1,   "b":[1,2]}\n');
    git("add", "settings.json");
    const r = commit("add settings");
    expect(r.output).not.toContain("commit refused");
    expect(r.status, r.output).toBe(0);
    expect(commitCount()).toBe(2);
    // prettier --write ran on the staged JSON file (via lint-staged) before the commit.
    expect(git("show", "HEAD:settings.json")).toBe('{ "a": 1, "b": [1, 2] }\n');
  });
});
