import { sql } from "./admin/helpers";
import { bookViaApi } from "./book-via-api";
import { confirmFromEmail } from "./confirm-from-email";
import { expect, test, type Page } from "@playwright/test";

const money = (cents: number) =>
  `$${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;

async function pickFreeTimeNextMonth(page: Page) {
  // Next month's last free date is weeks away: past the free-cancellation window.
  await page.getByRole("button", { name: "Next month" }).click();
  for (let i = 0; i < 4; i++) {
    await expect(
      page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
    ).toHaveCount(0);
    const free = page
      .getByRole("grid", { name: "Available dates" })
      .locator("button:not([aria-disabled])");
    if ((await free.count()) > 0) {
      await free.last().click();
      const time = page
        .getByRole("group", { name: /Start times/ })
        .getByRole("button")
        .first();
      await time.click();
      return;
    }
    await page.getByRole("button", { name: "Next month" }).click();
  }
  throw new Error("no free date found in 4 months");
}

test("a new customer books through the wizard, finds it in my bookings and cancels it", async ({
  page,
  request,
}) => {
  const email = `e2e-${Date.now()}@example.com`;
  await page.goto("/book");
  await page.getByLabel("Party ZIP code").fill("95125");
  await page.getByRole("button", { name: "More adults" }).click(); // 11 adults
  await page.getByRole("button", { name: "More children" }).click(); // 1 child
  await pickFreeTimeNextMonth(page);
  await page.getByRole("button", { name: "Continue" }).click();

  // Menu: 12 guests x 2 proteins = 24 portions, prefilled 12 chicken / 12 steak; upgrade 4 to lobster.
  await expect(page.getByText("24 of 24 portions chosen")).toBeVisible();
  for (let i = 0; i < 4; i++)
    await page.getByRole("button", { name: "Fewer Hibachi chicken portions" }).click();
  await expect(page.getByText("20 of 24 portions chosen")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  // The step says what is missing (the protein count), in the bar that stays in view.
  await expect(page.getByTestId("step-message")).toHaveText(
    "Choose 4 more protein portions: 20 of 24 chosen.",
  );
  for (let i = 0; i < 4; i++)
    await page.getByRole("button", { name: "More Lobster tail portions" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  // Extras: gyoza for everyone and the sake bar.
  await page
    .getByRole("listitem")
    .filter({ hasText: "Pork gyoza" })
    .getByRole("button", { name: "Everyone" })
    .click();
  await page.getByRole("button", { name: "More Sake bar service quantity" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  // Address and contact, with a visible error first.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(
    page.getByRole("main").getByRole("alert").filter({ hasText: "Enter the street address." }),
  ).toHaveCount(1);
  await page.getByLabel("Street address").fill("742 Willow Glen Way");
  await page.getByLabel("City").fill("San Jose");
  await page.getByLabel("Your name").fill("Eve Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mobile phone").fill("(408) 555-0177");
  await page.getByRole("button", { name: "Continue" }).click();

  // Review: the itemised table is exactly the quote engine's answer for this selection.
  await expect(page.getByRole("heading", { name: "Review your booking" })).toBeVisible();
  const selection = {
    packageSlug: "classic",
    adults: 11,
    children: 1,
    proteins: { chicken: 8, steak: 12, "lobster-tail": 4 },
    extras: { gyoza: 12, "sake-service": 1 },
  };
  const res = await request.get(
    `/api/trpc/booking.quote?input=${encodeURIComponent(JSON.stringify({ json: { selection, postalCode: "95125" } }))}`,
  );
  const quote = (await res.json()).result.data.json as {
    lines: { label: string; totalCents: number }[];
    totalCents: number;
  };
  const amounts = await page.getByTestId("line-amount").allTextContents();
  expect(amounts).toEqual(quote.lines.map((l) => money(l.totalCents)));
  await expect(page.getByTestId("quote-total")).toHaveText(money(quote.totalCents));
  expect(quote.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(quote.totalCents);
  expect(quote.lines.map((l) => l.label)).toEqual(
    expect.arrayContaining(["Lobster tail upgrade", "Pork gyoza", "Sake bar service", "Sales tax"]),
  );

  await page.getByRole("button", { name: /Confirm booking/ }).click();
  // Made online, the time is held for a short, visible while until the customer confirms it.
  await expect(
    page.getByRole("heading", { name: "Almost done: confirm your booking" }),
  ).toBeVisible();
  await expect(page.getByTestId("booking-status")).toHaveText("Waiting for your confirmation");
  await expect(page.getByTestId("hold-countdown")).toHaveText(/^(30|29|28):\d{2}$/);
  const code = (await page.getByRole("heading", { name: /^Booking HB-/ }).textContent())!.replace(
    "Booking ",
    "",
  );
  await confirmFromEmail(page, email, code);
  await expect(page.getByTestId("hold-countdown")).toHaveCount(0);

  // Sign in with an emailed link (the local mailbox is the inbox when no SMTP server is set).
  await page.goto("/bookings");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(
    page.getByTestId("mail").filter({ hasText: `We got your booking ${code}` }),
  ).toBeVisible();
  await page
    .getByTestId("mail")
    .filter({ hasText: "Your MyHibachi sign-in link" })
    .getByRole("link")
    .click();

  await expect(page.getByRole("heading", { name: "My bookings" })).toBeVisible();
  await page.getByRole("link", { name: new RegExp(code) }).click();

  // Reschedule: the last free day on the calendar, its first free time (reschedule.spec.ts has more).
  const before = await page.getByTestId("booking-when").textContent();
  await page.getByRole("button", { name: "Reschedule" }).click();
  const grid = page.getByRole("grid", { name: /^Days you can move to/ });
  await expect(grid).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
  ).toHaveCount(0);
  const target = grid.locator("button[data-date]:not([aria-disabled])").last();
  const newDate = (await target.getAttribute("data-date"))!;
  await target.click();
  const newTime = page
    .getByRole("group", { name: /^Start times on / })
    .getByRole("button", { disabled: false })
    .first();
  const label = (await newTime.textContent())!;
  await newTime.click();
  // Picking a time only asks: the booking moves once the customer says so.
  await expect(page.getByTestId("reschedule-confirm")).toContainText(/^Move from .+ to .+\?/);
  await expect(page.getByTestId("booking-when")).toHaveText(before!);
  await page.getByRole("button", { name: "Yes, move it" }).click();
  await expect(page.getByTestId("reschedule-done")).toContainText("Your booking now starts");
  await expect(page.getByTestId("booking-when")).not.toHaveText(before!);
  const longDay = new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${newDate}T12:00:00Z`));
  await expect(page.getByTestId("booking-when")).toContainText(longDay);
  // The start time is written the same way on the button and on the booking (attack R4-7).
  await expect(page.getByTestId("booking-when")).toContainText(label);

  await page.getByRole("button", { name: "Cancel booking" }).click();
  // No Stripe keys here: nothing was paid online, and the page never claims a refund.
  await expect(page.getByTestId("cancel-money")).toHaveText(
    "No payment is taken online, so there is nothing to refund.",
  );
  await page.getByLabel("Reason (optional)").fill("Plans changed");
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("booking-status")).toHaveText("Cancelled");
  await expect(page.getByText("Plans changed")).toBeVisible();
  await expect(page.getByTestId("money")).not.toContainText(/refund/i);
});

test("an expired hold's page says what happened and offers a way forward (attack H18)", async ({
  page,
  request,
  baseURL,
}) => {
  const b = await bookViaApi(request, {
    origin: baseURL!,
    within: [40, 70],
    pick: (slots) => slots[Math.floor(slots.length / 2)]!,
    key: "expired",
    line1: "5 Late Lane",
    name: "Tardy Tam",
    phone: "(408) 555-0188",
  });
  // The hold runs out (as the worker's sweep would mark it).
  await sql(`UPDATE "Booking" SET status = 'EXPIRED' WHERE id = $1`, [b.id]);
  await page.goto(`/bookings/${b.id}?token=${b.token}`);
  await expect(page.getByTestId("booking-status")).toHaveText("Expired (not confirmed in time)");
  const next = page.getByTestId("expired-explained");
  await expect(next).toContainText("The hold ran out before it was confirmed");
  await expect(next.getByRole("link", { name: "Book again" })).toHaveAttribute("href", "/book");
});
