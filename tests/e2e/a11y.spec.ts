// Accessibility sweep: every page of both apps, as each role that can open it, on a phone and a
// desktop width, in the light and the dark colour scheme: axe-core must report nothing.
// The pages come from the admin navigation (apps/admin/src/nav.ts) and the customer site's
// routes, plus one detail page of each kind found by following the first link of its list,
// so a new page in the navigation is swept without editing this file.
import { expect, test, type Page } from "@playwright/test";
import { NAV } from "../../apps/admin/src/nav";
import { LOGINS, signIn } from "./admin/helpers";
import { expectNoAxeViolations } from "./axe";

const CUSTOMER_URL = process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100";
const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";

const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
const SCHEMES = ["light", "dark"] as const;

const PUBLIC_PAGES = ["/", "/menu", "/book", "/sign-in", "/chat", "/terms", "/privacy"];

let device = 0;
async function signInCustomer(page: Page) {
  const res = await page.request.post(`${CUSTOMER_URL}/api/auth/sign-in/email`, {
    data: LOGINS.customer,
    headers: { origin: CUSTOMER_URL, "x-forwarded-for": `10.8.${process.pid % 250}.${++device}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** The first link on `list` whose path starts with `prefix` and has one more segment. */
async function firstDetail(page: Page, base: string, list: string): Promise<string | null> {
  await page.goto(`${base}${list}`);
  const hrefs = await page
    .locator(`main a[href^="${list}/"]`)
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  // A detail page, not the list's own "New ..." form.
  return (
    hrefs.find((h) => /^\/[\w-]+\/[\w-]+$/.test(h.split("?")[0]!) && !h.endsWith("/new")) ?? null
  );
}

async function sweep(page: Page, base: string, paths: string[], who: string, label: string) {
  for (const path of paths) {
    const res = await page.goto(`${base}${path}`);
    expect(res?.status(), `${path} as ${who}`).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    await expectNoAxeViolations(page, `${path} (${who}, ${label})`);
  }
}

for (const w of WIDTHS) {
  for (const scheme of SCHEMES) {
    const label = `${w.name} ${w.width}px, ${scheme}`;
    test.describe(`axe, ${label}`, () => {
      test.use({ viewport: { width: w.width, height: w.height }, colorScheme: scheme });

      test("customer site, signed out", async ({ page }) => {
        test.setTimeout(120_000);
        await sweep(page, CUSTOMER_URL, PUBLIC_PAGES, "anonymous", label);
      });

      test("customer site, signed in", async ({ page }) => {
        test.setTimeout(120_000);
        await signInCustomer(page);
        const detail = await firstDetail(page, CUSTOMER_URL, "/bookings");
        await sweep(
          page,
          CUSTOMER_URL,
          ["/bookings", ...(detail ? [detail] : []), "/book"],
          "customer",
          label,
        );
      });

      for (const role of ["staff", "owner"] as const) {
        test(`admin, ${role}`, async ({ page }) => {
          test.setTimeout(240_000);
          await signIn(page, role);
          const pages = NAV.filter((n) =>
            n.roles.includes(role === "owner" ? "OWNER" : "STAFF"),
          ).map((n) => n.href);
          const details: string[] = [];
          for (const list of ["/bookings", "/chefs", "/customers", "/conversations"]) {
            const d = await firstDetail(page, ADMIN_URL, list);
            if (d) details.push(d);
          }
          // Pages reached from a button rather than the navigation.
          const forms = ["/bookings/new"];
          await sweep(page, ADMIN_URL, [...pages, ...forms, ...details], role, label);
        });
      }
    });
  }
}
