// The booking wizard (issue 13) on a phone (390x844) and a desktop (1280x800): the step in the URL
// (Back/Forward move between steps, a reload restores the draft), the phone's bar with the live
// total and what is missing, the protein picker's rebalancing, allergies and the kitchen order on
// review, the calendar's keyboard, axe on every step, and the finish-a-hold page. Prices are
// compared with the quote engine's own answer and the booking with the database.
import { bookViaApi } from "./book-via-api";
import { expect, test, type Page } from "@playwright/test";
import { money, query } from "./db";
import { axeViolations } from "./axe";
import { openBook, pickLastFreeTime } from "./free-time";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** Screenshots go to $WIZARD_SHOTS when set (the closing note), else the test's output. */
function shotPath(info: { outputPath: (...p: string[]) => string }, name: string): string {
  const dir = process.env.WIZARD_SHOTS;
  return dir ? `${dir}/${name}.png` : info.outputPath(`${name}.png`);
}

/**
 * axe in the light and the dark colour scheme, and nothing wider than the screen: one line per
 * problem (collected, so a walk through every step reports them all at once).
 */
async function checkPage(page: Page): Promise<string[]> {
  const out: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    out.push(...(await axeViolations(page)).map((v) => `${scheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: "light" });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  if (overflow > 0) out.push(`the page is ${overflow}px wider than the screen`);
  return out;
}

const grid = (page: Page) => page.getByRole("grid", { name: /Available dates/ });

/** Next month's last free day and its first start time (past the free-cancellation window). */
const pickFreeTimeNextMonth = (page: Page) => pickLastFreeTime(page, { fromNextMonth: true });

async function counts(page: Page, slugs: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of slugs) out[s] = Number(await page.locator(`#protein-${s}`).inputValue());
  return out;
}

for (const vp of VIEWPORTS) {
  test.describe(`booking wizard on a ${vp.name}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test("steps in the URL, Back/Forward and reload keep the draft, rebalanced proteins, kitchen order, booked", async ({
      page,
      request,
    }, info) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const axe = async (where: string) => {
        await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
        found.push(...(await checkPage(page)).map((v) => `${where} (${vp.name}): ${v}`));
      };
      const email = `wizard-${vp.name}-${Date.now()}@example.com`;

      await page.goto("/book");
      await expect(page).toHaveURL(/\/book#step=when$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book your hibachi party");

      // Continue with nothing chosen names the ZIP; with the ZIP fine, it names the date. Each
      // once, beside its input (one alert), not again in the bar under the step (F17).
      const alerts = page.getByRole("main").getByRole("alert");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(alerts).toHaveText("Enter the ZIP code of the party address.");
      await expect(page.getByTestId("step-message")).toHaveCount(0);
      await page.getByLabel("Party ZIP code").fill("95125");
      await expect(alerts).toHaveCount(0); // cleared on input
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(alerts).toHaveText("Pick a date in the calendar.");
      await expect(page.getByTestId("step-message")).toHaveCount(0);
      await page.getByRole("button", { name: "More adults" }).click(); // 11 adults
      await page.getByRole("button", { name: "More adults" }).click(); // 12 adults
      await page.getByRole("button", { name: "More children" }).click(); // 1 child
      await pickFreeTimeNextMonth(page);
      await axe("date and time");
      await page.screenshot({ path: shotPath(info, `1-when-${vp.width}`), fullPage: true });

      // The phone's bar: the live total (the quote engine's) and Continue, always in view.
      const bar = page.locator("[data-sticky-bar]");
      if (vp.name === "phone") {
        await expect(bar).toBeInViewport();
        await expect(bar.getByRole("button", { name: "Continue" })).toBeInViewport();
        const q = await request.get(
          `/api/trpc/booking.quote?input=${encodeURIComponent(
            JSON.stringify({
              json: {
                selection: {
                  packageSlug: "classic",
                  adults: 12,
                  children: 1,
                  proteins: { chicken: 13, steak: 13 },
                  extras: {},
                },
                postalCode: "95125",
              },
            }),
          )}`,
        );
        const quote = (await q.json()).result.data.json as { totalCents: number };
        await expect(page.getByTestId("bar-total")).toContainText(money(quote.totalCents));
        await page.mouse.wheel(0, 600);
        await expect(bar).toBeInViewport();
      }

      // Menu: its own URL and history entry; focus on the step's heading.
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/step=menu/);
      await expect(
        page.getByRole("heading", { level: 2, name: "Package and proteins" }),
      ).toBeFocused();
      // 13 guests x 2 = 26 portions, one of each per guest.
      await expect(page.getByTestId("portions-counter")).toContainText("26 of 26 portions chosen");
      expect(await counts(page, ["chicken", "steak", "filet-mignon"])).toEqual({
        chicken: 13,
        steak: 13,
        "filet-mignon": 0,
      });
      // A filet takes its portion from the included protein with the most: still 26 of 26.
      await page.getByRole("button", { name: "More Filet mignon portions" }).click();
      await expect(page.getByTestId("portions-counter")).toContainText("26 of 26 portions chosen");
      expect(await counts(page, ["chicken", "steak", "filet-mignon"])).toEqual({
        chicken: 12,
        steak: 13,
        "filet-mignon": 1,
      });
      // Fewer steak leaves one to choose: the message says so (not the ZIP), and clears on input.
      await page.getByRole("button", { name: "Fewer NY strip steak portions" }).click();
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByTestId("step-message")).toHaveText(
        "Choose 1 more protein portion: 25 of 26 chosen.",
      );
      await expect(page.getByTestId("portions-counter")).toBeInViewport();
      await page.getByRole("button", { name: "More Crispy tofu portions" }).click();
      await expect(page.getByTestId("step-message")).toHaveCount(0);
      await expect(page.getByTestId("portions-counter")).toContainText("26 of 26 portions chosen");
      await page
        .getByLabel("Allergies and dietary needs")
        .fill("One guest is allergic to shellfish");
      await axe("menu");
      await page.screenshot({ path: shotPath(info, `2-menu-${vp.width}`), fullPage: true });

      // Browser Back: the date step with everything kept; Forward: the menu as it was.
      await page.goBack();
      await expect(page).toHaveURL(/step=when/);
      await expect(page.getByLabel("Party ZIP code")).toHaveValue("95125");
      await expect(page.getByRole("textbox", { name: "adults", exact: true })).toHaveValue("12");
      await expect(grid(page).locator('button[aria-pressed="true"]')).toHaveCount(1);
      await page.goForward();
      await expect(page).toHaveURL(/step=menu/);
      expect(await counts(page, ["chicken", "steak", "tofu", "filet-mignon"])).toEqual({
        chicken: 12,
        steak: 12,
        tofu: 1,
        "filet-mignon": 1,
      });
      await expect(page.getByLabel("Allergies and dietary needs")).toHaveValue(
        "One guest is allergic to shellfish",
      );

      // Extras.
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/step=extras/);
      await page
        .getByRole("listitem")
        .filter({ hasText: "Pork gyoza" })
        .getByRole("button", { name: /everyone/i })
        .click();
      await expect(page.getByRole("textbox", { name: "Pork gyoza quantity" })).toHaveValue("13");
      await axe("extras");
      await page.screenshot({ path: shotPath(info, `3-extras-${vp.width}`), fullPage: true });

      // Address and contact: the first missing thing is named, then a reload keeps every field.
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/step=details/);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(
        page.getByRole("main").getByRole("alert").filter({ hasText: "Enter the street address." }),
      ).toHaveCount(1);
      await expect(page.getByTestId("step-message")).toHaveCount(0);
      // The ZIP's city and state are filled in; a state that isn't the ZIP's is caught here,
      // before the server would refuse it.
      await expect(page.getByLabel("City")).toHaveValue("San Jose");
      await expect(page.getByLabel("State")).toHaveValue("CA");
      await page.getByLabel("Street address").fill("742 Willow Glen Way");
      await page.getByLabel("State").fill("ZZ");
      await page.getByLabel("Your name").fill("Eve Tester");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Mobile phone").fill("(408) 555-0177");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(
        page.getByRole("main").getByRole("alert").filter({ hasText: "is in CA, not ZZ" }),
      ).toHaveCount(1);
      await expect(page).toHaveURL(/step=details/);
      await page.getByLabel("State").fill("CA");
      await axe("address and contact");
      await page.screenshot({ path: shotPath(info, `4-details-${vp.width}`), fullPage: true });
      await page.reload();
      await expect(page).toHaveURL(/step=details/);
      await expect(page.getByLabel("Street address")).toHaveValue("742 Willow Glen Way");
      await expect(page.getByLabel("City")).toHaveValue("San Jose");
      await expect(page.getByLabel("Your name")).toHaveValue("Eve Tester");
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await expect(page.getByLabel("Mobile phone")).toHaveValue("(408) 555-0177");

      // Review: proteins per type, extras and allergies, and the quote engine's exact price.
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page).toHaveURL(/step=review/);
      await expect(
        page.getByRole("heading", { level: 2, name: "Review your booking" }),
      ).toBeFocused();
      const order = page.getByRole("region", { name: "Your order for the chef" });
      await expect(order).toContainText("Classic Hibachi for 12 adults and 1 child");
      for (const line of [
        "12 × Hibachi chicken",
        "12 × NY strip steak",
        "1 × Crispy tofu",
        "1 × Filet mignon (upgrade)",
        "13 servings of Pork gyoza",
        "One guest is allergic to shellfish",
      ])
        await expect(order).toContainText(line);
      const selection = {
        packageSlug: "classic",
        adults: 12,
        children: 1,
        proteins: { chicken: 12, steak: 12, tofu: 1, "filet-mignon": 1 },
        extras: { gyoza: 13 },
      };
      const res = await request.get(
        `/api/trpc/booking.quote?input=${encodeURIComponent(JSON.stringify({ json: { selection, postalCode: "95125" } }))}`,
      );
      const quote = (await res.json()).result.data.json as {
        lines: { totalCents: number }[];
        totalCents: number;
      };
      await expect(page.getByTestId("quote-total")).toHaveText(money(quote.totalCents));
      expect(await page.getByTestId("line-amount").allTextContents()).toEqual(
        quote.lines.map((l) => money(l.totalCents)),
      );
      await axe("review");
      await page.screenshot({ path: shotPath(info, `5-review-${vp.width}`), fullPage: true });

      // A reload on review keeps the step and the draft.
      await page.reload();
      await expect(page).toHaveURL(/step=review/);
      await expect(page.getByRole("region", { name: "Your order for the chef" })).toContainText(
        "1 × Filet mignon (upgrade)",
      );

      await page.getByRole("button", { name: /Confirm booking/ }).click();
      await expect(
        page.getByRole("heading", { name: "Almost done: confirm your booking" }),
      ).toBeVisible();
      const code = (await page
        .getByRole("heading", { name: /^Booking HB-/ })
        .textContent())!.replace("Booking ", "");
      // What was booked is what was chosen: the database's own row.
      const [row] = await query<{ allergies: string | null; selection: typeof selection }>(
        `SELECT allergies, selection FROM "Booking" WHERE code = $1`,
        [code],
      );
      expect(row!.allergies).toBe("One guest is allergic to shellfish");
      expect(row!.selection.proteins).toEqual(selection.proteins);
      expect(row!.selection.extras).toEqual(selection.extras);
      // Booked: the draft is gone, a new visit starts afresh.
      await page.goto("/book");
      await expect(page.getByLabel("Party ZIP code")).toHaveValue("");

      expect(found, found.join("\n")).toEqual([]);
    });

    test("the calendar: one Tab stop, arrow keys move between days, Page Down turns the month", async ({
      page,
    }) => {
      await openBook(page);
      await page.getByLabel("Party ZIP code").fill("95125");
      await page.getByRole("button", { name: "Next month" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
      ).toHaveCount(0);
      await expect(grid(page).locator('button[tabindex="0"]')).toHaveCount(1);
      const start = grid(page).locator('button[tabindex="0"]');
      const date = (await start.getAttribute("data-date"))!;
      await start.focus();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-date"));
      const plus = (d: string, days: number) =>
        new Date(Date.parse(`${d}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      await page.keyboard.press("ArrowRight");
      expect(await focused()).toBe(plus(date, 1));
      await page.keyboard.press("ArrowDown");
      expect(await focused()).toBe(plus(date, 8));
      await page.keyboard.press("ArrowLeft");
      expect(await focused()).toBe(plus(date, 7));
      await page.keyboard.press("ArrowUp");
      expect(await focused()).toBe(date);
      // Each day is labelled with its full date and whether times are free.
      const label = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
      expect(label).toMatch(
        /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}, (\d+ start times? free|no free times)$/,
      );
      // Still one Tab stop: the focused day.
      await expect(grid(page).locator('button[tabindex="0"]')).toHaveAttribute("data-date", date);
      const month = await page.getByRole("grid").getAttribute("aria-label");
      await page.keyboard.press("PageDown");
      await expect(page.getByRole("grid")).not.toHaveAttribute("aria-label", month!);
      expect((await focused())!.slice(5, 7)).not.toBe(date.slice(5, 7));
      // Enter on a free day chooses it.
      await expect(
        page.getByRole("status").filter({ hasText: "Checking which chefs are free" }),
      ).toHaveCount(0);
      const freeDay = grid(page).locator("button:not([aria-disabled])").first();
      await freeDay.focus();
      await page.keyboard.press("Enter");
      await expect(freeDay).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByRole("group", { name: /Start times/ })).toBeVisible();
    });

    test("a saved draft with a date that has passed says so; ?package= preselects the package", async ({
      page,
    }) => {
      await page.goto("/book");
      await expect(page).toHaveURL(/step=when/); // the wizard has read (and saved) its draft
      await page.evaluate(() =>
        localStorage.setItem(
          "mh-booking-draft",
          JSON.stringify({
            v: 1,
            at: Date.now(),
            draft: {
              postalCode: "95125",
              adults: 8,
              children: 0,
              date: "2020-03-14",
              startMinute: 1080,
              packageSlug: "classic",
              contact: { name: "Old Draft", email: "", phone: "" },
            },
          }),
        ),
      );
      await page.goto("/book?step=review&package=premium");
      // Said once, above the calendar where the new date is picked (not also as a notice).
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        "The date you picked before, Saturday, March 14, has passed. Please pick a new date.",
      );
      await expect(page.getByTestId("draft-notice")).toHaveCount(0);
      // Sent back to the first step that needs something, the rest of the draft kept.
      await expect(page).toHaveURL(/\/book#step=when$/);
      await expect(page.getByLabel("Party ZIP code")).toHaveValue("95125");
      await expect(page.getByRole("textbox", { name: "adults", exact: true })).toHaveValue("8");
      await pickFreeTimeNextMonth(page);
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.getByRole("radio", { name: "Premium Hibachi" })).toBeChecked();
      await expect(page.getByTestId("portions-counter")).toContainText("24 of 24 portions chosen");
    });
  });
}

test("after a reload, Back to the first step and Continue moves on (attack F9)", async ({
  page,
}) => {
  await openBook(page);
  await page.getByLabel("Party ZIP code").fill("95125");
  await pickFreeTimeNextMonth(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/step=menu$/);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/step=extras$/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Appetizers, sides and add-ons" })).toBeVisible();
  // A mark on this document: Back and Forward between steps stay in it (no page load that
  // could swallow the next click).
  await page.evaluate(() => ((window as unknown as { stayed?: boolean }).stayed = true));
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Package and proteins" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Where and when?" })).toBeVisible();
  await expect(page).toHaveURL(/\/book#step=when$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/step=menu$/);
  await expect(page.getByRole("heading", { name: "Package and proteins" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Appetizers, sides and add-ons" })).toBeVisible();
});

test("sign-up and spent links speak to people (attack F13, F18)", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Create account" }).click();
  await page.getByLabel(/name/i).first().fill("X");
  await page.getByLabel(/email/i).first().fill("a@b");
  await page
    .getByLabel(/password/i)
    .first()
    .fill("longenough-password-1");
  await page
    .getByRole("button", { name: /create account/i })
    .last()
    .click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText(/Enter a valid email address\./);
  await expect(alert).not.toContainText("[body");
  await page.goto("/bookings?error=INVALID_TOKEN");
  await expect(page.getByTestId("link-error")).toContainText("expired or was already used");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("/book and a finish link explain themselves, with the phone number and the packages", async ({
    page,
    request,
  }, info) => {
    const menu = (await (await request.get("/api/trpc/catalog.get")).json()).result.data.json as {
      packages: { name: string; adultPriceCents: number }[];
      business: { phone: string };
    };
    await page.goto("/book");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book your hibachi party");
    await expect(page.getByRole("heading", { name: "Book by phone" })).toBeVisible();
    const phone = page.getByRole("main").getByRole("link", { name: menu.business.phone });
    await expect(phone).toHaveAttribute("href", /^tel:\+?\d{10,}$/);
    // (Inside <noscript>, whose text Playwright's text matchers skip: read the DOM's own text.)
    const shown = await page
      .getByRole("region", { name: "Book by phone" })
      .evaluate((el) => el.textContent ?? "");
    for (const p of menu.packages)
      expect(shown).toContain(`${p.name}: ${money(p.adultPriceCents)} per adult`);
    // Nothing that needs scripts to work is offered, and nothing spins.
    await expect(page.getByLabel("Party ZIP code")).toBeHidden();
    await expect(page.getByRole("button", { name: "Continue" })).toBeHidden();
    await page.screenshot({ path: shotPath(info, "no-js-390"), fullPage: true });

    await page.goto(`/book/finish/abc?token=${"t".repeat(43)}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finish your booking");
    await expect(
      page.getByRole("main").getByRole("link", { name: menu.business.phone }),
    ).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Loading" })).toBeHidden();

    // My bookings and a booking's page: the phone number and what to do, nothing spinning.
    for (const [path, title] of [
      ["/bookings", "Call us about your bookings"],
      [`/bookings/abc?token=${"t".repeat(43)}`, "Call us about your booking"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
      await expect(
        page.getByRole("main").getByRole("link", { name: menu.business.phone }),
      ).toHaveAttribute("href", /^tel:/);
      await expect(page.getByText(/Loading/)).toBeHidden();
    }
  });
});

test.describe("a booking's link without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("shows the booking itself, read on the server: code, status, when, guests, menu (attack H5)", async ({
    page,
    request,
    baseURL,
  }) => {
    const b = await bookViaApi(request, {
      origin: baseURL!,
      within: [30, 60],
      pick: (slots) => slots[slots.length - 1]!,
      key: "nojs",
      line1: "12 Quiet Lane",
      name: "Noa Script",
      phone: "(408) 555-0199",
    });
    await page.goto(`/bookings/${b.id}?token=${b.token}`);
    await expect(page.getByRole("heading", { name: "Call us about your booking" })).toBeVisible();
    // (Inside <noscript>: the DOM's own text.)
    const shown = await page
      .getByRole("region", { name: "Call us about your booking" })
      .evaluate((el) => el.textContent ?? "");
    expect(shown).toContain(`Booking ${b.code}`);
    expect(shown).toContain("10 adults, 0 children · Classic Hibachi");
    expect(shown).toContain("12 Quiet Lane");
    expect(shown).toMatch(/Held for you until/);
    expect(shown).toMatch(/Chicken|chicken/);
    // Another booking's page with this link: nothing of this booking.
    await page.goto(`/bookings/abc?token=${b.token}`);
    const other = await page
      .getByRole("region", { name: "Call us about your booking" })
      .evaluate((el) => el.textContent ?? "");
    expect(other).not.toContain(b.code);
    expect(other).not.toContain("Quiet Lane");
  });
});

test.describe("finish a hold from the chat", () => {
  for (const vp of VIEWPORTS)
    test(`extras, labelled steppers, the package the chat discussed and a countdown (${vp.name})`, async ({
      page,
    }, info) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.goto("/chat");
      const chat = page.getByTestId("chat-panel");
      await chat
        .getByLabel("Your message")
        .fill("what's free next Saturday for 12 people, premium package?");
      await chat.getByRole("button", { name: "Send" }).click();
      const avail = chat.getByTestId("chat-assistant").last();
      await avail
        .getByRole("button", { name: /^Hold / })
        .first()
        .click();
      await expect(chat.getByTestId("chat-assistant").last()).toContainText(/ZIP/);
      await chat.getByLabel("Your message").fill("95125");
      await chat.getByRole("button", { name: "Send" }).click();
      await chat.getByRole("link", { name: /Finish booking HB-/ }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Finish your booking");
      await expect(page.getByTestId("hold-summary")).toContainText("12 guests · ZIP 95125");
      // The package the chat discussed.
      await expect(page.getByRole("radio", { name: "Premium Hibachi" })).toBeChecked();
      await expect(page.getByTestId("portions-counter")).toContainText("36 of 36 portions chosen");
      // A visible countdown, and what happens when it runs out.
      await expect(page.getByTestId("hold-countdown")).toHaveText(/^\d{1,2}:\d{2}$/);
      await expect(page.getByTestId("hold-notice")).toContainText("released for other guests");
      // Labelled adults and children: the party size is the hold's.
      await expect(page.getByText("Adults", { exact: true })).toBeVisible();
      await expect(page.getByText("Children (12 and under)", { exact: true })).toBeVisible();
      await page.getByRole("button", { name: "More children" }).click();
      await expect(page.getByRole("textbox", { name: "adults", exact: true })).toHaveValue("11");
      await expect(page.getByRole("textbox", { name: "children", exact: true })).toHaveValue("1");
      // Extras, as in the wizard.
      await expect(
        page.getByRole("heading", { name: "Appetizers, sides and add-ons" }),
      ).toBeVisible();
      // The long list starts folded (the chat chose none); one tap opens it (attack R6-8).
      const extrasList = page.getByTestId("finish-extras");
      await expect(extrasList).not.toHaveAttribute("open", /.*/);
      await page.getByRole("heading", { name: "Appetizers, sides and add-ons" }).click();
      await expect(extrasList).toHaveAttribute("open", /.*/);
      // Premium includes edamame: said, not sold again (attack R5-2).
      await expect(page.getByTestId("extra-edamame-included")).toContainText(
        "Included in Premium Hibachi",
      );
      await expect(page.getByRole("button", { name: "More Edamame quantity" })).toHaveCount(0);
      await page.getByRole("button", { name: "More Pork gyoza quantity" }).click();
      await page.getByLabel("Allergies and dietary needs").fill("No sesame for one guest");
      const order = page.getByRole("region", { name: "Your order for the chef" });
      await expect(order).toContainText("Premium Hibachi for 11 adults and 1 child");
      await expect(order).toContainText("1 serving of Pork gyoza");
      await expect(order).toContainText("No sesame for one guest");
      await expect(page.getByTestId("quote-total")).toBeVisible();
      const found = await checkPage(page);
      await page.screenshot({ path: shotPath(info, `finish-${vp.width}`), fullPage: true });
      expect(found, found.join("\n")).toEqual([]);

      // Confirm with the address and contact empty: each problem once, beside its field (one
      // alert each), no summary by the button repeating them; the first one gets the focus, and
      // a message clears as soon as its field changes.
      await page.getByLabel("City").fill("San Jose");
      await page.getByRole("button", { name: /^Confirm/ }).click();
      const alerts = page.getByRole("main").getByRole("alert");
      await expect(page.getByLabel("Street address")).toBeFocused();
      for (const sentence of [
        "Enter the street address.",
        "Enter your name.",
        "Enter a valid email address.",
        "Enter a phone number with area code.",
      ])
        await expect(alerts.filter({ hasText: sentence }), sentence).toHaveCount(1);
      await expect(alerts).toHaveCount(4);
      await expect(page.getByLabel("Street address")).toHaveAccessibleDescription(
        "Enter the street address.",
      );
      await page.getByLabel("Street address").fill("123 Maple Ave");
      await expect(alerts).toHaveCount(0);
    });
});

test("a day picked while its month is still being checked is chosen when the answer comes (attack H7)", async ({
  page,
}) => {
  // The month's answer is held back in the browser for a few seconds (the network, not our app).
  let holdMs = 0;
  await page.route(/\/api\/trpc\/[^?]*booking\.availability/, async (route) => {
    if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
    await route.continue();
  });
  await openBook(page);
  await page.getByLabel("Party ZIP code").fill("95125");
  const checking = page.getByRole("status").filter({ hasText: "Checking which chefs are free" });
  await page.getByRole("button", { name: "Next month" }).click();
  await expect(checking).toHaveCount(0);
  const freeDay = await grid(page)
    .locator("button[data-date]:not([aria-disabled])")
    .last()
    .getAttribute("data-date");
  expect(freeDay).toBeTruthy();
  await page.getByRole("button", { name: "Previous month" }).click();
  await expect(checking).toHaveCount(0);

  // One more guest: a new question, answered slowly. The customer taps the day at once.
  holdMs = 3000;
  await page.getByRole("button", { name: "More adults" }).click();
  await page.getByRole("button", { name: "Next month" }).click();
  await expect(checking).toHaveCount(1);
  await grid(page).locator(`button[data-date="${freeDay}"]`).click();
  await expect(page.getByRole("status").filter({ hasText: "We'll choose" })).toBeVisible();
  // The answer comes: the day is chosen and its start times are offered.
  await expect(grid(page).locator(`button[data-date="${freeDay}"]`)).toHaveAttribute(
    "aria-pressed",
    "true",
    { timeout: 15_000 },
  );
  await expect(page.getByRole("group", { name: /Start times/ })).toBeVisible();
});
