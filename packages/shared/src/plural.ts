// Counts in words: "1 adult", "2 adults", "1 child", "3 children", "1 mile", "12 miles".

const IRREGULAR: Record<string, string> = { child: "children" };

/** `n` and the noun, singular for exactly one: pluralCount(1, "adult") = "1 adult". */
export function pluralCount(n: number, singular: string, pluralForm?: string): string {
  const many = pluralForm ?? IRREGULAR[singular] ?? `${singular}s`;
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : many}`;
}
