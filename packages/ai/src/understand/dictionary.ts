// Ordinary English words (an-array-of-english-words, MIT, ~275,000 words), read only when the
// knowledge base is rebuilt after a catalog change: the menu matcher keeps just the few that are
// one typo away from a menu word ("steam" ~ "steak"), so they are not read as dishes.
let pending: Promise<readonly string[]> | undefined;

export function englishWords(): Promise<readonly string[]> {
  pending ??= import("an-array-of-english-words/index.json", { with: { type: "json" } })
    .then((m: { default: string[] }) => m.default)
    .catch((err: unknown) => {
      console.warn("[ai] English word list unavailable; typo matching runs without it", err);
      pending = undefined;
      return [];
    });
  return pending;
}
