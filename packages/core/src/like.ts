// Prisma's `contains`, `startsWith` and `endsWith` become SQL LIKE patterns without escaping:
// "%" and "_" in the text are wildcards there ("k_m" finds "Kim", "%" finds everyone). Text a
// person typed is searched as it is written.

/** `text` with LIKE's wildcards and escape character escaped, for `contains` and friends. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
