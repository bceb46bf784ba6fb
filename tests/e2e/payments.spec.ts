// Deposits on Stripe Checkout in Chromium. This spec runs its own stack with Stripe keys (the
// suite's shared servers run in "pay at the event" mode): a local Stripe-compatible server
// (tests/support/fake-stripe.ts) on :3103, the built customer app on :3104, admin on :3105 and
// the worker on :3106, over their own database (myhibachi_e2e_pay) and Redis database 6.
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { useStripeStack } from "./stripe-stack";
import { pickLastFreeTime } from "./free-time";

test.describe.configure({ mode: "serial" });

const stack = useStripeStack({
  name: "pay",
  ports: { stripe: 3103, customer: 3104, admin: 3105, worker: 3106 },
  database: "myhibachi_e2e_pay",
  redisDb: 6,
});
const CUSTOMER = stack.customerUrl;
const ADMIN = stack.adminUrl;

/** Books a party of 10 for the first free time next month through the wizard. */
async function bookThroughWizard(page: Page, email: string) {
  await page.goto(`${CUSTOMER}/book`);
  await page.getByLabel("Party ZIP code").fill("95125");
  await pickLastFreeTime(page, { fromNextMonth: true });
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
  expect([...stack.fake.refunds.values()].some((r) => r.amount === 10_000)).toBe(true);
});

test("cancel late: no refund, and the customer is told before confirming", async ({ page }) => {
  // Make every upcoming event "late" for the policy (this stack's own database).
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query(
    `UPDATE "BusinessSettings" SET "freeCancellationHours" = 5000, "version" = "version" + 1`,
  );
  await db.end();
  const refundsBefore = stack.fake.refunds.size;
  await bookThroughWizard(page, `late-${Date.now()}@example.com`);
  await expect(page.getByTestId("booking-status")).toHaveText("Confirmed");
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await expect(page.getByTestId("cancel-money")).toHaveText(
    "No refund will be issued: the deposit is not refundable, as the event is less than 5000 hours away.",
  );
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("money")).toContainText(/Deposit paid on/);
  await expect(page.getByTestId("money")).not.toContainText(/refund/i);
  expect(stack.fake.refunds.size).toBe(refundsBefore);
});
