// A cut-off or mangled link (the id or token in a customer page's URL) is said in words a
// customer can act on, on a phone, never as the API's validation text.
import { expect, test } from "@playwright/test";

const BAD_LINK =
  "This link isn't valid. Use the link from your latest email, or sign in to see your bookings.";

test.use({ viewport: { width: 390, height: 844 } });

const pages: [string, string, string][] = [
  ["booking", "/bookings/abc?token=xxx", BAD_LINK],
  ["booking, long id", `/bookings/${"x".repeat(80)}?token=${"t".repeat(43)}`, BAD_LINK],
  ["balance", "/bookings/abc/balance?token=short", BAD_LINK],
  ["receipt", `/bookings/abc/receipts/${"r".repeat(90)}?token=${"t".repeat(43)}`, BAD_LINK],
  [
    "finish a hold",
    `/book/finish/abc?token=${"t".repeat(300)}`,
    "This link isn't valid. Please open the full link from the chat, or pick a time again.",
  ],
];

for (const [name, path, message] of pages)
  test(`${name} page with a malformed link`, async ({ page }, info) => {
    await page.goto(path);
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByText(/Too small|Too big|expected string|characters/)).toHaveCount(0);
    await page.screenshot({
      path: info.outputPath(`${name.replace(/\W+/g, "-")}-390.png`),
      fullPage: true,
    });
  });
