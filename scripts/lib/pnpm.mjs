// Makes sure pnpm is available and the workspace dependencies are installed.
// Only Node built-ins here: this runs on a fresh machine before anything is installed.
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { info, step, UserError, warn } from "./log.mjs";
import { run, tryCommand } from "./proc.mjs";

export const PNPM_VERSION = "10.34.9";

/**
 * Ensures `pnpm` is on the PATH for this process and every child (root scripts call `pnpm`
 * themselves, e.g. `pnpm db:generate` = `pnpm --filter @myhibachi/db generate`):
 *  1. pnpm already installed -> use it;
 *  2. otherwise `npm install -g pnpm@VERSION`;
 *  3. if that fails (no permission...), fetch it with `npm exec` and put the directory of the
 *     binary npm exec provides on our PATH.
 */
export async function ensurePnpm() {
  const existing = tryCommand("pnpm", ["--version"]);
  if (existing) {
    if (existing !== PNPM_VERSION) {
      info(
        `pnpm ${existing} found (the repo pins ${PNPM_VERSION}; pnpm switches itself if needed)`,
      );
    }
    return;
  }

  step(`pnpm not found: installing pnpm@${PNPM_VERSION} globally with npm`);
  try {
    await run("npm", ["install", "-g", `pnpm@${PNPM_VERSION}`, "--no-fund", "--no-audit"]);
    if (tryCommand("pnpm", ["--version"])) return;
    // Installed, but npm's global bin directory is not on our PATH: add it.
    const prefix = tryCommand("npm", ["prefix", "-g"]);
    if (prefix) {
      const globalBin = process.platform === "win32" ? prefix : join(prefix, "bin");
      process.env.PATH = `${globalBin}${delimiter}${process.env.PATH}`;
      if (tryCommand("pnpm", ["--version"])) return;
    }
    warn("npm installed pnpm but it is not on the PATH");
  } catch (err) {
    warn(`global install failed (${err.message}); falling back to npm exec`);
  }

  // Fallback: `npm exec` downloads pnpm into npm's cache and puts it on the PATH of the command
  // it runs. Ask it where the binary is, then add that directory to our own PATH.
  const output = tryCommand("npm", [
    "exec",
    "--yes",
    `--package=pnpm@${PNPM_VERSION}`,
    "--",
    "sh",
    "-c",
    "command -v pnpm",
  ]);
  const where = output?.split("\n").filter(Boolean).pop();
  if (!where || !existsSync(where)) {
    throw new UserError(
      `could not install pnpm. Install it yourself with \`npm install -g pnpm@${PNPM_VERSION}\` and retry.`,
    );
  }
  process.env.PATH = `${dirname(where)}${delimiter}${process.env.PATH}`;
  info(`using pnpm from ${where}`);
}

/** `pnpm install --frozen-lockfile` (plain `pnpm install` when there is no lockfile yet). */
export async function installDependencies(root) {
  const hasLockfile = existsSync(join(root, "pnpm-lock.yaml"));
  step(
    hasLockfile
      ? "Installing dependencies (pnpm install --frozen-lockfile)"
      : "Installing dependencies (pnpm install; no lockfile yet)",
  );
  const args = hasLockfile ? ["install", "--frozen-lockfile"] : ["install"];
  try {
    await run("pnpm", args, { cwd: root });
  } catch (err) {
    if (hasLockfile) {
      throw new UserError(
        `${err.message}\n  If package.json files changed, update the lockfile with \`pnpm install\` and commit it.`,
      );
    }
    throw err;
  }
}
