import { expect, test } from "@playwright/test";
import {
  addDaysIso,
  customerAvailability,
  customerBooks,
  nextWeekday,
  signIn,
  today,
} from "./helpers";

// Palo Alto is in the Metro zone. On Wednesdays only Kenji Tanaka both works and covers Metro
// (demo data), so his time off empties that day for Palo Alto customers.
const PALO_ALTO = "94301";

test("staff adds time off for a chef and his times vanish from the customer site at once", async ({
  page,
  request,
}) => {
  // Past the seeded bookings (which run 75 days ahead): find a Wednesday with free times.
  let date = nextWeekday(addDaysIso(today(), 90), 3);
  while ((await customerAvailability(request, date, PALO_ALTO)).length === 0)
    date = addDaysIso(date, 7);
  const otherWednesday = addDaysIso(date, 7);
  const otherBefore = (await customerAvailability(request, otherWednesday, PALO_ALTO)).length;

  await signIn(page, "staff");
  await page.goto("/chefs");
  await page.getByRole("link", { name: "Kenji Tanaka" }).click();
  await expect(page.getByRole("heading", { name: "Kenji Tanaka" })).toBeVisible();

  // Bad input first: a visible, specific error, and nothing saved.
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Enter when the time off starts" }),
  ).toBeVisible();
  await page.getByLabel("Off from").fill(`${date}T18:00`);
  await page.getByLabel("Back at").fill(`${date}T09:00`);
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Time off must end after it starts." }),
  ).toBeVisible();
  expect((await customerAvailability(request, date, PALO_ALTO)).length).toBeGreaterThan(0);

  await page.getByLabel("Off from").fill(`${date}T00:00`);
  await page.getByLabel("Back at").fill(`${addDaysIso(date, 1)}T00:00`);
  await page.getByLabel("Reason (optional)").fill("Family wedding");
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(page.getByRole("status")).toHaveText("Time off added.");
  await expect(page.getByText("Family wedding")).toBeVisible();

  // At once: no waiting for a cache to expire.
  expect(await customerAvailability(request, date, PALO_ALTO)).toEqual([]);
  expect((await customerAvailability(request, otherWednesday, PALO_ALTO)).length).toBe(otherBefore);

  // Owners can read who did it.
  await page.context().clearCookies();
  await signIn(page, "owner");
  await page.goto("/audit?entity=chef");
  await expect(
    page
      .getByTestId("audit-entry")
      .filter({ hasText: "Sam Staff added time off for Kenji Tanaka" })
      .first(),
  ).toBeVisible();
});

test("staff reassigns a booking; a clash with another booking is shown, not swallowed", async ({
  page,
  request,
}) => {
  const date = nextWeekday(addDaysIso(today(), 120), 6); // a Saturday, past the seeded bookings
  const first = await customerBooks(request, date, 17 * 60, "Reassign First");
  const second = await customerBooks(request, date, 17 * 60, "Reassign Second");

  await signIn(page, "staff");
  await page.goto(`/bookings/${second.id}`);
  const secondChef = (await page.getByTestId("assigned-chefs").textContent())!.trim();
  await page.goto(`/bookings/${first.id}`);
  await expect(page.getByRole("heading", { name: `Booking ${first.code}` })).toBeVisible();
  const current = (await page.getByTestId("assigned-chefs").textContent())!.trim();
  expect(current).not.toBe(secondChef);

  // The chef who already cooks for the second booking then is shown busy (by the rule the
  // reassignment enforces, which the integration tests prove refuses it) and can't be chosen.
  await expect(page.getByTestId(`chef-note-${current}`)).toHaveText("(assigned)");
  await expect(page.getByRole("radio", { name: secondChef })).toBeDisabled();
  await expect(page.getByTestId(`chef-note-${secondChef}`)).toContainText(
    `not available: busy 4:00 – 7:30 PM at another event (${second.code}`,
  );
  await expect(page.getByRole("button", { name: "Reassign" })).toBeDisabled();

  // Onto a free chef: saved.
  const free = page.locator("label").filter({ hasText: "(free)" }).first();
  const freeName = (await free.locator("span.font-medium").textContent())!.trim();
  await free.click();
  await page.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByRole("status")).toHaveText("Chef assignment saved.");
  await expect(page.getByTestId("assigned-chefs")).toHaveText(freeName);
  await page.reload();
  await expect(page.getByTestId("assigned-chefs")).toHaveText(freeName);
  await expect(page.getByTestId("history")).toContainText(
    `Sam Staff (staff) changed the chef from ${current} to ${freeName}.`,
  );
});
