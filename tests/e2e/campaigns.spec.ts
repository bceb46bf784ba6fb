// The owner's campaign pages (issue 14, point 8) in the browser: the owner edits a step of the
// abandoned-booking sequence (a refusal first, in words, changing nothing), sees the change in
// the list, its preview and the audit log, and sees the funnel count a send that was delivered and
// followed by a booking. The send, its outbox email and the booking are written straight to the
// database with a unique email and total; the funnel figures are read before and after, so
// whatever else the running worker sent in the meantime for other people does not matter for the
// booked and revenue figures (a booking by this email is only ever ours).
import { expect, test, type Page } from "@playwright/test";
import { signIn as staffSignIn, sql } from "./admin/helpers";
import { expectNoAxeViolations } from "./axe";

const ADMIN = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
const stamp = Date.now();
const EMAIL = `campaign-${stamp}@example.com`;
const STEP_2 = "step_abandoned_2";
const ids = {
  customer: `cmp_${stamp}_customer`,
  abandoned: `cmp_${stamp}_held`,
  made: `cmp_${stamp}_made`,
  enrolment: `cmp_${stamp}_enrol`,
  send: `cmp_${stamp}_send`,
  mail: `cmp_${stamp}_mail`,
};
let stepBefore: { delayMinutes: number; subject: string } | undefined;

test.beforeAll(async () => {
  [stepBefore] = await sql<{ delayMinutes: number; subject: string }>(
    `SELECT "delayMinutes", subject FROM "CampaignStep" WHERE id = $1`,
    [STEP_2],
  );
});

test.afterAll(async () => {
  // This spec's rows go (the enrolment takes its send with it).
  await sql(`DELETE FROM "CampaignEnrolment" WHERE id = $1`, [ids.enrolment]);
  await sql(`DELETE FROM "EmailMessage" WHERE id = $1`, [ids.mail]);
  await sql(`DELETE FROM "Booking" WHERE id = ANY($1)`, [[ids.abandoned, ids.made]]);
  await sql(`DELETE FROM "Customer" WHERE id = $1`, [ids.customer]);
  // The demo's words and timing back for the other specs (and the worker).
  if (stepBefore)
    await sql(`UPDATE "CampaignStep" SET "delayMinutes" = $2, subject = $3 WHERE id = $1`, [
      STEP_2,
      stepBefore.delayMinutes,
      stepBefore.subject,
    ]);
});

/** Step 1 of the abandoned-booking sequence on /campaigns: its funnel figures as shown. */
async function stepOneFigures(page: Page) {
  await page.goto(`${ADMIN}/campaigns`);
  const step = page
    .getByRole("list", { name: "Abandoned booking steps" })
    .getByTestId("campaign-step")
    .first();
  const figure = async (name: string) =>
    (await step.getByTestId(`funnel-${name}`).innerText()).trim();
  return {
    sent: Number((await figure("sent")).split(" ")[0]),
    delivered: Number((await figure("delivered")).split(" ")[0]),
    booked: Number((await figure("booked")).split(" ")[0]),
    revenueCents: Math.round(Number((await figure("revenue")).replace(/[$,]/g, "")) * 100),
    clicked: await figure("clicked"),
  };
}

/** A delivered step-1 email to EMAIL two days ago and a confirmed booking by EMAIL a day later. */
async function writeScenario() {
  const [demo] = await sql<{ id: string }>(
    `SELECT id FROM "Booking" WHERE status = 'CONFIRMED' ORDER BY "createdAt" LIMIT 1`,
  );
  const key = `campaign:${ids.enrolment}:step_abandoned_1`;
  await sql(
    `INSERT INTO "Customer" (id, name, email, "createdAt", "updatedAt")
     VALUES ($1, 'Campaign Tester', $2, now() - interval '3 days', now())`,
    [ids.customer, EMAIL],
  );
  // The abandoned booking (its hold expired) and the booking made a day after the email, copied
  // from a demo booking (package, address, selection) and moved 400 days back, so they hold no
  // chef and fall in no calendar the other specs look at.
  for (const [id, status, createdAgo, total] of [
    [ids.abandoned, "EXPIRED", "3 days", 40_000],
    [ids.made, "CONFIRMED", "1 day", 123_456],
  ] as const)
    await sql(
      `INSERT INTO "Booking" (id, code, "customerId", status, "startsAt", "endsAt", "chefBlockStart",
         "chefBlockEnd", "timeZone", adults, children, "packageId", "addressLine1", city, state,
         "postalCode", "travelZoneName", "distanceMiles", "contactName", "contactEmail",
         "contactPhone", selection, "subtotalCents", "travelFeeCents", "taxCents", "totalCents",
         "depositCents", "balanceCents", "settingsVersion", "idempotencyKey", "createdAt",
         "updatedAt", "confirmedAt")
       SELECT $1::text, upper(substr(md5($1::text), 1, 8)), $7::text, $2::"BookingStatus",
         "startsAt" - interval '400 days', "endsAt" - interval '400 days',
         "chefBlockStart" - interval '400 days', "chefBlockEnd" - interval '400 days',
         "timeZone", adults, children, "packageId", "addressLine1", city, state, "postalCode",
         "travelZoneName", "distanceMiles", 'Campaign Tester', $3::text, "contactPhone", selection,
         $4::int, 0, 0, $4::int, 0, $4::int, "settingsVersion", $1::text,
         now() - $5::interval, now() - $5::interval,
         CASE WHEN $2::text = 'CONFIRMED' THEN now() - $5::interval END
       FROM "Booking" WHERE id = $6`,
      [id, status, EMAIL, total, createdAgo, demo!.id, ids.customer],
    );
  await sql(
    `INSERT INTO "CampaignEnrolment" (id, "sequenceId", "subjectKey", "bookingId", email,
       "firstName", "timeZone", "anchorAt", state, "exitReason", "exitedAt", "createdAt")
     VALUES ($1, 'seq_abandoned', 'booking:' || $2::text, $2, $3, 'Campaign',
       'America/Los_Angeles', now() - interval '3 days', 'EXITED', 'booked',
       now() - interval '1 day', now() - interval '3 days')`,
    [ids.enrolment, ids.abandoned, EMAIL],
  );
  await sql(
    `INSERT INTO "EmailMessage" (id, "idempotencyKey", "to", subject, text, status, attempts,
       "sentAt", "createdAt")
     VALUES ($1, $2, $3, 'Still thinking about it?', 'Hi', 'SENT', 1, now() - interval '2 days',
       now() - interval '2 days')`,
    [ids.mail, key, EMAIL],
  );
  await sql(
    `INSERT INTO "CampaignSend" (id, "enrolmentId", "stepId", channel, recipient, status,
       "emailKey", "claimedAt", "sentAt", "clickedAt")
     VALUES ($1, $2, 'step_abandoned_1', 'EMAIL', $3, 'SENT', $4, now() - interval '2 days',
       now() - interval '2 days', now() - interval '36 hours')`,
    [ids.send, ids.enrolment, EMAIL, key],
  );
}

test("owner edits a sequence step and sees the funnel", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await staffSignIn(page, "owner");

  // The list: each sequence with its steps in order.
  await page.goto(`${ADMIN}/campaigns`);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  const steps = page.getByRole("list", { name: "Abandoned booking steps" });
  await expect(steps.getByTestId("campaign-step").nth(0)).toContainText("+2 hours · Email ·");
  await expect(steps.getByTestId("campaign-step").nth(1)).toContainText("+1 day · Email ·");

  // A refusal in words, and nothing changes.
  await page.getByRole("link", { name: "Edit Abandoned booking" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Abandoned booking/ })).toBeVisible();
  const form = page.getByRole("form", { name: "Step 2 of Abandoned booking" });
  await form.getByLabel("Delay after the start").fill("0");
  await form.getByRole("button", { name: "Save step 2" }).click();
  await expect(form.getByRole("alert")).toContainText("The delay must be more than 0.");
  await form.getByLabel("Delay after the start").fill("36");
  await form.getByLabel("Delay in").selectOption("hours");
  await form.getByLabel("Subject").fill("{{name}}, your date is going fast");
  await form.getByRole("button", { name: "Save step 2" }).click();
  await expect(form.getByRole("alert")).toContainText("uses {{name}}, which we can't fill in");
  const [same] = await sql<{ delayMinutes: number; subject: string }>(
    `SELECT "delayMinutes", subject FROM "CampaignStep" WHERE id = $1`,
    [STEP_2],
  );
  expect(same).toEqual(stepBefore);

  // The change: 36 hours and new words; the preview is rendered with sample data.
  await form.getByLabel("Subject").fill("Your date on {{eventDate}} is going fast");
  await form.getByRole("button", { name: "Save step 2" }).click();
  await expect(form.getByRole("status")).toContainText("Step 2 saved.");
  await expect(form.getByTestId("preview-subject")).toContainText(
    "Your date on Saturday, December 12, 2026 is going fast",
  );
  const [after] = await sql<{ delayMinutes: number; subject: string }>(
    `SELECT "delayMinutes", subject FROM "CampaignStep" WHERE id = $1`,
    [STEP_2],
  );
  expect(after).toEqual({
    delayMinutes: 36 * 60,
    subject: "Your date on {{eventDate}} is going fast",
  });
  await expectNoAxeViolations(page, "/campaigns/abandoned-booking after saving (1280 px)");

  // The list says it, and the audit log in words.
  await page.goto(`${ADMIN}/campaigns`);
  await expect(steps.getByTestId("campaign-step").nth(1)).toContainText(
    "+36 hours · Email · Your date on Saturday, December 12, 2026 is going fast",
  );
  await page.goto(`${ADMIN}/audit?entity=campaignSequence`);
  const entry = page
    .getByTestId("audit-entry")
    .filter({ hasText: "changed step 2 of the campaign “Abandoned booking”." })
    .first();
  await expect(entry).toContainText("Delay from 1 day to 36 hours");

  // The funnel: one more delivered (and clicked) step-1 email followed by a $1,234.56 booking.
  const before = await stepOneFigures(page);
  expect(before.clicked).toMatch(/^\d+$/);
  await writeScenario();
  const now = await stepOneFigures(page);
  expect(now.sent).toBeGreaterThanOrEqual(before.sent + 1);
  expect(now.delivered).toBeGreaterThanOrEqual(before.delivered + 1);
  expect(now.booked).toBe(before.booked + 1);
  expect(Number(now.clicked)).toBe(Number(before.clicked) + 1);
  expect(now.revenueCents).toBe(before.revenueCents + 123_456);

  // The same page on a phone: nothing wider than the screen, and axe finds nothing.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const href of ["/campaigns", "/campaigns/abandoned-booking", "/campaigns/suppressions"]) {
    await page.goto(`${ADMIN}${href}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${href} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, `${href} (390 px)`);
  }
});

test("staff can't open the campaign pages", async ({ page }) => {
  await staffSignIn(page, "staff");
  await page.goto(`${ADMIN}/campaigns`);
  await expect(page).toHaveURL(/\/forbidden/);
  const res = await page.request.get(`${ADMIN}/api/trpc/owner.campaigns.sequences`);
  expect(res.status()).toBe(403);
});
