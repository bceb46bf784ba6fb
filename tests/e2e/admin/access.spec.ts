import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";
import { NAV } from "../../../apps/admin/src/nav";

test("a customer session can't open any admin page or call the admin API", async ({ page }) => {
  await signIn(page, "customer");
  for (const { href } of NAV) {
    const res = await page.goto(href);
    const built = res?.status() !== 404; // areas still being built by others answer 404
    if (built) await expect(page, `${href} must refuse a customer`).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  }
  await expect(page.getByText("Your account doesn't have access")).toBeVisible();
  const api = await page.request.get("/api/trpc/staff.chefs.list");
  expect(api.status()).toBe(403);
});

test("staff can't open the owner's pages", async ({ page }) => {
  await signIn(page, "staff");
  for (const { href, roles } of NAV.filter((n) => !n.roles.includes("STAFF"))) {
    const res = await page.goto(href);
    if (res?.status() !== 404)
      await expect(page, `${href} (${roles.join()})`).toHaveURL(/\/forbidden$/);
  }
  // Told why (the page is the owner's), not to sign in with the staff account they have.
  await expect(
    page.getByRole("heading", { name: "This page is for the owner only" }),
  ).toBeVisible();
  await expect(page.getByText("Sign in with a staff account")).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Admin" });
  await expect(nav.getByRole("link", { name: "Chefs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Menu & pricing" })).toHaveCount(0);
});

test("the owner sees the overview, settings and queues", async ({ page }) => {
  await signIn(page, "owner");
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "This week vs last week" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Revenue by event day" })).toBeVisible();
  await page.goto("/queues");
  await expect(page.getByTestId("queue-email")).toBeVisible();
  await page.goto("/settings");
  await page.getByLabel("Minimum guests").fill("70");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "The minimum number of guests can't be above the maximum." }),
  ).toBeVisible();
});
