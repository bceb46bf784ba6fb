import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { costMicros, priceFor, PRICES } from "./prices";
import { redactPreview, fingerprintOf, canonicalJson } from "./text";

describe("prices (integer micro-dollars)", () => {
  it("uses the dated price file", () => {
    expect(PRICES.version).toBe("2026-11-01");
    expect(priceFor("gpt-4o")).toEqual({ input: 2.5, cachedInput: 1.25, output: 10 });
    expect(priceFor("gpt-4o-mini")).toEqual({ input: 0.15, cachedInput: 0.075, output: 0.6 });
    expect(priceFor("gpt-4.1-nano")).toEqual({ input: 0.1, cachedInput: 0.025, output: 0.4 });
    expect(priceFor("gpt-4o-2024-08-06")).toEqual(priceFor("gpt-4o"));
    expect(priceFor("gpt-4o-mini-2024-07-18")).toEqual(priceFor("gpt-4o-mini"));
  });

  it("1M tokens cost exactly the listed price; cached input at the discount", () => {
    expect(
      costMicros("gpt-4o", { promptTokens: 1_000_000, cachedTokens: 0, completionTokens: 0 })
        .costMicros,
    ).toBe(2_500_000);
    expect(
      costMicros("gpt-4o", { promptTokens: 0, cachedTokens: 0, completionTokens: 1_000_000 })
        .costMicros,
    ).toBe(10_000_000);
    expect(
      costMicros("gpt-4o", {
        promptTokens: 1_000_000,
        cachedTokens: 1_000_000,
        completionTokens: 0,
      }).costMicros,
    ).toBe(1_250_000);
    // 1200 prompt (200 cached) + 80 completion on gpt-4.1-nano = 100 + 5 + 32 micro-dollars
    expect(
      costMicros("gpt-4.1-nano", { promptTokens: 1200, cachedTokens: 200, completionTokens: 80 })
        .costMicros,
    ).toBe(137);
  });

  it("unknown (self-hosted) models cost 0 and say so", () => {
    expect(
      costMicros("llama3.1:8b", { promptTokens: 5000, cachedTokens: 0, completionTokens: 500 }),
    ).toEqual({
      costMicros: 0,
      priceVersion: "2026-11-01:unpriced",
      priced: false,
    });
  });

  it("is an integer, monotone in every token count, and cached tokens never cost more", () => {
    const tokens = fc.integer({ min: 0, max: 2_000_000 });
    fc.assert(
      fc.property(
        tokens,
        tokens,
        tokens,
        fc.constantFrom("gpt-4o", "gpt-4o-mini", "gpt-4.1-nano"),
        (p, c, o, m) => {
          const cached = Math.min(c, p);
          const cost = costMicros(m, {
            promptTokens: p,
            cachedTokens: cached,
            completionTokens: o,
          }).costMicros;
          expect(Number.isSafeInteger(cost)).toBe(true);
          expect(
            costMicros(m, { promptTokens: p + 1000, cachedTokens: cached, completionTokens: o })
              .costMicros,
          ).toBeGreaterThanOrEqual(cost);
          expect(
            costMicros(m, { promptTokens: p, cachedTokens: 0, completionTokens: o }).costMicros,
          ).toBeGreaterThanOrEqual(cost);
        },
      ),
    );
  });
});

describe("ledger text helpers", () => {
  it("previews mask emails, phone numbers, booking codes and long digit runs", () => {
    expect(
      redactPreview("I'm jo@example.com, call 408-555-0142 about HB-QX7K2M card 4111111111111111"),
    ).toBe("I'm [email], call [phone] about [booking] card [phone]");
    expect(redactPreview("do you come to 95060?")).toBe("do you come to 95060?");
  });

  it("fingerprints ignore case, punctuation and texting shortcuts", () => {
    expect(fingerprintOf("How much r u guys?")).toBe(fingerprintOf("how much are you guys"));
    expect(fingerprintOf("menu")).not.toBe(fingerprintOf("pricing"));
  });

  it("canonical JSON does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
