// Picking a time in the wizard's calendar the way a customer does: wait for the free days, take the
// month's last free day (past the free-cancellation window) and its first start time, or go on to
// the next month when this one is full.
import { expect, type Page } from "@playwright/test";

/**
 * Opens the wizard and waits until it has read its draft back (it then stores the draft whole,
 * with the package): a ZIP typed before that is replaced by the draft's.
 */
export async function openBook(page: Page, path = "/book") {
  await page.goto(path);
  await page.waitForFunction(
    () =>
      !!(
        JSON.parse(localStorage.getItem("mh-booking-draft") ?? "{}") as {
          draft?: { packageSlug?: string };
        }
      ).draft?.packageSlug,
  );
}

export async function pickLastFreeTime(page: Page, opts: { fromNextMonth?: boolean } = {}) {
  if (opts.fromNextMonth) await page.getByRole("button", { name: "Next month" }).click();
  for (let i = 0; i < 4; i++) {
    await expect(
      page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
    ).toHaveCount(0);
    const free = page
      .getByRole("grid", { name: /Available dates/ })
      .locator("button:not([aria-disabled])");
    if ((await free.count()) > 0) {
      await free.last().click();
      await page
        .getByRole("group", { name: /Start times/ })
        .getByRole("button")
        .first()
        .click();
      return;
    }
    await page.getByRole("button", { name: "Next month" }).click();
  }
  throw new Error("no free date found in 4 months");
}

/** From a fresh /book to the details step: ZIP 95125, the last free time, the default menu. */
export async function toDetailsStep(page: Page) {
  await openBook(page);
  await page.getByLabel("Party ZIP code").fill("95125");
  await pickLastFreeTime(page);
  for (const next of ["Package and proteins", "Appetizers, sides and add-ons"]) {
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: next })).toBeVisible();
  }
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByRole("heading", { name: "Party address and your contact details" }),
  ).toBeVisible();
}
