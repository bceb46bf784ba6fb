// Menu recommendations with a dietary profile (issue 16), the "Done when": a customer
// declares a shellfish allergy in the wizard ("2 guests avoid shellfish"), is never shown a
// shellfish dish or upsell (not in the cards, nor in anything the server answered), accepts an
// appetizer suggestion with the keyboard, and the quote, the booking row and the admin booking
// show it. On a phone (390 px: nothing wider than the screen, axe clean) and a desktop.
//
// Needs the three branches of issue 16 merged (rec-data: Booking.dietaryProfile, the booking
// input and the admin booking's profile line; rec-engine: the operations, the default rules in
// the seed; rec-wizard: the wizard). Run after building the apps:
//   pnpm turbo run build --filter=@myhibachi/customer --filter=@myhibachi/admin
//   pnpm exec playwright test tests/e2e/recommendations.spec.ts
import {
  expect,
  test,
  type APIRequestContext,
  type Page,
  type Request,
  type Response,
} from "@playwright/test";
import { money, query } from "./db";
import { signIn } from "./admin/helpers";
import { axeViolations } from "./axe";
import { pickLastFreeTime } from "./free-time";

const ADMIN_URL = process.env.ADMIN_URL ?? "http://127.0.0.1:3101";
const ZIP = "95125";
const ADULTS = 12;

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/**
 * A session key in the treatment arm, asked of the running app: the arm is an HMAC of the key
 * with the server's secret (packages/core/src/recommendations/arm.ts), so a client can't compute
 * it. The first call stores the session with its arm, so each candidate is a fresh key and the
 * first that comes back "treatment" is used (the wizard then finds its session stored). The test
 * checks the stored arm too.
 */
async function treatmentKey(request: APIRequestContext, prefix: string): Promise<string> {
  const origin = new URL(process.env.CUSTOMER_URL ?? "http://127.0.0.1:3100").origin;
  for (let i = 0; i < 20; i++) {
    const key = `${prefix}-${Date.now().toString(36)}-${i}`;
    const res = await request.post("/api/v1/suggestions", {
      headers: { origin },
      data: {
        sessionKey: key,
        surface: "wizard-menu",
        selection: {
          packageSlug: "classic",
          adults: ADULTS,
          children: 0,
          proteins: { chicken: ADULTS * 2 },
          extras: {},
        },
        profile: { avoid: [{ value: "shellfish", guests: 2 }], diets: [], likes: [] },
      },
    });
    expect(res.status(), await res.text()).toBe(200);
    if (((await res.json()) as { arm: string }).arm === "treatment") return key;
  }
  throw new Error("20 fresh session keys in a row drew the hold-out: check the hold-out share");
}

interface Selection {
  packageSlug: string;
  proteins: Record<string, number>;
  extras: Record<string, number>;
}
interface Suggestion {
  rule: string;
  title: string;
  reason: string;
  selection: Selection;
  revenueDeltaCents: number;
}
interface CatalogItem {
  slug: string;
  name: string;
  kind: string;
  allergens: string[];
}

/** axe (light and dark) and nothing wider than the screen: one line per problem. */
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

for (const vp of VIEWPORTS) {
  test(`a shellfish allergy, no shellfish suggested, an appetizer accepted, quoted and booked (${vp.name})`, async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const found: string[] = [];
    const check = async (where: string) =>
      found.push(...(await checkPage(page)).map((v) => `${where} (${vp.name}): ${v}`));

    const catalog = (await (await request.get("/api/trpc/catalog.get")).json()).result.data
      .json as { items: CatalogItem[] };
    const byslug = new Map(catalog.items.map((i) => [i.slug, i]));
    const shellfish = catalog.items.filter((i) => i.allergens.includes("shellfish"));
    expect(shellfish.map((i) => i.slug)).toEqual(
      expect.arrayContaining(["shrimp", "jumbo-shrimp", "lobster-tail", "sushi-platter"]),
    );
    const SHELLFISH_WORDS = /shrimp|prawn|lobster|scallop|crab|sushi|shellfish/i;

    // Every suggestion the browser asked for and every answer it got.
    const asked: { profile: unknown; surface: string }[] = [];
    const answered: Suggestion[] = [];
    const answers: Promise<void>[] = [];
    page.on("request", (r: Request) => {
      if (!r.url().includes("/api/trpc/recommendations.suggestForSelection")) return;
      const input = (r.postDataJSON() as { json: { profile: unknown; surface: string } }).json;
      asked.push({ profile: input.profile, surface: input.surface });
    });
    page.on("response", (r: Response) => {
      if (!r.url().includes("/api/trpc/recommendations.suggestForSelection")) return;
      answers.push(
        r
          .json()
          .then((b: { result?: { data: { json: { suggestions: Suggestion[] } } } }) => {
            answered.push(...(b.result?.data.json.suggestions ?? []));
          })
          // A request the page dropped (the party changed meanwhile) has no body to read.
          .catch(() => {}),
      );
    });

    // This visit's session key, in the treatment arm (kept in the draft, as the wizard keeps it).
    const key = await treatmentKey(request, `e2e-rec-${vp.name}`);
    await page.goto("/book");
    await expect(page).toHaveURL(/step=when/);
    await page.evaluate(
      (k) =>
        localStorage.setItem(
          "mh-booking-draft",
          JSON.stringify({ v: 1, at: Date.now(), draft: { suggestionKey: k } }),
        ),
      key,
    );
    await page.goto("/book");
    // The stored draft is read back once the page is up (then written again whole, with the
    // package): type only after that, or the draft's empty ZIP replaces the typed one.
    await page.waitForFunction(
      () =>
        !!(
          JSON.parse(localStorage.getItem("mh-booking-draft") ?? "{}") as {
            draft?: { packageSlug?: string };
          }
        ).draft?.packageSlug,
    );
    await page.getByLabel("Party ZIP code").fill(ZIP);
    await page.getByRole("button", { name: "More adults" }).click(); // 11
    await page.getByRole("button", { name: "More adults" }).click(); // 12
    await expect(page.getByRole("textbox", { name: "adults", exact: true })).toHaveValue(
      String(ADULTS),
    );
    await pickLastFreeTime(page, { fromNextMonth: true });
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/step=menu/);

    // The question comes first, once; nothing is suggested before it is answered (a party of
    // 12 with half chicken is exactly who the jumbo-shrimp rule is for).
    const dietary = page.getByTestId("dietary-profile");
    await expect(
      dietary.getByRole("group", { name: "Does anyone avoid any of these?" }),
    ).toBeVisible();
    await expect(
      dietary.getByRole("group", { name: "Does anyone keep one of these diets?" }),
    ).toBeVisible();
    await page.waitForTimeout(1500);
    expect(asked, "suggestions asked for before the allergies question was answered").toEqual([]);
    await expect(page.getByTestId("suggestion")).toHaveCount(0);

    // Shellfish, ticked with the keyboard, for 2 guests.
    const box = dietary.getByRole("checkbox", { name: "Shellfish", exact: true });
    await box.focus();
    await page.keyboard.press("Space");
    await expect(box).toBeChecked();
    const count = dietary.getByRole("textbox", { name: "guests who avoid shellfish" });
    await expect(count).toHaveValue(""); // blank: not sure, until said
    await dietary.getByRole("button", { name: "More guests who avoid shellfish" }).click();
    await dietary.getByRole("button", { name: "More guests who avoid shellfish" }).click();
    await expect(count).toHaveValue("2");

    // Every shellfish protein is marked on its row, none is chosen; Premium's default third
    // protein is not shrimp.
    for (const i of shellfish.filter((x) => x.kind === "PROTEIN" || x.kind === "UPGRADE")) {
      const row = page.locator("li", { has: page.locator(`#protein-${i.slug}`) });
      await expect(row.getByTestId("unsafe-mark"), i.name).toContainText("Contains shellfish");
      await expect(page.locator(`#protein-${i.slug}`)).toHaveValue("0");
    }
    await expect(
      page.locator("li", { has: page.locator("#protein-chicken") }).getByTestId("unsafe-mark"),
    ).toHaveCount(0);
    await page.getByRole("radio", { name: "Premium Hibachi" }).check();
    await expect(page.getByTestId("portions-counter")).toContainText("36 of 36 portions chosen");
    await expect(page.locator("#protein-shrimp")).toHaveValue("0");
    await page.getByRole("radio", { name: "Classic Hibachi" }).check();
    await expect(page.getByTestId("portions-counter")).toContainText("24 of 24 portions chosen");

    // "Popular with parties like yours": the appetizer for Classic, never a shellfish one.
    const cards = page.getByTestId("suggestion");
    const appetizer = page.locator('[data-testid="suggestion"][data-rule="appetizer-for-classic"]');
    await expect(appetizer).toBeVisible({ timeout: 15_000 });
    await expect(
      page.getByRole("heading", { name: "Popular with parties like yours" }),
    ).toBeVisible();
    await expect(cards.filter({ hasText: SHELLFISH_WORDS })).toHaveCount(0);
    expect(await cards.count()).toBeLessThanOrEqual(2);
    await expect(appetizer.getByTestId("suggestion-price")).toHaveText(/^\+\$\d[\d,]*\.\d\d$/);
    await check("menu with a profile and suggestions");

    // Every request carried the profile; the stored session is in the treatment arm.
    await Promise.all(answers);
    expect(asked.length).toBeGreaterThan(0);
    for (const a of asked) expect(a.profile).toMatchObject({ avoid: [{ value: "shellfish" }] });
    const [session] = await query<{ arm: string }>(
      `SELECT arm FROM "RecommendationSession" WHERE key = $1`,
      [key],
    );
    expect(session?.arm, "the test's key should draw the treatment arm (see treatmentKey)").toBe(
      "treatment",
    );
    const offered = [...answered].reverse().find((s) => s.rule === "appetizer-for-classic")!;
    expect(offered).toBeTruthy();
    const added = Object.entries(offered.selection.extras).filter(
      ([slug, n]) => n > 0 && byslug.get(slug)?.kind === "APPETIZER",
    );
    expect(added).toHaveLength(1);
    const [appSlug, appCount] = added[0]!;
    const appName = byslug.get(appSlug)!.name;

    // Add, with the keyboard: the selection is the suggestion's, the quote follows.
    const add = appetizer.getByRole("button", { name: "Add" });
    // Described by its card's title and price ("Add vegetable spring rolls +$65.40").
    await expect(add).toHaveAccessibleDescription(
      new RegExp(`^${offered.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\+\\$`),
    );
    await add.focus();
    await page.keyboard.press("Enter");
    await expect(appetizer).toHaveCount(0);
    await expect(
      page.getByRole("status").filter({ hasText: `Added: ${offered.title}` }),
    ).toHaveCount(1);
    // The focus stays in the suggestions (not lost to the top of the page).
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    const selection = { ...offered.selection, adults: ADULTS, children: 0 };
    const q = await request.get(
      `/api/trpc/booking.quote?input=${encodeURIComponent(
        JSON.stringify({ json: { selection, postalCode: ZIP } }),
      )}`,
    );
    const quote = (await q.json()).result.data.json as {
      totalCents: number;
      lines: { label: string; totalCents: number }[];
    };
    await expect(page.getByTestId("sidebar-total")).toContainText(money(quote.totalCents));

    // Extras: the appetizer is there for everyone; the sushi platter is marked and not chosen.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/step=extras/);
    await expect(page.locator(`#extra-${appSlug}`)).toHaveValue(String(appCount));
    await expect(
      page.locator("li", { has: page.locator("#extra-sushi-platter") }).getByTestId("unsafe-mark"),
    ).toContainText("Contains shellfish");
    await expect(page.locator("#extra-sushi-platter")).toHaveValue("0");

    // Address and contact.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/step=details/);
    await page.getByLabel("Street address").fill("88 Shellfree Court");
    await page.getByLabel("Your name").fill("Rec Tester");
    await page.getByLabel("Email").fill(`rec-${vp.name}-${Date.now()}@example.com`);
    await page.getByLabel("Mobile phone").fill("(408) 555-0166");

    // Review: the profile in words, the appetizer in the order and the quote engine's price,
    // and still nothing with shellfish suggested.
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/step=review/);
    const order = page.getByRole("region", { name: "Your order for the chef" });
    await expect(order.getByTestId("dietary-needs")).toHaveText("2 guests avoid shellfish");
    await expect(order).toContainText(`${appCount} servings of ${appName}`);
    await expect(page.getByTestId("quote-total")).toHaveText(money(quote.totalCents));
    await expect(page.getByTestId("quote-table")).toContainText(appName);
    await page.waitForTimeout(1500); // the review step's own suggestions, if any, have come
    await expect(cards.filter({ hasText: SHELLFISH_WORDS })).toHaveCount(0);
    await expect(appetizer).toHaveCount(0); // taken: not offered again
    await check("review");

    // Nothing the server answered in this visit had a shellfish dish in it.
    await Promise.all(answers);
    for (const s of answered) {
      const dishes = [
        ...Object.entries(s.selection.proteins),
        ...Object.entries(s.selection.extras),
      ]
        .filter(([, n]) => n > 0)
        .map(([slug]) => slug);
      expect(
        dishes.filter((slug) => shellfish.some((i) => i.slug === slug)),
        `${s.rule}: ${s.title}`,
      ).toEqual([]);
      expect(`${s.title} ${s.reason}`).not.toMatch(SHELLFISH_WORDS);
    }

    // Booked: the booking row has the profile and the appetizer; the session is linked to it and
    // the acceptance recorded.
    await page.getByRole("button", { name: /Confirm booking/ }).click();
    await expect(
      page.getByRole("heading", { name: "Almost done: confirm your booking" }),
    ).toBeVisible();
    const code = (await page.getByRole("heading", { name: /^Booking HB-/ }).textContent())!.replace(
      "Booking ",
      "",
    );
    const [row] = await query<{
      id: string;
      dietaryProfile: unknown;
      selection: Selection;
    }>(`SELECT id, "dietaryProfile", selection FROM "Booking" WHERE code = $1`, [code]);
    expect(row!.dietaryProfile).toEqual({
      avoid: [{ value: "shellfish", guests: 2 }],
      diets: [],
      likes: [],
    });
    expect(row!.selection.extras).toEqual(offered.selection.extras);
    expect(row!.selection.proteins).toEqual(offered.selection.proteins);
    const events = await query<{ ruleSlug: string; outcome: string; bookingId: string | null }>(
      `SELECT e."ruleSlug", e.outcome, s."bookingId"
         FROM "RecommendationEvent" e JOIN "RecommendationSession" s ON s.id = e."sessionId"
        WHERE s.key = $1`,
      [key],
    );
    expect(events.every((e) => e.bookingId === row!.id)).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ ruleSlug: "appetizer-for-classic", outcome: "ACCEPTED" }),
    );
    // Booked: the draft (and with it the session key) is gone.
    expect(await page.evaluate(() => localStorage.getItem("mh-booking-draft"))).toBeNull();

    // The admin booking shows the profile and the appetizer.
    await signIn(page, "staff");
    await page.goto(`${ADMIN_URL}/bookings/${row!.id}`);
    await expect(page.getByRole("heading", { level: 1, name: `Booking ${code}` })).toBeVisible();
    const kitchen = page.getByRole("region", { name: "Kitchen order" });
    await expect(kitchen.getByTestId("dietary-needs")).toHaveText("2 guests avoid shellfish");
    await expect(kitchen).toContainText(`${appCount} servings of ${appName}`);

    expect(found, found.join("\n")).toEqual([]);
  });
}
