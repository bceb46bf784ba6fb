import { expect, type Page } from "@playwright/test";

/**
 * A booking made online waits for the customer's confirmation, and only the emailed link can
 * confirm it (it proves the address is the booker's): the page the booking landed on has no
 * Confirm button, so open the email in the local mailbox (the inbox when no SMTP server is set),
 * follow its link and confirm there.
 */
export async function confirmFromEmail(page: Page, email: string, code: string): Promise<void> {
  await expect(page.getByRole("button", { name: "Confirm my booking" })).toHaveCount(0);
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await page
    .getByTestId("mail")
    .filter({ hasText: `Please confirm your booking ${code}` })
    .getByRole("link")
    .first()
    .click();
  await page.getByRole("button", { name: "Confirm my booking" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Waiting for our confirmation");
  // What that means and what happens next (attack H17).
  await expect(page.getByTestId("pending-explained")).toContainText(
    `will email ${email} as soon as it's confirmed. Your time is kept for you meanwhile`,
  );
}
