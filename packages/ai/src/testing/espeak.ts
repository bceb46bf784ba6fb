// Real speech for the voice tests and `pnpm bench voice`: espeak-ng (Debian's `espeak-ng`) says a
// sentence into a WAV file, which is brought to what the browser sends (16 kHz mono 16-bit PCM)
// by the same resampler the product has (transcribe/wav.ts). Without espeak-ng this throws with
// the line that installs it: a test that needs speech fails, it is never skipped in silence.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { toWebVoiceWav } from "../transcribe/wav";

const run = promisify(execFile);

export const SPEECH_TOOLS_HINT =
  "Install the speech tools: sudo apt-get install -y espeak-ng pocketsphinx pocketsphinx-en-us";

export interface Voice {
  /** espeak-ng voice, e.g. "en-us" or "en-us+m3". */
  voice: string;
  /** Words per minute. */
  speed: number;
}

export const VOICES: Record<string, Voice> = {
  "en-us 150 wpm": { voice: "en-us", speed: 150 },
  "en-us+m3 170 wpm": { voice: "en-us+m3", speed: 170 },
};

/** `text` said by espeak-ng as a 16 kHz mono 16-bit WAV file (the browser's format). */
export async function synthesize(
  text: string,
  voice: Voice = VOICES["en-us 150 wpm"]!,
): Promise<Uint8Array<ArrayBuffer>> {
  const dir = await mkdtemp(join(tmpdir(), "myhibachi-espeak-"));
  try {
    const file = join(dir, "said.wav");
    try {
      await run(
        "espeak-ng",
        ["-v", voice.voice, "-s", String(voice.speed), "-w", file, "--", text],
        {
          timeout: 20_000,
        },
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT")
        throw new Error(`espeak-ng is not installed. ${SPEECH_TOOLS_HINT}`, { cause: err });
      throw err;
    }
    return toWebVoiceWav(await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
