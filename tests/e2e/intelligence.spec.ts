// Customer intelligence (issue 15) in the browser, on the demo data the seed scored with the
// nightly job: the owner opens the churn list, opens a customer, sees the score and its reasons
// (the same as the database row says) and the churn-risk enrolment in that customer's campaign
// history; approves a personal note in their own words; reads the value and forecast pages at a
// phone's width. What the pages show is compared with the stored rows read over SQL.
import { expect, test } from "@playwright/test";
import { signIn, sql } from "./admin/helpers";
import { expectNoAxeViolations } from "./axe";

const ADMIN = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
const stamp = Date.now();
const enrolmentId = `ci_${stamp}_note`;

test.afterAll(async () => {
  await sql(`DELETE FROM "CampaignEnrolment" WHERE id = $1`, [enrolmentId]);
});

/**
 * The newest finished run's scores at or above 40 of repeat customers (events on two or more
 * days: the page's default list), highest first, as the page should list them.
 */
async function atRisk() {
  return sql<{ customerId: string; churnScore: number; reasons: string[]; name: string }>(
    `SELECT s."customerId", s."churnScore", s.reasons, c.name
       FROM "CustomerScore" s JOIN "Customer" c ON c.id = s."customerId"
      WHERE s."runId" = (SELECT id FROM "AnalyticsRun" WHERE status = 'DONE' ORDER BY "startedAt" DESC LIMIT 1)
        AND s."churnScore" >= 40 AND s."eventDays" >= 2
      ORDER BY s."churnScore" DESC, s."clvCents" DESC, s."customerId" ASC`,
  );
}

test("owner opens the churn list, a customer's score, reasons and churn-risk enrolment", async ({
  page,
}) => {
  await signIn(page, "owner");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${ADMIN}/`);
  await page.getByRole("link", { name: "Churn risk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Churn risk" })).toBeVisible();
  const rows = await atRisk();
  expect(rows.length).toBeGreaterThan(0);
  const list = page.getByRole("list", { name: "Customers by churn risk" });
  // The list is the stored scores, highest first.
  const shown = await list.getByRole("link").evaluateAll((as) =>
    as
      // The customers' names (not the "Note waiting for your approval" links to their notes).
      .filter((a) => /^\/customers\/[^#/]+$/.test(a.getAttribute("href") ?? ""))
      .map((a) => a.textContent),
  );
  expect(shown.slice(0, 5)).toEqual(rows.slice(0, 5).map((r) => r.name));
  await expectNoAxeViolations(page, "/churn (1280 px)");

  // A customer with a churn-risk enrolment (the seed's run enrolled the at-risk ones).
  const [enrolled] = await sql<{ customerId: string }>(
    `SELECT e."customerId" FROM "CampaignEnrolment" e JOIN "CampaignSequence" q ON q.id = e."sequenceId"
      WHERE q.trigger = 'CHURN_RISK' AND e."customerId" IS NOT NULL ORDER BY e."createdAt" LIMIT 1`,
  );
  const row = rows.find((r) => r.customerId === enrolled!.customerId)!;
  // By its address: the demo has customers who share a name.
  await list.locator(`a[href="/customers/${row.customerId}"]`).click();
  await expect(page.getByRole("heading", { level: 1, name: row.name })).toBeVisible();
  await expect(page.getByTestId("churn-score")).toContainText(`${row.churnScore} of 100`);
  const reasons = page.getByRole("list", { name: "Reasons for the risk" });
  for (const r of row.reasons) await expect(reasons).toContainText(r);
  const history = page.getByRole("list", { name: "Campaign history" });
  await expect(history).toContainText(/Churn risk: (medium|high)/);
  await expect(history).toContainText(`Churn risk ${row.churnScore}:`);
  await expectNoAxeViolations(page, "customer page with scores (1280 px)");
  if (process.env.SHOTS)
    await page.screenshot({ path: "/tmp/shots/customer-1280.png", fullPage: true });
});

test("owner approves a personal note in their own words", async ({ page }) => {
  // A high-risk customer waiting for the owner's note, as the nightly run enrols one.
  const [c] = await sql<{ id: string; email: string; name: string }>(
    `SELECT c.id, c.email, c.name FROM "Customer" c
      WHERE EXISTS (SELECT 1 FROM "CustomerScore" s WHERE s."customerId" = c.id)
        AND NOT EXISTS (SELECT 1 FROM "CampaignEnrolment" e WHERE e."customerId" = c.id)
      ORDER BY c.id LIMIT 1`,
  );
  await sql(
    `INSERT INTO "CampaignEnrolment" (id, "sequenceId", "subjectKey", "customerId", email, "firstName",
       "timeZone", "anchorAt", state, "nextPosition", "nextDueAt", reason)
     VALUES ($1, 'seq_churn_high', $2, $3, $4, 'Pat', 'America/Los_Angeles', now(), 'ACTIVE', 1, NULL,
       'Churn risk 81: last event 14 months ago')`,
    [enrolmentId, `churn:${c!.id}:e2e-${stamp}`, c!.id, c!.email],
  );
  await signIn(page, "owner");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${ADMIN}/customers/${c!.id}`);
  const form = page.getByRole("form", { name: "Personal note waiting for your approval" });
  await expect(form).toBeVisible();
  await expectNoAxeViolations(page, "customer page with a note to approve (390 px)");
  if (process.env.SHOTS)
    await page.screenshot({ path: "/tmp/shots/customer-note-390.png", fullPage: true });
  // A placeholder we can't fill is refused in words; nothing is approved.
  await form.getByLabel("Message").fill("Hi {{firstName}}, {{bogus}} we miss you at the grill!");
  await form.getByRole("button", { name: "Approve and send" }).click();
  await expect(form.getByRole("alert")).toContainText("{{bogus}}");
  const text = `Hi {{firstName}}, Sam here. ${stamp}: {{offerPercent}} % off with {{offerCode}}.`;
  await form.getByLabel("Message").fill(text);
  await form.getByRole("button", { name: "Approve and send" }).click();
  await expect(form).toBeHidden();
  const [e] = await sql<{ approvedAt: Date | null; draftText: string; nextDueAt: Date | null }>(
    `SELECT "approvedAt", "draftText", "nextDueAt" FROM "CampaignEnrolment" WHERE id = $1`,
    [enrolmentId],
  );
  expect(e!.approvedAt).not.toBeNull();
  expect(e!.draftText).toBe(text);
  expect(e!.nextDueAt).not.toBeNull();
});

test("the value and forecast pages at a phone's width", async ({ page }) => {
  // Three pages, each loaded twice and checked with axe: more than the default 30 s on 2 cores.
  test.slow();
  await signIn(page, "owner");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${ADMIN}/value`);
  await expect(page.getByRole("heading", { level: 1, name: "Customer value" })).toBeVisible();
  await expect(page.getByTestId("segment-high")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Top customers", exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "/value (390 px)");
  if (process.env.SHOTS)
    await page.screenshot({ path: "/tmp/shots/value-390.png", fullPage: true });
  await page.goto(`${ADMIN}/forecast`);
  await expect(page.getByRole("heading", { name: "Staffing" })).toBeVisible();
  // 30 days in the staffing table by default; 90 with the link.
  await expect(page.locator('[data-testid^="staffing-"]')).toHaveCount(30);
  await page.getByRole("link", { name: "Next 90 days" }).click();
  await expect(page.locator('[data-testid^="staffing-"]')).toHaveCount(90);
  await expectNoAxeViolations(page, "/forecast?days=90 (390 px)");
  if (process.env.SHOTS) {
    await page.screenshot({ path: "/tmp/shots/forecast-390.png" });
    await page.getByRole("heading", { name: "Staffing" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: "/tmp/shots/forecast-390-staffing.png" });
  }
  if (process.env.SHOTS) {
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const p of ["value", "forecast", "churn"]) {
      await page.goto(`${ADMIN}/${p}`);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `/tmp/shots/${p}-1280.png`, fullPage: p !== "forecast" });
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${ADMIN}/churn`);
    await page.screenshot({ path: "/tmp/shots/churn-390.png", fullPage: true });
  }
  // No page scrolls sideways at a phone's width.
  for (const path of ["/value", "/forecast", "/churn"]) {
    await page.goto(`${ADMIN}${path}`);
    const wide = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>("body *")];
      return all
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((e) => !e.closest('[role="region"]'))
        .map((e) => `${e.tagName}.${e.className}`.slice(0, 80));
    });
    expect(wide, path).toEqual([]);
  }
});

test("staff can't open the intelligence pages", async ({ page }) => {
  await signIn(page, "staff");
  for (const path of ["/churn", "/value", "/forecast"]) {
    await page.goto(`${ADMIN}${path}`);
    await expect(page).toHaveURL(/\/forbidden/);
  }
});
