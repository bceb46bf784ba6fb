import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError, zodErrorFields } from "./define";
import { seenAtSchema, textSchema } from "../schemas";

const said = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? null : describeZodError(r.error);
};

describe("describeZodError: fields without a sentence of their own, in words (G8)", () => {
  const form = z.object({ startMinute: z.number().int(), name: z.string() });

  it("missing, text for a number, a number out of range, or another kind of value", () => {
    expect(said(form, { name: "x" })).toBe("Fill in the start minute.");
    expect(said(form, { startMinute: null, name: "x" })).toBe("Fill in the start minute.");
    expect(said(form, { startMinute: "1020", name: "x" })).toBe(
      "The start minute must be a number, not text.",
    );
    expect(said(form, { startMinute: Infinity, name: "x" })).toBe(
      "The start minute is out of range.",
    );
    expect(said(form, { startMinute: 1020, name: 5 })).toBe("The name isn't in the right form.");
  });

  it("a record's key refused by its own schema says that schema's sentence", () => {
    const counts = z.record(z.string().min(1, "Name each item."), z.number());
    expect(said(z.object({ items: counts }), { items: { "": 1 } })).toBe("Name each item.");
    expect(
      said(z.object({ items: z.record(z.string().max(2), z.number()) }), { items: { abc: 1 } }),
    ).toBe("A name in the items isn't valid.");
  });
});

describe("the words name no field; the error's fields do (attack H8)", () => {
  const fieldsOf = (schema: z.ZodType, input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? null : zodErrorFields(r.error);
  };

  it("keys a form doesn't take: one sentence without their names, each key a field", () => {
    const form = z.strictObject({ address: z.strictObject({ line1: z.string() }) });
    const input = { address: { line1: "1 Main St", floorNumber: 2, gateCode: "12" } };
    expect(said(form, input)).toBe("Leave out what this form doesn't ask for.");
    expect(fieldsOf(form, input)).toEqual({
      "address.floorNumber": "Leave out what this form doesn't ask for.",
      "address.gateCode": "Leave out what this form doesn't ask for.",
    });
  });

  it("a seenAt that isn't a time, or is in the future: said without (seenAt), the field is seenAt", () => {
    const form = z.object({ seenAt: seenAtSchema.optional() });
    for (const seenAt of ["yesterday", new Date(Date.now() + 3_600_000).toISOString()]) {
      const words = said(form, { seenAt })!;
      expect(words).toMatch(/^(Send when|When) you loaded the free times /);
      expect(words).not.toMatch(/seenAt|asOf/);
      expect(Object.keys(fieldsOf(form, { seenAt })!)).toEqual(["seenAt"]);
    }
  });
});

describe("validation sentences say what is wrong (attack R1-11)", () => {
  const approve = z.object({
    enrolmentId: z.string().min(1).max(64),
    subject: textSchema("a subject", 2, 150).optional(),
    text: textSchema("the text of the message", 10, 5000).optional(),
    cursor: z.number().int().min(0).optional(),
  });
  it("a subject and text that were entered but are too short: the limits, not 'Enter ...'", () => {
    expect(said(approve, { enrolmentId: "e", subject: "x", text: "y" })).toBe(
      "A subject is too short (2 characters at least). The text of the message is too short (10 characters at least).",
    );
  });
  it("empty or only spaces: 'Enter ...'; not text: 'must be text'", () => {
    expect(said(approve, { enrolmentId: "e", subject: "  " })).toBe("Enter a subject.");
    expect(said(approve, { enrolmentId: "e", subject: 123, text: true })).toBe(
      "A subject must be text. The text of the message must be text.",
    );
  });
  it("an empty id is not filled in (no '1 characters'); a cursor of 1.5 is not a whole number", () => {
    expect(said(approve, { enrolmentId: "" })).toBe("Fill in the enrolment id.");
    expect(said(approve, { enrolmentId: "e", cursor: 1.5 })).toBe(
      "The cursor must be a whole number.",
    );
    expect(said(z.object({ tags: z.array(z.string()).max(1) }), { tags: ["a", "b"] })).toBe(
      "The tags must be at most 1 item.",
    );
  });
});
