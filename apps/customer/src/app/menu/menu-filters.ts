// The menu page's filters as a link sets them (no client code: the page reads them on the
// server and the view starts from them).
import { MAJOR_ALLERGENS } from "@myhibachi/shared";

export const MENU_DIETS = ["vegetarian", "vegan", "pescatarian", "gluten-free", "dairy-free"];

/**
 * The filters a link sets (`/menu?diet=vegetarian&avoid=peanuts`: a voice command, a shared
 * link); anything not on the lists is ignored.
 */
export function menuFiltersOf(params: { diet?: unknown; avoid?: unknown }): {
  diet: string;
  avoid: string[];
} {
  const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []);
  const diet = list(params.diet).find((d) => MENU_DIETS.includes(d)) ?? "";
  const avoid = [
    ...new Set(
      list(params.avoid).filter((a): a is string =>
        (MAJOR_ALLERGENS as readonly string[]).includes(a),
      ),
    ),
  ];
  return { diet, avoid };
}
