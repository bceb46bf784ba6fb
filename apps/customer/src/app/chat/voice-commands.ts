// What a spoken request does on the page (issue 17, voice on the web), besides going to the
// assistant as a chat message: "show me vegetarian options" opens the menu filtered to that
// diet; "what's nut free" the menu with nuts kept out. Free times need nothing here: the
// assistant's answer shows them as buttons in the chat. Pure, so it is unit tested with the
// phrases a customer says.
export interface PageAction {
  /** Where to go: the menu with its filters set (menu-view.tsx reads them from the URL). */
  href: string;
  /** Said to the customer (and read aloud): what the page now shows. */
  says: string;
}

const DIETS: [RegExp, string, string][] = [
  [/\bvegan\b/, "vegan", "vegan"],
  [/\bvegetarian\b|\bveggie\b|\bmeatless\b|\bno meat\b/, "vegetarian", "vegetarian"],
  [/\bgluten[- ]?free\b|\bno gluten\b|\bceliac\b/, "gluten-free", "gluten-free"],
  [/\bdairy[- ]?free\b|\bno dairy\b|\blactose\b/, "dairy-free", "dairy-free"],
  [/\bpescatarian\b/, "pescatarian", "pescatarian"],
];

const AVOIDS: [RegExp, string, string][] = [
  [/\b(peanut|peanuts|nut|nuts)\b/, "peanuts", "peanut"],
  [/\b(nut|nuts|tree nuts?)\b/, "tree nuts", "nut"],
  [/\bshell ?fish\b|\bshrimp\b/, "shellfish", "shellfish"],
  [/\bsesame\b/, "sesame", "sesame"],
  [/\bsoy\b/, "soy", "soy"],
  [/\beggs?\b/, "egg", "egg"],
];

/** "show me / what are / do you have ... options / dishes / menu / food" */
const SHOW =
  /\b(show|see|list|view|open|what are|what's|which|do you have|any|got)\b.*\b(options?|dishes|menu|food|items?|choices|meals?|free)\b/;

export function pageActionFor(transcript: string): PageAction | null {
  const t = ` ${transcript.toLowerCase().replace(/[^a-z' -]+/g, " ")} `;
  if (!SHOW.test(t)) return null;
  const diet = DIETS.find(([re]) => re.test(t));
  const free = /\b(free|without|no|allergy|allergic)\b/.test(t);
  const avoid = free ? AVOIDS.filter(([re]) => re.test(t)) : [];
  if (!diet && avoid.length === 0) return null;
  const q = new URLSearchParams();
  if (diet) q.set("diet", diet[1]);
  for (const [, value] of avoid) q.append("avoid", value);
  const words = [diet?.[2], ...avoid.map(([, , w]) => `${w}-free`)].filter(Boolean).join(", ");
  return { href: `/menu?${q.toString()}`, says: `Showing the ${words} dishes on our menu.` };
}
