// Playwright's own browser download does not work here, so e2e tests use Debian's chromium.
// This installs it with apt-get when it is missing and we are root.
import { existsSync } from "node:fs";
import { info, step, UserError } from "./log.mjs";
import { run, which } from "./proc.mjs";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Returns the path of a usable Chromium, installing Debian's package if needed. */
export async function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(wanted)) return wanted;
  if (process.env.CHROMIUM_PATH) {
    throw new UserError(`CHROMIUM_PATH=${wanted} does not exist.`);
  }

  const isRoot = process.getuid?.() === 0;
  if (process.platform !== "linux" || !isRoot || !which("apt-get")) {
    throw new UserError(
      [
        `Chromium not found at ${DEFAULT_CHROMIUM} (needed by the e2e tests).`,
        "  Debian/Ubuntu: sudo apt-get install -y chromium",
        "  elsewhere: install Chromium and set CHROMIUM_PATH to its executable.",
      ].join("\n"),
    );
  }

  step("Installing Chromium for the e2e tests (apt-get install chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["update"], { env });
    await run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { env });
  } catch (err) {
    throw new UserError(
      `could not install Chromium with apt-get (${err.message}).\n` +
        "  Install it by hand (apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
  }
  if (!existsSync(DEFAULT_CHROMIUM)) {
    throw new UserError(`apt-get installed chromium but ${DEFAULT_CHROMIUM} is still missing.`);
  }
  info(`installed ${DEFAULT_CHROMIUM}`);
  return DEFAULT_CHROMIUM;
}
