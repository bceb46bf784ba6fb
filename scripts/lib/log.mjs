// Small logging helpers shared by scripts/start.mjs and scripts/test.mjs.
// Only Node built-ins here: these run before `pnpm install` on a fresh machine.

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

function paint(code, text) {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const color = {
  bold: (t) => paint("1", t),
  dim: (t) => paint("2", t),
  red: (t) => paint("31", t),
  green: (t) => paint("32", t),
  yellow: (t) => paint("33", t),
  cyan: (t) => paint("36", t),
  magenta: (t) => paint("35", t),
  blue: (t) => paint("34", t),
};

/** A step header, e.g. "==> Installing dependencies". */
export function step(message) {
  console.log(`\n${color.bold(color.cyan("==>"))} ${color.bold(message)}`);
}

export function info(message) {
  console.log(`    ${message}`);
}

export function warn(message) {
  console.warn(`${color.yellow("warning:")} ${message}`);
}

export function fail(message) {
  console.error(`\n${color.red(color.bold("error:"))} ${message}`);
}

/** "1m 23s" / "4.2s" */
export function formatDuration(ms) {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m ${Math.round(seconds - minutes * 60)}s`;
}

/** Thrown for problems the user can fix; the scripts print only the message (no stack trace). */
export class UserError extends Error {}
