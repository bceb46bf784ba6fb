#!/usr/bin/env node
// Pre-commit guard (run by .husky/pre-commit): refuses to commit
//   - a staged .env file (.env, .env.local, .env.production, ...; .env.example is allowed);
//   - an obvious secret in the lines being added (API keys, private keys, Slack tokens).
// Only Node built-ins. Exit code 1 with an explanation when something is found.
// A false positive can be committed with `git commit --no-verify` after checking it.
import { execFileSync } from "node:child_process";
import { basename } from "node:path";
import { pathToFileURL } from "node:url";

/** Environment files that must never be committed. */
export function isForbiddenEnvFile(path) {
  const name = basename(path);
  if (name === ".env.example") return false;
  return name === ".env" || name.startsWith(".env.");
}

// Kept deliberately small and specific to avoid false positives. Note that none of these
// patterns matches its own source text, so this file can be committed.
export const SECRET_PATTERNS = [
  { name: "OpenAI-style API key", regex: /sk-[A-Za-z0-9_-]{20,}/ },
  { name: "AWS access key id", regex: /AKIA[0-9A-Z]{16}/ },
  { name: "private key", regex: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/ },
  { name: "Slack token", regex: /xox[bap]-[0-9A-Za-z-]{10,}/ },
  { name: "GitHub token", regex: /gh[pousr]_[A-Za-z0-9]{36,}/ },
];

/**
 * Scans the added lines of a `git diff --cached -U0` output.
 * Returns [{ file, line, name }] for every line that looks like it contains a secret.
 */
export function findSecretsInDiff(diffText) {
  const findings = [];
  let file = null;
  let lineNo = 0;
  for (const line of diffText.split("\n")) {
    if (line.startsWith("+++ ")) {
      // "+++ b/path" (or "+++ /dev/null" for deletions)
      file = line === "+++ /dev/null" ? null : line.slice(4).replace(/^b\//, "");
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      lineNo = Number(hunk[1]);
      continue;
    }
    if (file && line.startsWith("+")) {
      for (const { name, regex } of SECRET_PATTERNS) {
        if (regex.test(line)) findings.push({ file, line: lineNo, name });
      }
      lineNo++;
    }
  }
  return findings;
}

function git(args, cwd) {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

/** Checks what is staged in the repository at `cwd`. Returns a list of problem descriptions. */
export function checkStaged(cwd = process.cwd()) {
  const problems = [];
  const staged = git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], cwd)
    .split("\0")
    .filter(Boolean);

  for (const path of staged.filter(isForbiddenEnvFile)) {
    problems.push(`${path}: environment files must not be committed (only .env.example).`);
  }

  // --text: also look inside files git considers binary; -U0: only the changed lines.
  const diff = git(
    ["diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--text", "--diff-filter=ACMR"],
    cwd,
  );
  for (const f of findSecretsInDiff(diff)) {
    if (isForbiddenEnvFile(f.file)) continue; // already reported
    problems.push(`${f.file}:${f.line}: possible ${f.name}.`);
  }
  return problems;
}

function main() {
  const problems = checkStaged();
  if (problems.length === 0) return;
  console.error("\ncommit refused: the staged changes contain secrets or environment files\n");
  for (const p of problems) console.error(`  - ${p}`);
  console.error(
    [
      "",
      "Unstage them (git restore --staged <file>), keep secrets in .env (git-ignored) and",
      "document new variables in .env.example instead.",
      "If this is a false positive, commit with --no-verify.",
      "",
    ].join("\n"),
  );
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
