// What a staff member and the owner notice in the admin (issue 13): Today shows tonight's event
// in the business's time zone and offers "Mark completed" only once an event is over; the audit
// log reads as sentences with names; tax and gratuity are typed as percentages and stored as the
// right basis points; an allergen outside the nine is refused; every admin page passes axe-core
// for both roles on a phone and a desktop. Facts are checked against the database.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { axeViolations, expectNoAxeViolations } from "../axe";
import { NAV } from "../../../apps/admin/src/nav";
import { addDaysIso, customerBooks, moveOnto, nextWeekday, signIn, sql, today } from "./helpers";

const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
const TZ = "America/Los_Angeles"; // the demo business's zone
const SHOTS = process.env.SHOTS_DIR;

/** The local date in the business's zone (not the machine's). */
const localDate = (d: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: TZ, dateStyle: "short" }).format(d);

/** The whole page, and on a phone also the first screen (a full phone page is too tall to read). */
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if ((page.viewportSize()?.width ?? 0) < 500)
    await page.screenshot({ path: `${SHOTS}/${name}-first-screen.png` });
}

test("Today shows tonight's event, and completion only once an event is over", async ({
  page,
  request,
}) => {
  const far = nextWeekday(addDaysIso(today(), 140), 2); // a Tuesday past the seeded bookings
  const tonight = await customerBooks(request, far, 17 * 60, "Tonight Party");
  const earlier = await customerBooks(request, addDaysIso(far, 7), 17 * 60, "Lunch Party");
  // Tonight's: starts in a minute if that is still today here, else started an hour ago;
  // either way it is today's and not over. The earlier one ended an hour ago.
  const now = Date.now();
  const soon = new Date(now + 60_000);
  await moveOnto(
    tonight.id,
    localDate(soon) === localDate(new Date(now)) ? soon : new Date(now - 3_600_000),
  );
  await moveOnto(earlier.id, new Date(now - 4 * 3_600_000));
  const [t] = await sql<{ endsAt: Date; startsAt: Date }>(
    `SELECT "startsAt", "endsAt" FROM "Booking" WHERE id = $1`,
    [tonight.id],
  );
  expect(t!.endsAt.getTime()).toBeGreaterThan(Date.now());

  await signIn(page, "staff");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  const title = new Intl.DateTimeFormat("en-US", {
    timeZone: TZ,
    weekday: "long",
    month: "long",
    day: "numeric",
  }).format(new Date());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Today, ${title}`);
  const todays = page.getByRole("list", { name: "Today's events" });
  const card = todays.getByRole("listitem").filter({ hasText: tonight.code });
  await expect(card).toContainText("Tonight Party");
  // Its start, in the business's zone.
  const start = new Intl.DateTimeFormat("en-US", {
    timeZone: TZ,
    hour: "numeric",
    minute: "2-digit",
  }).format(t!.startsAt);
  await expect(card).toContainText(start.replace(/\s/g, " "));
  // Not over: no way to mark it completed, and the page says when it can be.
  await expect(card.getByRole("button", { name: /completed/ })).toHaveCount(0);
  await expect(card).toContainText("Can be marked completed after");
  // The next days are apart, each under its own title.
  await expect(page.getByRole("heading", { level: 2, name: "Next 7 days" })).toBeVisible();

  // The one that is over is offered, asked twice, and completed in the database.
  const done = page.getByRole("listitem").filter({ hasText: earlier.code });
  await done.getByRole("button", { name: `Mark ${earlier.code} completed` }).click();
  await done.getByRole("button", { name: "Yes, it's done" }).click();
  const notice = page.getByRole("status").filter({ hasText: `${earlier.code} marked completed` });
  await expect(notice).toBeVisible();
  // The page is read again: the event leaves the earlier events (or, if it was today's, shows
  // "completed"), and the message stays until the staff member leaves the page.
  await expect
    .poll(
      async () =>
        (await done.count()) === 0 ||
        (await done.getByText("completed", { exact: true }).count()) > 0,
    )
    .toBe(true);
  await expect(notice).toBeVisible();
  const [e] = await sql<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1`, [
    earlier.id,
  ]);
  expect(e!.status).toBe("COMPLETED");
  await shot(page, "today-1280");

  // Asked directly, the operation refuses to complete tonight's event, readably, and changes nothing.
  const res = await page.request.post(`${ADMIN_URL}/api/trpc/bookings.setStatus`, {
    data: { json: { id: tonight.id, action: "complete" } },
    headers: { origin: ADMIN_URL },
  });
  expect(res.status()).toBe(412);
  expect(await res.text()).toContain(": mark it completed after that.");
  const [still] = await sql<{ status: string }>(`SELECT status FROM "Booking" WHERE id = $1`, [
    tonight.id,
  ]);
  expect(still!.status).toBe("CONFIRMED");

  // On a phone the same day reads as cards.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(todays.getByRole("listitem").filter({ hasText: tonight.code })).toBeVisible();
  await shot(page, "today-390");
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.reload();
  await shot(page, "today-1024");

  // The owner's audit log says who completed it, by name and booking.
  await page.context().clearCookies();
  await signIn(page, "owner");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/audit?entity=booking");
  await expect(
    page
      .getByTestId("audit-entry")
      .filter({ hasText: `Sam Staff marked booking ${earlier.code} (Lunch Party) completed.` }),
  ).toBeVisible();
});

test("the owner types tax and gratuity as percentages; the database keeps basis points", async ({
  page,
}) => {
  await signIn(page, "owner");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/settings");
  const tax = page.getByLabel("Sales tax (%)");
  await expect(tax).toHaveValue("9.38");
  await expect(page.getByLabel("Suggested gratuity (%)")).toHaveValue("20");
  await expect(page.getByLabel(/latitude|longitude/i)).toHaveCount(0);
  await shot(page, "settings-1280");

  await tax.fill("9.375");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Sales tax (%): enter a percentage like 9.38" }),
  ).toBeVisible();

  await tax.fill("9.5");
  await page.getByLabel("Suggested gratuity (%)").fill("18");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  const [s] = await sql<{ taxRateBps: number; suggestedGratuityBps: number }>(
    `SELECT "taxRateBps", "suggestedGratuityBps" FROM "BusinessSettings" WHERE id = 1`,
  );
  expect(s).toEqual({ taxRateBps: 950, suggestedGratuityBps: 1800 });

  // The audit log says it in words.
  await page.goto("/audit?entity=settings");
  const entry = page
    .getByTestId("audit-entry")
    .filter({ hasText: "Olivia Owner changed the business settings." })
    .first();
  await expect(entry).toContainText("Tax rate from 9.38% to 9.5%");
  await expect(entry).toContainText("Suggested gratuity from 20% to 18%");
  await expect(page.getByText(/"taxRateBps"|\{"/)).toHaveCount(0);
  await page.goto("/audit");
  await shot(page, "audit-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await shot(page, "audit-390");

  // Put the demo values back for the other specs.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/settings");
  await page.getByLabel("Sales tax (%)").fill("9.38");
  await page.getByLabel("Suggested gratuity (%)").fill("20");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  const [back] = await sql<{ taxRateBps: number; suggestedGratuityBps: number }>(
    `SELECT "taxRateBps", "suggestedGratuityBps" FROM "BusinessSettings" WHERE id = 1`,
  );
  expect(back).toEqual({ taxRateBps: 938, suggestedGratuityBps: 2000 });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await shot(page, "settings-390");
});

test("service ZIPs by number, with an undo for a removal", async ({ page }) => {
  await signIn(page, "owner");
  await page.goto("/settings");
  await page.getByLabel("Add a ZIP code").fill("94022");
  await expect(page.getByText("94022 is Los Altos, CA,")).toBeVisible();
  await page.getByRole("button", { name: "Add ZIP" }).click();
  await expect(page.getByText("Added 94022 (Los Altos, CA) to the service area.")).toBeVisible();
  const [row] = await sql<{ lat: number; lng: number; city: string }>(
    `SELECT lat, lng, city FROM "ServicePostalCode" WHERE "postalCode" = '94022'`,
  );
  expect(row!.city).toBe("Los Altos");
  expect(row!.lat).toBeCloseTo(37.38, 1);

  await page.getByLabel("Add a ZIP code").fill("00000");
  await page.getByRole("button", { name: "Add ZIP" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "We can't place ZIP 00000 on the map." }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Remove ZIP 94022 (Los Altos)" }).click();
  await expect(page.getByText("Removed 94022 (Los Altos)")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("94022 (Los Altos) is back in the service area.")).toBeVisible();
  expect(await sql(`SELECT 1 FROM "ServicePostalCode" WHERE "postalCode" = '94022'`)).toHaveLength(
    1,
  );
  await sql(`DELETE FROM "ServicePostalCode" WHERE "postalCode" = '94022'`);
});

test("allergens are ticked from the nine; anything else is refused", async ({ page }) => {
  await signIn(page, "owner");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/menu");
  const row = page.getByTestId("menu-item").filter({ hasText: "Hibachi chicken" });
  await row.getByRole("button", { name: "Edit Hibachi chicken" }).click();
  const form = row.locator("form");
  const allergens = form.getByRole("group", { name: "Allergens it contains" });
  await expect(allergens.getByRole("checkbox")).toHaveCount(9);
  await expect(form.getByLabel("Description")).toHaveJSProperty("tagName", "TEXTAREA");
  if (SHOTS) await row.screenshot({ path: `${SHOTS}/menu-editor-1280.png` });
  await shot(page, "menu-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  if (SHOTS) await row.screenshot({ path: `${SHOTS}/menu-editor-390.png` });
  await shot(page, "menu-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  const [before] = await sql<{ id: string; allergens: string[] }>(
    `SELECT id, allergens FROM "MenuItem" WHERE slug = 'chicken'`,
  );
  await allergens.getByRole("checkbox", { name: /^peanuts/ }).check();
  await form.getByRole("button", { name: "Save Hibachi chicken" }).click();
  await expect(form).toHaveCount(0);
  const [after] = await sql<{ allergens: string[] }>(
    `SELECT allergens FROM "MenuItem" WHERE slug = 'chicken'`,
  );
  expect(after!.allergens).toEqual([...before!.allergens, "peanuts"]);

  // A typo sent to the operation itself is refused in words, and nothing changes.
  const [item] = await sql<{ updatedAt: Date }>(
    `SELECT "updatedAt" FROM "MenuItem" WHERE id = $1`,
    [before!.id],
  );
  const res = await page.request.post(`${ADMIN_URL}/api/trpc/owner.menu.updateItem`, {
    data: {
      json: { id: before!.id, item: { allergens: ["soy", "peanutz"] }, updatedAt: item!.updatedAt },
    },
    headers: { origin: ADMIN_URL },
  });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain(`\\"peanutz\\" isn't one of the nine major allergens.`);
  const [same] = await sql<{ allergens: string[] }>(
    `SELECT allergens FROM "MenuItem" WHERE slug = 'chicken'`,
  );
  expect(same!.allergens).toEqual([...before!.allergens, "peanuts"]);
  await sql(`UPDATE "MenuItem" SET allergens = $1 WHERE slug = 'chicken'`, [before!.allergens]);
});

/** Every page of the admin a role can open, with one example of each detail page. */
async function pagesFor(role: "STAFF" | "OWNER"): Promise<string[]> {
  const [chef] = await sql<{ id: string }>(`SELECT id FROM "Chef" ORDER BY name LIMIT 1`);
  const [customer] = await sql<{ id: string }>(
    `SELECT id FROM "Customer" ORDER BY "createdAt" LIMIT 1`,
  );
  const [chat] = await sql<{ id: string }>(`SELECT id FROM "Conversation" LIMIT 1`);
  return [
    ...NAV.filter((n) => n.roles.includes(role)).map((n) => n.href),
    `/chefs/${chef!.id}`,
    `/customers/${customer!.id}`,
    ...(chat ? [`/conversations/${chat.id}`] : []),
    "/calendar?view=day",
    // The campaign editor and the suppression list (the owner's; /campaigns is in NAV).
    ...(role === "OWNER"
      ? ["/campaigns?days=90", "/campaigns/abandoned-booking", "/campaigns/suppressions"]
      : []),
  ];
}

for (const role of ["STAFF", "OWNER"] as const)
  for (const width of [390, 1280])
    test(`axe finds nothing on any admin page for ${role.toLowerCase()} at ${width} px`, async ({
      page,
    }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await signIn(page, role === "OWNER" ? "owner" : "staff");
      // Every page is checked before the test fails, so one run names everything to fix.
      const found: string[] = [];
      for (const href of await pagesFor(role)) {
        await page.goto(href);
        await expect(page.getByRole("heading", { level: 1 }), href).toHaveCount(1);
        await page.waitForLoadState("networkidle");
        for (const v of await axeViolations(page)) found.push(`${href}: ${v}`);
        if (href === "/overview" || href === "/costs")
          await shot(page, `${href.slice(1)}-${width}`);
      }
      expect(found, `axe (${role.toLowerCase()}, ${width} px):\n${found.join("\n")}`).toEqual([]);
      // The navigation says where you are, and on a phone opens from its button.
      await page.goto("/bookings");
      if (width === 390) await page.getByRole("button", { name: /^Menu/ }).click();
      await expect(
        page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Bookings" }),
      ).toHaveAttribute("aria-current", "page");
      await expectNoAxeViolations(page, `/bookings with the menu open (${width} px)`);
    });

test("sign-in passes axe on a phone and a desktop", async ({ page }) => {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/sign-in");
    await expectNoAxeViolations(page, `/sign-in (${width} px)`);
  }
});
