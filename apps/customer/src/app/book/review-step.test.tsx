// The Review step writes the phone number the way the rest of the product does (attack R5-12:
// "4085551234" as typed, while the admin, the prep sheet and the emails say "(408) 555-1234").
// Rendered to HTML (react-dom/server) as the wizard renders the step.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { emptyDraft } from "./draft";
import { ReviewStep } from "./steps/review-step";
import { draftMenu, type Catalog } from "./types";

const catalog = {
  business: { maxGuests: 60, minGuests: 1, payments: "pay-at-event", phone: "(408) 555-0142" },
  packages: [{ slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 }],
  items: [],
} as unknown as Catalog;
const menu = draftMenu(catalog);

function contactLine(phone: string) {
  const draft = {
    ...emptyDraft(menu),
    postalCode: "95112",
    contact: { name: "Dana Lee", email: "dana@example.com", phone },
  };
  const html = renderToStaticMarkup(
    <ReviewStep
      draft={draft}
      dispatch={() => {}}
      catalog={catalog}
      menu={menu}
      prefill={null}
      quote={undefined}
      slotLabel="6:00 PM"
      depositTerms={null}
      serverError={null}
      alternatives={[]}
      onPickAlternative={() => {}}
      onEdit={() => {}}
    />,
  );
  return /Dana Lee · dana@example.com · ([^<]*)</.exec(html.replace(/<!-- -->/g, ""))?.[1];
}

describe("the review step", () => {
  it("writes a North American number as (408) 555-1234, however it was typed", () => {
    expect(contactLine("4085551234")).toBe("(408) 555-1234");
    expect(contactLine("408 555 1234")).toBe("(408) 555-1234");
  });

  it("leaves another country's number as typed", () => {
    expect(contactLine("+44 20 7946 0958")).toBe("+44 20 7946 0958");
  });
});
