import { describe, expect, it } from "vitest";
import {
  forTheText,
  forTheEar,
  speechHints,
  spellDigits,
  spokenTime,
  spokenTimeEs,
} from "./speech";

describe("forTheEar: the assistant's reply shaped for a phone call", () => {
  it("reads times as they are said", () => {
    expect(forTheEar("I have 6:00 PM and 8:00 PM. Which works better?")).toBe(
      "I have six p m and eight p m. Which works better?",
    );
    expect(forTheEar("We can start at 5:30 pm.")).toBe("We can start at five thirty p m.");
    expect(forTheEar("Arrive by 9:05 AM.")).toBe("Arrive by nine oh five a m.");
    // Noon and midnight by name ("twelve p m" is heard as midnight by some).
    expect(forTheEar("Lunch at 12:00 PM, late at 12 am, or 12:30 PM.")).toBe(
      "Lunch at noon, late at midnight, or twelve thirty p m.",
    );
    expect(spokenTime(20, 45)).toBe("eight forty five p m");
  });

  it("says a range written with a dash as a range", () => {
    expect(forTheEar("We answer Mon–Fri 9:00 AM–5:00 PM, Sun closed.")).toBe(
      "We answer Monday to Friday nine a m to five p m, Sunday closed.",
    );
    // A dash between words with spaces around it is a pause, not a range.
    expect(forTheEar("We're open – call us.")).toBe("We're open, call us.");
  });

  it("says what is written for the eye in words a caller can follow", () => {
    // Nothing is "below" on the phone.
    expect(forTheEar("It's yours for 15 minutes: use the link below to finish the booking.")).toBe(
      "It's yours for 15 minutes: use the link I'm texting you to finish the booking.",
    );
    // An email address, a distance with a decimal point, a fee of nothing.
    expect(forTheEar("Or email bookings@grill-house.example.com today.")).toBe(
      "Or email bookings at grill-house dot example dot com today.",
    );
    expect(forTheEar("Fremont (12.4 mi): Zone B (up to 25 mi), travel fee $0.")).toBe(
      "Fremont (12 point 4 miles): Zone B (up to 25 miles), no travel fee.",
    );
    // The quote's travel line (issue 17 r4 L7): the zone's words are for the eye (the text).
    const quoteOf = (travel: string, zone: string) =>
      `For 10 guests with our Classic Hibachi: food $600.00, travel ${travel} (${zone}), tax $56.28, total $656.28.`;
    expect(forTheEar(quoteOf("$0.00", "San Jose (2.9 mi): Local (up to 15 mi)"))).toBe(
      "For 10 guests with our Classic Hibachi: food 600 dollars, no travel fee, tax about 56 dollars, total about 656 dollars.",
    );
    expect(forTheEar(quoteOf("$50.00", "Fremont (16.5 mi): Metro (15–30 mi)"))).toBe(
      "For 10 guests with our Classic Hibachi: food 600 dollars, travel 50 dollars, tax about 56 dollars, total about 656 dollars.",
    );
    expect(
      forTheEar(quoteOf("$0.00", "travel fee depends on the ZIP code; shown for our local zone")),
    ).toBe(
      "For 10 guests with our Classic Hibachi: food 600 dollars, a travel fee that depends on your ZIP code, none in our local zone, tax about 56 dollars, total about 656 dollars.",
    );
    expect(
      forTheEar(
        "Para 10 invitados: comida $600.00, viaje $0.00 (San Jose (2.9 mi): Local (up to 15 mi)), total $656.28.",
      ),
    ).toBe("Para 10 invitados: comida 600 dollars, sin costo de viaje, total about 656 dollars.");
    expect(forTheEar("Rated 4.5 by 1 guest, 3 mi away.")).toBe(
      "Rated 4 point 5 by 1 guest, 3 miles away.",
    );
  });

  it("rounds prices to the dollar in speech (exact figures go by text)", () => {
    expect(forTheEar("The total is $612.50 with tax.")).toBe(
      "The total is about 613 dollars with tax.",
    );
    expect(forTheEar("The deposit is $100.00.")).toBe("The deposit is 100 dollars.");
    expect(forTheEar("That comes to $1,234.49.")).toBe("That comes to about 1,234 dollars.");
    expect(forTheEar("Only $1 more.")).toBe("Only 1 dollar more.");
  });

  it("asks one question at a time and stays short", () => {
    expect(
      forTheEar("Great! How many guests? And what ZIP code is the party at? Also, which date?"),
    ).toBe("Great! How many guests?");
    expect(forTheEar("One. Two. Three. Four. Five.")).toBe("One. Two. Three.");
    // The question is kept even after many statements.
    expect(forTheEar("A. B. C. D. E. Which time works?")).toBe("A. B. Which time works?");
  });

  it("never reads links, markdown or bullets", () => {
    const out = forTheEar(
      "**Held!** Finish here: https://example.com/book/finish/abc?token=xyz\n- Classic package\n- 12 guests",
    );
    expect(out).not.toMatch(/http|\*|token|-/);
    // Three sentences at most: the rest waits.
    expect(out).toBe("Held! Finish here. Classic package.");
    expect(forTheEar("See [our menu](https://x.test/menu) today.")).toBe("See our menu today.");
  });

  it("says abbreviated weekdays and months in full", () => {
    expect(forTheEar("Sat, Dec 12 at 6:00 PM is free.")).toBe(
      "Saturday, December 12 at six p m is free.",
    );
  });
});

describe("spellDigits", () => {
  it("reads a phone number back digit by digit in its groups", () => {
    expect(spellDigits("(408) 555-0199")).toBe("4 0 8, 5 5 5, 0 1 9 9");
    expect(spellDigits("+14085550199")).toBe("4 0 8, 5 5 5, 0 1 9 9");
  });
});

describe("speechHints", () => {
  it("lists the menu first, then numbers and weekdays, once each", () => {
    const hints = speechHints(["Filet Mignon", "Classic, package", "filet mignon"]).split(", ");
    expect(hints.slice(0, 2)).toEqual(["Filet Mignon", "Classic package"]);
    expect(hints).toContain("Saturday");
    expect(hints).toContain("twelve");
    expect(hints.filter((h) => h.toLowerCase() === "filet mignon")).toHaveLength(1);
  });
});

describe("forTheEar: dotted times", () => {
  it("keeps the full stop of a sentence ending in p.m.", () => {
    expect(forTheEar("Come at 6 p.m. We will be ready.")).toBe(
      "Come at six p m. We will be ready.",
    );
    expect(forTheEar("6 p.m. works")).toBe("six p m works");
  });
});

describe("forTheEar: lists and codes", () => {
  it("offers four times at most: the first three, in the chat's order, and the last", () => {
    expect(
      forTheEar("Free on Saturday: 12:00 PM, 3:00 PM, 5:00 PM, 6:00 PM and 7:30 PM. Which one?"),
    ).toBe(
      "Free on Saturday: noon, three p m, five p m and others up to seven thirty p m. Which one?",
    );
    expect(forTheEar("Free: 12:00 PM, 3:00 PM, 5:00 PM or 7:30 PM.")).toBe(
      "Free: noon, three p m, five p m or seven thirty p m.",
    );
    expect(forTheEar("I have 6:00 PM and 8:00 PM.")).toBe("I have six p m and eight p m.");
  });
  it("says a count of a dish without the multiplication sign", () => {
    expect(forTheEar("Classic Hibachi package with 4 × Crispy tofu, ZIP 95125.")).toBe(
      "Classic Hibachi package with 4 Crispy tofu, ZIP 95125.",
    );
  });
  it("spells a booking code", () => {
    expect(forTheEar("Your reference is HB-NEB3PB.")).toBe("Your reference is H B, N E B 3 P B.");
    // A digit then AM/PM in a code is no time (attack 5 L2).
    expect(forTheEar("Reference HB-2BB9PM, at 6:00 PM.")).toBe(
      "Reference H B, 2 B B 9 P M, at six p m.",
    );
  });
});

describe("forTheText", () => {
  it("a hand-off by text says the reply comes by text, not in a chat page", () => {
    expect(
      forTheText(
        "I've asked our team to pick up this conversation: a person will reply right here in this chat. If it's urgent, call (408) 555-0100.",
      ),
    ).toBe(
      "I've asked our team to pick up this conversation: a person will reply right here by text. If it's urgent, call (408) 555-0100.",
    );
    expect(
      forTheText(
        "No problem. A person from our team will reply right here in this chat, so keep this page open.",
      ),
    ).toBe("No problem. A person from our team will reply right here by text.");
    expect(forTheText("Total $656.28 for 12 guests.")).toBe("Total $656.28 for 12 guests.");
  });
});

describe("a Spanish reply for the ear (attack round 6, L4)", () => {
  it("times and prices in Spanish; the link's sentence goes (the call says it texts it)", () => {
    const ear = forTheEar(
      "¡Listo! Le aparto el sábado 24 de abril a las 6:00 PM para 10 invitados, referencia HB-6BNVCZ. Total $656.40 antes de la propina. Use el enlace de abajo para escoger su menú y terminar la reserva.",
      { lang: "es" },
    );
    expect(ear).toBe(
      "Listo, Le aparto el sábado 24 de abril a las seis de la tarde para 10 invitados, referencia H B, 6 B N V C Z. Total unos 656 dólares antes de la propina.",
    );
  });
  it.each([
    [12, 0, "doce del mediodía"],
    [18, 30, "seis y media de la tarde"],
    [9, 15, "nueve y cuarto de la mañana"],
    [20, 0, "ocho de la noche"],
    [13, 0, "una de la tarde"],
  ])("%i:%i is %j", (h, m, said) => {
    expect(spokenTimeEs(h, m)).toBe(said);
  });
});
