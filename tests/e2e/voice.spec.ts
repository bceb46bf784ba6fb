// Voice on the web (issue 17): a customer taps the chat's microphone and says "what's available
// next Saturday for twelve people". Chromium's fake microphone plays a WAV that espeak-ng speaks
// (real audio), the browser records it, the server's local recognizer (pocketsphinx) transcribes
// it, and the assistant answers with that Saturday's free times for 12: checked against the
// public availability API (the calendar), not against the assistant.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SAID = "what's available next Saturday for twelve people";

/** espeak-ng's WAV with silence before and after (the recorder stops when the speaker pauses). */
function spokenWav(text: string): string {
  const dir = join(tmpdir(), "myhibachi-e2e-voice");
  mkdirSync(dir, { recursive: true });
  const raw = join(dir, "raw.wav");
  try {
    execFileSync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", raw, text]);
  } catch (err) {
    throw new Error(
      `espeak-ng is needed to speak the test phrase (apt-get install -y espeak-ng): ${String(err)}`,
    );
  }
  const wav = readFileSync(raw);
  const rate = wav.readUInt32LE(24);
  let at = 12;
  while (at < wav.length && wav.toString("ascii", at, at + 4) !== "data")
    at += 8 + wav.readUInt32LE(at + 4);
  const pcm = wav.subarray(at + 8);
  const silence = (s: number) => Buffer.alloc(Math.round(rate * s) * 2);
  const data = Buffer.concat([silence(0.8), pcm, silence(3)]);
  const head = Buffer.alloc(44);
  head.write("RIFF", 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write("WAVEfmt ", 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write("data", 36);
  head.writeUInt32LE(data.length, 40);
  const out = join(dir, "said.wav");
  writeFileSync(out, Buffer.concat([head, data]));
  return out;
}

const wav = spokenWav(SAID);

/**
 * A browser whose microphone plays the WAV once, from the start (its own per test: the fake
 * device's file is read once per browser).
 */
const withMicrophone = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}%noloop`,
    ],
  });

/** "5:00 PM", "5 pm" -> "5 pm"; "7:30 PM" -> "7:30 pm" (the button's and the API's forms alike). */
const timeWords = (t: string) => t.trim().toLowerCase().replace(":00", "");

/** Next Saturday in the business's time zone (America/Los_Angeles), as the assistant reads it. */
function nextSaturday(): string {
  const today = new Date(new Date().toLocaleString("en-US", { timeZone: "America/Los_Angeles" }));
  const d = new Date(today);
  d.setDate(d.getDate() + ((6 - d.getDay() + 7) % 7 || 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

for (const [name, viewport] of [
  ["phone", { width: 390, height: 844 }],
  ["desktop", { width: 1280, height: 800 }],
] as const) {
  test(`${name}: "${SAID}" said to the chat shows that Saturday's free times for 12`, async ({
    request,
  }, info) => {
    test.setTimeout(120_000);
    const browser = await withMicrophone();
    const context = await browser.newContext({
      baseURL: info.project.use.baseURL!,
      viewport,
      permissions: ["microphone"],
    });
    try {
      await sayToTheChat(await context.newPage(), request, name);
    } finally {
      await browser.close();
    }
  });
}

async function sayToTheChat(page: Page, request: APIRequestContext, name: string) {
  await page.goto("/");
  await page.getByRole("button", { name: "Chat with us" }).click();
  const widget = page.getByRole("dialog", { name: "Chat with MyHibachi" });
  const mic = widget.getByRole("button", { name: "Speak instead of typing" });
  await expect(mic).toBeVisible();
  await mic.click();
  // What was heard goes to the chat as the customer's message.
  const heard = widget.getByTestId("chat-user").last();
  await expect(heard).toContainText(/saturday/i, { timeout: 45_000 });
  await expect(heard).toContainText(/twelve|12/i);
  const reply = widget.getByTestId("chat-assistant").last();
  await expect(reply).toContainText(/for 12 guests/, { timeout: 30_000 });
  const shown = await reply.getByRole("button", { name: /^Hold / }).allTextContents();
  expect(shown.length).toBeGreaterThan(0);

  // The truth: the calendar's free times that Saturday for 12 (public availability API).
  const date = nextSaturday();
  const res = await request.get(
    `/api/v1/availability?from=${date}&to=${date}&guests=12&postalCode=95125`,
  );
  expect(res.ok()).toBe(true);
  const free = ((await res.json()) as { slots: { date: string; label: string }[] }).slots
    .filter((s) => s.date === date)
    .map((s) => timeWords(s.label));
  expect(free.length).toBeGreaterThan(0);
  // Every time offered is that Saturday's and free; the ones shown are the calendar's first.
  for (const b of shown) expect(b).toMatch(/^Hold Saturday /);
  const offered = shown.map((b) => timeWords(b.replace(/^Hold Saturday /, "")));
  expect(offered).toEqual(free.slice(0, offered.length));
  await page.screenshot({ path: `test-results/e2e/voice-${name}.png` });
}
