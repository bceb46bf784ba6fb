import { describe, expect, it } from "vitest";
import { detectLanguage, foldAccents, spanishDayLabel, spanishDiet } from "./language";

describe("detectLanguage", () => {
  it.each([
    "¿cuánto cuesta por persona?",
    "cuanto cuesta por persona",
    "Hola, quisiera reservar para el sábado",
    "tienen disponible el 12 de diciembre para 15 personas",
    "¿van a Fremont?",
    "cual es el minimo",
    "somos 10 adultos y 4 niños",
    "¿cuánto cuesta el lobster tail?",
    "gracias!",
    "¿Se puede cancelar?",
  ])("%s -> es", (text) => {
    expect(detectLanguage(text)).toBe("es");
  });

  it.each([
    "how much per person?",
    "gyoza how much",
    "whats the min spend",
    "do you do drinks",
    "can we book Saturday for 12 people in 95125?",
    "what's the price of the sushi platter",
    "hi",
    "is the fried rice gluten free?",
    // Spanish-looking words inside English: English still wins.
    "do you have a sake bar at the fiesta?",
  ])("%s -> en", (text) => {
    expect(detectLanguage(text)).toBe("en");
  });

  it("no evidence either way: no language (the conversation keeps its own)", () => {
    for (const text of ["95125", "12", "6pm", "ok", "👍"])
      expect(detectLanguage(text)).toBeUndefined();
  });
});

describe("spanishDiet", () => {
  it("reads dietary needs and allergies said in Spanish", () => {
    expect(spanishDiet("¿tienen opciones vegetarianas?")).toEqual(["vegetarian"]);
    expect(spanishDiet("mi hijo es alérgico a los mariscos")).toEqual(["shellfish"]);
    expect(spanishDiet("algo sin gluten")).toEqual(["gluten"]);
    expect(spanishDiet("¿tienen mariscos?")).toEqual([]);
  });
});

describe("formatting", () => {
  it("folds accents and writes Spanish dates", () => {
    expect(foldAccents("¿Cuánto? Niños")).toBe("¿cuanto? ninos");
    expect(spanishDayLabel("2026-12-12")).toBe("sábado 12 de diciembre");
  });
});
