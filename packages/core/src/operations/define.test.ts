import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError, zodErrorFields } from "./define";
import { seenAtSchema } from "../schemas";

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
