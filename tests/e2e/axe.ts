// Accessibility check shared by the e2e specs: axe-core (the engine behind Lighthouse's and
// Deque's audits) run on the page as it is now. Fails with one readable line per violation
// (rule, impact, the offending elements), so a report says what to fix, not just "failed".
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0/2.1/2.2 A and AA plus axe's best practices (headings, landmarks, regions). */
export const AXE_TAGS = [
  "wcag2a",
  "wcag2aa",
  "wcag21a",
  "wcag21aa",
  "wcag22aa",
  "best-practice",
] as const;

export async function axeViolations(page: Page): Promise<string[]> {
  // Colours still fading (a button's transition-colors after a click, or every colour after the
  // test switched the colour scheme) would be measured half-way: let finite transitions and
  // animations end first (at most 2 s; a spinner's endless animation is not waited for).
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]),
  );
  const result = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help} -> ${v.nodes
        .slice(0, 4)
        .map((n) => n.target.join(" "))
        .join(" | ")}${v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : ""}`,
  );
}

/** Asserts axe finds nothing on the page; `where` names the page and width in the failure. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  expect(found, `axe violations on ${where}:\n${found.join("\n")}`).toEqual([]);
}
