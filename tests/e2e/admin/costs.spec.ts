import { expect, test, type Page } from "@playwright/test";
import pg from "pg";

function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

/** Micro-dollars -> "$1,234.57" (cents, rounded half up), as an owner reads it. */
const usd = (micros: number) => {
  const cents = Math.floor((micros + 5_000) / 10_000);
  return `$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
};

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Today, / })).toBeVisible();
}

/** The figures straight from the ledger, with Postgres doing the business-time-zone arithmetic. */
async function ledgerFigures() {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    const period = async (unit: "day" | "week" | "month") =>
      (
        await c.query<{
          cost: string;
          requests: number;
          hits: number;
          misses: number;
          saved: string;
        }>(
          `WITH s AS (SELECT "timeZone" AS tz FROM "BusinessSettings" WHERE id = 1)
           SELECT coalesce(sum("costMicros"), 0) AS cost, count(*)::int AS requests,
                  count(*) FILTER (WHERE "cacheStatus" = 'hit')::int AS hits,
                  count(*) FILTER (WHERE "cacheStatus" = 'miss')::int AS misses,
                  coalesce(sum("savedMicros"), 0) AS saved
           FROM "AiCall", s
           WHERE "createdAt" >= date_trunc($1, now() AT TIME ZONE s.tz) AT TIME ZONE s.tz
             AND "createdAt" < now()`,
          [unit],
        )
      ).rows[0]!;
    const top = (
      await c.query<{ preview: string; calls: number; cost: string }>(
        `WITH s AS (SELECT "timeZone" AS tz FROM "BusinessSettings" WHERE id = 1)
         SELECT max(preview) AS preview, count(*)::int AS calls, sum("costMicros") AS cost
         FROM "AiCall", s
         WHERE "createdAt" >= (date_trunc('day', now() AT TIME ZONE s.tz) - interval '29 days') AT TIME ZONE s.tz
           AND "createdAt" < now()
         GROUP BY fingerprint ORDER BY sum("costMicros") DESC, fingerprint LIMIT 1`,
      )
    ).rows[0]!;
    return {
      today: await period("day"),
      week: await period("week"),
      month: await period("month"),
      top,
    };
  } finally {
    await c.end();
  }
}

test("the owner's AI cost dashboard shows the same figures as SQL over the ledger", async ({
  page,
}) => {
  await signIn(page, "owner@myhibachi.local", "owner-demo-pass");
  await page.getByRole("link", { name: "AI costs" }).click();
  await expect(page.getByRole("heading", { name: "AI costs" })).toBeVisible();
  const f = await ledgerFigures();
  expect(f.month.requests).toBeGreaterThan(0); // the seeded ledger is there

  await expect(page.getByTestId("cost-today")).toHaveText(usd(Number(f.today.cost)));
  await expect(page.getByTestId("cost-week")).toHaveText(usd(Number(f.week.cost)));
  await expect(page.getByTestId("cost-month")).toHaveText(usd(Number(f.month.cost)));
  await expect(page.getByTestId("requests-today")).toHaveText(
    f.today.requests.toLocaleString("en-US"),
  );
  await expect(page.getByTestId("requests-month")).toHaveText(
    f.month.requests.toLocaleString("en-US"),
  );
  await expect(page.getByTestId("cache-hit-rate")).toHaveText(
    `${((f.month.hits / (f.month.hits + f.month.misses)) * 100).toFixed(1)}%`,
  );
  await expect(page.getByTestId("cache-saved")).toHaveText(usd(Number(f.month.saved)));

  const first = page
    .getByRole("table", { name: "Top expensive questions" })
    .getByRole("row")
    .nth(1);
  await expect(first).toContainText(f.top.preview);
  await expect(first.getByRole("cell").nth(1)).toHaveText(f.top.calls.toLocaleString("en-US"));
  await expect(first.getByRole("cell").nth(2)).toHaveText(usd(Number(f.top.cost)));

  await expect(page.getByText(/Method: .* so far this month \+ .*\/day/)).toBeVisible();
  await expect(page.getByRole("img", { name: "AI cost per day by model" })).toBeVisible();
  await page.getByRole("button", { name: "By tier" }).click();
  await expect(page.getByRole("img", { name: "AI cost per day by tier" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Alerts: / })).toBeVisible();
});

test("the owner gets specific errors from the budget form", async ({ page }) => {
  await signIn(page, "owner@myhibachi.local", "owner-demo-pass");
  await page.goto("/alerts");
  await page.getByLabel("Daily budget ($)").fill("fifty");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByText("Enter the daily budget in dollars, like 50 or 49.99."),
  ).toBeVisible();
  await page.getByLabel("Daily budget ($)").fill("400");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    "The weekly budget can't be lower than the daily budget: raise the weekly budget or lower the daily one.",
  );
  await page.getByLabel("Daily budget ($)").fill("60");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Saved. The new budgets apply from the next check.",
  );
  await page.reload();
  await expect(page.getByLabel("Daily budget ($)")).toHaveValue("60");
});

test("staff cannot open the AI cost dashboard or see the alert bell", async ({ page }) => {
  await signIn(page, "staff@myhibachi.local", "staff-demo-pass");
  await expect(page.getByRole("button", { name: /^Alerts: / })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "AI costs" })).toHaveCount(0);
  await page.goto("/costs");
  await expect(page).toHaveURL(/\/forbidden$/);
  await page.goto("/alerts");
  await expect(page).toHaveURL(/\/forbidden$/);
});
