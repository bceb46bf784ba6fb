import { expect, test } from "@playwright/test";

test("the customer home page shows the offer and real packages from the database", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "A hibachi chef, live at your party",
  );
  await expect(page.getByRole("heading", { name: "Classic Hibachi" })).toBeVisible();
  await expect(page.getByText("$60.00")).toBeVisible();
  await expect(page.getByRole("link", { name: "Book a chef" })).toBeVisible();
});

test("the menu lists allergens and dietary tags and filters by diet", async ({ page }) => {
  await page.goto("/menu");
  await expect(page.getByRole("heading", { name: "Proteins" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lobster tail" })).toBeVisible();
  await expect(page.getByText("Contains: shellfish, milk").first()).toBeVisible();
  await page.getByLabel("Diet").selectOption("vegan");
  await expect(page.getByRole("heading", { name: "Crispy tofu" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Lobster tail" })).toHaveCount(0);
  // The allergen filter offers all nine major US allergens, nuts included.
  await page.getByLabel("Diet").selectOption("");
  for (const a of ["peanuts", "tree nuts", "shellfish", "sesame"])
    await expect(page.getByRole("checkbox", { name: a, exact: true })).toBeVisible();
  await page.getByRole("checkbox", { name: "shellfish", exact: true }).check();
  await expect(page.getByRole("heading", { name: "Lobster tail" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Crispy tofu" })).toBeVisible();
});
