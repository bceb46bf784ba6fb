// The New booking form as staff first see it (rendered to HTML as the page renders it, the menu
// and today already loaded): every box labelled, the proteins filled in with the usual split for
// the party, and the price and free times waiting for the ZIP code and date.
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { NewBookingForm } from "./new-booking-form";

const MENU = {
  packages: [
    {
      slug: "classic",
      name: "Classic Hibachi",
      adultPriceCents: 6000,
      childPriceCents: 3000,
      proteinsPerGuest: 2,
    },
  ],
  items: [
    { slug: "chicken", name: "Chicken", kind: "PROTEIN", priceCents: 0, pricing: "PER_PERSON" },
    { slug: "steak", name: "NY Steak", kind: "PROTEIN", priceCents: 0, pricing: "PER_PERSON" },
    {
      slug: "lobster",
      name: "Lobster tail",
      kind: "UPGRADE",
      priceCents: 1500,
      pricing: "PER_PERSON",
    },
    { slug: "gyoza", name: "Pork gyoza", kind: "APPETIZER", priceCents: 1000, pricing: "FLAT" },
  ],
  business: { minGuests: 1, maxGuests: 60 },
};

const options = (name: string) => ({
  queryOptions: (input?: unknown) => ({
    queryKey: [name, input ?? null],
    queryFn: () => new Promise(() => {}),
  }),
  mutationOptions: (o: object) => ({ mutationFn: () => new Promise(() => {}), ...o }),
});

vi.mock("~/lib/trpc", () => ({
  useTRPC: () => ({
    bookings: {
      menu: options("menu"),
      businessToday: options("today"),
      availability: options("availability"),
      quote: options("quote"),
      create: options("create"),
    },
  }),
  errorMessage: (e: unknown) => (e ? String((e as Error).message) : null),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }) }));

function render(): string {
  const qc = new QueryClient();
  qc.setQueryData(["menu", null], MENU);
  qc.setQueryData(["today", null], { date: "2026-06-01", timeZone: "America/Los_Angeles" });
  return renderToStaticMarkup(
    <QueryClientProvider client={qc}>
      <NewBookingForm />
    </QueryClientProvider>,
  );
}
const valueOf = (html: string, id: string) =>
  new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? null;

describe("the New booking form", () => {
  const html = render();

  it("labels every box it shows", () => {
    for (const id of [
      "postalCode",
      "adults",
      "children",
      "date",
      "packageSlug",
      "protein-chicken",
      "protein-steak",
      "protein-lobster",
      "extra-gyoza",
      "allergies",
      "line1",
      "line2",
      "city",
      "state",
      "name",
      "email",
      "phone",
      "notes",
    ])
      expect(html, id).toContain(`for="${id}"`);
    expect(html).toContain("Book this party");
  });

  it("fills the proteins with the usual split for the party (10 adults: 10 chicken, 10 steak)", () => {
    expect(valueOf(html, "adults")).toBe("10");
    expect(valueOf(html, "protein-chicken")).toBe("10");
    expect(valueOf(html, "protein-steak")).toBe("10");
    expect(valueOf(html, "protein-lobster")).toBe("0");
    expect(html).toContain("20 portions: 2 per guest.");
    expect(html).toContain("Each upgrade replaces one portion of the");
  });

  it("waits for the ZIP code and date before free times and the price", () => {
    // Each says what is still missing (attack R6-9).
    expect(html).toContain("Free times show once you enter the ZIP and choose a date.");
    expect(html).toContain("The price shows once the party is complete: Enter the ZIP.");
    expect(html).toContain('min="2026-06-01"');
  });

  it("limits the notes and allergies as the server does, with a live counter (attack R7-8)", () => {
    expect(html).toMatch(/id="notes"[^>]*maxLength="1000"/);
    expect(html).toMatch(/id="allergies"[^>]*maxLength="500"/);
    expect(html).toContain('id="notes-hint" class="text-xs text-muted">0/1000 characters.');
    expect(html).toContain('id="allergies-hint" class="text-xs text-muted">0/500 characters.');
  });
});
