// Attack R5-3: a double-click on Continue moved two steps (the button stays in the same place,
// so the second click pressed the next step's Continue). One step per intended press: the second
// click of a multi-click is ignored, and for a moment after a step changes the buttons take no
// pointer presses (rendered below); the keyboard (a click with detail 0) always counts.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isRepeatClick, WizardNav } from "./wizard-nav";

describe("Continue: one step per press", () => {
  it("ignores the second (and third) click of a multi-click", () => {
    expect(isRepeatClick(2)).toBe(true);
    expect(isRepeatClick(3)).toBe(true);
  });

  it("takes a single click and the keyboard's Enter or Space (detail 0)", () => {
    expect(isRepeatClick(1)).toBe(false);
    expect(isRepeatClick(0)).toBe(false);
  });

  it("takes the pointer on a step it opened with", () => {
    const html = renderToStaticMarkup(
      createElement(WizardNav, {
        step: "menu",
        total: null,
        message: null,
        onBack: () => {},
        backDisabled: false,
        primary: { label: "Continue", onClick: () => {} },
      }),
    );
    expect(html).toContain(">Continue</button>");
    expect(html).not.toContain("pointer-events-none");
  });
});
