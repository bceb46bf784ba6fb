// A signed-in customer's details in the booking wizard (attack finding: a signed-in customer
// typed their name, email and phone again). Signed in, the contact step comes filled in from the
// account (name, email) and its latest booking (phone, and the party address when the ZIP is
// that party's), says "Booking as <email> · Not you? Sign out", never overwrites what the
// customer typed (a reload keeps it), and "Sign out" takes the account's details out. A visitor
// in another browser gets empty fields and no word of any account.
import { bookViaApi } from "./book-via-api";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./admin/helpers";
import { toDetailsStep } from "./free-time";

const CUSTOMER = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const stamp = Date.now();
const ACCOUNT = {
  name: "Priya Prefill",
  email: `prefill-${stamp}@example.com`,
  password: "prefill-e2e-pass-123",
};
const PHONE = "(408) 555-0166";
const LINE1 = "88 Prefill Ct";

let limitBefore = 3;
let device = 0;

/** Signs the page's browser in with the test account (password), on the customer site. */
async function signIn(page: Page) {
  const res = await page.request.post(`${CUSTOMER}/api/auth/sign-in/email`, {
    data: { email: ACCOUNT.email, password: ACCOUNT.password },
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.9.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const toDetails = toDetailsStep;

test.beforeAll(async ({ browser }) => {
  limitBefore =
    (await sql<{ l: number }>(`SELECT "bookingRateLimit" AS l FROM "BusinessSettings"`))[0]?.l ?? 3;
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = 1000`);
  // An account of its own (the demo customer's bookings are other specs' business), its email
  // confirmed, with one earlier party booked while signed in.
  const page = await browser.newPage();
  const up = await page.request.post(`${CUSTOMER}/api/auth/sign-up/email`, {
    data: ACCOUNT,
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.9.${process.pid % 250}.${++device}` },
  });
  expect(up.status(), await up.text()).toBe(200);
  await sql(`UPDATE "User" SET "emailVerified" = true WHERE email = $1`, [ACCOUNT.email]);
  await signIn(page);
  await bookViaApi(page.request, {
    origin: CUSTOMER,
    within: [30, 60],
    key: `prefill-${stamp}`,
    line1: LINE1,
    line2: "Gate 12",
    name: ACCOUNT.name,
    phone: PHONE,
    email: ACCOUNT.email,
  });
  await page.close();
});

test.afterAll(async () => {
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = $1`, [limitBefore]);
});

test("signed in: the contact step comes filled in, typed values survive a reload, 'Not you? Sign out' empties it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await toDetails(page);

  await expect(page.getByTestId("signed-in-as")).toContainText(`Booking as ${ACCOUNT.email}`);
  await expect(page.getByLabel("Your name")).toHaveValue(ACCOUNT.name);
  await expect(page.getByLabel("Email")).toHaveValue(ACCOUNT.email);
  await expect(page.getByLabel("Email")).toBeEditable();
  await expect(page.getByLabel("Mobile phone")).toHaveValue(PHONE);
  // The last party was in this ZIP: its address is the suggestion.
  await expect(page.getByLabel("Street address")).toHaveValue(LINE1);
  await expect(page.getByLabel("Apartment, gate code (optional)")).toHaveValue("Gate 12");
  await expect(page.getByLabel("City")).toHaveValue("San Jose");
  await expect(
    page.getByText("Your account's email: this booking will show in My bookings."),
  ).toBeVisible();

  // What the customer types is theirs: a reload restores it, the account doesn't overwrite it.
  await page.getByLabel("Your name").fill("Priya P. (for Mum)");
  await page.getByLabel("Email").fill(`mum-${stamp}@example.com`);
  await expect(page.getByText(/Not your account's email/)).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/#step=details$/);
  await expect(page.getByLabel("Your name")).toHaveValue("Priya P. (for Mum)");
  await expect(page.getByLabel("Email")).toHaveValue(`mum-${stamp}@example.com`);
  await expect(page.getByLabel("Mobile phone")).toHaveValue(PHONE);

  // Not you? Sign out: the account's details leave the draft (what was typed stays), the session ends.
  await page.getByTestId("signed-in-as").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await expect(page.getByLabel("Mobile phone")).toHaveValue("");
  await expect(page.getByLabel("Street address")).toHaveValue("");
  await expect(page.getByLabel("Your name")).toHaveValue("Priya P. (for Mum)");
  const session = await page.request.get(`${CUSTOMER}/api/auth/get-session`);
  expect(await session.text()).toMatch(/^(null)?$/);
});

test("a visitor who isn't signed in gets empty fields and no word of any account", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: CUSTOMER });
  const page = await context.newPage();
  await toDetails(page);
  for (const label of ["Your name", "Email", "Mobile phone", "Street address"])
    await expect(page.getByLabel(label)).toHaveValue("");
  // The city and state are the ZIP's (95125), from the service area, not from any account.
  await expect(page.getByLabel("City")).toHaveValue("San Jose");
  await expect(page.getByLabel("State")).toHaveValue("CA");
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
  await expect(page.getByText(ACCOUNT.email)).toHaveCount(0);
  // A URL naming the customer changes nothing: the details come from the session only.
  await page.goto(`/book?email=${encodeURIComponent(ACCOUNT.email)}#step=details`);
  await expect(page.getByLabel("Mobile phone")).toHaveValue("");
  await expect(page.getByText(PHONE)).toHaveCount(0);
  await context.close();
});
