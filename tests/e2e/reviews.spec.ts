// The customer site's /reviews page and a tracked campaign link (issue 14 leftovers) in the
// browser. Two ratings are written straight to the database for demo parties that had none: a
// 5 with a comment (quoted, first name and city) and a 2 with a comment (never shown). The
// owner's Google review page is set and cleared in the settings row. A tracked link
// (/r?token=..., signed here the way the worker signs it: HMAC-SHA256 with the servers'
// AUTH_SECRET) is followed: the send's first click is recorded and the browser lands on /reviews;
// a tampered link is a friendly page with a way home. Written without being run in this session.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sql } from "./admin/helpers";
import { expectNoAxeViolations } from "./axe";

const stamp = Date.now();
// A word, not digits, marks this run's comments: a long number reads as a phone and is removed.
const mark = stamp.toString(36).replace(/[0-9]/g, (d) => "qwertyuiop"[Number(d)]!);
const HAPPY = `The chef made my dad laugh all night ${mark}`;
const PRIVATE = `The rice was cold ${mark}`;
const GOOGLE = `https://g.page/r/myhibachi-e2e-${stamp}/review`;
const SECRET = process.env.AUTH_SECRET ?? "e2e-only-insecure-auth-secret-0123456789abcdef";
const ids = { enrolment: `rev_${stamp}_enrol`, send: `rev_${stamp}_send` };
let rated: { id: string; contactName: string; city: string; contactEmail: string }[] = [];

/** A tracked link's token, as core/campaigns/tokens.ts signs it (purpose "click"). */
function clickToken(sendId: string, target: string, expiresAt = Date.now() + 86_400_000) {
  const payload = Buffer.from(
    JSON.stringify(["click", `${sendId}|${target}`, expiresAt]),
    "utf8",
  ).toString("base64url");
  return `${payload}.${createHmac("sha256", SECRET).update(payload, "utf8").digest("base64url")}`;
}

test.beforeAll(async () => {
  rated = await sql<{ id: string; contactName: string; city: string; contactEmail: string }>(
    `SELECT b.id, b."contactName", b.city, b."contactEmail" FROM "Booking" b
     WHERE b.status = 'COMPLETED' AND b.city IS NOT NULL AND b."contactName" LIKE '% %'
       AND NOT EXISTS (SELECT 1 FROM "EventFeedback" f WHERE f."bookingId" = b.id)
     ORDER BY b."endsAt" DESC LIMIT 2`,
  );
  expect(rated).toHaveLength(2);
  await sql(
    `INSERT INTO "EventFeedback" (id, "bookingId", rating, comment, "publicOk", "createdAt")
     VALUES ($1, $2, 5, $3, true, now()), ($4, $5, 2, $6, true, now())`,
    [`rev_${stamp}_5`, rated[0]!.id, HAPPY, `rev_${stamp}_2`, rated[1]!.id, PRIVATE],
  );
  // A sent campaign email (the review request) whose link the test follows. Its own subject key:
  // the running worker may already have enrolled this booking in the real post-event sequence.
  await sql(
    `INSERT INTO "CampaignEnrolment" (id, "sequenceId", "subjectKey", "bookingId", email,
       "firstName", "timeZone", "anchorAt", state, "createdAt")
     VALUES ($1, 'seq_post_event', 'e2e-reviews:' || $2::text, $2, $3, 'E2e',
       'America/Los_Angeles', now() - interval '8 days', 'COMPLETED', now() - interval '8 days')`,
    [ids.enrolment, rated[0]!.id, `reviews-${stamp}@example.com`],
  );
  await sql(
    `INSERT INTO "CampaignSend" (id, "enrolmentId", "stepId", channel, recipient, status,
       "claimedAt", "sentAt")
     VALUES ($1, $2, 'step_post_2', 'EMAIL', $3, 'SENT', now() - interval '1 day',
       now() - interval '1 day')`,
    [ids.send, ids.enrolment, `reviews-${stamp}@example.com`],
  );
});

test.afterAll(async () => {
  await sql(`DELETE FROM "EventFeedback" WHERE id = ANY($1)`, [
    [`rev_${stamp}_5`, `rev_${stamp}_2`],
  ]);
  await sql(`DELETE FROM "CampaignEnrolment" WHERE id = $1`, [ids.enrolment]);
  await sql(`UPDATE "BusinessSettings" SET "googleReviewUrl" = NULL WHERE "googleReviewUrl" = $1`, [
    GOOGLE,
  ]);
});

test("the reviews page quotes happy customers by first name and city only", async ({ page }) => {
  await page.goto("/reviews");
  await expect(
    page.getByRole("heading", { level: 1, name: "What our customers say" }),
  ).toBeVisible();
  await expect(page.getByTestId("reviews-summary")).toContainText(/\d\.\d out of 5/);
  const list = page.getByRole("list", { name: "Reviews" });
  const first = list.getByRole("listitem").first();
  await expect(first).toContainText(HAPPY);
  const firstName = rated[0]!.contactName.split(" ")[0]!;
  await expect(first).toContainText(`${firstName}, ${rated[0]!.city}`);
  await expect(first.getByRole("img", { name: "5 out of 5 stars" })).toBeVisible();
  // Never the low rating's words, a full name or an email.
  const text = await page.locator("main").innerText();
  expect(text).not.toContain(PRIVATE);
  expect(text).not.toContain(rated[0]!.contactName);
  expect(text).not.toContain(rated[0]!.contactEmail);
  expect(text).not.toMatch(/\S+@\S+\.\S+/);
  await expectNoAxeViolations(page, "/reviews (desktop)");

  // The owner's Google page, once set, is offered.
  await sql(`UPDATE "BusinessSettings" SET "googleReviewUrl" = $1`, [GOOGLE]);
  await page.goto("/reviews");
  await expect(page.getByRole("link", { name: "Review us on Google" })).toHaveAttribute(
    "href",
    GOOGLE,
  );

  // A phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/reviews");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "/reviews scrolls sideways at 390 px").toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, "/reviews (390 px)");
});

test("a tracked link records the click once and lands on the page; a tampered one says so", async ({
  page,
}) => {
  const token = clickToken(ids.send, "/reviews");
  await page.goto(`/r?token=${token}`);
  await expect(page).toHaveURL(/\/reviews$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "What our customers say" }),
  ).toBeVisible();
  const [first] = await sql<{ clickedAt: Date | null }>(
    `SELECT "clickedAt" FROM "CampaignSend" WHERE id = $1`,
    [ids.send],
  );
  expect(first!.clickedAt).not.toBeNull();
  await page.goto(`/r?token=${token}`);
  const [again] = await sql<{ clickedAt: Date | null }>(
    `SELECT "clickedAt" FROM "CampaignSend" WHERE id = $1`,
    [ids.send],
  );
  expect(again!.clickedAt).toEqual(first!.clickedAt);

  // Tampered (the signature of another target) and foreign targets: a page that says so, 400.
  const [payload] = clickToken(ids.send, "/reviews").split(".");
  const [, otherSig] = clickToken(ids.send, "/menu").split(".");
  for (const bad of [
    `${payload}.${otherSig}`,
    clickToken(ids.send, "https://evil.example/phish"),
    "junk",
  ]) {
    const res = await page.goto(`/r?token=${bad}`);
    expect(res?.status()).toBe(400);
    await expect(
      page.getByRole("heading", { level: 1, name: "This link didn't work" }),
    ).toBeVisible();
    await expect(page).not.toHaveURL(/evil\.example/);
  }
  await expectNoAxeViolations(page, "/r with a broken link");
  await page.getByRole("link", { name: "MyHibachi home" }).click();
  await expect(page).toHaveURL(/\/$/);
});
