// The booking wizard's date step as the customer sees it (attack finding F17): after a refused
// Continue, a time that stopped being free, a saved date that has passed, a day whose times
// couldn't load or a party too big, each problem is said once, beside its input, with one
// role="alert". Rendered to HTML (react-dom/server) with the step's real checks (checks.ts) and
// the wizard's placement (messages.ts), the step and the bar under it together, as the wizard
// shows them. Expected sentences are written here by hand.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { stepIssues } from "./checks";
import { emptyDraft, type BookingDraft, type DraftMenu } from "./draft";
import * as messages from "./messages";
import { placeIssues, zipRefusal } from "./messages";
import { openingMonth } from "./availability-calendar";
import { WhenStep } from "./steps/when-step";
import type { Catalog } from "./types";
import { WizardNav } from "./wizard-nav";

const PHONE = "(408) 555-0142";
const menu: DraftMenu = {
  packages: [{ slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 }],
  items: [
    { slug: "chicken", name: "Chicken", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
    { slug: "steak", name: "Steak", kind: "PROTEIN", pricing: "PER_PERSON", priceCents: 0 },
  ],
  maxGuests: 60,
};
const catalog = { business: { maxGuests: 60, phone: PHONE } } as unknown as Catalog;

/** Saturday, March 13, 2027. */
const DAY = "2027-03-13";
const SIX_PM = 18 * 60;
const slot = (startMinute: number) => ({
  date: DAY,
  startMinute,
  label: `${startMinute / 60 - 12}:00 PM`,
  depositTerms: null,
});

interface Scene {
  draft?: Partial<BookingDraft>;
  /** Continue was pressed (the step's problems are shown). */
  continued?: boolean;
  freeTimes?: ReturnType<typeof slot>[];
  day?: { fetching: boolean; failed: boolean };
  lostTime?: { date: string; startMinute: number; guests: number } | null;
  pastDate?: string | null;
  /** The server refused the ZIP (outside our service area): messages.ts `zipRefusal`. */
  zipRefused?: string | null;
  /** The month the calendar shows, and today (default March 2027, seen on February 1). */
  month?: string;
  today?: string;
  /** Nothing free from the month shown up to this date, the window's last. */
  nothingFreeUntil?: string | null;
}

/** The date step and the bar under it, as HTML and as the text a person reads. */
function render(s: Scene) {
  const draft: BookingDraft = { ...emptyDraft(menu), postalCode: "95125", ...s.draft };
  const dateSlots = s.freeTimes ?? [];
  const slotFree =
    draft.date && draft.startMinute !== null
      ? dateSlots.some((x) => x.startMinute === draft.startMinute)
      : undefined;
  const zipRefused = s.zipRefused ?? null;
  const issues = s.continued
    ? stepIssues("when", draft, menu, { phone: PHONE, slotFree, zipRefused })
    : [];
  const { errors, bar } = placeIssues("when", issues);
  const html = renderToStaticMarkup(
    <>
      <WhenStep
        draft={draft}
        dispatch={() => {}}
        catalog={catalog}
        menu={menu}
        errors={errors}
        month={s.month ?? "2027-03-01"}
        today={s.today ?? "2027-02-01"}
        maxMonth="2027-08-01"
        nothingFreeUntil={s.nothingFreeUntil ?? null}
        dateSlots={dateSlots}
        day={s.day ?? { fetching: false, failed: false }}
        lostTime={s.lostTime ?? null}
        messages={messages}
        pastDate={s.pastDate ?? null}
        zipRefused={zipRefused}
      />
      <WizardNav
        total={null}
        message={bar}
        onBack={() => {}}
        backDisabled
        primary={{ label: "Continue", onClick: () => {} }}
      />
    </>,
  );
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  const alerts = [...html.matchAll(/role="alert"/g)].length;
  const times = (sentence: string) => text.split(sentence).length - 1;
  return { html, text, alerts, times };
}

describe("the date step says each problem once, beside its input", () => {
  it("Continue without a ZIP: under the ZIP field only", () => {
    const r = render({ draft: { postalCode: "" }, continued: true });
    expect(r.times("Enter the ZIP code of the party address.")).toBe(1);
    expect(r.alerts).toBe(1);
  });

  it("Continue without a date: above the calendar only, not again in the bar", () => {
    const r = render({ continued: true });
    expect(r.times("Pick a date in the calendar.")).toBe(1);
    expect(r.alerts).toBe(1);
  });

  it("Continue with a day but no time: in the start times only", () => {
    const r = render({
      draft: { date: DAY },
      freeTimes: [slot(17 * 60), slot(SIX_PM)],
      continued: true,
    });
    expect(r.times("Pick a start time for Saturday, March 13.")).toBe(1);
    expect(r.alerts).toBe(1);
  });

  it("the chosen time was taken meanwhile: one message in the start times, before and after Continue", () => {
    const lostTime = { date: DAY, startMinute: SIX_PM, guests: 10 };
    for (const continued of [false, true]) {
      const r = render({ draft: { date: DAY }, freeTimes: [slot(17 * 60)], lostTime, continued });
      expect(r.times("The 6:00 PM start is no longer free for 10 guests. Pick another time.")).toBe(
        1,
      );
      // Not also "pick a start time", nor a second notice about the same time.
      expect(r.text).not.toMatch(/Pick a start time|not free for 10 guests any more/);
      expect(r.alerts).toBe(1);
    }
  });

  it("the chosen time was taken and no other time is left that day: one message saying both", () => {
    const r = render({
      draft: { date: DAY },
      freeTimes: [],
      lostTime: { date: DAY, startMinute: SIX_PM, guests: 10 },
      continued: true,
    });
    expect(
      r.times(
        "The 6:00 PM start is no longer free for 10 guests, and no other time that day is. Pick another day.",
      ),
    ).toBe(1);
    expect(r.text).not.toMatch(/No free start times|Pick a start time/);
    expect(r.alerts).toBe(1);
  });

  it("a day with no free time left: one sentence, an alert only once Continue was refused", () => {
    const before = render({ draft: { date: DAY }, freeTimes: [] });
    expect(before.times("No free start times on this day any more. Pick another day.")).toBe(1);
    expect(before.alerts).toBe(0);
    const after = render({ draft: { date: DAY }, freeTimes: [], continued: true });
    expect(after.times("No free start times on this day any more. Pick another day.")).toBe(1);
    expect(after.text).not.toMatch(/Pick a start time/);
    expect(after.alerts).toBe(1);
  });

  it("a saved date that has passed: said above the calendar once, and Continue doesn't add 'Pick a date'", () => {
    for (const continued of [false, true]) {
      const r = render({ pastDate: "2020-03-14", continued });
      expect(
        r.times(
          "The date you picked before, Saturday, March 14, has passed. Please pick a new date.",
        ),
      ).toBe(1);
      expect(r.text).not.toMatch(/Pick a date in the calendar/);
      expect(r.alerts).toBe(1);
    }
  });

  it("the day's times couldn't be loaded: the start times don't repeat the calendar's message", () => {
    const r = render({
      draft: { date: DAY },
      freeTimes: [],
      day: { fetching: false, failed: true },
    });
    // (The calendar itself says why, with "Try again"; the start times stay quiet.)
    const times = /<fieldset[^>]*id="start-times"[\s\S]*?<\/fieldset>/.exec(r.html)![0];
    expect(times.replace(/<legend[\s\S]*?<\/legend>/, "").replace(/<[^>]+>/g, "")).toBe("");
    expect(r.alerts).toBe(0);
  });

  it("a party too big: said beside the guest counts once (before and after Continue), no calendar to repeat it", () => {
    const before = render({ draft: { adults: 61 } });
    expect(before.times("We can cook for up to 60 guests in one booking online")).toBe(1);
    expect(before.alerts).toBe(1);
    expect(before.html).not.toContain('role="grid"');
    const after = render({ draft: { adults: 61 }, continued: true });
    expect(after.times("We can cook for up to 60 guests in one booking online")).toBe(1);
    expect(after.alerts).toBe(1);
    expect(after.html).not.toContain('role="grid"');
  });

  it("a ZIP outside our service area: said once, under the ZIP field (its description), no calendar, no Try again", () => {
    const OUTSIDE =
      "Sorry, ZIP 99999 is outside our service area (we cover a list of ZIP codes around San Jose, CA, none farther than 50 miles, and 99999 isn't on it). Call us at (408) 555-0142 and we'll see what we can do.";
    // As the availability query's error arrives: routed by its data (details.field), not its words.
    const refused = zipRefusal({
      message: OUTSIDE,
      data: {
        httpStatus: 400,
        code: "BAD_REQUEST",
        details: { field: "postalCode", outsideServiceArea: true },
      },
    });
    expect(refused).toBe(OUTSIDE);
    for (const [continued, date] of [
      [false, null],
      [true, null],
      [true, DAY],
    ] as const) {
      const r = render({
        draft: { postalCode: "99999", date, startMinute: date ? SIX_PM : null },
        zipRefused: refused,
        day: { fetching: false, failed: false },
        continued,
      });
      expect(r.times(OUTSIDE)).toBe(1);
      expect(r.alerts).toBe(1);
      // Beside the ZIP input, as its accessible description.
      expect(r.html).toMatch(/<input[^>]*id="postalCode"[^>]*aria-describedby="postalCode-error"/);
      const said = /<p id="postalCode-error" role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(r.html);
      expect(said?.[1]?.replace(/&#x27;/g, "'")).toBe(OUTSIDE);
      // No calendar, start times or Continue message to repeat it, and nothing to retry.
      expect(r.html).not.toContain('role="grid"');
      expect(r.html).not.toContain('id="start-times"');
      expect(r.text).not.toMatch(/Try again|Pick a date|Pick a start time/);
    }
  });

  it("a ZIP refused with no date or time kept: Continue takes the customer to the ZIP field", () => {
    const issues = stepIssues("when", { ...emptyDraft(menu), postalCode: "99999" }, menu, {
      phone: PHONE,
      zipRefused: "Sorry, ZIP 99999 is outside our service area.",
    });
    expect(issues.map((i) => i.field)).toEqual(["postalCode"]);
  });
});

describe("the calendar opens on the first month with a free day (G12)", () => {
  /** The calendar's month heading and the grid's name, as a screen reader hears them. */
  const shown = (html: string) => ({
    heading: /<h3[^>]*>([^<]*)<\/h3>/.exec(html)?.[1],
    grid: /role="grid" aria-label="([^"]*)"/.exec(html)?.[1],
  });

  it("late in March, nothing left this month (48 hours' notice): it opens on April, where the first free day is", () => {
    // The answer for March says the first date with a free time from March on (firstFreeDate).
    const month = openingMonth("2027-03-30", { firstFreeDate: "2027-04-02" });
    const r = render({ month, today: "2027-03-30" });
    expect(shown(r.html)).toEqual({ heading: "April 2027", grid: "Available dates, April 2027" });
    // March is still one click back.
    const previous = /<button[^>]*aria-label="Previous month"[^>]*>/.exec(r.html)?.[0];
    expect(previous).toBeDefined();
    expect(previous).not.toMatch(/\sdisabled=""/);
    expect(r.text).not.toMatch(/No free times/);
  });

  it("a month with a free day left opens on itself; no answer yet, on this month", () => {
    expect(openingMonth("2027-03-10", { firstFreeDate: "2027-03-12" })).toBe("2027-03-01");
    expect(openingMonth("2027-03-10")).toBe("2027-03-01");
    expect(openingMonth("2027-03-10", { firstFreeDate: null })).toBe("2027-03-01");
  });

  it("nothing free in the whole booking window: says so once, in words, not 'try the next month'", () => {
    const r = render({ month: "2027-03-01", today: "2027-03-10", nothingFreeUntil: "2027-09-06" });
    expect(shown(r.html).heading).toBe("March 2027");
    const said =
      "No free times for 10 guests from March 2027 through Monday, September 6, 2027, as far ahead as we take bookings.";
    expect(r.times(said)).toBe(1);
    expect(r.html).toContain(
      `<p role="status" class="text-sm">${said.replace(/'/g, "&#x27;")}</p>`,
    );
    expect(r.text).not.toMatch(/Try the next month|No free times in March/);
    expect(r.alerts).toBe(0);
  });
});
