// Child-process helpers: run a command to completion, start long-running services with
// prefixed output, and stop everything we started when the script is interrupted.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";
import { color, UserError } from "./log.mjs";

/**
 * Runs a command and resolves when it exits with code 0 (rejects otherwise).
 * Output goes straight to the terminal unless `capture` is set, in which case it is still shown
 * but also returned as `output` (stdout + stderr, interleaved).
 */
export function run(cmd, args, { env = process.env, cwd, capture = false, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env,
      cwd,
      stdio: capture || quiet ? ["inherit", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    if (capture || quiet) {
      for (const stream of [child.stdout, child.stderr]) {
        stream.on("data", (chunk) => {
          output += chunk;
          if (!quiet) (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
        });
      }
    }
    child.on("error", (err) => reject(new UserError(`could not run ${cmd}: ${err.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve({ output });
      else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        const err = new UserError(`\`${[cmd, ...args].join(" ")}\` ${how}`);
        err.output = output;
        err.exitCode = code;
        reject(err);
      }
    });
  });
}

/** Synchronous "does this command exist / work" check. Returns trimmed stdout or null. */
export function tryCommand(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim();
}

/** Where `name` is on the PATH, or null. */
export function which(name) {
  return tryCommand("sh", ["-c", `command -v ${name}`]);
}

const labelColors = [color.cyan, color.magenta, color.yellow, color.blue, color.green];
let nextColor = 0;

/**
 * Copies a stream to `out` line by line, each line prefixed with `[label]`. Once a shutdown has
 * begun, standard output is dropped (servers saying goodbye, redis-server's shutdown log): the
 * script says itself what it stopped. Standard error is still shown.
 */
export function prefixLines(stream, label, out, paintLabel) {
  const prefix = paintLabel(`[${label}]`);
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
    if (shuttingDown && out === process.stdout) return;
    out.write(`${prefix} ${line}\n`);
  });
}

/**
 * Starts a long-running process in its own process group (so we can stop it together with its
 * children, e.g. pnpm -> next) with its output prefixed by `[label]`.
 */
export function startService(label, cmd, args, { env = process.env, cwd } = {}) {
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const paintLabel = labelColors[nextColor++ % labelColors.length];
  prefixLines(child.stdout, label, process.stdout, paintLabel);
  prefixLines(child.stderr, label, process.stderr, paintLabel);
  child.label = label;
  child.exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", (err) => resolve({ code: null, signal: null, error: err }));
  });
  return child;
}

/**
 * Starts a workspace package's own `start` script (from its package.json) the way `pnpm start`
 * would (in the package's directory, its and the root's node_modules/.bin first on the PATH), but
 * without pnpm in between: pnpm reports a child stopped by a signal as a failure
 * (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL ... Command failed with signal "SIGTERM"), which reads like
 * a crash when we stop the services on purpose.
 */
export function startPackageScript(label, root, dir, { env = process.env, script = "start" } = {}) {
  const pkgDir = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  const command = pkg.scripts?.[script];
  if (!command) throw new UserError(`${dir}/package.json has no "${script}" script`);
  const bins = [join(pkgDir, "node_modules", ".bin"), join(root, "node_modules", ".bin")];
  const PATH = [...bins, env.PATH ?? process.env.PATH ?? ""].join(delimiter);
  return startService(label, "sh", ["-c", command], { env: { ...env, PATH }, cwd: pkgDir });
}

/**
 * Sends `signal` to the child's whole process group; SIGKILLs it after `graceMs`. Resolves to
 * how it went: "stopped", "killed" (it did not stop within `graceMs`) or "not running".
 */
export async function stopProcessGroup(child, { signal = "SIGTERM", graceMs = 10_000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) {
    return "not running";
  }
  const send = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  send(signal);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    send("SIGKILL");
  }, graceMs);
  await child.exited;
  clearTimeout(timer);
  return killed ? "killed" : "stopped";
}

// ---- Shutdown handling ------------------------------------------------------------------------

const cleanups = [];
let shuttingDown = false;

/** Registers a function to run (in reverse order of registration) when the script stops. */
export function onShutdown(fn) {
  cleanups.push(fn);
}

/** True once a shutdown has begun (children exiting then is expected). */
export function isShuttingDown() {
  return shuttingDown;
}

/** Runs every registered cleanup once; safe to call more than once. */
export async function runCleanups() {
  if (shuttingDown) return;
  shuttingDown = true;
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup failed: ${err?.message ?? err}`);
    }
  }
}

/**
 * On SIGINT/SIGTERM: run the cleanups and exit. A signal arriving more than 2 s later exits
 * immediately. (Ctrl-C under `npm start` delivers SIGINT twice at once: from the terminal and
 * forwarded by npm; that must not skip the cleanup.)
 */
export function installSignalHandlers() {
  let firstSignalAt = 0;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (shuttingDown) {
        // Already stopping (after this or an earlier signal, or after an error).
        const now = Date.now();
        if (firstSignalAt === 0) firstSignalAt = now;
        if (now - firstSignalAt > 2000) {
          console.error(`\nReceived ${signal} again, exiting without waiting.`);
          process.exit(1);
        }
        return;
      }
      firstSignalAt = Date.now();
      const why = signal === "SIGINT" ? "Ctrl-C" : signal;
      console.log(`\n${why}: stopping what this script started...`);
      const code = signal === "SIGINT" ? 130 : 143;
      runCleanups().then(() => {
        console.log(stoppedSummary());
        process.exit(code);
      });
    });
  }
}

const stopped = [];

/** Notes one thing the shutdown stopped, and prints it ("    stopped customer (...)"). */
export function reportStopped(what, how = "stopped") {
  stopped.push(what);
  if (how === "not running") console.log(`    ${what}: was not running`);
  else if (how === "killed") console.log(`    ${what}: did not stop in time, killed`);
  else console.log(`    stopped ${what}`);
}

function stoppedSummary() {
  return stopped.length ? "Everything is stopped." : "Nothing was running yet.";
}

/** Exits after running the cleanups. */
export async function exitWith(code) {
  await runCleanups();
  process.exit(code);
}
