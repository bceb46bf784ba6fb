import { expect, test } from "@playwright/test";
import { customerQuote, signIn } from "./helpers";

const selection = {
  packageSlug: "classic",
  adults: 10,
  children: 0,
  proteins: { chicken: 10, steak: 10 },
  extras: {},
};

test("an owner changes a protein's price and the next customer quote shows it at once", async ({
  page,
  request,
}) => {
  const before = await customerQuote(request, selection); // also warms the catalog cache
  expect(before.lines.find((l) => l.label.includes("NY strip steak"))).toBeUndefined();

  await signIn(page, "owner");
  await page.goto("/menu");
  await page.getByRole("button", { name: "Edit NY strip steak" }).click();
  const price = page.locator("#item-steak-price");

  await price.fill("three dollars");
  await page.getByRole("button", { name: "Save NY strip steak" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Price: enter an amount like 12.50." }),
  ).toBeVisible();
  await price.fill("20000");
  await page.getByRole("button", { name: "Save NY strip steak" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "looks too high" })).toBeVisible();
  expect((await customerQuote(request, selection)).totalCents).toBe(before.totalCents);

  await price.fill("3.75");
  await page.getByRole("button", { name: "Save NY strip steak" }).click();
  await expect(page.getByTestId("menu-item").filter({ hasText: "NY strip steak" })).toContainText(
    "$3.75 / person",
  );

  const after = await customerQuote(request, selection);
  expect(after.lines.find((l) => l.label.includes("NY strip steak"))).toMatchObject({
    quantity: 10,
    unitCents: 375,
    totalCents: 3750,
  });
  expect(after.totalCents).toBeGreaterThan(before.totalCents);

  // The change is in the audit log, as a sentence with before and after.
  await page.goto("/audit?entity=menuItem");
  const entry = page
    .getByTestId("audit-entry")
    .filter({ hasText: "changed the menu item NY strip steak." })
    .first();
  await expect(entry).toContainText("Price from $0.00 to $3.75");

  // Put the demo price back for the other specs.
  await page.goto("/menu");
  await page.getByRole("button", { name: "Edit NY strip steak" }).click();
  await page.locator("#item-steak-price").fill("0");
  await page.getByRole("button", { name: "Save NY strip steak" }).click();
  await expect(page.getByTestId("menu-item").filter({ hasText: "NY strip steak" })).toContainText(
    "$0.00 / person",
  );
});
