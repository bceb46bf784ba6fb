// A dietary profile as the one line staff read (issue 16), apart from diet-profile.ts so the
// kitchen order (in the booking pages' first load) takes it without the ingredient table.
import type { DietaryProfile } from "./diet-profile";

/** "2 guests avoid shellfish · 1 vegetarian · likes spicy": the line staff read. */
export function profileWords(p: DietaryProfile): string {
  const who = (g: number | null) => (g === null ? "" : `${g} ${g === 1 ? "guest" : "guests"} `);
  const parts = [
    ...p.avoid.map((n) => `${who(n.guests)}avoid${n.guests === 1 ? "s" : ""} ${n.value}`.trim()),
    ...p.diets.map((n) => (n.guests === null ? n.value : `${n.guests} ${n.value}`)),
    ...p.likes.map((l) => `likes ${l}`),
  ];
  return parts.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join(" · ");
}
