// Word error rate, as speech recognition is scored: the words of a transcript against the words
// of what was said (both normalised: lower case, no punctuation but the apostrophe inside a word),
// counted as the fewest substitutions, deletions and insertions (a word-level Levenshtein
// distance). A corpus's WER is its total errors over its total reference words, not the mean of
// each phrase's rate.

/** Lower-case words without punctuation ("What's at 6-30?" -> ["what's", "at", "6", "30"]). */
export function normalWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? []
  );
}

export interface WordErrors {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** All three. */
  errors: number;
  /** Words of the reference. */
  words: number;
}

/** The fewest word edits turning `reference` into `hypothesis`, by kind. */
export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const r = normalWords(reference);
  const h = normalWords(hypothesis);
  // d[i][j]: edits between r[0..i) and h[0..j), with how many of each kind.
  type Cell = [total: number, sub: number, del: number, ins: number];
  let prev: Cell[] = Array.from({ length: h.length + 1 }, (_, j) => [j, 0, 0, j]);
  for (let i = 1; i <= r.length; i++) {
    const row: Cell[] = [[i, 0, i, 0]];
    for (let j = 1; j <= h.length; j++) {
      const same = r[i - 1] === h[j - 1];
      const diag = prev[j - 1]!;
      const up = prev[j]!;
      const left = row[j - 1]!;
      const options: Cell[] = [
        [diag[0] + (same ? 0 : 1), diag[1] + (same ? 0 : 1), diag[2], diag[3]],
        [up[0] + 1, up[1], up[2] + 1, up[3]],
        [left[0] + 1, left[1], left[2], left[3] + 1],
      ];
      row.push(options.reduce((a, b) => (b[0] < a[0] ? b : a)));
    }
    prev = row;
  }
  const [errors, substitutions, deletions, insertions] = prev[h.length]!;
  return { substitutions, deletions, insertions, errors, words: r.length };
}

/** Total errors over total reference words, for pairs of [reference, hypothesis]. */
export function wordErrorRate(pairs: readonly (readonly [string, string])[]): number {
  let errors = 0;
  let words = 0;
  for (const [ref, hyp] of pairs) {
    const e = wordErrors(ref, hyp);
    errors += e.errors;
    words += e.words;
  }
  return words ? errors / words : 0;
}
