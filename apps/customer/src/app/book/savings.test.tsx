// The review step's savings (steps/savings.tsx): the points choice says how many points and how
// much off, only to a member with points; a refused code shows the server's words beside the
// field and says the booking works without it. Rendered to HTML as the wizard renders them.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OfferCodeField, parsePointsChoice, PointsChoice } from "./steps/savings";

const html = (el: React.ReactElement) => renderToStaticMarkup(el).replace(/<!-- -->/g, "");
const none = () => {};

describe("points on the review step", () => {
  it("a member sees 'Use N points ($X off)' for the most this party can take, and their balance", () => {
    const out = html(
      <PointsChoice
        points={{ balance: 3050, maxRedeemable: 3000, pointsPerDollar: 100 }}
        savings={{ redeemPoints: 3000 }}
        onSavings={none}
      />,
    );
    expect(out).toContain("Use 3,000 points ($30.00 off)");
    expect(out).toContain("You have 3,050 points. 100 points = $1 off the food, in whole dollars.");
    expect(out).toMatch(
      /data-testid="use-points"[^>]*checked=""|checked=""[^>]*data-testid="use-points"/,
    );
  });

  it("ticked, a number field picks any multiple of 100 up to the most usable (it starts there)", () => {
    const out = html(
      <PointsChoice
        points={{ balance: 3050, maxRedeemable: 3000, pointsPerDollar: 100 }}
        savings={{ redeemPoints: 1200 }}
        onSavings={none}
      />,
    );
    expect(out).toContain("Use 1,200 points ($12.00 off)");
    const field = /<input[^>]*data-testid="points-amount"[^>]*>/.exec(out)?.[0] ?? "";
    expect(field).toContain('type="number"');
    expect(field).toContain('min="100"');
    expect(field).toContain('max="3000"');
    expect(field).toContain('step="100"');
    expect(field).toContain('value="1200"');
    expect(out).toContain("Points to use");
    expect(out).toContain("of 3,000 (in steps of 100)");
  });

  it("unticked: 'Use up to N points' and no number field", () => {
    const out = html(
      <PointsChoice
        points={{ balance: 3050, maxRedeemable: 3000, pointsPerDollar: 100 }}
        savings={{}}
        onSavings={none}
      />,
    );
    expect(out).toContain("Use up to 3,000 points ($30.00 off)");
    expect(out).not.toContain("points-amount");
  });

  it("the typed number: a multiple of 100 from 100 to the most usable, else words saying what to type", () => {
    expect(parsePointsChoice("1200", 3000)).toEqual({ points: 1200 });
    expect(parsePointsChoice("1,200", 3000)).toEqual({ points: 1200 });
    expect(parsePointsChoice("100", 3000)).toEqual({ points: 100 });
    expect(parsePointsChoice("3000", 3000)).toEqual({ points: 3000 });
    expect(parsePointsChoice("1250", 3000)).toEqual({
      error: "Points are used in steps of 100: 1,200 or 1,300?",
    });
    expect(parsePointsChoice("3100", 3000)).toEqual({
      error:
        "This party can take at most 3,000 points. Choose 100 to 3,000 points, in steps of 100.",
    });
    for (const junk of ["", "0", "50", "-100", "12.5", "abc", "1e3"])
      expect(parsePointsChoice(junk, 3000)).toEqual({
        error: "Choose 100 to 3,000 points, in steps of 100.",
      });
  });

  it("a visitor (no points object) and a member with no points see nothing", () => {
    expect(html(<PointsChoice points={null} savings={{}} onSavings={none} />)).toBe("");
    expect(
      html(
        <PointsChoice
          points={{ balance: 0, maxRedeemable: 0, pointsPerDollar: 100 }}
          savings={{}}
          onSavings={none}
        />,
      ),
    ).toBe("");
  });

  it("points spent meanwhile: the server's words beside the choice", () => {
    const out = html(
      <PointsChoice
        points={{ balance: 0, maxRedeemable: 0, pointsPerDollar: 100 }}
        savings={{ error: { field: "redeemPoints", message: "You have 0 points ($0.00) now." } }}
        onSavings={none}
      />,
    );
    expect(out).toContain("You have 0 points ($0.00) now.");
    expect(out).toContain('role="alert"');
  });
});

describe("the offer code on the review step", () => {
  it("is collapsed behind 'Have a code?' until used", () => {
    const out = html(<OfferCodeField savings={{}} onSavings={none} />);
    expect(out).toContain("<summary");
    expect(out).toContain("Have a code?");
    expect(out).not.toContain("open");
  });

  it("a refused code: open, the server's message beside the field, and the booking works without it", () => {
    const out = html(
      <OfferCodeField
        savings={{
          error: {
            field: "offerCode",
            message: "The code SAVE-AAAA2222 was already used: each code works for one booking.",
          },
        }}
        onSavings={none}
      />,
    );
    expect(out).toContain("<details open");
    expect(out).toContain(
      "The code SAVE-AAAA2222 was already used: each code works for one booking. You can book without it.",
    );
    expect(out).toContain('aria-describedby="offerCode-error"');
  });

  it("an applied code says so and can be removed", () => {
    const out = html(<OfferCodeField savings={{ offerCode: "SAVE-7K2QXA9M" }} onSavings={none} />);
    expect(out).toContain("Code SAVE-7K2QXA9M applied.");
    expect(out).toContain("Remove");
  });
});
