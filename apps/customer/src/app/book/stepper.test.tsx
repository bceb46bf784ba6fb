// The shared Stepper rendered to HTML: the label and the value are as before, the box is not
// marked invalid, and the (empty) message is a polite live region the box can point to.
import { Stepper } from "@myhibachi/ui";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

describe("Stepper", () => {
  it("renders the value, its label and an empty live message", () => {
    const html = renderToStaticMarkup(
      <Stepper id="adults" label="adults" value={3} min={1} max={12} onChange={() => {}} />,
    );
    expect(html).toContain('id="adults"');
    expect(html).toContain('aria-label="adults"');
    expect(html).toContain('value="3"');
    expect(html).toContain('aria-label="Fewer adults"');
    expect(html).not.toContain("aria-invalid");
    expect(html).not.toContain("aria-describedby");
    expect(html).toMatch(/<p id="adults-stepper-note" aria-live="polite"[^>]*><\/p>/);
  });
});
