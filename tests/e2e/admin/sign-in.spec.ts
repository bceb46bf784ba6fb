import { expect, test } from "@playwright/test";

test("the admin sign-in page asks staff to sign in, and staff get in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "MyHibachi Admin" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Enter your email and password.",
  );
  await page.getByLabel("Email").fill("staff@myhibachi.local");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "Wrong email or password.",
  );
  await page.getByLabel("Password").fill("staff-demo-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Today, / })).toBeVisible();
  // The header names who is signed in (the phone menu repeats it, hidden at this width).
  await expect(page.getByText("Sam Staff").filter({ visible: true }).first()).toBeVisible();
});
