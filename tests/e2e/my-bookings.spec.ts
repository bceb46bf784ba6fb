// My bookings and the booking page after a customer books (issue 13, points 7 and 11), on a
// phone (390 x 844) and a desktop (1280 x 800): nothing wider than the screen, a cancelled party
// never under Upcoming, the same status words in the list and on the booking, "add to calendar"
// for Google, Apple (the .ics, read back with ical.js at the booking's instant) and Outlook, the
// customer's data as a download, and no axe-core violations. Screenshots go to
// SHOTS_DIR (default /work/wt/shots/after) for people to look at.
import { mkdirSync } from "node:fs";
import ICAL from "ical.js";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";

const CUSTOMER = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const DEMO = { email: "customer@myhibachi.local", password: "customer-demo-pass" };
const SHOTS = process.env.SHOTS_DIR ?? "/work/wt/shots/after";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

/** Runs one statement on the e2e database (the test's own setup, not the app under test). */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

interface Made {
  id: string;
  code: string;
  startsAt: string;
  status: string;
}

let upcoming: Made;
let cancelled: Made;
let limitBefore = 3;

/** Signs the page's browser in as the demo customer (password), on the customer site. */
async function signIn(page: Page) {
  const res = await page.request.post(`${CUSTOMER}/api/auth/sign-in/email`, {
    data: DEMO,
    headers: { origin: CUSTOMER },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A party booked by the signed-in demo customer through the REST API, at a free time. */
async function bookFreeTime(page: Page, skipDays: number): Promise<Made> {
  const from = new Date(Date.now() + skipDays * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + (skipDays + 20) * 86_400_000).toISOString().slice(0, 10);
  const free = await page.request.get(
    `${CUSTOMER}/api/v1/availability?from=${from}&to=${to}&guests=12&postalCode=95125`,
  );
  expect(free.status(), await free.text()).toBe(200);
  const slot = ((await free.json()) as { slots: { date: string; startMinute: number }[] })
    .slots[0]!;
  const res = await page.request.post(`${CUSTOMER}/api/v1/bookings`, {
    headers: { origin: CUSTOMER },
    data: {
      idempotencyKey: `my-bookings-${Date.now()}-${skipDays}`,
      date: slot.date,
      startMinute: slot.startMinute,
      selection: {
        packageSlug: "classic",
        adults: 12,
        children: 0,
        proteins: { chicken: 12, steak: 12 },
        extras: {},
      },
      address: { line1: "742 Willow Glen Way", city: "San Jose", state: "CA", postalCode: "95125" },
      contact: { name: "Demo Customer", email: DEMO.email, phone: "(408) 555-0177" },
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const made = (await res.json()) as { id: string; code: string; status: string };
  // Signed in with the same, confirmed email: nothing left to confirm.
  expect(made.status).toBe("PENDING");
  const got = await page.request.get(`${CUSTOMER}/api/v1/bookings/${made.id}`);
  expect(got.status(), await got.text()).toBe(200);
  const { booking } = (await got.json()) as { booking: { startsAt: string } };
  return { ...made, startsAt: booking.startsAt };
}

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  // Other specs book from this machine too: the limit per address would refuse these two.
  limitBefore =
    (await sql<{ l: number }>(`SELECT "bookingRateLimit" AS l FROM "BusinessSettings"`))[0]?.l ?? 3;
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = 1000`);
  const page = await browser.newPage();
  await signIn(page);
  upcoming = await bookFreeTime(page, 21);
  cancelled = await bookFreeTime(page, 45);
  const cancel = await page.request.post(`${CUSTOMER}/api/v1/bookings/${cancelled.id}/cancel`, {
    headers: { origin: CUSTOMER },
    data: { reason: "Plans changed" },
  });
  expect(cancel.status(), await cancel.text()).toBe(200);
  await page.close();
});

test.afterAll(async () => {
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = $1`, [limitBefore]);
});

/** The page is no wider than the screen (what overflowed to 413 px on a 390 px phone). */
async function expectNoSideways(page: Page, width: number) {
  const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(wide, `page is ${wide} px wide on a ${width} px screen`).toBeLessThanOrEqual(width);
}

test("on a phone: My bookings fits, cancelled is apart, the words match the booking page, add to calendar works", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await page.goto("/bookings");
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  const up = page.getByTestId("section-upcoming");
  const off = page.getByTestId("section-cancelled");
  await expect(up.locator(`[data-code="${upcoming.code}"]`)).toBeVisible();
  await expect(off.locator(`[data-code="${cancelled.code}"]`)).toBeVisible();
  // Never a cancelled party under Upcoming (the demo history has some of its own too).
  await expect(up.getByTestId("booking-status").filter({ hasText: /^Cancelled$/ })).toHaveCount(0);
  await expect(up.locator(`[data-code="${cancelled.code}"]`)).toHaveCount(0);
  await expect(
    off.locator(`[data-code="${cancelled.code}"]`).getByTestId("booking-status"),
  ).toHaveText("Cancelled");
  // The database's own words never show ("pending", "CONFIRMED").
  for (const raw of ["pending", "PENDING", "confirmed", "held"])
    await expect(
      page.getByTestId("booking-status").filter({ hasText: new RegExp(`^${raw}$`) }),
    ).toHaveCount(0);
  await expectNoSideways(page, PHONE.width);
  await expectNoAxeViolations(page, "My bookings at 390 px");
  await page.screenshot({ path: `${SHOTS}/my-bookings-390.png`, fullPage: true });

  // The same words on the list and on the booking's page.
  const row = up.locator(`[data-code="${upcoming.code}"]`);
  const listWords = (await row.getByTestId("booking-status").textContent())!.trim();
  expect(listWords).toBe("Waiting for our confirmation");
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Booking ${upcoming.code}` })).toBeVisible();
  await expect(page.getByTestId("booking-status")).toHaveText(listWords);

  // Add to calendar: Google, Apple (.ics) and Outlook.
  const cal = page.getByTestId("add-to-calendar");
  await expect(cal.getByRole("link", { name: /Google Calendar/ })).toHaveAttribute(
    "href",
    /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/,
  );
  await expect(cal.getByRole("link", { name: /Outlook/ })).toHaveAttribute(
    "href",
    /^https:\/\/outlook\.live\.com\/calendar\/0\/deeplink\/compose\?/,
  );
  const apple = cal.getByRole("link", { name: /Apple Calendar/ });
  const href = (await apple.getAttribute("href"))!;
  expect(href).toBe(`/bookings/${upcoming.id}/calendar.ics`);
  const file = await page.request.get(`${CUSTOMER}${href}`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toMatch(/^text\/calendar/);
  expect(file.headers()["content-disposition"]).toContain(`hibachi-party-${upcoming.code}.ics`);
  const ics = await file.text();
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
  expect(event.startDate.toJSDate().toISOString()).toBe(new Date(upcoming.startsAt).toISOString());
  expect(event.location).toBe("742 Willow Glen Way, San Jose, CA 95125");
  expect(ics).not.toMatch(/token=/);

  await expectNoSideways(page, PHONE.width);
  await expectNoAxeViolations(page, "the booking page at 390 px");
  await page.screenshot({ path: `${SHOTS}/booking-390.png`, fullPage: true });
});

test("on a desktop: both pages pass axe; the data download is the customer's own", async ({
  page,
}) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/bookings");
  await expect(
    page.getByTestId("section-upcoming").locator(`[data-code="${upcoming.code}"]`),
  ).toBeVisible();
  await expectNoSideways(page, DESKTOP.width);
  await expectNoAxeViolations(page, "My bookings at 1280 px");
  await page.screenshot({ path: `${SHOTS}/my-bookings-1280.png`, fullPage: true });

  // "Download my data": a JSON file of this account only.
  const link = page.getByRole("link", { name: "Download my data" });
  await expect(link).toHaveAttribute("download", /\.json$/);
  const data = await page.request.get(`${CUSTOMER}${await link.getAttribute("href")}`);
  expect(data.status()).toBe(200);
  const copy = (await data.json()) as { account: { email: string }; bookings: { code: string }[] };
  expect(copy.account.email).toBe(DEMO.email);
  expect(copy.bookings.map((b) => b.code)).toEqual(
    expect.arrayContaining([upcoming.code, cancelled.code]),
  );
  const theirs = await sql<{ n: string }>(
    `SELECT count(*) AS n FROM "Booking" b JOIN "Customer" c ON c.id = b."customerId" WHERE c.email = $1`,
    [DEMO.email],
  );
  expect(copy.bookings).toHaveLength(Number(theirs[0]!.n));

  // Deleting asks first, and says what happens; the demo account stays (we keep it).
  await page.getByRole("button", { name: "Delete my account…" }).click();
  await expect(page.getByText("Deleting your account means:")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete my account for good" })).toBeDisabled();
  await page.getByRole("button", { name: "Keep my account" }).click();

  await page.goto(`/bookings/${upcoming.id}`);
  await expect(page.getByTestId("add-to-calendar")).toBeVisible();
  await expectNoSideways(page, DESKTOP.width);
  await expectNoAxeViolations(page, "the booking page at 1280 px");
  await page.screenshot({ path: `${SHOTS}/booking-1280.png`, fullPage: true });

  // The cancelled booking's page offers no calendar (the emailed file removes the event).
  await page.goto(`/bookings/${cancelled.id}`);
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("add-to-calendar")).toHaveCount(0);
});
