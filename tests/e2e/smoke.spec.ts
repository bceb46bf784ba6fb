// Smoke tests: both built apps are up and reach Postgres, and the browser (system Chromium)
// can load them.
import { expect, test } from "@playwright/test";

const apps = [
  ["customer", "CUSTOMER_URL"],
  ["admin", "ADMIN_URL"],
] as const;

for (const [app, envName] of apps) {
  test(`${app} /api/health answers 200 with a working database`, async ({ request }) => {
    const base = process.env[envName];
    expect(base, `${envName} is set by playwright.config.ts`).toBeTruthy();
    const res = await request.get(`${base}/api/health`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = await res.json();
    expect(body.checks.db).toBe("ok");
  });
}

test("the browser opens the customer health endpoint", async ({ page }) => {
  const res = await page.goto("/api/health");
  expect(res?.status()).toBe(200);
  await expect(page.locator("body")).toContainText('"db":"ok"');
});
