import { describe, expect, it } from "vitest";
import { bookingEmailHtml, escapeHtml, kitchenOrderHtml, textToHtml } from "./booking-email-html";

const ORDER = {
  packageName: "Classic Hibachi",
  adults: 15,
  children: 2,
  proteins: [
    { slug: "chicken", name: "Hibachi chicken", count: 17, upgrade: false },
    { slug: "filet", name: "Filet <mignon>", count: 1, upgrade: true },
  ],
  extras: [{ slug: "sake", name: "Sake bar", count: 1, unit: "order" as const }],
  allergies: "Peanuts & sesame",
  dietaryNeeds: null as string | null,
  warnings: [] as string[],
  notes: null,
};

describe("the booking email's HTML part", () => {
  it("escapes what people typed", () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;",
    );
  });

  it("shows proteins per type, extras and the allergies (in bold red), never raw markup", () => {
    const html = kitchenOrderHtml(ORDER);
    expect(html).toContain("<strong>Classic Hibachi</strong> for 15 adults and 2 children");
    expect(html).toContain("<li><strong>17</strong> × Hibachi chicken</li>");
    expect(html).toContain("<li><strong>1</strong> × Filet &lt;mignon&gt; (upgrade)</li>");
    expect(html).toContain("<strong>1</strong> order of Sake bar");
    expect(html).toMatch(/font-weight:700;color:#991b1b">Peanuts &amp; sesame</);
    expect(html).not.toContain("Notes");
    expect(html).not.toContain("Dietary needs");
  });

  it("shows the dietary profile's line beside the allergies, escaped", () => {
    const html = kitchenOrderHtml({
      ...ORDER,
      dietaryNeeds: "2 guests avoid shellfish · 1 <vegan>",
    });
    expect(html).toMatch(
      /Dietary needs<\/td><td style="[^"]*font-weight:700;color:#991b1b">2 guests avoid shellfish · 1 &lt;vegan&gt;</,
    );
  });

  it("shows the kitchen warnings in bold red, escaped (finding R1-10)", () => {
    expect(kitchenOrderHtml(ORDER)).not.toContain("Check");
    const html = kitchenOrderHtml({
      ...ORDER,
      warnings: ["⚠ Jumbo tiger shrimp (12) contains shellfish: 12 guests avoid <shellfish>"],
    });
    expect(html).toMatch(
      /Check<\/td><td style="[^"]*font-weight:700;color:#991b1b"><ul[^>]*><li>⚠ Jumbo tiger shrimp \(12\) contains shellfish: 12 guests avoid &lt;shellfish&gt;<\/li>/,
    );
  });

  it("keeps the intro's line breaks and makes extra links clickable", () => {
    expect(textToHtml("Add it:\n  Google: https://calendar.google.com/x?a=1&b=2")).toBe(
      'Add it:\n  Google: <a href="https://calendar.google.com/x?a=1&amp;b=2" style="color:#c2410c">https://calendar.google.com/x?a=1&amp;b=2</a>',
    );
    const html = bookingEmailHtml({
      intro: "Your booking has moved.\n\n  Was: Friday\n  Now: Saturday",
      code: "HB-1",
      when: "Saturday at 6 pm",
      guests: "15 adults, 2 children",
      address: "123 Maple Ave, San Jose",
      kitchenOrder: ORDER,
      priceLines: [{ label: "Adults", amount: "$900.00" }],
      total: "$900.00",
      payments: [],
      paymentsNote: "No payment is taken online: you pay the full total at the event.",
      manageUrl: "https://example.com/bookings/1?token=abc",
      extraText: "Add it to your calendar: https://example.com/cal",
    });
    expect(html).toContain('white-space:pre-line">Your booking has moved.\n\n  Was: Friday');
    expect(html).toContain('<a href="https://example.com/cal" style="color:#c2410c">');
    expect(html).toContain('href="https://example.com/bookings/1?token=abc"');
  });
});
