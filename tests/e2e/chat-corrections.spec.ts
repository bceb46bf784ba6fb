// Issue 11: a chat that changes its mind twice ends in one hold that is exactly what the customer
// last asked for. The finish page (its own quote from the quote engine) is the independent truth:
// its party, package and total must match what the chat said it held.
import { expect, test } from "@playwright/test";
import pg from "pg";

function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

/**
 * A weekend at least two weeks ahead on which the demo data has no live booking at all, read from
 * the database (so the times asked for are free on both days, whatever the seed drew).
 */
async function freeWeekend(): Promise<Date> {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    const { rows } = await c.query<{ day: string }>(
      `SELECT DISTINCT to_char(("startsAt" AT TIME ZONE "timeZone")::date, 'YYYY-MM-DD') AS day
         FROM "Booking" WHERE status IN ('HELD', 'PENDING', 'CONFIRMED') AND "startsAt" > now()`,
    );
    const busy = new Set(rows.map((r) => r.day));
    const d = new Date();
    d.setUTCDate(d.getUTCDate() + 14);
    for (let i = 0; i < 150; i++, d.setUTCDate(d.getUTCDate() + 1)) {
      if (d.getUTCDay() !== 6) continue;
      const sat = d.toISOString().slice(0, 10);
      const sun = new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
      if (!busy.has(sat) && !busy.has(sun)) return new Date(d);
    }
    throw new Error("no free weekend in the demo data");
  } finally {
    await c.end();
  }
}
const label = (d: Date, opts: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "UTC", ...opts }).format(d);

test("a multi-turn chat with two corrections holds the last party, day and time asked for", async ({
  page,
}) => {
  const sat = await freeWeekend();
  const sun = new Date(sat.getTime() + 86_400_000);
  const satText = label(sat, { weekday: "long", month: "long", day: "numeric" });
  const sunText = label(sun, { weekday: "long", month: "long", day: "numeric" });

  await page.goto("/chat");
  const chat = page.getByTestId("chat-panel");
  const say = async (text: string) => {
    const before = await chat.getByTestId("chat-assistant").count();
    await chat.getByLabel("Your message").fill(text);
    await chat.getByRole("button", { name: "Send" }).click();
    await expect(chat.getByTestId("chat-assistant")).toHaveCount(before + 1);
    return chat.getByTestId("chat-assistant").last();
  };

  const first = await say(`I'd like to book ${satText} at 5pm for 10 people, zip 95125`);
  await expect(first).toContainText(/holding/i);
  await expect(first).toContainText(satText);
  await expect(first).toContainText("10 guests");

  // Correction 1: more people.
  const grown = await say("actually we'll be 14 people");
  await expect(grown).toContainText("14 guests");

  // Correction 2: the next day, same time.
  const moved = await say("can we do Sunday instead, same time");
  await expect(moved).toContainText(/moved/i);
  await expect(moved).toContainText(sunText);
  await expect(moved).toContainText("at 5:00 PM");

  // Kids split out of the total.
  const kids = await say("4 of them are kids");
  await expect(kids).toContainText("10 adults, 4 children");
  const total = (await kids.textContent())!.match(/Total (\$[\d,]+\.\d\d)/)![1]!;

  // One finish link per hold: the latest one opens the same, moved hold.
  const link = chat.getByRole("link", { name: /Finish booking HB-/ }).last();
  await link.click();
  await expect(page.getByRole("heading", { name: "Finish your booking" })).toBeVisible();
  await expect(page.getByTestId("hold-summary")).toContainText(sunText);
  await expect(page.getByTestId("hold-summary")).toContainText("14 guests · ZIP 95125");
  await expect(page.getByRole("textbox", { name: "children", exact: true })).toHaveValue("4");
  await expect(page.getByTestId("quote-total")).toContainText(total);
});
