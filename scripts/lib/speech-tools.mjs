// Voice on the web (issue 17): the tests and `pnpm bench voice` synthesise real speech with
// espeak-ng and transcribe it with Debian's pocketsphinx and its US English model. This installs
// them with apt-get when they are missing and we are root (as chromium.mjs does for the e2e
// browser); otherwise it says what to install. The app itself only needs pocketsphinx for its
// local recognizer, and runs without it (voice then needs OpenAI, or is off).
import { existsSync } from "node:fs";
import { info, step, UserError } from "./log.mjs";
import { run, which } from "./proc.mjs";

const PACKAGES = ["espeak-ng", "pocketsphinx", "pocketsphinx-en-us"];
const FILES = [
  "/usr/bin/espeak-ng",
  "/usr/bin/pocketsphinx_batch",
  "/usr/share/pocketsphinx/model/en-us/en-us/mdef",
  "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict",
];

const missing = () => FILES.filter((f) => !existsSync(f));

/** Makes sure espeak-ng, pocketsphinx and its US English model are installed. */
export async function ensureSpeechTools() {
  if (!missing().length) return;
  const isRoot = process.getuid?.() === 0;
  if (process.platform !== "linux" || !isRoot || !which("apt-get")) {
    throw new UserError(
      [
        `Speech tools missing (${missing().join(", ")}), needed by the voice tests.`,
        `  Debian/Ubuntu: sudo apt-get install -y ${PACKAGES.join(" ")}`,
      ].join("\n"),
    );
  }
  step(`Installing the speech tools for the voice tests (apt-get install ${PACKAGES.join(" ")})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["update"], { env });
    await run("apt-get", ["install", "-y", "--no-install-recommends", ...PACKAGES], { env });
  } catch (err) {
    throw new UserError(
      `could not install the speech tools with apt-get (${err.message}).\n` +
        `  Install them by hand: apt-get install -y ${PACKAGES.join(" ")}`,
    );
  }
  if (missing().length)
    throw new UserError(`apt-get ran but ${missing().join(", ")} is still missing.`);
  info(`installed ${PACKAGES.join(", ")}`);
}
