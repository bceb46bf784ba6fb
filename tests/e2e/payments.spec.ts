// Deposits on Stripe Checkout in Chromium. This spec runs its own stack with Stripe keys (the
// suite's shared servers run in "pay at the event" mode): a local Stripe-compatible server
// (tests/support/fake-stripe.ts) on :3103, the built customer app on :3104, admin on :3105 and
// the worker on :3106, over their own database (myhibachi_e2e_pay) and Redis database 6.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { FakeStripe } from "../support/fake-stripe";

const root = fileURLToPath(new URL("../..", import.meta.url));
const STRIPE_PORT = 3103;
const CUSTOMER = "http://127.0.0.1:3104";
const ADMIN = "http://127.0.0.1:3105";
const WORKER = "http://127.0.0.1:3106";

function databaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e_pay";
  return u.toString();
}
function redisUrl(): string {
  const u = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  u.pathname = "/6";
  return u.toString();
}

let fake: FakeStripe;
const children: ChildProcess[] = [];

async function waitUp(url: string, ms = 120_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fake = await new FakeStripe({
    port: STRIPE_PORT,
    webhookUrl: `${CUSTOMER}/api/stripe/webhook`,
  }).start();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl(),
    REDIS_URL: redisUrl(),
    AUTH_SECRET: "e2e-pay-only-insecure-auth-secret-0123456789",
    CUSTOMER_URL: CUSTOMER,
    ADMIN_URL: ADMIN,
    WORKER_PORT: "3106",
    QUEUE_PREFIX: "e2epay",
    CACHE_PREFIX: "e2epay",
    NEXT_TELEMETRY_DISABLED: "1",
    LOCAL_MAILBOX: "1",
    ...fake.env(),
  };
  delete env.SMTP_URL;
  const prep = spawnSync(process.execPath, ["tests/setup/e2e-db.mjs"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (prep.status !== 0) throw new Error("preparing the payments e2e database failed");
  const start = (args: string[]) => {
    const c = spawn("pnpm", args, { cwd: root, env, stdio: "ignore", detached: true });
    children.push(c);
  };
  start([
    "--filter",
    "@myhibachi/customer",
    "exec",
    "next",
    "start",
    "--hostname",
    "127.0.0.1",
    "--port",
    "3104",
  ]);
  start([
    "--filter",
    "@myhibachi/admin",
    "exec",
    "next",
    "start",
    "--hostname",
    "127.0.0.1",
    "--port",
    "3105",
  ]);
  start(["--filter", "@myhibachi/worker", "start"]);
  await Promise.all([
    waitUp(`${CUSTOMER}/api/health`),
    waitUp(`${ADMIN}/api/health`),
    waitUp(`${WORKER}/healthz`),
  ]);
});

test.afterAll(async () => {
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  await fake?.stop();
});

/** Books a party of 10 for the first free time next month through the wizard. */
async function bookThroughWizard(page: Page, email: string) {
  await page.goto(`${CUSTOMER}/book`);
  await page.getByLabel("Party ZIP code").fill("95125");
  await page.getByRole("button", { name: "Next month" }).click();
  for (let i = 0; ; i++) {
    await expect(
      page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
    ).toHaveCount(0);
    const free = page
      .getByRole("grid", { name: "Available dates" })
      .locator("button:not([disabled])");
    if ((await free.count()) > 0) {
      await free.last().click();
      await page.getByRole("group").getByRole("button").first().click();
      break;
    }
    if (i > 3) throw new Error("no free date");
    await page.getByRole("button", { name: "Next month" }).click();
  }
  await page.getByRole("button", { name: "Continue" }).click(); // menu (prefilled proteins)
  await page.getByRole("button", { name: "Continue" }).click(); // extras
  await page.getByRole("button", { name: "Continue" }).click(); // address
  await page.getByLabel("Street address").fill("742 Willow Glen Way");
  await page.getByLabel("City").fill("San Jose");
  await page.getByLabel("Your name").fill("Pat Payer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mobile phone").fill("(408) 555-0177");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByTestId("payment-terms")).toContainText("deposit on Stripe's secure page");
  await page.getByRole("button", { name: "Confirm and pay the $100.00 deposit" }).click();
  // Stripe Checkout (the local test page): pay.
  await expect(page.getByRole("heading", { name: "Test checkout" })).toBeVisible();
  await page.getByRole("button", { name: "Pay $100.00" }).click();
  await expect(page).toHaveURL(/\/bookings\/[^?]+\?token=.*checkout=success/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  return id;
}

test("book, pay the deposit on Checkout: confirmed with 'deposit paid' on the page, in the email and in the admin", async ({
  page,
}) => {
  const email = `pay-${Date.now()}@example.com`;
  const id = await bookThroughWizard(page, email);
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await expect(page.getByTestId("money")).toContainText(/Deposit paid on .*\$100\.00/);
  const code = (await page.getByRole("heading", { name: /^Booking HB-/ }).textContent())!.replace(
    "Booking ",
    "",
  );

  // The email (local mailbox: no SMTP server here).
  await expect(async () => {
    await page.goto(`${CUSTOMER}/dev/mailbox?to=${encodeURIComponent(email)}`);
    await expect(
      page.getByTestId("mail").filter({ hasText: `Your hibachi party is confirmed (${code})` }),
    ).toContainText(/Deposit paid on .*: \$100\.00/, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  // The admin booking, as the owner sees it.
  const res = await page.request.post(`${ADMIN}/api/auth/sign-in/email`, {
    data: { email: "owner@myhibachi.local", password: "owner-demo-pass" },
    headers: { origin: ADMIN },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto(`${ADMIN}/bookings/${id}`);
  await expect(page.getByTestId("booking-status")).toHaveText("confirmed");
  await expect(page.getByTestId("money")).toContainText(/Deposit paid on .*\$100\.00/);
});

test("cancel early: the customer is told the deposit comes back, and the refund is issued and shown", async ({
  page,
}) => {
  await bookThroughWizard(page, `early-${Date.now()}@example.com`);
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByTestId("cancel-money")).toHaveText(
    "You'll get $100.00 back, refunded to your card.",
  );
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("money")).toContainText(/Refunded on .*\$100\.00/, {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  expect([...fake.refunds.values()].some((r) => r.amount === 10_000)).toBe(true);
});

test("cancel late: no refund, and the customer is told before confirming", async ({ page }) => {
  // Make every upcoming event "late" for the policy (this stack's own database).
  const db = new pg.Client({ connectionString: databaseUrl() });
  await db.connect();
  await db.query(
    `UPDATE "BusinessSettings" SET "freeCancellationHours" = 5000, "version" = "version" + 1`,
  );
  await db.end();
  const refundsBefore = fake.refunds.size;
  await bookThroughWizard(page, `late-${Date.now()}@example.com`);
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByTestId("cancel-money")).toHaveText(
    "The deposit is not refundable this close to the event: no refund will be issued.",
  );
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("money")).toContainText(/Deposit paid on/);
  await expect(page.getByTestId("money")).not.toContainText(/refund/i);
  expect(fake.refunds.size).toBe(refundsBefore);
});
