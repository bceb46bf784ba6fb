// Picking a time in the wizard's calendar the way a customer does: wait for the free days, take the
// month's last free day (past the free-cancellation window) and its first start time, or go on to
// the next month when this one is full.
import { expect, type Page } from "@playwright/test";

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
