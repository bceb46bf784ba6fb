// The review step's savings (steps/savings.tsx): the points choice says how many points and how
// much off, only to a member with points; a refused code shows the server's words beside the
// field and says the booking works without it. Rendered to HTML as the wizard renders them.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { OfferCodeField, PointsChoice } from "./steps/savings";

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
