// Issue 13: the site around the booking flow. The chat launcher never covers the page and is
// keyboard friendly, the chat's code is loaded only when it is opened, the landing page sells
// (packages to book, guests' words, the FAQ answered from the business's settings, a phone number
// to tap), every page has its own title and description, search engines find robots.txt and a
// sitemap, and axe finds nothing on the public pages, on a phone and a desktop, light and dark.
// Expected values come from the database (the seeded demo business), never from the page's code.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { expectNoAxeViolations } from "./axe";

function e2eDatabaseUrl(): string {
  const u = new URL(
    process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  );
  u.pathname = "/myhibachi_e2e";
  return u.toString();
}

interface Business {
  phone: string;
  email: string;
  rescheduleCutoffHours: number;
  freeCancellationHours: number;
  eventDurationMinutes: number;
}

async function dbRows<T>(sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

const business = async () =>
  (
    await dbRows<Business>(
      `SELECT phone, email, "rescheduleCutoffHours", "freeCancellationHours", "eventDurationMinutes"
         FROM "BusinessSettings" WHERE id = 1`,
    )
  )[0]!;
const activePackages = () =>
  dbRows<{ slug: string; name: string }>(
    `SELECT slug, name FROM "Package" WHERE active ORDER BY "sortOrder"`,
  );

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

test.describe("the chat launcher", () => {
  for (const size of [PHONE, DESKTOP]) {
    test(`at ${size.width}px opening the chat puts the focus in its message box; Escape closes it and the focus is back on the launcher`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.goto("/menu");
      await page.getByRole("button", { name: "Chat with us" }).click();
      const dialog = page.getByRole("dialog", { name: "Chat with MyHibachi" });
      const input = dialog.getByLabel("Your message");
      await expect(input).toBeFocused();
      // Typing goes straight into the chat.
      await page.keyboard.type("hello");
      await expect(input).toHaveValue("hello");

      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      const launcher = page.getByRole("button", { name: "Chat with us" });
      await expect(launcher).toBeFocused();
      await expect(launcher).toHaveAttribute("aria-expanded", "false");

      // From the keyboard again: Enter opens it, with what was typed still there.
      await page.keyboard.press("Enter");
      await expect(input).toBeFocused();
      await expect(input).toHaveValue("hello");
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(dialog).toBeHidden();
      await expect(launcher).toBeFocused();
    });
  }

  for (const path of ["/", "/menu", "/book"]) {
    test(`at 390x844 the launcher covers no button, link, field or price on ${path}, wherever the page is scrolled`, async ({
      page,
    }) => {
      await page.setViewportSize(PHONE);
      await page.goto(path);
      const launcher = page.getByRole("button", { name: "Chat with us" });
      await expect(launcher).toBeVisible();
      await page.waitForLoadState("networkidle");
      await launcher.evaluate((el) => el.setAttribute("data-test-launcher", ""));
      const { checked, overlaps, positions } = await page.evaluate(() => {
        const launcher = document.querySelector("[data-test-launcher]")!;
        const controls = [
          ...document.querySelectorAll(
            "button, a[href], input, select, textarea, summary, [role=button], [role=tab]",
          ),
        ];
        const prices: Element[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          if (/\$\s?\d/.test(walker.currentNode.textContent ?? "")) {
            prices.push(walker.currentNode.parentElement!);
          }
        }
        const targets = [...controls, ...prices].filter(
          (el) => el !== launcher && !launcher.contains(el) && !el.contains(launcher),
        );
        const overlaps = new Set<string>();
        const seen = new Set<Element>();
        let positions = 0;
        const height = document.documentElement.scrollHeight;
        for (let y = 0; y <= height; y += Math.floor(window.innerHeight / 3)) {
          window.scrollTo(0, y);
          positions++;
          const l = launcher.getBoundingClientRect();
          for (const t of targets) {
            const r = t.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            if (r.bottom <= 0 || r.top >= window.innerHeight) continue;
            seen.add(t);
            const apart =
              r.right <= l.left || r.left >= l.right || r.bottom <= l.top || r.top >= l.bottom;
            if (!apart) {
              overlaps.add(
                `${t.tagName.toLowerCase()} "${(t.textContent ?? "").trim().slice(0, 40)}" at scroll ${y}`,
              );
            }
          }
        }
        window.scrollTo(0, 0);
        return { checked: seen.size, overlaps: [...overlaps], positions };
      });
      expect(overlaps, `the chat launcher covers: ${overlaps.join("; ")}`).toEqual([]);
      // Not vacuous: the page's controls and prices were on screen while checking.
      expect(checked).toBeGreaterThan(5);
      expect(positions).toBeGreaterThan(0);
    });
  }

  test("a page where the chat is never opened downloads neither the chat nor any tRPC client code; opening the chat does", async ({
    page,
  }) => {
    const bodies: Promise<string>[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "script") bodies.push(res.text().catch(() => ""));
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    const scripts = await Promise.all(bodies);
    expect(scripts.length).toBeGreaterThan(0);
    const has = async (marker: string) =>
      (await Promise.all(bodies)).some((s) => s.includes(marker));
    // The chat panel starts its session at /api/chat/session; the tRPC client calls /api/trpc.
    expect(await has("/api/chat/session")).toBe(false);
    expect(await has("/api/trpc")).toBe(false);

    // Pointing at the launcher may fetch the chat's code, but starts no chat (no session, no
    // cookie) until it is opened.
    const sessions: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).pathname === "/api/chat/session") sessions.push(req.method());
    });
    await page.getByRole("button", { name: "Chat with us" }).hover();
    await page.waitForLoadState("networkidle");
    expect(sessions).toEqual([]);

    await page.getByRole("button", { name: "Chat with us" }).click();
    await expect(
      page.getByRole("dialog", { name: "Chat with MyHibachi" }).getByLabel("Your message"),
    ).toBeFocused();
    await page.waitForLoadState("networkidle");
    expect(sessions).toEqual(["POST"]);
    expect(await has("/api/chat/session")).toBe(true);
    expect(await has("/api/trpc")).toBe(true);
  });
});

test.describe("the landing page", () => {
  test("answers the FAQ from the business's settings: space, rain plan, what the chef brings", async ({
    page,
  }) => {
    const b = await business();
    await page.goto("/");
    const faq = page.getByRole("region", { name: "Questions people ask" });
    for (const q of [
      "How much space does the chef need?",
      "What if it rains?",
      "What does the chef bring?",
    ]) {
      await expect(faq.getByText(q)).toBeVisible();
    }
    await faq.getByText("What if it rains?").click();
    await expect(faq.getByText(/covered patio/)).toBeVisible();
    await expect(
      faq.getByText(`Move your party online up to ${b.rescheduleCutoffHours} hours before`),
    ).toBeVisible();
    await faq.getByText("How long does the party last?").click();
    await expect(
      faq.getByText(`take about ${b.eventDurationMinutes / 60} hours`, { exact: false }),
    ).toBeVisible();
    await faq.getByText("What does the chef bring?").click();
    await expect(faq.getByText(/The hibachi grill and its propane/)).toBeVisible();
  });

  test("shows guests' words, says where they come from, and a Book-this-package link per package", async ({
    page,
  }) => {
    await page.goto("/");
    const reviews = page.getByRole("region", { name: "What our guests told us" });
    await expect(reviews.locator("blockquote")).toHaveCount(4);
    await expect(reviews.getByText(/thank-you notes guests sent us/)).toBeVisible();

    const packages = await activePackages();
    expect(packages.length).toBeGreaterThan(0);
    const links = page.getByRole("link", { name: /^Book this package/ });
    await expect(links).toHaveCount(packages.length);
    for (const p of packages) {
      await expect(
        page.getByRole("link", { name: `Book this package: ${p.name}` }),
      ).toHaveAttribute("href", `/book?package=${p.slug}`);
    }
    const first = packages[0]!;
    await page.getByRole("link", { name: `Book this package: ${first.name}` }).click();
    // The link opens the wizard; once it has read ?package= (preselecting it: wizard.spec checks
    // that) it puts its step in the address instead, so either address may be seen here.
    await expect(page).toHaveURL(new RegExp(`/book(\\?package=${first.slug}|#step=when)$`));
    await expect(page.getByRole("heading", { name: "Where and when?" })).toBeVisible();
  });

  test("the phone number is a tap-to-call link on one line, and the footer has contact, terms and privacy", async ({
    page,
  }) => {
    const b = await business();
    const digits = b.phone.replace(/\D/g, "");
    const tel = `tel:+1${digits.slice(-10)}`;
    await page.setViewportSize(PHONE);
    await page.goto("/");
    const call = page.getByRole("main").getByRole("link", { name: b.phone }).first();
    await expect(call).toHaveAttribute("href", tel);
    expect(await call.evaluate((el) => el.getClientRects().length)).toBe(1);

    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("link", { name: b.phone })).toHaveAttribute("href", tel);
    await expect(footer.getByRole("link", { name: b.email })).toHaveAttribute(
      "href",
      `mailto:${b.email}`,
    );
    await footer.getByRole("link", { name: "Terms of service" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Terms of service");
    await expect(
      page.getByText(`up to ${b.rescheduleCutoffHours} hours before it starts`),
    ).toBeVisible();
    await page.getByRole("contentinfo").getByRole("link", { name: "Privacy policy" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy policy");
  });
});

test.describe("search engines and sharing", () => {
  test("robots.txt and sitemap.xml answer, and the sitemap lists the public pages", async ({
    request,
    baseURL,
  }) => {
    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    const text = await robots.text();
    expect(text).toMatch(/User-Agent: \*/i);
    expect(text).toContain("Disallow: /bookings");
    expect(text).toContain("Disallow: /api/");
    expect(text).toMatch(/Sitemap: .*\/sitemap\.xml/);

    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    expect(sitemap.headers()["content-type"]).toContain("xml");
    const xml = await sitemap.text();
    for (const path of ["/menu", "/book", "/terms", "/privacy"]) {
      expect(xml).toContain(`<loc>${baseURL}${path}</loc>`);
    }
    expect(xml).not.toContain("/bookings");
  });

  test("every public page has its own title and description", async ({ page }) => {
    const seen = new Map<string, { title: string; description: string }>();
    for (const path of ["/", "/menu", "/chat", "/terms", "/privacy", "/sign-in"]) {
      await page.goto(path);
      const title = await page.title();
      const description =
        (await page.locator('meta[name="description"]').getAttribute("content")) ?? "";
      expect(title, path).toContain("MyHibachi");
      expect(description.length, `${path} description`).toBeGreaterThan(50);
      seen.set(path, { title, description });
    }
    const titles = [...seen.values()].map((s) => s.title);
    const descriptions = [...seen.values()].map((s) => s.description);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  test("pages carry a preview for social sites with our own image, and the site has icons", async ({
    page,
    request,
  }) => {
    await page.goto("/menu");
    const meta = (sel: string) => page.locator(sel).first().getAttribute("content");
    expect(await meta('meta[property="og:title"]')).toContain("Menu");
    expect(await meta('meta[property="og:description"]')).toBe(
      await meta('meta[name="description"]'),
    );
    expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
    const image = await meta('meta[property="og:image"]');
    const res = await request.get(new URL(image!).pathname + new URL(image!).search);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/jpeg");
    expect(await meta('meta[property="og:image:width"]')).toBe("1200");

    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    const icons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').count();
    expect(icons).toBeGreaterThanOrEqual(3);
    const manifest = await request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    for (const icon of ((await manifest.json()) as { icons: { src: string }[] }).icons) {
      expect((await request.get(icon.src)).status(), icon.src).toBe(200);
    }
  });
});

/** Opens every FAQ answer, so axe checks their text too. */
async function openAllDetails(page: Page) {
  await page
    .locator("details")
    .evaluateAll((els) => els.forEach((d) => d.setAttribute("open", "")));
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.use({ colorScheme });

    test(`the site follows the system setting (${colorScheme})`, async ({ page }) => {
      await page.goto("/");
      const rgb = await page.evaluate(() => {
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.fillStyle = getComputedStyle(document.documentElement).backgroundColor;
        ctx.fillRect(0, 0, 1, 1);
        return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
      });
      const light = rgb.every((c) => c > 200);
      const dark = rgb.every((c) => c < 60);
      expect(colorScheme === "dark" ? dark : light, `page background rgb(${rgb})`).toBe(true);
    });

    for (const size of [PHONE, DESKTOP]) {
      for (const path of ["/", "/menu", "/terms", "/privacy", "/sign-in"]) {
        test(`axe finds nothing on ${path} at ${size.width}px (${colorScheme})`, async ({
          page,
        }) => {
          await page.setViewportSize(size);
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
          await openAllDetails(page);
          await expectNoAxeViolations(page, `${path} at ${size.width}px, ${colorScheme}`);
        });
      }

      test(`axe finds nothing with the chat open at ${size.width}px (${colorScheme})`, async ({
        page,
      }) => {
        await page.setViewportSize(size);
        await page.goto("/");
        await page.getByRole("button", { name: "Chat with us" }).click();
        const dialog = page.getByRole("dialog", { name: "Chat with MyHibachi" });
        await expect(dialog.getByText(/Ask me about our menu/)).toBeVisible();
        await expectNoAxeViolations(
          page,
          `/ with the chat open at ${size.width}px, ${colorScheme}`,
        );
        const dir = process.env.SHOTS_DIR;
        if (dir) {
          mkdirSync(dir, { recursive: true });
          await page.screenshot({ path: `${dir}/chat-${size.width}-${colorScheme}.png` });
          await dialog.getByRole("button", { name: "Close" }).click();
          await openAllDetails(page);
          await page.screenshot({
            path: `${dir}/landing-${size.width}-${colorScheme}.png`,
            fullPage: true,
          });
        }
      });
    }
  });
}
