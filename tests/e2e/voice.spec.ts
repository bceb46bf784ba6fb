// Voice on the web (issue 17): a customer taps the chat's microphone and says "what's available
// next Saturday for twelve people". Chromium's fake microphone plays a WAV that espeak-ng speaks
// (real audio), the browser records it, the server's local recognizer (pocketsphinx) transcribes
// it, and the assistant answers with that Saturday's free times for 12 (or, when that Saturday is
// full, says so and offers the next free times): checked against the public availability API (the
// calendar), not against the assistant.
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

/** "2026-12-05" -> "Saturday" (a calendar day: read at noon UTC so no zone moves it). */
const weekdayOf = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });

/** A calendar day plus n days. */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

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
  // What was heard goes into the box, to check before sending; Send makes it the message.
  const box = widget.getByLabel("Your message");
  await expect(box).toHaveValue(/saturday/i, { timeout: 45_000 });
  await expect(box).toHaveValue(/twelve|12/i);
  await expect(widget.getByTestId("chat-heard")).toContainText("Correct it if a word is wrong");
  await expect(box).toBeFocused();
  await page.keyboard.press("Enter");
  const heard = widget.getByTestId("chat-user").last();
  await expect(heard).toContainText(/saturday/i);
  await expect(widget.getByTestId("chat-heard")).toHaveCount(0);
  const reply = widget.getByTestId("chat-assistant").last();
  await expect(reply).toContainText(/for 12 guests/, { timeout: 30_000 });
  await expect(reply.getByRole("button", { name: /^Hold / }).first()).toBeVisible({
    timeout: 30_000,
  });
  const shown = await reply.getByRole("button", { name: /^Hold / }).allTextContents();
  expect(shown.length).toBeGreaterThan(0);

  // The truth: the calendar's free times for 12 (public availability API), as "Saturday 5 pm".
  const date = nextSaturday();
  const freeTimes = async (from: string, to: string) => {
    const res = await request.get(
      `/api/v1/availability?from=${from}&to=${to}&guests=12&postalCode=95125`,
    );
    expect(res.ok()).toBe(true);
    return ((await res.json()) as { slots: { date: string; label: string }[] }).slots
      .filter((s) => s.date >= from && s.date <= to)
      .map((s) => `${weekdayOf(s.date)} ${timeWords(s.label)}`);
  };
  const offered = shown.map((b) => {
    const [, day, time] = b.match(/^Hold (\w+) (.+)$/)!;
    return `${day} ${timeWords(time!)}`;
  });
  const that = await freeTimes(date, date);
  if (that.length > 0) {
    // Every time offered is that Saturday's and free; the ones shown are the calendar's first.
    await expect(reply).not.toContainText(/fully booked/);
    expect(offered).toEqual(that.slice(0, offered.length));
  } else {
    // That Saturday is full (the demo bookings and earlier specs fill the nearest ones): the
    // reply says so and offers the calendar's first free times of the following week.
    await expect(reply).toContainText(/fully booked for 12 guests/);
    const later = await freeTimes(addDays(date, 1), addDays(date, 7));
    expect(later.length).toBeGreaterThan(0);
    expect(offered).toEqual(later.slice(0, offered.length));
  }
  await page.screenshot({ path: `test-results/e2e/voice-${name}.png` });
}

// A request about the menu acts on the page whether it was spoken or typed (the spoken words are
// sent from the same box): the widget opens the menu with its filter set.
test('typed "show me vegetarian options" opens the menu filtered to vegetarian', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.getByRole("button", { name: "Chat with us" }).click();
  const widget = page.getByRole("dialog", { name: "Chat with MyHibachi" });
  await widget.getByLabel("Your message").fill("show me vegetarian options");
  await widget.getByRole("button", { name: "Send" }).click();
  await expect(page).toHaveURL(/\/menu\?diet=vegetarian$/);
  await expect(page.getByLabel("Diet")).toHaveValue("vegetarian");
  await expect(widget.getByTestId("chat-page-action")).toHaveText(
    "Showing the vegetarian dishes on our menu.",
  );
  await expect(widget.getByTestId("chat-assistant").last()).toBeVisible();
});
