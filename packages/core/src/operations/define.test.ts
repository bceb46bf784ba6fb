import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeZodError } from "./define";

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
