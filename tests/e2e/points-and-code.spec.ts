// Points and an offer code on the wizard's review step (issue 14 leftovers): a signed-in customer
// with 2,500 points ticks "Use up to 2,500 points ($25.00 off)" and sees the POINTS line in the quote;
// "Have a code?" is collapsed until opened; an unknown code is refused beside the field in the
// server's words (the quote stays, without it); a valid code adds its line; the booking made
// carries both lines, writes the REDEEM row and takes the code. The points and the code are
// written straight to the database (as the nightly recompute and a campaign email would).
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./admin/helpers";
import { toDetailsStep } from "./free-time";

const CUSTOMER = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const stamp = Date.now();
const ACCOUNT = {
  name: "Polly Points",
  email: `points-${stamp}@example.com`,
  password: "points-e2e-pass-123",
};
const CODE = `SAVE-E2E${stamp.toString(36).toUpperCase().slice(-5)}`;
let device = 0;
let limitBefore = 3;

async function signIn(page: Page) {
  const res = await page.request.post(`${CUSTOMER}/api/auth/sign-in/email`, {
    data: { email: ACCOUNT.email, password: ACCOUNT.password },
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.9.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

test.beforeAll(async ({ browser }) => {
  limitBefore =
    (await sql<{ l: number }>(`SELECT "bookingRateLimit" AS l FROM "BusinessSettings"`))[0]?.l ?? 3;
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = 1000`);
  const page = await browser.newPage();
  const up = await page.request.post(`${CUSTOMER}/api/auth/sign-up/email`, {
    data: ACCOUNT,
    headers: { origin: CUSTOMER, "x-forwarded-for": `10.9.${process.pid % 250}.${++device}` },
  });
  expect(up.status(), await up.text()).toBe(200);
  await page.close();
  await sql(`UPDATE "User" SET "emailVerified" = true WHERE email = $1`, [ACCOUNT.email]);
  // The customer record of the account, with 2,500 points earned by an earlier party.
  await sql(
    `INSERT INTO "Customer" ("id", "email", "name", "userId", "createdAt", "updatedAt")
     SELECT 'cpts' || md5(random()::text), $1, $2, u.id, now(), now() FROM "User" u WHERE u.email = $1`,
    [ACCOUNT.email, ACCOUNT.name],
  );
  await sql(
    `INSERT INTO "LoyaltyLedger" ("id", "customerId", "kind", "sourceId", "points", "note", "createdAt")
     SELECT 'lpts' || md5(random()::text), c.id, 'EARN', 'e2e-earn-' || c.id, 2500, 'e2e', now()
       FROM "Customer" c WHERE c.email = $1`,
    [ACCOUNT.email],
  );
  await sql(
    `INSERT INTO "OfferCode" ("id", "code", "percentOff", "expiresAt", "createdAt")
     VALUES ('opts' || md5(random()::text), $1, 10, now() + interval '7 days', now())`,
    [CODE],
  );
});

test.afterAll(async () => {
  await sql(`UPDATE "BusinessSettings" SET "bookingRateLimit" = $1`, [limitBefore]);
});

test("a signed-in customer uses their points and an offer code on the review step", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await toDetailsStep(page);
  await page.getByLabel("Street address").fill("12 Points Lane");
  await page.getByLabel("Mobile phone").fill("(408) 555-0166");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Review your booking" })).toBeVisible();
  const quote = page.getByTestId("quote-table");
  await expect(quote).toBeVisible();

  // Points: the choice names how many and how much.
  await expect(page.getByTestId("points-choice")).toContainText("You have 2,500 points");
  await expect(page.getByTestId("points-choice")).toContainText(
    "Use up to 2,500 points ($25.00 off)",
  );
  await page.getByTestId("use-points").check();
  // Ticked, it starts at the most usable; the number field could pick fewer (steps of 100).
  await expect(page.getByLabel("Points to use")).toHaveValue("2500");
  await expect(quote).toContainText("2,500 points used: $25.00 off");

  // The code: collapsed until opened; an unknown one is refused beside the field.
  const codeField = page.getByLabel("Offer or referral code");
  await expect(codeField).toBeHidden();
  await page.getByText("Have a code?").click();
  await codeField.fill("SAVE-NOPE0000");
  await page.getByTestId("offer-code-apply").click();
  await expect(page.getByTestId("offer-code-error")).toContainText(
    'We don\'t know the code "SAVE-NOPE0000".',
  );
  await expect(page.getByTestId("offer-code-error")).toContainText("You can book without it.");
  await expect(quote).toContainText("2,500 points used: $25.00 off");

  await codeField.fill(CODE.toLowerCase());
  await page.getByTestId("offer-code-apply").click();
  await expect(page.getByTestId("offer-code-applied")).toContainText(`Code ${CODE} applied.`);
  await expect(quote).toContainText(`Code ${CODE}: 10 % off food`);
  await expect(page.getByTestId("offer-code-error")).toBeHidden();

  await page.getByRole("button", { name: /Confirm booking/ }).click();
  await expect(page).toHaveURL(/\/bookings\//, { timeout: 30_000 });
  const [b] = await sql<{ id: string; totalCents: number }>(
    `SELECT b.id, b."totalCents" FROM "Booking" b JOIN "Customer" c ON c.id = b."customerId"
      WHERE c.email = $1 ORDER BY b."createdAt" DESC LIMIT 1`,
    [ACCOUNT.email],
  );
  const lines = await sql<{ code: string; label: string }>(
    `SELECT code, label FROM "BookingLine" WHERE "bookingId" = $1`,
    [b!.id],
  );
  expect(lines.map((l) => l.label)).toEqual(
    expect.arrayContaining([`Code ${CODE}: 10 % off food`, "2,500 points used: $25.00 off"]),
  );
  const ledger = await sql<{ kind: string; points: number }>(
    `SELECT kind, points FROM "LoyaltyLedger" WHERE "bookingId" = $1`,
    [b!.id],
  );
  expect(ledger).toEqual([{ kind: "REDEEM", points: -2500 }]);
  const [code] = await sql<{ redeemedBookingId: string | null }>(
    `SELECT "redeemedBookingId" FROM "OfferCode" WHERE code = $1`,
    [CODE],
  );
  expect(code!.redeemedBookingId).toBe(b!.id);
});
