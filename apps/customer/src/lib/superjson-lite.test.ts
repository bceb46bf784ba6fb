import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { decodeSuperjson } from "./superjson-lite";

// The truth is superjson itself: whatever it encodes from the value types our procedures return
// (Dates, undefined, bigints, special numbers, in any nesting and under any key), the site's small
// reader must give back exactly what superjson's own `deserialize` gives.
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.bigInt(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie("node"), { maxKeys: 4 }),
})).node;

describe("decodeSuperjson", () => {
  it("reads what superjson writes, as superjson does", () => {
    fc.assert(
      fc.property(value, (v) => {
        const wire = JSON.parse(JSON.stringify(superjson.serialize(v)));
        expect(decodeSuperjson(wire)).toStrictEqual(superjson.deserialize(wire));
      }),
      { numRuns: 500 },
    );
  });

  it("keys with dots and backslashes", () => {
    const v = { "a.b": { "c\\.d": new Date(5) }, "x\\": [new Date(7), undefined] };
    const wire = JSON.parse(JSON.stringify(superjson.serialize(v)));
    expect(decodeSuperjson(wire)).toStrictEqual(v);
  });

  it("refuses what it can't read instead of returning it wrong", () => {
    const wire = JSON.parse(JSON.stringify(superjson.serialize({ s: new Set([1]) })));
    expect(() => decodeSuperjson(wire)).toThrow(/can't read/);
  });

  it("one Date at two places (superjson's shared references) comes back equal at both", () => {
    const at = new Date(9);
    const wire = JSON.parse(JSON.stringify(superjson.serialize({ a: at, b: { c: at } })));
    expect(wire.meta.referentialEqualities).toBeDefined();
    expect(decodeSuperjson(wire)).toStrictEqual({ a: new Date(9), b: { c: new Date(9) } });
  });
});
