// Changing a booking on its page, on a phone (390x844) and a desktop (1280x800): rescheduling on
// the availability calendar (a free day, a start time, a "Move from ... to ...?" dialog, the
// success message, the row moved in the database) and changing the guest count (the new total
// shown before confirming, then stored). axe-core finds nothing on the page, the calendar panel
// or the dialogs. Screenshots go to $SHOTS_DIR (default test-results/shots/change).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

const TZ = "America/Los_Angeles";
const SHOTS = process.env.SHOTS_DIR ?? "test-results/shots/change";
mkdirSync(SHOTS, { recursive: true });

function databaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

async function sql<T>(text: string, values: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl() });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
}

const money = (cents: number) =>
  `$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
const ymd = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TZ, dateStyle: "short" }).format(d);
/** "2026-06-13 17:00" (a wall-clock date and time) as the dialog writes it: "Sat, Jun 13, 5:00 PM". */
function wallLabel(local: string): string {
  const day = new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(new Date(`${local.slice(0, 10)}T12:00:00Z`));
  const [h, m] = local.slice(11, 16).split(":").map(Number) as [number, number];
  return `${day}, ${h % 12 || 12}:${String(m).padStart(2, "0")} ${h >= 12 ? "PM" : "AM"}`;
}
/** "6:00 PM" / "7:30 PM" (a start time button) as 24-hour "18:00" / "19:30". */
function clock(label: string): string {
  const m = /^(\d{1,2})(?::(\d{2}))? (AM|PM)$/.exec(label.trim());
  if (!m) throw new Error(`not a start time: ${label}`);
  const h = (Number(m[1]) % 12) + (m[3] === "PM" ? 12 : 0);
  return `${String(h).padStart(2, "0")}:${m[2] ?? "00"}`;
}

const selection10 = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 10, steak: 10 },
  extras: {},
};

let made = 0;
/** A confirmed booking for 10 adults, the first free time three or more weeks away. */
async function confirmedBooking(request: APIRequestContext, baseURL: string) {
  made++;
  const origin = { origin: baseURL };
  const from = ymd(new Date(Date.now() + 21 * 86400_000));
  const to = ymd(new Date(Date.now() + 60 * 86400_000));
  const avail = await request.get(
    `/api/v1/availability?from=${from}&to=${to}&guests=10&postalCode=95125`,
  );
  expect(avail.ok()).toBe(true);
  const slots = (await avail.json()).slots as { date: string; startMinute: number }[];
  const slot = slots[(made * 7) % slots.length]!;
  const email = `resched-${Date.now()}-${made}@example.com`;
  const created = await request.post("/api/v1/bookings", {
    headers: origin,
    data: {
      idempotencyKey: `resched-e2e-${Date.now()}-${made}`,
      date: slot.date,
      startMinute: slot.startMinute,
      selection: selection10,
      address: { line1: "742 Willow Glen Way", city: "San Jose", state: "CA", postalCode: "95125" },
      contact: { name: "Robin Mover", email, phone: "(408) 555-0177" },
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const b = (await created.json()) as { id: string; token: string };
  // Only the emailed link confirms a booking made online.
  const [mail] = await sql<{ text: string }>(
    `SELECT "text" FROM "EmailMessage" WHERE "text" LIKE $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [`%/bookings/${b.id}?token=%`],
  );
  const emailed = new RegExp(`/bookings/${b.id}\\?token=([A-Za-z0-9_-]+)`).exec(mail!.text)![1]!;
  const confirmed = await request.post(`/api/v1/bookings/${b.id}/confirm`, {
    headers: origin,
    data: { token: emailed },
  });
  expect(confirmed.ok(), await confirmed.text()).toBe(true);
  return b;
}

async function row(id: string) {
  const [r] = await sql<{ local: string; adults: number; totalCents: number }>(
    `SELECT to_char("startsAt" AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') AS local, "adults",
            "totalCents" FROM "Booking" WHERE "id" = $1`,
    [id, TZ],
  );
  return r!;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** axe in the light and the dark colour scheme, and a screenshot in each when `name` is given. */
async function axeBoth(page: Page, where: string, name?: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(page, `${where} (${colorScheme})`);
    if (name) await shot(page, colorScheme === "light" ? name : `${name}-dark`);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

for (const vp of [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
]) {
  test.describe(`on a ${vp.name} (${vp.width}x${vp.height})`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test("reschedule: pick a free day on the calendar, confirm the move from/to, see it done; the booking moved in the database", async ({
      page,
      request,
      baseURL,
    }) => {
      test.setTimeout(90_000); // eight axe-core scans on two widths
      const b = await confirmedBooking(request, baseURL!);
      const before = await row(b.id);
      await page.goto(`/bookings/${b.id}?token=${b.token}`);
      await expect(page.getByRole("heading", { level: 1, name: /^Booking HB-/ })).toBeVisible();
      await axeBoth(page, `booking page ${vp.name}`, `${vp.name}-1-booking`);

      await page.getByRole("button", { name: "Reschedule" }).click();
      const grid = page.getByRole("grid", { name: /^Days you can move to/ });
      await expect(grid).toBeVisible();
      const current = before.local.slice(0, 10);
      let day: string | null = null;
      for (let i = 0; i < 3 && !day; i++) {
        await expect(
          page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
        ).toHaveCount(0);
        const free = grid.locator("button[data-date]:not([aria-disabled])");
        const dates = (
          await free.evaluateAll((els) => els.map((e) => e.getAttribute("data-date")))
        ).filter((d): d is string => !!d && d !== current);
        day = dates.at(-1) ?? null;
        if (!day) await page.getByRole("button", { name: "Next month" }).click();
      }
      expect(day, "a free day to move to").toBeTruthy();
      await grid.locator(`button[data-date="${day}"]`).click();
      const times = page.getByRole("group", { name: /^Start times on / });
      const time = times.getByRole("button", { disabled: false }).first();
      await expect(time).toBeVisible();
      const label = (await time.textContent())!.trim();
      await axeBoth(page, `reschedule calendar ${vp.name}`, `${vp.name}-2-reschedule-calendar`);

      // Picking a time only asks; Escape leaves everything as it was.
      await time.click();
      const dialog = page.getByRole("dialog", { name: "Move your booking?" });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId("reschedule-confirm")).toHaveText(
        `Move from ${wallLabel(before.local)} to ${wallLabel(`${day} ${clock(label)}`)}?`,
      );
      await expect(dialog.getByRole("button", { name: "Yes, move it" })).toBeFocused();
      await axeBoth(page, `reschedule dialog ${vp.name}`, `${vp.name}-3-reschedule-dialog`);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      expect((await row(b.id)).local).toBe(before.local);

      await time.click();
      await dialog.getByRole("button", { name: "Yes, move it" }).click();
      const done = page.getByTestId("reschedule-done");
      await expect(done).toContainText("Your booking now starts");
      await expect(done).toBeFocused();
      expect((await row(b.id)).local).toBe(`${day} ${clock(label)}`);
      await expect(page.getByTestId("booking-when")).toContainText(
        wallLabel(`${day} ${clock(label)}`)
          .split(", ")
          .at(-1)!,
      );
      await axeBoth(page, `booking page after the move ${vp.name}`, `${vp.name}-4-reschedule-done`);
    });

    test("change the guest count: the new total shows before confirming, then the booking has it", async ({
      page,
      request,
      baseURL,
    }) => {
      const b = await confirmedBooking(request, baseURL!);
      const before = await row(b.id);
      // The quote engine's price of 12 adults (included proteins only: the split doesn't matter).
      const q = await request.post("/api/v1/quote", {
        headers: { origin: baseURL! },
        data: {
          selection: { ...selection10, adults: 12, proteins: { chicken: 12, steak: 12 } },
          postalCode: "95125",
        },
      });
      const expected = (await q.json()).totalCents as number;

      await page.goto(`/bookings/${b.id}?token=${b.token}`);
      await page.getByRole("button", { name: "Change guests or menu" }).click();
      const panel = page.getByTestId("change-panel");
      await expect(panel.getByRole("heading", { name: "Change guests or menu" })).toBeVisible();
      await axeBoth(page, `change panel ${vp.name}`);
      await panel.getByRole("button", { name: "More adults" }).click();
      await panel.getByRole("button", { name: "More adults" }).click();
      await expect(panel.getByTestId("change-total")).toContainText(
        `New total ${money(expected)} (now ${money(before.totalCents)}, +${money(expected - before.totalCents)})`,
      );
      await shot(page, `${vp.name}-5-change-form`);
      expect((await row(b.id)).adults).toBe(10);

      await panel.getByRole("button", { name: "Review the change" }).click();
      const dialog = page.getByRole("dialog", { name: "Change your party?" });
      await expect(dialog.getByTestId("change-new-total")).toHaveText(money(expected));
      await expect(dialog.getByTestId("change-old-total")).toHaveText(money(before.totalCents));
      await expect(dialog.getByRole("row", { name: /^Guests/ })).toHaveText(
        "Guests10 adults12 adults",
      );
      await expect(dialog.getByTestId("change-money")).toContainText(
        `you pay ${money(expected)} at the event`,
      );
      await axeBoth(page, `change dialog ${vp.name}`, `${vp.name}-6-change-dialog`);
      expect((await row(b.id)).adults).toBe(10);

      await dialog.getByRole("button", { name: "Yes, change it" }).click();
      await expect(page.getByTestId("change-done")).toContainText("Your party is updated");
      const after = await row(b.id);
      expect(after.adults).toBe(12);
      expect(after.totalCents).toBe(expected);
      await shot(page, `${vp.name}-7-change-done`);
    });
  });
}
