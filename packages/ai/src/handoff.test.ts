import { describe, expect, it } from "vitest";
import { contactIn, declinesContact, triedContact } from "./handoff";

describe("reading a contact a visitor gives", () => {
  it("finds an email address or a phone number, however it is written", () => {
    expect(contactIn("jane.doe+party@Example.com")).toEqual({
      email: "jane.doe+party@example.com",
    });
    expect(contactIn("sure, it's jane@example.com.")).toEqual({ email: "jane@example.com" });
    expect(contactIn("(408) 555-0134")).toEqual({ phone: "(408) 555-0134" });
    expect(contactIn("call me at 408.555.0199 please")).toEqual({ phone: "(408) 555-0199" });
    expect(contactIn("4085550100")).toEqual({ phone: "(408) 555-0100" });
    expect(contactIn("my cell is +44 20 7946 0958")).toEqual({ phone: "+44 20 7946 0958" });
    expect(contactIn("jane@example.com or 408-555-0188")).toEqual({
      email: "jane@example.com",
      phone: "(408) 555-0188",
    });
  });

  it("takes nothing that is not one: half an address, too few digits, a ZIP, a party size", () => {
    for (const text of [
      "jane@",
      "jane@example",
      "@example.com",
      "555-12",
      "12345",
      "95125",
      "123-456-7890",
      "we are 12 people on 12/12",
      "jane at gmail dot com",
    ])
      expect(contactIn(text), text).toEqual({});
  });

  it("tells a failed try at a contact from a question or a refusal", () => {
    for (const text of ["jane@", "555-12", "555-12-34", "jane at gmail dot com", "my number is 12"])
      expect(triedContact(text), text).toBe(true);
    for (const text of ["do you do vegan?", "no thanks", "how much for 12?", "95125"])
      expect(triedContact(text), text).toBe(false);
    for (const text of ["no thanks", "Nope", "I'd rather not", "skip", "I'll just wait here"])
      expect(declinesContact(text), text).toBe(true);
    for (const text of ["jane@example.com", "what time do you start?"])
      expect(declinesContact(text), text).toBe(false);
  });
});
