// The wizard's details step for a signed-in customer and for a visitor: the signed-in customer
// sees whose account they book as ("Booking as ... Not you? Sign out") and what the email they
// book with means (their account's: it shows in My bookings; another: it doesn't); a visitor sees
// none of it. Rendered to HTML (react-dom/server) as the wizard renders the step.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { emptyDraft, prefillDraft, type BookingDraft, type DraftPrefill } from "./draft";
import { DetailsStep, emailHintFor } from "./steps/details-step";
import { draftMenu, type Catalog } from "./types";

const catalog = {
  business: { maxGuests: 60, minGuests: 1, payments: "pay-at-event", phone: "(408) 555-0142" },
  packages: [{ slug: "classic", name: "Classic Hibachi", proteinsPerGuest: 2 }],
  items: [],
} as unknown as Catalog;
const menu = draftMenu(catalog);

const prefill: DraftPrefill = {
  accountEmail: "dana@example.com",
  emailVerified: true,
  contact: { name: "Dana Lee", email: "dana@example.com", phone: "(408) 555-0199" },
  address: {
    line1: "123 Maple Ave",
    line2: "",
    city: "San Jose",
    state: "CA",
    postalCode: "95125",
  },
};

function render(draft: BookingDraft, p: DraftPrefill | null) {
  return renderToStaticMarkup(
    <DetailsStep
      draft={draft}
      dispatch={() => {}}
      catalog={catalog}
      menu={menu}
      errors={{}}
      prefill={p}
    />,
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/\s+/g, " ");
const valueOf = (html: string, id: string) =>
  new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ??
  new RegExp(`value="([^"]*)"[^>]*id="${id}"`).exec(html)?.[1];

describe("the details step", () => {
  it("asks for SMS consent with an unticked box, ticked only by the customer", () => {
    const html = render({ ...emptyDraft(menu), postalCode: "95125" }, null);
    expect(text(html)).toContain("Text me about my booking and offers (reply STOP to opt out)");
    expect(html).toMatch(/<input type="checkbox"(?![^>]*checked)[^>]*>/);
    // Never prefilled from the account: a signed-in customer's box starts unticked too.
    const signedIn = prefillDraft({ ...emptyDraft(menu), postalCode: "95125" }, prefill);
    expect(render(signedIn, prefill)).not.toMatch(/type="checkbox"[^>]*checked/);
    const ticked = { ...signedIn, contact: { ...signedIn.contact, smsConsent: true } };
    expect(render(ticked, prefill)).toMatch(/type="checkbox"[^>]*checked/);
  });

  it("a signed-in customer's fields come filled in, and it says whose account and how to leave it", () => {
    const draft = prefillDraft({ ...emptyDraft(menu), postalCode: "95125" }, prefill);
    const html = render(draft, prefill);
    expect(valueOf(html, "name")).toBe("Dana Lee");
    expect(valueOf(html, "email")).toBe("dana@example.com");
    expect(valueOf(html, "phone")).toBe("(408) 555-0199");
    expect(valueOf(html, "line1")).toBe("123 Maple Ave");
    expect(valueOf(html, "city")).toBe("San Jose");
    const said = text(html);
    expect(said).toContain(
      "Booking as dana@example.com . We filled in your details and the address of your last party from your account",
    );
    expect(said).toMatch(/Not you\? Sign out/);
    expect(said).toContain("Your account's email: this booking will show in My bookings.");
    // The email stays editable: the booking operation takes any contact email.
    expect(html).not.toMatch(/id="email"[^>]*readonly/i);
  });

  it("another email is allowed, and the step says what it means", () => {
    const draft = prefillDraft(
      {
        ...emptyDraft(menu),
        postalCode: "95125",
        contact: { name: "", email: "mum@example.com", phone: "" },
      },
      prefill,
    );
    const said = text(render(draft, prefill));
    expect(said).toContain(
      "Not your account's email (dana@example.com): this booking won't show in My bookings, and our emails about it go to this address.",
    );
  });

  it("another ZIP: the address is left empty and the note doesn't claim it was filled in (attack R4-5)", () => {
    const draft = prefillDraft({ ...emptyDraft(menu), postalCode: "95050" }, prefill);
    const html = render(draft, prefill);
    expect(valueOf(html, "line1")).toBe("");
    expect(valueOf(html, "name")).toBe("Dana Lee");
    const said = text(html);
    expect(said).toContain("We filled in your details from your account");
    expect(said).not.toContain("address of your last party");
  });

  it("a visitor sees empty fields and nothing about an account", () => {
    const html = render(emptyDraft(menu), null);
    for (const id of ["name", "email", "phone", "line1", "city"])
      expect(valueOf(html, id)).toBe("");
    expect(html).not.toContain('data-testid="signed-in-as"');
    expect(text(html)).not.toMatch(/Booking as|Sign out|My bookings/);
  });
});

describe("emailHintFor", () => {
  it("the account's email in any case and spacing is the account's", () => {
    expect(emailHintFor(" Dana@Example.com ", prefill)).toMatch(/^Your account's email/);
  });
  it("an unconfirmed account's email shows once confirmed", () => {
    expect(emailHintFor("dana@example.com", { ...prefill, emailVerified: false })).toBe(
      "Your account's email: this booking will show in My bookings once you confirm the email.",
    );
  });
});
