// The tools as the model sees them: each names an operation of the registry, and its JSON Schema
// is derived from its zod arguments (same fields, same required ones, same limits, the same
// descriptions), never a hand-written copy that could drift.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allOperations, operations } from "@myhibachi/core";
import { chatTools, TOOL_NAMES, toolDefinitions } from "./tools";

type JsonProp = {
  type?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
};
type JsonParams = {
  type: string;
  properties: Record<string, JsonProp>;
  required?: string[];
  additionalProperties: boolean;
};

/** The field's schema under `.optional()`. */
const unwrap = (s: z.ZodType): z.ZodType =>
  s instanceof z.ZodOptional ? unwrap(s.unwrap() as z.ZodType) : s;

describe("assistant tools", () => {
  it("each names an operation of the registry", () => {
    expect(TOOL_NAMES).toEqual(chatTools.map((t) => t.name));
    expect(new Set(TOOL_NAMES).size).toBe(chatTools.length);
    for (const tool of chatTools) {
      const op = operations[tool.operation as keyof typeof operations];
      expect(op, `${tool.name} -> ${tool.operation}`).toBeDefined();
      expect(allOperations).toContain(op);
    }
    expect(Object.fromEntries(chatTools.map((t) => [t.name, t.operation]))).toEqual({
      get_menu: "getMenu",
      get_quote: "quoteEvent",
      check_availability: "findAvailability",
      create_booking_hold: "createChatHold",
      get_my_bookings: "listMyBookings",
      get_loyalty_program: "getLoyaltyProgram",
      get_my_loyalty: "getMyLoyalty",
      get_my_referral_code: "getMyReferralCode",
    });
  });

  it("show the model a JSON Schema derived from the zod arguments", () => {
    expect(toolDefinitions.map((d) => d.function.name)).toEqual(TOOL_NAMES);
    for (const tool of chatTools) {
      const def = toolDefinitions.find((d) => d.function.name === tool.name)!.function;
      const params = def.parameters as JsonParams;
      const { $schema: _dialect, ...derived } = z.toJSONSchema(tool.argsSchema);
      expect(params, tool.name).toEqual(derived);
      expect(def.description.length, tool.name).toBeGreaterThan(40);

      const shape = tool.argsSchema.shape as Record<string, z.ZodType>;
      expect(params.type).toBe("object");
      expect(params.additionalProperties).toBe(false);
      expect(Object.keys(params.properties).sort(), tool.name).toEqual(Object.keys(shape).sort());
      const required = Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
      expect([...(params.required ?? [])].sort(), tool.name).toEqual(required.sort());
      for (const [key, field] of Object.entries(shape)) {
        const prop = params.properties[key]!;
        const where = `${tool.name}.${key}`;
        // Descriptions are written once, on the zod field.
        expect(prop.description, where).toBe(field.description);
        const inner = unwrap(field);
        if (inner instanceof z.ZodNumber) {
          expect(prop.type, where).toBe(inner.isInt ? "integer" : "number");
          expect(prop.minimum, where).toBe(inner.minValue ?? undefined);
          expect(prop.maximum, where).toBe(inner.maxValue ?? undefined);
        } else if (inner instanceof z.ZodString) {
          expect(prop.type, where).toBe("string");
          expect(prop.maxLength, where).toBe(inner.maxLength ?? undefined);
        } else expect(prop.type, where).toBeTruthy();
      }
    }
  });

  it("keep the hints the model relies on", () => {
    const params = (name: string) =>
      toolDefinitions.find((d) => d.function.name === name)!.function.parameters as JsonParams;
    expect(params("get_quote").properties.postalCode!.description).toBe("5-digit ZIP of the party");
    expect(params("get_quote").properties.postalCode!.pattern).toBe("^\\d{5}$");
    expect(params("get_quote").required).toEqual(["adults"]);
    expect(params("create_booking_hold").properties.startMinute).toMatchObject({
      type: "integer",
      minimum: 0,
      maximum: 1439,
      description: "minutes after local midnight",
    });
    expect(params("create_booking_hold").required?.sort()).toEqual(
      ["date", "guests", "postalCode", "startMinute"].sort(),
    );
    expect(params("check_availability").properties.date!.pattern).toBe("^\\d{4}-\\d{2}-\\d{2}$");
  });
});
