// The finish-a-hold page's fields as the customer sees them after a refused Confirm: missing
// address and phone, a protein count that doesn't add up, a server refusal. Each problem is said
// once, beside its input (the protein count under its counter: this page has no bar), with one
// role="alert"; a refusal is said once, by the Confirm button, minus what a field already says.
// Rendered to HTML (react-dom/server) with the page's real checks (checks.ts) and placement
// (messages.ts), as FinishHold wires them. Expected sentences are written here by hand.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { detailsIssues, stepIssues } from "../../checks";
import { emptyDraft, type BookingDraft, type DraftPrefill } from "../../draft";
import { placeIssues, placeRefusal, type Refusal } from "../../messages";
import { draftMenu, type Catalog } from "../../types";
import { BarTotal } from "../../sticky-bar";
import {
  FinishConfirm,
  FinishFields,
  FinishLayout,
  TimeLeft,
  finishedElsewhereOf,
  prefillFinishDraft,
  type FinishedElsewhere,
} from "./finish-form";

const protein = (slug: string, name: string, priceCents = 0) => ({
  slug,
  name,
  description: "",
  kind: "PROTEIN",
  pricing: "PER_PERSON",
  priceCents,
  allergens: [],
  dietaryTags: [],
  active: true,
});
const catalog = {
  business: { maxGuests: 60, minGuests: 1, payments: "pay-at-event", phone: "(408) 555-0142" },
  packages: [
    {
      slug: "classic",
      name: "Classic Hibachi",
      proteinsPerGuest: 2,
      adultPriceCents: 6000,
      childPriceCents: 3000,
    },
  ],
  items: [
    protein("chicken", "Chicken"),
    protein("steak", "Steak"),
    { ...protein("edamame", "Edamame", 800), kind: "APPETIZER" },
  ],
} as unknown as Catalog;
const menu = draftMenu(catalog);

/** 12 guests, the proteins all chosen, the address and contact filled in. */
function filled(): BookingDraft {
  const d = emptyDraft(menu, "classic");
  return {
    ...d,
    postalCode: "95125",
    adults: 12,
    children: 0,
    proteins: { chicken: 12, steak: 12 },
    proteinsChosen: true,
    address: { line1: "123 Maple Ave", line2: "", city: "San Jose", state: "CA" },
    contact: { name: "Chat Visitor", email: "chat@example.com", phone: "408-555-0188" },
  };
}

interface Scene {
  draft?: Partial<BookingDraft>;
  /** Confirm was pressed and the page's checks refused it. */
  confirmed?: boolean;
  refusal?: Refusal | null;
  expired?: boolean;
  catalog?: Catalog;
  /** The price, once known. */
  quote?: { totalCents: number; depositCents: number };
  /** Milliseconds left on the hold. */
  left?: number;
  /** The hold was finished meanwhile in another tab with other details. */
  finishedElsewhere?: FinishedElsewhere | null;
  /** The signed-in customer's details. */
  prefill?: DraftPrefill | null;
}

/** HTML as the text a person reads. */
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** The page's fields and what is said by Confirm, as HTML and as the text a person reads. */
function render(s: Scene) {
  const draft: BookingDraft = { ...filled(), ...s.draft };
  const issues = s.confirmed ? [...stepIssues("menu", draft, menu), ...detailsIssues(draft)] : [];
  const refused = placeRefusal("finish", s.refusal ?? null);
  const placed = placeIssues("finish", issues, refused.fields);
  const html = renderToStaticMarkup(
    <FinishLayout
      held={<h2>Your held time</h2>}
      fields={
        <FinishFields
          draft={draft}
          dispatch={() => {}}
          catalog={s.catalog ?? catalog}
          menu={menu}
          errors={placed.errors}
          guests={12}
          postalCode="95125"
          prefill={s.prefill ?? null}
        />
      }
      price={<h2>Your price</h2>}
      confirm={
        <FinishConfirm
          unplaced={placed.bar}
          refusal={s.finishedElsewhere ? null : refused.text}
          finishedElsewhere={s.finishedElsewhere ?? null}
          expired={s.expired ?? false}
          total={
            <BarTotal
              quote={s.quote}
              stripe={false}
              hint="Choose all protein portions to see the total."
              extra={<TimeLeft left={s.left ?? null} />}
            />
          }
          confirm={{ label: "Confirm booking", disabled: !!s.finishedElsewhere }}
        />
      }
    />,
  );
  const text = plain(html);
  const alerts = [...html.matchAll(/role="alert"/g)].length;
  const times = (sentence: string) => text.split(sentence).length - 1;
  /** The text of the element with `id` (a field's message: "line1-error"). */
  const byId = (id: string) =>
    plain(new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? "") || null;
  /** What is said between the last field and the Confirm button. */
  const byConfirm = () => {
    const tail = html.slice(html.lastIndexOf('id="notes"'), html.indexOf('type="submit"'));
    return [...tail.matchAll(/role="alert"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => plain(m[1]!));
  };
  return { html, text, alerts, times, byId, byConfirm };
}

const EXPIRED_REFUSAL =
  "This hold has expired. Please pick a time again; we'll show you what's free.";

describe("the finish-a-hold page says each problem once, beside its input", () => {
  it("nothing wrong: nothing said", () => {
    const r = render({ confirmed: true });
    expect(r.alerts).toBe(0);
  });

  it("Confirm without a street address or phone: each under its field, no summary repeating them", () => {
    const r = render({
      draft: {
        address: { ...filled().address, line1: "" },
        contact: { ...filled().contact, phone: "" },
      },
      confirmed: true,
    });
    expect(r.times("Enter the street address.")).toBe(1);
    expect(r.times("Enter a phone number with area code.")).toBe(1);
    expect(r.byId("line1-error")).toBe("Enter the street address.");
    expect(r.byId("phone-error")).toBe("Enter a phone number with area code.");
    expect(r.html).toMatch(/id="line1"[^>]*aria-describedby="line1-error"/);
    expect(r.byConfirm()).toEqual([]);
    expect(r.alerts).toBe(2);
  });

  it("a protein count that doesn't add up: said once, under the portions counter", () => {
    const r = render({ draft: { proteins: { chicken: 12, steak: 11 } }, confirmed: true });
    const sentence = "Choose 1 more protein portion: 23 of 24 chosen.";
    expect(r.times(sentence)).toBe(1);
    expect(r.byId("proteins-error")).toBe(sentence);
    expect(r.html).toMatch(/id="proteins"[^>]*aria-describedby="proteins-error"/);
    expect(r.byConfirm()).toEqual([]);
    expect(r.alerts).toBe(1);
  });

  it("the server refused (the hold expired): said once, by the Confirm button", () => {
    const r = render({ refusal: { text: EXPIRED_REFUSAL } });
    expect(r.times(EXPIRED_REFUSAL)).toBe(1);
    expect(r.byConfirm()).toEqual([EXPIRED_REFUSAL]);
    expect(r.alerts).toBe(1);
  });

  it("the hold ran out on the page and the server says so too: one message, not two", () => {
    const r = render({ refusal: { text: EXPIRED_REFUSAL }, expired: true });
    expect(r.times(EXPIRED_REFUSAL)).toBe(0);
    expect(r.times("This hold has expired and the time was released.")).toBe(1);
    expect(r.alerts).toBe(1);
  });

  it("the server refused fields: each said beside its field only, not again by Confirm", () => {
    const r = render({
      refusal: {
        text: "Enter the street address. Enter a phone number with area code.",
        fields: {
          "address.line1": "Enter the street address.",
          "contact.phone": "Enter a phone number with area code.",
        },
      },
    });
    expect(r.times("Enter the street address.")).toBe(1);
    expect(r.times("Enter a phone number with area code.")).toBe(1);
    expect(r.byId("line1-error")).toBe("Enter the street address.");
    expect(r.byId("phone-error")).toBe("Enter a phone number with area code.");
    expect(r.byConfirm()).toEqual([]);
    expect(r.alerts).toBe(2);
  });

  it("a refusal about the party size is said beside the guest counts; one about no field, by Confirm", () => {
    const party = "This hold is for 12 guests. To change the party size, start a new booking.";
    const r = render({ refusal: { text: party, field: "adults" } });
    expect(r.times(party)).toBe(1);
    expect(r.byId("adults-error")).toBe(party);
    expect(r.byConfirm()).toEqual([]);
    expect(r.alerts).toBe(1);
    const zip = "This hold is for ZIP 95125. To book somewhere else, start a new booking.";
    const z = render({ refusal: { text: zip, field: "postalCode" } });
    expect(z.times(zip)).toBe(1);
    expect(z.byConfirm()).toEqual([zip]);
    expect(z.alerts).toBe(1);
  });

  it("all at once (missing address and phone, protein count, a refusal): each said once, one alert each", () => {
    const r = render({
      draft: {
        proteins: { chicken: 12, steak: 13 },
        address: { ...filled().address, line1: "" },
        contact: { ...filled().contact, phone: "" },
      },
      confirmed: true,
      refusal: { text: EXPIRED_REFUSAL },
    });
    for (const sentence of [
      "Enter the street address.",
      "Enter a phone number with area code.",
      "Remove 1 protein portion: 25 of 24 chosen.",
      EXPIRED_REFUSAL,
    ])
      expect(r.times(sentence), sentence).toBe(1);
    expect(r.byConfirm()).toEqual([EXPIRED_REFUSAL]);
    expect(r.alerts).toBe(4);
  });
});

/** The catalog with `n` appetizers (a long list of extras). */
function withExtras(n: number): Catalog {
  const more = Array.from({ length: n }, (_, i) => ({
    ...protein(`app-${i}`, `Appetizer ${i}`, 500),
    kind: "APPETIZER",
  }));
  return {
    ...catalog,
    items: [...catalog.items.filter((i) => i.kind === "PROTEIN"), ...more],
  } as unknown as Catalog;
}

describe("on a phone, Confirm is where the price and the time left are (attack R6-8)", () => {
  it("the price comes before Confirm in reading order, and Confirm is in the sticky bar with the total and the time left", () => {
    const r = render({
      quote: { totalCents: 72_000, depositCents: 0 },
      left: 14 * 60_000 + 38_000,
    });
    expect(r.html.indexOf("Your price")).toBeGreaterThan(r.html.indexOf('id="notes"'));
    expect(r.html.indexOf("Your price")).toBeLessThan(r.html.indexOf('type="submit"'));
    // One submit button on the page: Confirm, inside the bar (fixed at the bottom below `lg`).
    expect([...r.html.matchAll(/type="submit"/g)]).toHaveLength(1);
    const bar = r.html.slice(r.html.indexOf("data-sticky-bar"));
    expect(bar).toMatch(/^data-sticky-bar="true" class="fixed inset-x-0 bottom-0[^"]*lg:static/);
    expect(bar).toContain('type="submit"');
    const barText = plain(bar);
    expect(barText).toContain("Total, paid at the event $720.00");
    expect(barText).toContain("14:38 left on your hold");
    expect(barText).toMatch(/Confirm booking$/);
    // Room is left at the bottom of the page for the bar on a phone.
    expect(r.html).toMatch(/<form[^>]*class="[^"]*pb-40[^"]*lg:pb-0/);
  });

  it("without a price yet, the bar says why", () => {
    const r = render({ left: 60_000 });
    const bar = plain(r.html.slice(r.html.indexOf("data-sticky-bar")));
    expect(bar).toContain("Choose all protein portions to see the total.");
    expect(bar).toContain("1:00 left on your hold");
  });

  it("a refusal is said in the bar, above Confirm, once", () => {
    const r = render({ refusal: { text: EXPIRED_REFUSAL } });
    const bar = r.html.slice(r.html.indexOf("data-sticky-bar"));
    expect(plain(bar)).toContain(EXPIRED_REFUSAL);
    expect(r.times(EXPIRED_REFUSAL)).toBe(1);
  });

  it("a long list of extras starts folded; open when the hold brought some, or when the list is short", () => {
    const long = withExtras(8);
    const folded = render({ catalog: long });
    expect(folded.html).toMatch(/<details data-testid="finish-extras"(?![^>]*open)/);
    expect(folded.text).toContain("Appetizers, sides and add-ons Optional");
    const chosen = render({ catalog: long, draft: { extras: { "app-1": 12, "app-2": 3 } } });
    expect(chosen.html).toMatch(/<details open="" data-testid="finish-extras"/);
    expect(chosen.text).toContain("Optional · 2 chosen");
    const short = render({});
    expect(short.html).toMatch(/<details open="" data-testid="finish-extras"/);
  });

  it("the extras' “Everyone” buttons are plain buttons: a tap never submits the form (attack R6-1)", () => {
    const r = render({ catalog: withExtras(6) });
    const everyone = [...r.html.matchAll(/<button[^>]*>Everyone<\/button>/g)].map((m) => m[0]);
    expect(everyone).toHaveLength(6);
    for (const b of everyone) expect(b).toContain('type="button"');
  });
});

describe("a hold finished meanwhile in another tab (attack R7-1)", () => {
  const SAVED =
    "This booking was already finished (in another tab or by someone else) with: Classic Hibachi, 8 adults, allergies: none given. Nothing you entered here was saved. Open the booking to change it.";
  const conflict = {
    message: SAVED,
    data: {
      code: "CONFLICT",
      httpStatus: 409,
      details: {
        reason: "finished",
        bookingId: "b1",
        code: "HB-ABC123",
        link: "/bookings/b1?token=tok%2Fen",
      },
    },
  };

  it("the server's refusal is read as 'finished elsewhere', with the booking's link", () => {
    expect(finishedElsewhereOf(conflict)).toEqual({
      message: SAVED,
      link: "/bookings/b1?token=tok%2Fen",
    });
    // Any other refusal (another CONFLICT, the hold expired) is not.
    const other = { ...conflict, data: { ...conflict.data, details: { reason: "moved" } } };
    expect(finishedElsewhereOf(other)).toBeNull();
    const expired = { message: EXPIRED_REFUSAL, data: { code: "PRECONDITION_FAILED" } };
    expect(finishedElsewhereOf(expired)).toBeNull();
    expect(finishedElsewhereOf(null)).toBeNull();
    // A link elsewhere than a booking page is never offered.
    const away = {
      ...conflict,
      data: { ...conflict.data, details: { reason: "finished", link: "https://evil.example/" } },
    };
    expect(finishedElsewhereOf(away)).toBeNull();
  });

  it("the page says what was saved, once, by Confirm, with an 'Open the booking' link, and Confirm is off", () => {
    const r = render({ finishedElsewhere: finishedElsewhereOf(conflict) });
    expect(r.times(SAVED)).toBe(1);
    const bar = r.html.slice(r.html.indexOf("data-sticky-bar"));
    expect(plain(bar)).toContain(`${SAVED} Open the booking`);
    expect(bar).toContain('href="/bookings/b1?token=tok%2Fen"');
    expect(r.html).toMatch(/<button type="submit" disabled=""/);
    expect(r.alerts).toBe(1);
  });
});

describe("a signed-in customer's details on the finish page (attack R7-3)", () => {
  const prefill: DraftPrefill = {
    accountEmail: "customer@myhibachi.local",
    emailVerified: true,
    contact: { name: "Casey Customer", email: "customer@myhibachi.local", phone: "(408) 555-0177" },
    address: {
      line1: "77 R7 Lane",
      line2: "",
      city: "San Jose",
      state: "CA",
      postalCode: "95125",
    },
  };
  /** As the page starts: the hold's ZIP, the ZIP's city and state, nothing typed. */
  const fresh = (): BookingDraft => ({
    ...filled(),
    address: { line1: "", line2: "", city: "San Jose", state: "CA" },
    contact: { name: "", email: "", phone: "" },
  });

  it("fills the empty contact fields and the last party's address for the hold's ZIP", () => {
    const d = prefillFinishDraft(fresh(), prefill, "San Jose");
    expect(d.contact).toMatchObject(prefill.contact);
    expect(d.address).toEqual({ line1: "77 R7 Lane", line2: "", city: "San Jose", state: "CA" });
  });

  it("the last party's address from another ZIP is not used: the city and state stay the ZIP's", () => {
    const elsewhere = {
      ...prefill,
      address: { ...prefill.address!, postalCode: "94103", city: "San Francisco" },
    };
    const d = prefillFinishDraft(fresh(), elsewhere, "San Jose");
    expect(d.address).toEqual({ line1: "", line2: "", city: "San Jose", state: "CA" });
    expect(d.contact.email).toBe("customer@myhibachi.local");
  });

  it("never overwrites what was typed (or kept by this tab)", () => {
    const typed = {
      ...fresh(),
      address: { line1: "1 Typed St", line2: "", city: "San Jose", state: "CA" },
      contact: { name: "Someone Else", email: "", phone: "" },
    };
    const d = prefillFinishDraft(typed, prefill, "San Jose");
    expect(d.address.line1).toBe("1 Typed St");
    expect(d.contact).toMatchObject({
      name: "Someone Else",
      email: "customer@myhibachi.local",
      phone: "(408) 555-0177",
    });
    expect(prefillFinishDraft(typed, null, "San Jose")).toBe(typed);
  });

  it("says 'Booking as … Not you? Sign out' as the wizard does, and whether the email is the account's", () => {
    const signedIn = render({
      prefill,
      draft: prefillFinishDraft(fresh(), prefill, "San Jose"),
    });
    expect(signedIn.text.replace(" .", ".")).toContain(
      "Booking as customer@myhibachi.local. We filled in your details and the address of your last party from your account: change anything that's different this time. Not you? Sign out",
    );
    expect(signedIn.text).toContain("Your account's email: this booking will show in My bookings.");
    expect(render({}).text).not.toContain("Booking as");
  });
});
