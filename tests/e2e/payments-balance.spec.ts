// The balance, the tip and the receipts in Chromium (issue 12, points 4 and 5).
//
// 1. With Stripe: this spec runs its own stack with Stripe keys (the suite's shared servers run in
//    "pay at the event" mode): the local Stripe-compatible server (tests/support/fake-stripe.ts)
//    on :3107, the built customer app on :3108, admin on :3109 and the worker on :3110, over their
//    own database (myhibachi_e2e_balance) and Redis database 7. The customer opens the balance
//    page, picks a tip, pays on the local checkout page, and sees the balance and the tip paid,
//    then prints the receipt.
// 2. Without Stripe (the suite's shared servers): staff record a payment made at the event with a
//    tip; the customer's emailed receipt opens its printable page.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { useStripeStack } from "./stripe-stack";
import { bookViaApi } from "./book-via-api";

const root = fileURLToPath(new URL("../..", import.meta.url));
const shots = `${root}test-results/screenshots`;
// The suite's shared stack (playwright.config.ts), in "pay at the event" mode.
const SHARED_CUSTOMER = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const SHARED_ADMIN = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";

const money = (cents: number) =>
  `$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;
const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, "")) * 100);

let device = 0;
async function signInAdmin(page: Page, adminUrl: string, who: "owner" | "staff") {
  const res = await page.request.post(`${adminUrl}/api/auth/sign-in/email`, {
    data: { email: `${who}@myhibachi.local`, password: `${who}-demo-pass` },
    headers: { origin: adminUrl, "x-forwarded-for": `10.8.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Looks at a page at a phone's width and a desktop's (screenshots kept for a person to see). */
async function screenshots(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  for (const [label, width] of [
    ["390", 390],
    ["desktop", 1280],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    // Nothing sticks out sideways at either width.
    await page.screenshot({ path: `${shots}/${name}-${label}.png`, fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${name} at ${label}px scrolls sideways`).toBeLessThanOrEqual(0);
  }
}

test.describe.configure({ mode: "serial" });

test.describe("with Stripe", () => {
  const stack = useStripeStack({
    name: "balance",
    ports: { stripe: 3107, customer: 3108, admin: 3109, worker: 3110 },
    database: "myhibachi_e2e_balance",
    redisDb: 7,
  });
  const CUSTOMER = stack.customerUrl;
  const ADMIN = stack.adminUrl;

  /** A party of 10 booked over the REST API with its deposit paid on Checkout (confirmed). */
  async function bookedWithDeposit(page: Page, email: string) {
    const b = await bookViaApi(page.request, {
      origin: CUSTOMER,
      within: [30, 60],
      key: "e2e-balance",
      line1: "742 Willow Glen Way",
      name: "Tia Tipper",
      phone: "(408) 555-0177",
      email,
    });
    expect(b.checkoutUrl).toMatch(/\/pay\/cs_test_/);
    // The deposit on the local checkout page.
    await page.goto(b.checkoutUrl!);
    await page.getByRole("button", { name: "Pay $100.00" }).click();
    await expect(page).toHaveURL(/checkout=success/);
    return b;
  }

  test("the customer pays the balance with an 18% tip on Checkout, sees it paid and prints the receipt", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const email = `tipper-${Date.now()}@example.com`;
    const b = await bookedWithDeposit(page, email);
    const bookingUrl = `${CUSTOMER}/bookings/${b.id}?token=${b.token}`;
    await page.goto(bookingUrl);
    // The booking card's money lines (bookingMoney).
    const lines = page.getByTestId("money");
    await expect(lines).toContainText(/Deposit paid on/, { timeout: 20_000 });

    await page.getByRole("link", { name: /^Pay the balance/ }).click();
    await expect(page.getByRole("heading", { name: `Pay the balance · ${b.code}` })).toBeVisible();
    const due = b.totalCents - 10_000;
    // The owner's suggestion (20%) is picked first; the customer picks 18% instead.
    await expect(page.getByRole("radio", { name: /^20% .*\(suggested\)/ })).toBeChecked();
    await page.getByRole("radio", { name: /^18% / }).check();
    const tip = cents((await page.getByTestId("tip-amount").textContent())!);
    expect(tip).toBeGreaterThan(0);
    await expect(page.getByTestId("pay-total")).toHaveText(money(due + tip));
    // A custom amount that isn't money is refused before anything is sent.
    await page.getByRole("radio", { name: "Another amount" }).check();
    await page.getByLabel("Tip in dollars").fill("ten");
    await expect(
      page.getByRole("alert").filter({ hasText: "Enter the tip in dollars" }),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /securely$/ })).toBeDisabled();
    await page.getByRole("radio", { name: /^18% / }).check();
    await screenshots(page, "balance-page");

    await page.getByRole("button", { name: `Pay ${money(due + tip)} securely` }).click();
    await expect(page.getByRole("heading", { name: "Test checkout" })).toBeVisible();
    await page.getByRole("button", { name: `Pay ${money(due + tip)}` }).click();
    await expect(page).toHaveURL(/checkout=success/);

    await expect(lines).toContainText(/Balance paid on/, { timeout: 30_000 });
    await expect(lines).toContainText(/Gratuity paid on .*/);
    await expect(page.getByTestId("money-line").filter({ hasText: "Gratuity paid" })).toContainText(
      money(tip),
    );
    await expect(page.getByTestId("balance-notice")).toHaveText("Paid in full. Thank you!");
    await expect(page.getByRole("link", { name: /^Pay the balance/ })).toHaveCount(0);
    await screenshots(page, "booking-paid");

    // The receipt of the balance: printable, reachable from the booking page.
    await page.getByRole("link", { name: `${b.code}-R2` }).click();
    await expect(page.getByRole("heading", { name: "Payment receipt" })).toBeVisible();
    await expect(page.getByTestId("receipt-total")).toHaveText(money(due + tip));
    await expect(page.getByTestId("receipt-lines")).toContainText("Gratuity for your chef");
    await expect(page.getByTestId("receipt-due")).toHaveText("$0.00");
    await screenshots(page, "receipt");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
    await expect(page.getByTestId("receipt-total")).toBeVisible();
    await page.screenshot({ path: `${shots}/receipt-print.png`, fullPage: true });
    await page.emulateMedia({ media: "screen" });

    // The receipt email (local mailbox: no SMTP server here).
    await expect(async () => {
      await page.goto(`${CUSTOMER}/dev/mailbox?to=${encodeURIComponent(email)}`);
      await expect(
        page.getByTestId("mail").filter({ hasText: `Receipt ${b.code}-R2 from MyHibachi` }),
      ).toContainText(money(tip), { timeout: 1000 });
    }).toPass({ timeout: 30_000 });

    // Staff see the same money on the admin booking page.
    await signInAdmin(page, ADMIN, "staff");
    await page.goto(`${ADMIN}/bookings/${b.id}`);
    const admin = page.getByTestId("money");
    await expect(admin).toContainText(/Balance paid on/);
    await expect(admin).toContainText(/Gratuity paid on/);
  });
});

test.describe("without Stripe (pay at the event)", () => {
  test("staff record cash paid at the event with a tip; the emailed receipt opens and prints", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    // A confirmed demo booking to come, nothing paid (the demo takes no payment online).
    await signInAdmin(page, SHARED_ADMIN, "staff");
    await page.goto(`${SHARED_ADMIN}/bookings?status=CONFIRMED&upcoming=1`);
    const first = page.getByRole("link", { name: /^HB-/ }).first();
    await first.click();
    await expect(page.getByRole("heading", { name: /^Booking HB-/ })).toBeVisible();
    const code = (await page.getByRole("heading", { name: /^Booking HB-/ }).textContent())!
      .replace("Booking ", "")
      .trim();
    await expect(page.getByTestId("money-headline").first()).toContainText(
      "No payment is taken online",
    );
    await page.getByLabel("How").selectOption("CASH");
    await page.getByLabel("Tip ($, optional)").fill("150");
    await screenshots(page, "admin-booking-record");
    await page.getByRole("button", { name: "Record payment" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Recorded" })).toContainText(
      "and a $150.00 tip",
    );
    // "at the event" only when recorded on the event's own day (G6); an upcoming party: "on <date>".
    await expect(page.getByTestId("money")).toContainText(
      /Balance paid in cash (at the event )?on/,
    );
    await expect(page.getByTestId("money")).toContainText(
      /Gratuity paid in cash (at the event )?on/,
    );
    // Nothing is due any more: no "paid at the event" form (main's add5ba1).
    await expect(page.getByLabel(/^Amount \(\$/)).toHaveCount(0);

    // The customer's receipt email and its printable page.
    const id = new URL(page.url()).pathname.split("/").pop()!;
    // The booking's contact email, as the admin booking page links it (mailto:).
    const email = (await page.getByTestId("contact-email").textContent())!.trim();
    await expect(async () => {
      await page.goto(`${SHARED_CUSTOMER}/dev/mailbox?to=${encodeURIComponent(email)}`);
      await expect(
        page.getByTestId("mail").filter({ hasText: `Receipt ${code}-R1 from MyHibachi` }),
      ).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page
      .getByTestId("mail")
      .filter({ hasText: `Receipt ${code}-R1 from MyHibachi` })
      .getByRole("link", { name: new RegExp(`/bookings/${id}/receipts/`) })
      .click();
    await expect(page.getByRole("heading", { name: "Payment receipt" })).toBeVisible();
    await expect(page.getByText(/^Cash, paid (at the event|in person)$/)).toBeVisible();
    await expect(page.getByTestId("receipt-lines")).toContainText("$150.00");
    await screenshots(page, "receipt-cash");
    // The receipt's link is read-only (a receipt gets forwarded): no way on to the booking.
    await expect(page.getByRole("link", { name: /Back to booking/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in to see your bookings" })).toBeVisible();
    const receiptToken = new URL(page.url()).searchParams.get("token")!;
    await page.goto(`${SHARED_CUSTOMER}/bookings/${id}?token=${receiptToken}`);
    await expect(page.getByText("This link only shows your receipts.")).toBeVisible();
    await expect(page.getByRole("button", { name: /Cancel|Reschedule|Pay/ })).toHaveCount(0);
  });
});

test.describe("the owner's money", () => {
  test("the Payments page shows what came in by day, deposits held, balances to collect and disputes", async ({
    page,
  }) => {
    await signInAdmin(page, SHARED_ADMIN, "owner");
    await page.goto(`${SHARED_ADMIN}/payments`);
    await expect(page.getByRole("heading", { name: "Payments", level: 1 })).toBeVisible();
    // The demo's history: completed events paid at the event, counted by the day they were paid.
    const received = cents(
      (await page.getByTestId("payments-totals").locator("dd").first().textContent())!,
    );
    expect(received).toBeGreaterThan(0);
    await expect(page.getByRole("img", { name: "Payments and refunds by day" })).toBeVisible();
    await expect(page.getByTestId("balances-upcoming")).toHaveText(/^\$[\d,]+\.\d\d$/);
    await expect(page.getByTestId("deposits-held")).toHaveText("$0.00"); // nothing online in the demo
    await screenshots(page, "owner-payments");
    // A reversed range is refused with a reason, not an error page.
    await page.goto(`${SHARED_ADMIN}/payments?from=2026-05-10&to=2026-05-01`);
    await expect(
      page.getByRole("alert").filter({ hasText: "the first day must not be after the last day" }),
    ).toBeVisible();
    // Staff can't open it.
    await signInAdmin(page, SHARED_ADMIN, "staff");
    await page.goto(`${SHARED_ADMIN}/payments`);
    await expect(page).toHaveURL(/\/forbidden$/);
  });
});
