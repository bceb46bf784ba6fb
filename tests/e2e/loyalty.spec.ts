// Loyalty on the site (issue 14): a customer whose fourth party staff mark completed is Silver.
// In the wizard their quote carries the 10 % line and the free-appetizer line, and the chat
// assistant tells them their own tier and how far Gold is. The parties are booked through the
// public API as the signed-in customer, moved into the past (no customer can book a past day) and
// completed by staff through the admin API, as the staff's "Mark completed" does.
import { expect, test, type Page } from "@playwright/test";
import { bookViaApi } from "./book-via-api";
import { moveOnto, signIn as staffSignIn, sql } from "./admin/helpers";
import { toDetailsStep } from "./free-time";

const CUSTOMER = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const ADMIN = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
const stamp = Date.now();
const ACCOUNT = {
  name: "Sylvia Silver",
  email: `silver-${stamp}@example.com`,
  password: "silver-e2e-pass-123",
};
let limitBefore = 3;
let device = 0;

async function signIn(page: Page) {
  const res = await page.request.post(`${CUSTOMER}/api/auth/sign-in/email`, {
    data: { email: ACCOUNT.email, password: ACCOUNT.password },
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.8.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  limitBefore =
    (await sql<{ l: number }>(`SELECT "bookingRateLimit" AS l FROM "BusinessSettings"`))[0]?.l ?? 3;
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = 1000`);
  const page = await browser.newPage();
  const up = await page.request.post(`${CUSTOMER}/api/auth/sign-up/email`, {
    data: ACCOUNT,
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.8.${process.pid % 250}.${++device}` },
  });
  expect(up.status(), await up.text()).toBe(200);
  await sql(`UPDATE "User" SET "emailVerified" = true WHERE email = $1`, [ACCOUNT.email]);
  await signIn(page);
  // Four parties, each then moved to a day already over and completed by staff.
  const staff = await browser.newPage();
  await staffSignIn(staff, "owner");
  for (let i = 0; i < 4; i++) {
    const b = await bookViaApi(page.request, {
      origin: CUSTOMER,
      within: [40, 70],
      pick: (slots) => slots[i * 3] ?? slots[0]!,
      key: `silver-${stamp}-${i}`,
      line1: "9 Silver Way",
      name: ACCOUNT.name,
      phone: "(408) 555-0190",
      email: ACCOUNT.email,
    });
    await moveOnto(b.id, new Date(Date.now() - (10 + i) * 86_400_000));
    const done = await staff.request.post(`${ADMIN}/api/trpc/bookings.setStatus`, {
      data: { json: { id: b.id, action: "complete" } },
      headers: { origin: ADMIN },
    });
    expect(done.status(), await done.text()).toBe(200);
  }
  await staff.close();
  await page.close();
});

test.afterAll(async () => {
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = $1`, [limitBefore]);
});

test("a Silver customer sees the 10 % line in the wizard's quote and the assistant states their progress", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await toDetailsStep(page);
  // Filled in from the account and its latest party (same ZIP).
  await expect(page.getByLabel("Street address")).toHaveValue("9 Silver Way");
  await page.getByRole("button", { name: "Continue" }).click();
  const quote = page.getByTestId("quote-table");
  await expect(quote).toContainText("Silver member: 10 % off food");
  // No appetizer in the default menu: the free appetizer is a line at zero saying how to use it.
  await expect(quote).toContainText(
    "Silver member: add an appetizer, one serving per guest is free",
  );

  // The assistant, asked in the chat, says this customer's own tier and progress.
  await page.getByRole("button", { name: "Chat with us" }).click();
  const widget = page.getByRole("dialog", { name: "Chat with MyHibachi" });
  await widget.getByLabel("Your message").fill("what's my loyalty tier?");
  await widget.getByRole("button", { name: "Send" }).click();
  const answer = widget.getByTestId("chat-assistant").last();
  await expect(answer).toContainText("You're Silver");
  await expect(answer).toContainText("4 completed bookings");
  await expect(answer).toContainText("6 bookings away from Gold");
});
