// Child-process helpers: run a command to completion, start long-running services with
// prefixed output, and stop everything we started when the script is interrupted.
import { spawn, spawnSync } from "node:child_process";
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

/** Copies a stream to `out` line by line, each line prefixed with `[label]`. */
export function prefixLines(stream, label, out, paintLabel) {
  const prefix = paintLabel(`[${label}]`);
  createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
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

/** Sends `signal` to the child's whole process group; SIGKILLs it after `graceMs`. */
export async function stopProcessGroup(child, { signal = "SIGTERM", graceMs = 10_000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const send = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  send(signal);
  const timer = setTimeout(() => send("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
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
      console.log(`\nReceived ${signal}, stopping everything that was started...`);
      const code = signal === "SIGINT" ? 130 : 143;
      runCleanups().then(() => process.exit(code));
    });
  }
}

/** Exits after running the cleanups. */
export async function exitWith(code) {
  await runCleanups();
  process.exit(code);
}
