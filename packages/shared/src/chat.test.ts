import { describe, expect, it } from "vitest";
import { slotButton } from "./chat";

const slot = { date: "2026-12-19", label: "5 pm", dayLabel: "Saturday, December 19" };

describe("chat free-time buttons", () => {
  it("speak English by default", () => {
    expect(slotButton(slot)).toEqual({
      label: "Hold Saturday 5 pm",
      message: "Book Saturday, December 19 at 5 pm",
    });
  });
  it("speak Spanish after a Spanish reply, with the same calendar day", () => {
    expect(slotButton(slot, "es")).toEqual({
      label: "Apartar sáb 5 pm",
      message: "Reservar el sábado 19 de diciembre a las 5 pm",
    });
  });
});
