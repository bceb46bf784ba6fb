import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-path";

const SITE = "https://myhibachi.example";
/** Where a browser on SITE ends up after `location.assign(path)` (WHATWG URL parsing, as Node). */
const landsOn = (path: string) => new URL(path, SITE).origin;

describe("safeNextPath: a next/callback URL never leaves the site", () => {
  const offSite = [
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    " //evil.example",
    "/\u0000//evil.example",
    "",
  ];
  for (const raw of offSite)
    it(`${JSON.stringify(raw)} falls back`, () => {
      expect(safeNextPath(raw, "/bookings")).toBe("/bookings");
    });

  it("keeps paths on the site, with their query and fragment", () => {
    expect(safeNextPath("/bookings")).toBe("/bookings");
    expect(safeNextPath("/bookings/abc?token=x&new=1#top")).toBe("/bookings/abc?token=x&new=1#top");
    expect(safeNextPath("/a/../b")).toBe("/b");
    expect(safeNextPath(undefined, "/x")).toBe("/x");
    expect(safeNextPath(["/a"], "/x")).toBe("/x");
  });

  it("property: whatever the input, the browser stays on the site", () => {
    const tricky = fc.constantFrom(
      "/",
      "\\",
      "%2F",
      "%5C",
      "%2f",
      "%09",
      "\t",
      "\n",
      "\r",
      " ",
      ".",
      "..",
      ":",
      "@",
      "?",
      "#",
      "evil.example",
      "http",
      "https:",
      "javascript:",
      "\u0000",
      "\u00a0",
      "\u2028",
      "%00",
      "//",
    );
    const input = fc.array(fc.oneof(tricky, fc.string({ maxLength: 3 })), { maxLength: 10 });
    fc.assert(
      fc.property(input, (parts) => {
        const out = safeNextPath(parts.join(""), "/fallback");
        expect(out.startsWith("/")).toBe(true);
        expect(landsOn(out)).toBe(SITE);
        // Stable: the checked form is what is used (checking it again changes nothing).
        expect(safeNextPath(out, "/other")).toBe(out);
      }),
      { numRuns: 5000 },
    );
  });
});
